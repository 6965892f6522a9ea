// `services`: what can be booked: duration, break after it, price in minor units.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Room } from './room.ts'
import { SpecialistService } from './specialist-service.ts'

export class Service extends BaseModel {
  static override tableName = 'services'
  static override hasUpdatedAt = true

  declare id: number
  declare name: string
  declare description: string
  declare duration_minutes: number
  declare break_minutes: number
  declare price: number
  declare active: boolean
  /** Its group on the client site (`service_categories`); null: none. */
  declare category_id: number | null
  declare created_at: Date
  declare updated_at: Date

  declare rooms?: Room[]
  declare specialist_services?: SpecialistService[]

  static override relationMappings = (): RelationMappings => ({
    rooms: {
      relation: BaseModel.ManyToManyRelation,
      modelClass: Room,
      join: {
        from: 'services.id',
        through: { from: 'service_rooms.service_id', to: 'service_rooms.room_id' },
        to: 'rooms.id',
      },
    },
    specialist_services: {
      relation: BaseModel.HasManyRelation,
      modelClass: SpecialistService,
      join: { from: 'services.id', to: 'specialist_services.service_id' },
    },
  })
}
