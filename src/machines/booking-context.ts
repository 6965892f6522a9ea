// Pure helpers of the booking machine: the initial context, and the params of its effects.
// Kept apart from the machine so the transitions read as a list of named effects.

import { cancellationOutcome } from '../domain/cancellation.ts'
import { instantToMs, priceBooking } from '../domain/pricing.ts'
import type {
  ActorRole,
  AppendHistoryParams,
  BookingContext,
  BookingInput,
  BookingMachineEvent,
  BookingMove,
  BookingSettlement,
  BookingStatus,
  InsertBookingParams,
  PackageVisitParams,
  PublishEventParams,
  PublishedEventType,
  RefundWalletParams,
  Reminder,
  SlotRef,
} from './booking-types.ts'

export const DEFAULT_REMINDER_OFFSETS_MIN: readonly number[] = [24 * 60, 2 * 60]

const MS_PER_MINUTE = 60_000

/** Who sent an event, and when. */
export interface Who {
  now: string
  by: ActorRole
  actorId?: number | null
}

/** The sender of a public event (every public event says who and when). */
export function whoOf(event: BookingMachineEvent): Who {
  if (!('by' in event)) throw new Error(`booking machine: ${event.type} carries no sender`)
  return event
}

/** An instant as `…Z`. Throws `MoneyError('invalid_time')` on anything but ISO 8601 with an offset. */
export function toUtcIso(value: string): string {
  return new Date(instantToMs(value)).toISOString()
}

/** Like `instantToMs`, but NaN instead of a throw: guards must answer, not fail (NaN compares false). */
export function msOrNaN(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN
  try {
    return instantToMs(value)
  } catch {
    return Number.NaN
  }
}

function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MS_PER_MINUTE).toISOString()
}

export function slotOf(context: BookingContext, startsAt = context.startsAt): SlotRef {
  const endsAt = plusMinutes(startsAt, context.durationMin)
  return {
    specialistId: context.specialistId,
    locationId: context.locationId,
    roomId: context.roomId,
    startsAt,
    endsAt,
    busyUntil: plusMinutes(endsAt, context.breakMin),
  }
}

/** Reminders still in the future at `now`, largest offset first; duplicate offsets collapse. */
export function remindersFor(startsAt: string, offsetsMin: readonly number[], now: string): Reminder[] {
  const startMs = Date.parse(startsAt)
  const nowMs = Date.parse(now)
  return [...new Set(offsetsMin)]
    .sort((a, b) => b - a)
    .map((offsetMin) => ({ offsetMin, atMs: startMs - offsetMin * MS_PER_MINUTE }))
    .filter((r) => r.atMs > nowMs)
    .map((r) => ({ offsetMin: r.offsetMin, at: new Date(r.atMs).toISOString() }))
}

/**
 * The initial context. Expects input that passed `validateBookingInput` (`startBooking` checks first).
 * The price is fixed here, once: discounts are judged at the moment of booking, and a package visit
 * costs no money so no discount applies to it.
 */
export function createBookingContext(input: BookingInput): BookingContext {
  const createdAt = toUtcIso(input.now)
  const base = {
    bookingId: input.bookingId,
    clientId: input.clientId,
    specialistId: input.specialistId,
    serviceId: input.serviceId,
    locationId: input.locationId,
    roomId: input.roomId ?? null,
    startsAt: toUtcIso(input.startsAt),
    durationMin: input.durationMin,
    breakMin: input.breakMin,
    basePrice: input.basePrice,
    policy: { ...input.policy },
    reminderOffsetsMin: [...(input.reminderOffsetsMin ?? DEFAULT_REMINDER_OFFSETS_MIN)],
    autoConfirm: input.autoConfirm ?? true,
    source: input.source,
    createdAt,
    createdBy: input.by,
    createdById: input.actorId ?? null,
    moves: [],
    settlement: null,
  }
  if (input.payment.method === 'package') {
    return {
      ...base,
      discount: null,
      price: 0,
      payment: { method: 'package', clientPackageId: input.payment.clientPackageId },
    }
  }
  const quote = priceBooking({
    basePrice: input.basePrice,
    serviceId: input.serviceId,
    at: createdAt,
    discounts: input.discounts ?? [],
    // Stryker disable next-line ConditionalExpression: equivalent, priceBooking reads an undefined timeZone as UTC (the spread only keeps exactOptionalPropertyTypes happy)
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  })
  return {
    ...base,
    discount: quote.discount,
    price: quote.price,
    payment: { method: input.payment.method, amount: quote.price },
  }
}

export function insertParams(context: BookingContext, status: BookingStatus): InsertBookingParams {
  return {
    bookingId: context.bookingId,
    clientId: context.clientId,
    serviceId: context.serviceId,
    ...slotOf(context),
    status,
    durationMin: context.durationMin,
    breakMin: context.breakMin,
    basePrice: context.basePrice,
    price: context.price,
    paymentMethod: context.payment.method,
    clientPackageId: context.payment.method === 'package' ? context.payment.clientPackageId : null,
    source: context.source,
    createdAt: context.createdAt,
    createdBy: context.createdBy,
    createdById: context.createdById,
  }
}

export function creator(context: BookingContext): Who {
  return { now: context.createdAt, by: context.createdBy, actorId: context.createdById }
}

export function creationDetails(context: BookingContext): Record<string, unknown> {
  return {
    startsAt: context.startsAt,
    basePrice: context.basePrice,
    discount: context.discount,
    price: context.price,
    paymentMethod: context.payment.method,
    source: context.source,
  }
}

// ---- settlements: how the booking ends, money-wise ------------------------------------------------------

type FinalStatus = BookingSettlement['status']

/** Nothing kept, the visit given back: rejections, and withdrawing a request that was never confirmed. */
export function releaseInFull(
  context: BookingContext,
  status: FinalStatus,
  who: Who,
  reason: BookingSettlement['reason'],
): BookingSettlement {
  return {
    status,
    reason,
    late: false,
    fee: 0,
    refund: context.payment.method === 'wallet' ? context.payment.amount : 0,
    packageVisit: context.payment.method === 'package' ? 'restore' : null,
    at: toUtcIso(who.now),
    by: who.by,
    actorId: who.actorId ?? null,
  }
}

/** Cancelling a confirmed booking, or a no-show: the company's policy decides (`cancellationOutcome`). */
export function policySettlement(
  context: BookingContext,
  status: 'cancelled' | 'no_show',
  who: Who,
): BookingSettlement {
  const payment = context.payment
  const outcome = cancellationOutcome({
    payment:
      payment.method === 'wallet'
        ? { method: 'wallet', amount: payment.amount }
        : payment.method === 'package'
          ? { method: 'package' }
          : { method: 'on_site' },
    startsAt: context.startsAt,
    bookedAt: context.createdAt,
    now: who.now,
    policy: context.policy,
    by: who.by,
    // Stryker disable next-line StringLiteral: equivalent, cancellationOutcome treats any kind but 'no_show' as a cancellation
    kind: status === 'no_show' ? 'no_show' : 'cancellation',
  })
  return { status, ...outcome, at: toUtcIso(who.now), by: who.by, actorId: who.actorId ?? null }
}

/** The visit happened: the money is kept, the package visit is used. */
export function completedSettlement(context: BookingContext, who: Who): BookingSettlement {
  return {
    status: 'completed',
    reason: 'completed',
    late: false,
    fee: 0,
    refund: 0,
    packageVisit: context.payment.method === 'package' ? 'consume' : null,
    at: toUtcIso(who.now),
    by: who.by,
    actorId: who.actorId ?? null,
  }
}

export function settlementOf(context: BookingContext): BookingSettlement {
  // Only reachable behind the `settled` guard or after the assign that sets it.
  if (context.settlement === null) throw new Error('booking machine: no settlement in context')
  return context.settlement
}

export function settlementDetails(
  context: BookingContext,
  reason: string | undefined,
): Record<string, unknown> {
  const s = settlementOf(context)
  return {
    reason: reason ?? null,
    outcome: s.reason,
    late: s.late,
    fee: s.fee,
    refund: s.refund,
    packageVisit: s.packageVisit,
  }
}

// ---- effect params ----------------------------------------------------------------------------------------

export function history(
  context: BookingContext,
  event: AppendHistoryParams['event'],
  from: BookingStatus | null,
  to: BookingStatus,
  who: Who,
  details: Record<string, unknown> = {},
): AppendHistoryParams {
  return {
    bookingId: context.bookingId,
    event,
    from,
    to,
    at: toUtcIso(who.now),
    by: who.by,
    actorId: who.actorId ?? null,
    details,
  }
}

export function published(
  context: BookingContext,
  type: PublishedEventType,
  status: BookingStatus,
  at: string,
  previousStartsAt?: string,
): PublishEventParams {
  return {
    type,
    bookingId: context.bookingId,
    clientId: context.clientId,
    specialistId: context.specialistId,
    locationId: context.locationId,
    status,
    startsAt: context.startsAt,
    at: toUtcIso(at),
    ...(previousStartsAt === undefined ? {} : { previousStartsAt }),
  }
}

export function packageVisit(context: BookingContext): PackageVisitParams {
  // Only reachable in the package states of the payment region.
  if (context.payment.method !== 'package') throw new Error('booking machine: not a package booking')
  return {
    bookingId: context.bookingId,
    clientId: context.clientId,
    clientPackageId: context.payment.clientPackageId,
    serviceId: context.serviceId,
  }
}

export function refundParams(context: BookingContext): RefundWalletParams {
  const s = settlementOf(context)
  return { bookingId: context.bookingId, clientId: context.clientId, amount: s.refund, reason: s.reason }
}

export function lastMove(context: BookingContext): BookingMove {
  // Only reachable right after `recordMove`.
  const move = context.moves.at(-1)
  if (move === undefined) throw new Error('booking machine: no move recorded')
  return move
}

export function moveDetails(context: BookingContext): Record<string, unknown> {
  const move = lastMove(context)
  return {
    fromStartsAt: move.from,
    toStartsAt: move.to,
    ...(move.toSpecialistId === undefined
      ? {}
      : { fromSpecialistId: move.fromSpecialistId, toSpecialistId: move.toSpecialistId }),
  }
}

/** `booking.rescheduled`, saying where from (the start, and the specialist when that changed). */
export function rescheduled(context: BookingContext, status: BookingStatus, at: string): PublishEventParams {
  const move = lastMove(context)
  return {
    ...published(context, 'booking.rescheduled', status, at, move.from),
    ...(move.fromSpecialistId === undefined ? {} : { previousSpecialistId: move.fromSpecialistId }),
  }
}
