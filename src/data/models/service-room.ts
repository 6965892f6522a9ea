// `service_rooms`: which rooms a service can use; a service with no rows needs no room.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Room } from './room.ts'
import { Service } from './service.ts'

export class ServiceRoom extends BaseModel {
  static override tableName = 'service_rooms'
  static override idColumn = ['service_id', 'room_id']

  declare service_id: number
  declare room_id: number

  declare service?: Service
  declare room?: Room

  static override relationMappings = (): RelationMappings => ({
    service: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'service_rooms.service_id', to: 'services.id' },
    },
    room: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Room,
      join: { from: 'service_rooms.room_id', to: 'rooms.id' },
    },
  })
}
