// `calendar_overrides`: a date range of a location, a specialist or a room that is closed, blocked
// for some intervals, or opened with its own hours.
import type { RelationMappings } from 'objection'
import type { TimeInterval } from '../../domain/schedule.ts'
import { BaseModel } from './base-model.ts'
import { Location } from './location.ts'
import { Room } from './room.ts'
import { Specialist } from './specialist.ts'

export type OverrideKind = 'closed' | 'blocked' | 'open'

export class CalendarOverride extends BaseModel {
  static override tableName = 'calendar_overrides'
  static override jsonAttributes = ['intervals']

  declare id: number
  declare location_id: number | null
  declare specialist_id: number | null
  declare room_id: number | null
  declare date_from: string
  declare date_to: string
  declare kind: OverrideKind
  declare intervals: TimeInterval[]
  declare reason: string
  declare created_by: number | null
  declare created_at: Date

  declare location?: Location | null
  declare specialist?: Specialist | null
  declare room?: Room | null

  static override relationMappings = (): RelationMappings => ({
    location: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Location,
      join: { from: 'calendar_overrides.location_id', to: 'locations.id' },
    },
    specialist: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Specialist,
      join: { from: 'calendar_overrides.specialist_id', to: 'specialists.id' },
    },
    room: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Room,
      join: { from: 'calendar_overrides.room_id', to: 'rooms.id' },
    },
  })
}
