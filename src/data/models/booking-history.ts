// `booking_history`: the audit log of every machine transition of a booking.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Booking } from './booking.ts'
import { User } from './user.ts'

export class BookingHistory extends BaseModel {
  static override tableName = 'booking_history'
  static override jsonAttributes = ['data']

  declare id: number
  declare booking_id: number
  declare actor_user_id: number | null
  declare at: Date
  declare from_state: string | null
  declare to_state: string
  declare event: string
  declare reason: string
  declare data: Record<string, unknown>

  declare booking?: Booking
  declare actor?: User | null

  static override relationMappings = (): RelationMappings => ({
    booking: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Booking,
      join: { from: 'booking_history.booking_id', to: 'bookings.id' },
    },
    actor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'booking_history.actor_user_id', to: 'users.id' },
    },
  })
}
