// `booking_discounts`: which personal discount applied to which booking, and by how much.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { Booking } from './booking.ts'
import { ClientDiscount } from './client-discount.ts'

export class BookingDiscount extends BaseModel {
  static override tableName = 'booking_discounts'

  declare id: number
  declare booking_id: number
  declare client_discount_id: number | null
  declare amount: number

  declare booking?: Booking
  declare client_discount?: ClientDiscount | null

  static override relationMappings = (): RelationMappings => ({
    booking: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Booking,
      join: { from: 'booking_discounts.booking_id', to: 'bookings.id' },
    },
    client_discount: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ClientDiscount,
      join: { from: 'booking_discounts.client_discount_id', to: 'client_discounts.id' },
    },
  })
}
