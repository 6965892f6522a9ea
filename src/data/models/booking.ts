// `bookings`: duration and break are copied at creation, and the exclusion constraints of the
// schema make a double booking impossible whatever the application does.
import type { RelationMappings } from 'objection'
import { BaseModel } from './base-model.ts'
import { BookingDiscount } from './booking-discount.ts'
import { BookingHistory } from './booking-history.ts'
import { ClientPackage } from './client-package.ts'
import { Location } from './location.ts'
import { Room } from './room.ts'
import { Service } from './service.ts'
import { Specialist } from './specialist.ts'
import { User } from './user.ts'

export type BookingStatusName = 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'

export class Booking extends BaseModel {
  static override tableName = 'bookings'
  static override jsonAttributes = ['machine_snapshot']
  static override hasUpdatedAt = true

  declare id: number
  declare client_id: number
  declare specialist_id: number
  declare service_id: number
  declare location_id: number
  declare room_id: number | null
  declare starts_at: Date
  declare duration_minutes: number
  declare break_minutes: number
  declare ends_at: Date
  declare busy_until: Date
  declare status: BookingStatusName
  declare price: number
  declare base_price: number
  declare payment_method: 'package' | 'wallet' | 'on_site'
  declare client_package_id: number | null
  declare machine_snapshot: Record<string, unknown>
  declare machine_version: number
  declare source: 'web' | 'telegram' | 'api' | 'admin'
  declare out_of_hours: boolean
  declare chain_id: string | null
  declare notes: string
  declare intent_id: number | null
  declare created_by: number | null
  declare created_at: Date
  declare updated_at: Date
  declare cancelled_at: Date | null

  declare client?: User
  declare specialist?: Specialist
  declare service?: Service
  declare location?: Location
  declare room?: Room | null
  declare client_package?: ClientPackage | null
  declare discounts?: BookingDiscount[]
  declare history?: BookingHistory[]

  static override relationMappings = (): RelationMappings => ({
    client: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'bookings.client_id', to: 'users.id' },
    },
    specialist: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Specialist,
      join: { from: 'bookings.specialist_id', to: 'specialists.id' },
    },
    service: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Service,
      join: { from: 'bookings.service_id', to: 'services.id' },
    },
    location: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Location,
      join: { from: 'bookings.location_id', to: 'locations.id' },
    },
    room: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Room,
      join: { from: 'bookings.room_id', to: 'rooms.id' },
    },
    client_package: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ClientPackage,
      join: { from: 'bookings.client_package_id', to: 'client_packages.id' },
    },
    discounts: {
      relation: BaseModel.HasManyRelation,
      modelClass: BookingDiscount,
      join: { from: 'bookings.id', to: 'booking_discounts.booking_id' },
    },
    history: {
      relation: BaseModel.HasManyRelation,
      modelClass: BookingHistory,
      join: { from: 'bookings.id', to: 'booking_history.booking_id' },
    },
  })
}
