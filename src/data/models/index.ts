// Every Objection model of the schema. Nothing here binds a model to a connection globally:
// repositories pass their knex (or transaction) to each query, e.g. `Location.query(trx ?? db)`.
import { Booking } from './booking.ts'
import { BookingDiscount } from './booking-discount.ts'
import { BookingHistory } from './booking-history.ts'
import { CalendarOverride } from './calendar-override.ts'
import { ClientDiscount } from './client-discount.ts'
import { ClientPackage } from './client-package.ts'
import { ClientPackageItem } from './client-package-item.ts'
import { ClientWallet } from './client-wallet.ts'
import { Company } from './company.ts'
import { Intent } from './intent.ts'
import { Location } from './location.ts'
import { PushSubscription } from './push-subscription.ts'
import { Room } from './room.ts'
import { Service } from './service.ts'
import { ServicePackage } from './service-package.ts'
import { ServiceRoom } from './service-room.ts'
import { Specialist } from './specialist.ts'
import { SpecialistService } from './specialist-service.ts'
import { User } from './user.ts'
import { UserRole } from './user-role.ts'
import { WalletTransaction } from './wallet-transaction.ts'

export { BaseModel } from './base-model.ts'
export type { BookingStatusName } from './booking.ts'
export type { OverrideKind } from './calendar-override.ts'
export type { IntentKind, IntentStatus } from './intent.ts'
export type { PackageComposition, PackageItem } from './service-package.ts'
export type { RoleName } from './user-role.ts'
export type { WalletTransactionKind } from './wallet-transaction.ts'
export {
  Booking,
  BookingDiscount,
  BookingHistory,
  CalendarOverride,
  ClientDiscount,
  ClientPackage,
  ClientPackageItem,
  ClientWallet,
  Company,
  Intent,
  Location,
  PushSubscription,
  Room,
  Service,
  ServicePackage,
  ServiceRoom,
  Specialist,
  SpecialistService,
  User,
  UserRole,
  WalletTransaction,
}
