// What a cancellation or a no-show does to the money: refund, fee, package visit restored or consumed.
// Pure: the caller passes `now`; the booking machine calls this from its transitions.

import {
  type Money,
  MoneyError,
  applyPercent,
  assertMoney,
  percentToBasisPoints,
  subtractMoney,
} from './money.ts'
import { instantToMs } from './pricing.ts'

/** The company's cancellation settings (`company.settings`). */
export interface CancellationPolicy {
  /** A client may cancel for free until this many hours before the start (inclusive). May be fractional. */
  free_cancellation_hours: number
  /** Part of the price kept on a late cancellation or a no-show: a percentage 0..100, ≤ 2 decimals. */
  late_cancellation_fee_percent: number
  /** Whether a late cancellation or a no-show uses up the package visit (else it is given back). */
  late_cancellation_consumes_visit: boolean
  /**
   * For this many minutes after booking a client may cancel for free even inside the late window, so
   * a slip of the finger on a same-day booking costs nothing; the grace ends at the start at the
   * latest. Missing means 0: bookings made before the setting existed keep the terms they had.
   */
  cancellation_grace_minutes?: number
}

/** Who asks. Anything but the client is the business (or the system acting for it). */
export type ActorRole = 'client' | 'admin' | 'specialist' | 'system'

/** How the booking was paid, as far as a cancellation is concerned. */
export type CancellationPayment =
  | { method: 'wallet'; /** What was debited from the wallet for this booking. */ amount: Money }
  | { method: 'package' }
  | { method: 'on_site' }
  /** Nothing to collect (a free booking). */
  | { method: 'none' }

export interface CancellationInput {
  payment: CancellationPayment
  startsAt: Date | string
  now: Date | string
  policy: CancellationPolicy
  /** When the booking was made: the grace period counts from it. Without it there is no grace. */
  bookedAt?: Date | string
  by: ActorRole
  /** `no_show` is judged as a late cancellation whoever records it. Default `cancellation`. */
  kind?: 'cancellation' | 'no_show'
}

export interface CancellationOutcome {
  /**
   * Why the outcome is what it is: `free_window` (the client cancelled in time), `grace_period` (late,
   * but within the grace after booking), `by_business` (an admin, a specialist or the system
   * cancelled: never the client's fault), `late` or `no_show`.
   */
  reason: 'free_window' | 'grace_period' | 'by_business' | 'late' | 'no_show'
  /** True when the late-cancellation policy applied (`late` or `no_show`). */
  late: boolean
  /** Kept from the wallet prepayment. Only a prepayment can be kept: no fee is collected on "pay on site". */
  fee: Money
  /** Given back to the wallet: `amount − fee` (0 unless paid from the wallet). */
  refund: Money
  /** What happens to a package visit; null when the booking was not paid with a package. */
  packageVisit: 'restore' | 'consume' | null
}

const MS_PER_HOUR = 3_600_000
const MS_PER_MINUTE = 60_000

/** Validates a policy, throwing `MoneyError('invalid_policy')`; returns it for chaining. */
export function assertCancellationPolicy(policy: CancellationPolicy): CancellationPolicy {
  const hours = policy.free_cancellation_hours
  if (
    !Number.isFinite(hours) ||
    // Stryker disable next-line ConditionalExpression: equivalent, Number.isFinite is false for any non-number (it never coerces); typeof narrows the type
    typeof hours !== 'number' ||
    hours < 0
  ) {
    throw new MoneyError(
      'invalid_policy',
      `free_cancellation_hours must be a non-negative number, got ${hours}`,
    )
  }
  try {
    percentToBasisPoints(policy.late_cancellation_fee_percent, 'late_cancellation_fee_percent')
  } catch (error) {
    throw new MoneyError('invalid_policy', (error as Error).message)
  }
  if (typeof policy.late_cancellation_consumes_visit !== 'boolean') {
    throw new MoneyError('invalid_policy', 'late_cancellation_consumes_visit must be a boolean')
  }
  const grace = policy.cancellation_grace_minutes
  if (grace !== undefined && !(Number.isSafeInteger(grace) && grace >= 0)) {
    throw new MoneyError(
      'invalid_policy',
      `cancellation_grace_minutes must be a non-negative whole number, got ${String(grace)}`,
    )
  }
  return policy
}

/** The last moment (ms) of the free window alone: `free_cancellation_hours` before the start. */
function freeWindowEnd(startMs: number, policy: CancellationPolicy): number {
  return startMs - Math.round(policy.free_cancellation_hours * MS_PER_HOUR)
}

/** The last moment (ms) of the grace after booking: never past the start; null without one. */
function graceEnd(startMs: number, bookedAt: Date | string | undefined, policy: CancellationPolicy) {
  const grace = policy.cancellation_grace_minutes ?? 0
  if (bookedAt === undefined || grace === 0) return null
  return Math.min(instantToMs(bookedAt, 'bookedAt') + grace * MS_PER_MINUTE, startMs)
}

/**
 * Until when (ms since the epoch, inclusive) a client cancels a booking for free: the end of the free
 * window, or of the grace after booking when that is later.
 */
export function freeCancellationUntil(
  startsAt: Date | string,
  bookedAt: Date | string | undefined,
  policy: CancellationPolicy,
): number {
  const startMs = instantToMs(startsAt, 'startsAt')
  return Math.max(freeWindowEnd(startMs, policy), graceEnd(startMs, bookedAt, policy) ?? -Infinity)
}

/**
 * Whether cancelling at `now` is late: fewer than `free_cancellation_hours` remain before the start,
 * and the grace after booking (when `bookedAt` is given) is over. Exactly at either boundary is still
 * free ("up to 24 h before" includes 24 h before).
 */
export function isLateCancellation(
  startsAt: Date | string,
  now: Date | string,
  policy: CancellationPolicy,
  bookedAt?: Date | string,
): boolean {
  return instantToMs(now, 'now') > freeCancellationUntil(startsAt, bookedAt, policy)
}

function clientReason(
  input: CancellationInput,
  policy: CancellationPolicy,
): 'free_window' | 'grace_period' | 'late' {
  const startMs = instantToMs(input.startsAt, 'startsAt')
  const nowMs = instantToMs(input.now, 'now')
  if (nowMs <= freeWindowEnd(startMs, policy)) return 'free_window'
  const grace = graceEnd(startMs, input.bookedAt, policy)
  return grace !== null && nowMs <= grace ? 'grace_period' : 'late'
}

/**
 * The outcome of cancelling a booking (or of a no-show).
 *
 * - Cancelled by the business (admin, specialist, system): full refund, visit restored, whatever the time.
 * - Cancelled by the client inside the free window, or within the grace after booking: the same.
 * - Late, or a no-show: the fee is `late_cancellation_fee_percent` of the wallet amount, rounded half up
 *   to the kopeck (`applyPercent`); the refund is the rest. The package visit is consumed or restored as
 *   `late_cancellation_consumes_visit` says.
 */
export function cancellationOutcome(input: CancellationInput): CancellationOutcome {
  const policy = assertCancellationPolicy(input.policy)
  // Stryker disable next-line StringLiteral: equivalent, any kind but 'no_show' is a cancellation
  const kind = input.kind ?? 'cancellation'
  const reason: CancellationOutcome['reason'] =
    kind === 'no_show' ? 'no_show' : input.by !== 'client' ? 'by_business' : clientReason(input, policy)
  const late = reason === 'late' || reason === 'no_show'
  const payment = input.payment

  switch (payment.method) {
    case 'wallet': {
      const amount = assertMoney(payment.amount, 'wallet amount')
      const fee = late ? applyPercent(amount, policy.late_cancellation_fee_percent) : 0
      return { reason, late, fee, refund: subtractMoney(amount, fee), packageVisit: null }
    }
    case 'package':
      return {
        reason,
        late,
        fee: 0,
        refund: 0,
        packageVisit: late && policy.late_cancellation_consumes_visit ? 'consume' : 'restore',
      }
    case 'on_site':
    case 'none':
      return { reason, late, fee: 0, refund: 0, packageVisit: null }
  }
}

/** A no-show is judged as a late cancellation. */
export function noShowOutcome(input: Omit<CancellationInput, 'kind' | 'by'>): CancellationOutcome {
  // Stryker disable next-line StringLiteral: equivalent, a no-show is judged the same whoever records it (the sender is only read for a cancellation)
  return cancellationOutcome({ ...input, by: 'system', kind: 'no_show' })
}
