// The data of the booking machine: its input, context, events and the effects it asks the worker for.
// Everything here is plain JSON-serialisable data; times are ISO 8601 strings in UTC (`…Z`).

import type { ActorRole, CancellationOutcome, CancellationPolicy } from '../domain/cancellation.ts'
import type { Money } from '../domain/money.ts'
import type { AppliedDiscount, PersonalDiscount } from '../domain/pricing.ts'

export type { ActorRole } from '../domain/cancellation.ts'

/** The booking's lifecycle status, as stored in `bookings.status`. */
export type BookingStatus = 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'

export const FINAL_BOOKING_STATUSES: readonly BookingStatus[] = [
  'completed',
  'cancelled',
  'no_show',
  'rejected',
]

/** The payment region's state. */
export type PaymentState =
  | 'pending'
  | 'package_reserved'
  | 'package_consumed'
  | 'package_restored'
  | 'wallet_debited'
  | 'wallet_captured'
  | 'wallet_refunded'
  | 'wallet_partially_refunded'
  | 'on_site'
  | 'free'
  | 'closed'

/** How the client pays, as chosen by the worker (it resolves `"auto"` before starting the machine). */
export type PaymentChoice =
  | { method: 'wallet' }
  | { method: 'package'; /** The `client_packages` row whose visit is used. */ clientPackageId: number }
  | { method: 'on_site' }

export type PaymentMethod = PaymentChoice['method']

/** What `startBooking` needs. The worker reserves `bookingId` first (`nextval`) so effects can name it. */
export interface BookingInput {
  bookingId: number
  clientId: number
  specialistId: number
  serviceId: number
  locationId: number
  /** The room the booking holds; null when the service needs none. */
  roomId?: number | null
  /** ISO 8601 with an offset. */
  startsAt: string
  /** Copied at creation (later service edits do not move existing bookings). Whole minutes, > 0. */
  durationMin: number
  /** Buffer after the booking, copied at creation. Whole minutes, ≥ 0. */
  breakMin: number
  /** The service's (or the specialist's own) price in minor units, before discounts. */
  basePrice: Money
  /** The client's personal discounts; the best applicable one is applied (not to package visits). */
  discounts?: readonly PersonalDiscount[]
  /** The location's IANA zone, for date-only discount validity bounds. Default `UTC`. */
  timeZone?: string
  payment: PaymentChoice
  /** The company's policy at booking time: the terms the client accepted travel with the booking. */
  policy: CancellationPolicy
  /** Minutes before the start at which reminders go out. Default `[1440, 120]` (24 h and 2 h). */
  reminderOffsetsMin?: readonly number[]
  /** Confirm at once (the default). False leaves the booking `requested` until an admin confirms it. */
  autoConfirm?: boolean
  /** The channel the booking came from: `web`, `telegram`, `admin`, … */
  source: string
  /** ISO 8601 with an offset: the moment of creation (also when discount validity is judged). */
  now: string
  by: ActorRole
  actorId?: number | null
}

/** The payment as the machine keeps it. `amount` is what was (or will be) taken in money. */
export type BookingPayment =
  | { method: 'wallet'; amount: Money }
  | { method: 'package'; clientPackageId: number }
  | { method: 'on_site'; amount: Money }

export interface BookingMove {
  from: string
  to: string
  at: string
  by: ActorRole
  actorId: number | null
  /** Only on a move to another specialist (an admin's): who had it, and who has it now. */
  fromSpecialistId?: number
  toSpecialistId?: number
}

/**
 * How the booking ended, money-wise. Set on the transition into a final status; the payment region
 * reads it to pick its final state. `reason` is a cancellation's reason, or `completed`.
 */
export interface BookingSettlement extends Omit<CancellationOutcome, 'reason'> {
  status: Exclude<BookingStatus, 'requested' | 'confirmed'>
  reason: CancellationOutcome['reason'] | 'completed'
  at: string
  by: ActorRole
  actorId: number | null
}

/** An admin's correction of a mark (completed ↔ no-show, or either to cancelled). */
export interface BookingCorrection {
  from: BookingSettlement['status']
  to: BookingSettlement['status']
  at: string
  by: ActorRole
  actorId: number | null
  /** The settlement it replaced; the money moves by the difference. */
  previous: BookingSettlement
}

export interface BookingContext {
  bookingId: number
  clientId: number
  specialistId: number
  serviceId: number
  locationId: number
  roomId: number | null
  startsAt: string
  durationMin: number
  breakMin: number
  basePrice: Money
  discount: AppliedDiscount | null
  /** Money the client pays for this booking: `basePrice − discount`, or 0 for a package visit. */
  price: Money
  payment: BookingPayment
  policy: CancellationPolicy
  reminderOffsetsMin: number[]
  autoConfirm: boolean
  source: string
  createdAt: string
  createdBy: ActorRole
  createdById: number | null
  moves: BookingMove[]
  settlement: BookingSettlement | null
  /** Corrections of a completed or no-show mark, oldest first (absent before the first). */
  corrections?: BookingCorrection[]
}

interface EventBase {
  /** ISO 8601 with an offset. The machine never reads the clock. */
  now: string
  by: ActorRole
  actorId?: number | null
}

/** The events the outside world sends (the worker, on behalf of an intent). */
export type BookingEvent =
  | ({ type: 'CONFIRM' } & EventBase)
  | ({ type: 'REJECT'; reason?: string } & EventBase)
  | ({
      type: 'RESCHEDULE'
      /** The new start, ISO 8601 with an offset. */
      startsAt: string
      /** Another specialist to move it to (an admin's move; the worker has checked them). */
      specialistId?: number
    } & EventBase)
  | ({ type: 'CANCEL'; reason?: string } & EventBase)
  | ({ type: 'COMPLETE' } & EventBase)
  | ({ type: 'NO_SHOW' } & EventBase)

export type BookingEventType = BookingEvent['type']

export const BOOKING_EVENT_TYPES: readonly BookingEventType[] = [
  'CONFIRM',
  'REJECT',
  'RESCHEDULE',
  'CANCEL',
  'COMPLETE',
  'NO_SHOW',
]

/** Raised by the lifecycle region for the payment region; never accepted from outside (`stepBooking`). */
export interface PaymentSettleEvent {
  type: 'payment.settle'
}

export type BookingMachineEvent = BookingEvent | PaymentSettleEvent

// ---- effects: the actions the worker carries out --------------------------------------------------------

/** Where a booking sits in time and in the grids: enough for the worker to pick the days to recalc. */
export interface SlotRef {
  specialistId: number
  locationId: number
  roomId: number | null
  startsAt: string
  /** `startsAt + durationMin`. */
  endsAt: string
  /** `endsAt + breakMin`: the specialist is busy until then. */
  busyUntil: string
}

export interface InsertBookingParams extends SlotRef {
  bookingId: number
  clientId: number
  serviceId: number
  status: BookingStatus
  durationMin: number
  breakMin: number
  basePrice: Money
  price: Money
  paymentMethod: PaymentMethod
  clientPackageId: number | null
  source: string
  createdAt: string
  createdBy: ActorRole
  createdById: number | null
}

export interface RecordDiscountParams {
  bookingId: number
  clientId: number
  discountId: number
  amount: Money
}

export interface SetStatusParams {
  bookingId: number
  from: BookingStatus
  to: BookingStatus
}

export interface MoveBookingParams {
  bookingId: number
  from: SlotRef
  to: SlotRef
}

export interface ReleaseSlotParams extends SlotRef {
  bookingId: number
}

export interface WalletParams {
  bookingId: number
  clientId: number
  amount: Money
}

export interface RefundWalletParams extends WalletParams {
  reason: BookingSettlement['reason']
}

export interface PackageVisitParams {
  bookingId: number
  clientId: number
  clientPackageId: number
  serviceId: number
}

export type HistoryEventName = 'created' | BookingEventType

export interface AppendHistoryParams {
  bookingId: number
  event: HistoryEventName
  from: BookingStatus | null
  to: BookingStatus
  at: string
  by: ActorRole
  actorId: number | null
  details: Record<string, unknown>
}

export interface Reminder {
  offsetMin: number
  /** When to send it: `startsAt − offsetMin`. Only future reminders are listed. */
  at: string
}

export interface ScheduleRemindersParams {
  bookingId: number
  startsAt: string
  reminders: Reminder[]
}

export interface RemoveRemindersParams {
  bookingId: number
}

export type PublishedEventType =
  | 'booking.created'
  | 'booking.confirmed'
  | 'booking.rejected'
  | 'booking.rescheduled'
  | 'booking.cancelled'
  | 'booking.completed'
  | 'booking.no_show'

export interface PublishEventParams {
  type: PublishedEventType
  bookingId: number
  clientId: number
  specialistId: number
  locationId: number
  status: BookingStatus
  startsAt: string
  at: string
  /** Only on `booking.rescheduled`. */
  previousStartsAt?: string
  /** Only on `booking.rescheduled` to another specialist: the one who had it. */
  previousSpecialistId?: number
}

/** Every effect by name with its params, and what the worker does for it. */
export interface BookingActionParams {
  /** Insert the `bookings` row with duration and break copied; the grid of its day changes. */
  insertBooking: InsertBookingParams
  /** Insert the `booking_discounts` row. Only when a discount was applied. */
  recordDiscount: RecordDiscountParams
  /** Update `bookings.status` (a cancelled/rejected booking must stop counting in the overlap constraint). */
  setStatus: SetStatusParams
  /** Update start/end; if the new slot is taken the transaction fails and the old booking stays. */
  moveBooking: MoveBookingParams
  /** The slot is free again: rebuild its day's grid. On cancel, reject, and move (the old slot). */
  releaseSlot: ReleaseSlotParams
  /** A `payment` wallet transaction of −amount; an insufficient balance fails the transaction (402). */
  debitWallet: WalletParams
  /** A `refund` wallet transaction of +amount (0 < amount ≤ the debit). */
  refundWallet: RefundWalletParams
  /** Take one visit of the service from the client package (remaining − 1). */
  reservePackageVisit: PackageVisitParams
  /** The reserved visit is used for good (the count already went down at reservation; record it). */
  consumePackageVisit: PackageVisitParams
  /** Give the reserved visit back (remaining + 1). */
  restorePackageVisit: PackageVisitParams
  /** Insert a booking history row. Exactly one per accepted event (and one at creation). */
  appendHistory: AppendHistoryParams
  /** Add delayed reminder jobs (deterministic ids from booking id + offset + start), after commit. */
  scheduleReminders: ScheduleRemindersParams
  /** Remove the booking's pending reminder jobs, after commit. */
  removeReminders: RemoveRemindersParams
  /** Publish the booking event (Redis Pub/Sub or an outbox), after commit. */
  publishEvent: PublishEventParams
}

export type BookingActionType = keyof BookingActionParams

/** An effect as data: what the worker iterates over. */
export type BookingAction = {
  [K in BookingActionType]: { type: K; params: BookingActionParams[K] }
}[BookingActionType]

/**
 * Where each effect belongs. `db` effects run inside the transaction that persists the snapshot;
 * `after_commit` effects touch Redis/BullMQ and run once the transaction has committed (or go through an
 * outbox), so a rolled-back transaction never leaves a reminder or a notification behind.
 */
export const BOOKING_ACTION_PHASE: Readonly<Record<BookingActionType, 'db' | 'after_commit'>> = {
  insertBooking: 'db',
  recordDiscount: 'db',
  setStatus: 'db',
  moveBooking: 'db',
  releaseSlot: 'after_commit',
  debitWallet: 'db',
  refundWallet: 'db',
  reservePackageVisit: 'db',
  consumePackageVisit: 'db',
  restorePackageVisit: 'db',
  appendHistory: 'db',
  scheduleReminders: 'after_commit',
  removeReminders: 'after_commit',
  publishEvent: 'after_commit',
}
