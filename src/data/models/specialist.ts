// `specialists`: a user who performs services at one location on a weekly schedule.
import type { RelationMappings } from 'objection'
import type { WeeklySchedule } from '../../domain/schedule.ts'
import { BaseModel } from './base-model.ts'
import { CalendarOverride } from './calendar-override.ts'
import { Location } from './location.ts'
import { SpecialistService } from './specialist-service.ts'
import { User } from './user.ts'

export class Specialist extends BaseModel {
  static override tableName = 'specialists'
  static override jsonAttributes = ['work_schedule']
  static override hasUpdatedAt = true

  declare id: number
  declare user_id: number
  declare location_id: number
  declare title: string
  declare work_schedule: WeeklySchedule
  declare active: boolean
  declare created_at: Date
  declare updated_at: Date

  declare user?: User
  declare location?: Location
  declare services?: SpecialistService[]
  declare overrides?: CalendarOverride[]

  static override relationMappings = (): RelationMappings => ({
    user: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'specialists.user_id', to: 'users.id' },
    },
    location: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Location,
      join: { from: 'specialists.location_id', to: 'locations.id' },
    },
    services: {
      relation: BaseModel.HasManyRelation,
      modelClass: SpecialistService,
      join: { from: 'specialists.id', to: 'specialist_services.specialist_id' },
    },
    overrides: {
      relation: BaseModel.HasManyRelation,
      modelClass: CalendarOverride,
      join: { from: 'specialists.id', to: 'calendar_overrides.specialist_id' },
    },
  })
}
