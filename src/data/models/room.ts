// `rooms`: a room of a location, which services may require.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Location } from './location.ts'
import { Service } from './service.ts'

export class Room extends BaseModel {
  static override tableName = 'rooms'

  declare id: number
  declare location_id: number
  declare name: string
  declare active: boolean

  declare location?: Location
  declare services?: Service[]

  static override relationMappings = (): RelationMappings => ({
    location: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Location,
      join: { from: 'rooms.location_id', to: 'locations.id' },
    },
    services: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Service,
      join: {
        from: 'rooms.id',
        through: { from: 'service_rooms.room_id', to: 'service_rooms.service_id' },
        to: 'services.id',
      },
    },
  })
}
