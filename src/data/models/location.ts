// `locations`: an address with its IANA time zone and weekly schedule.
import type { RelationMappings } from 'objection'
import type { WeeklySchedule } from '../../domain/schedule.ts'
import { BaseModel } from './base-model.ts'
import { CalendarOverride } from './calendar-override.ts'
import { Room } from './room.ts'
import { Specialist } from './specialist.ts'

export class Location extends BaseModel {
  static override tableName = 'locations'
  static override jsonAttributes = ['work_schedule']
  static override hasUpdatedAt = true

  declare id: number
  declare name: string
  declare address: string
  declare timezone: string
  declare work_schedule: WeeklySchedule
  declare active: boolean
  declare created_at: Date
  declare updated_at: Date

  declare rooms?: Room[]
  declare specialists?: Specialist[]
  declare overrides?: CalendarOverride[]

  static override relationMappings = (): RelationMappings => ({
    rooms: {
      relation: BaseModel.HasManyRelation,
      modelClass: Room,
      join: { from: 'locations.id', to: 'rooms.location_id' },
    },
    specialists: {
      relation: BaseModel.HasManyRelation,
      modelClass: Specialist,
      join: { from: 'locations.id', to: 'specialists.location_id' },
    },
    overrides: {
      relation: BaseModel.HasManyRelation,
      modelClass: CalendarOverride,
      join: { from: 'locations.id', to: 'calendar_overrides.location_id' },
    },
  })
}
