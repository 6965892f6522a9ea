// The cancellation terms of one booking and how a cancellation was settled, as structured fields and
// as the English sentences the API gives with them. Every word about cancellation money lives here,
// so a channel that speaks another language can build its own sentence from the same fields.
import { DateTime } from 'luxon'
import { type CancellationOutcome, type CancellationPolicy, freeCancellationUntil } from './cancellation.ts'
import { type Money, applyPercent } from './money.ts'
import { formatMoney } from './money-format.ts'
import { instantToMs } from './pricing.ts'

/** What the client accepted at booking time, as it applies to this booking's payment. */
export interface CancellationTerms {
  /** Until this moment (inclusive, ISO 8601 with the location's offset) a client cancels for free. */
  free_until: string
  /** Share of the prepayment kept after `free_until`; 0 when nothing can be kept (package, on site). */
  late_fee_percent: number
  /** That share in minor units. */
  late_fee: Money
  /** Whether cancelling after `free_until` (or not coming) uses up the package visit. */
  consumes_visit: boolean
  text: string
}

export interface TermsInput {
  policy: CancellationPolicy
  startsAt: string | Date
  bookedAt: string | Date
  /** `amount`: what was (or will be) taken in money; only a wallet payment can be kept. */
  payment: { method: string; amount: Money }
  timeZone: string
  currency: string
}

/** How a booking ended, money-wise (the machine's settlement, or a part of it). */
export interface SettlementFacts {
  status: string
  reason: CancellationOutcome['reason'] | 'completed'
  fee: Money
  refund: Money
  packageVisit: 'restore' | 'consume' | null
}

export interface SettlementSummary {
  reason: SettlementFacts['reason']
  /** Given back to the wallet, minor units. */
  refund: Money
  /** Kept from the wallet payment, minor units. */
  fee: Money
  /** A package visit was given back. */
  visit_restored: boolean
  text: string
}

const when = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setLocale('en')
const shortTime = (ms: number, zone: string) => when(ms, zone).toFormat('d LLL HH:mm')
const hours = (h: number) => `${h} h`
const minutes = (m: number) => (m === 1 ? '1 minute' : `${m} minutes`)

export function cancellationTerms(a: TermsInput): CancellationTerms {
  const startMs = instantToMs(a.startsAt, 'startsAt')
  const bookedMs = instantToMs(a.bookedAt, 'bookedAt')
  const untilMs = freeCancellationUntil(a.startsAt, a.bookedAt, a.policy)
  const wallet = a.payment.method === 'wallet' && a.payment.amount > 0
  const percent = wallet ? a.policy.late_cancellation_fee_percent : 0
  const lateFee = wallet ? applyPercent(a.payment.amount, percent) : 0
  const consumes = a.payment.method === 'package' && a.policy.late_cancellation_consumes_visit
  const terms = {
    free_until: when(untilMs, a.timeZone).toISO({ suppressMilliseconds: true })!,
    late_fee_percent: percent,
    late_fee: lateFee,
    consumes_visit: consumes,
  }
  const later =
    lateFee > 0
      ? `${percent} % (${formatMoney(lateFee, a.currency)}) is kept`
      : consumes
        ? 'the package visit is used up'
        : null

  let text: string
  if (later === null || untilMs >= startMs) {
    text =
      a.payment.method === 'package'
        ? 'Free cancellation until the start: the package visit is given back.'
        : a.payment.method === 'on_site'
          ? 'Free cancellation until the start: you pay on site, so nothing is kept.'
          : 'Free cancellation until the start.'
  } else if (untilMs < bookedMs) {
    const what =
      lateFee > 0 ? `keeps ${percent} % (${formatMoney(lateFee, a.currency)})` : 'uses up the package visit'
    text = `Booked less than ${hours(a.policy.free_cancellation_hours)} before the start: a cancellation ${what}.`
  } else {
    const grace = a.policy.cancellation_grace_minutes ?? 0
    const byGrace = untilMs > startMs - Math.round(a.policy.free_cancellation_hours * 3_600_000)
    const note = byGrace ? ` (${minutes(grace)} after booking)` : ''
    text = `Free cancellation until ${shortTime(untilMs, a.timeZone)}${note}; later ${later}.`
  }
  return { ...terms, text }
}

function reasonWords(s: Pick<SettlementFacts, 'status' | 'reason'>, policy: CancellationPolicy): string {
  if (s.status === 'rejected') return 'the salon declined the request'
  switch (s.reason) {
    case 'free_window':
      return 'cancelled in the free window'
    case 'grace_period':
      return `cancelled within ${minutes(policy.cancellation_grace_minutes ?? 0)} of booking`
    case 'by_business':
      return 'cancelled by the salon'
    case 'late':
      return 'a late cancellation'
    case 'no_show':
      return 'a no-show'
    case 'completed':
      return 'the visit took place'
  }
}

/** The cancel (or no-show) answer's account of the money: refund, fee, the visit, in words. */
export function settlementSummary(
  s: SettlementFacts,
  a: { paymentMethod: string; currency: string; policy: CancellationPolicy },
): SettlementSummary {
  const money = (m: Money) => formatMoney(m, a.currency)
  const reason = reasonWords(s, a.policy)
  let text: string
  if (a.paymentMethod === 'package') {
    text =
      s.packageVisit === 'consume'
        ? `The package visit was used up: ${reason}.`
        : `The package visit was given back: ${reason}.`
  } else if (s.fee > 0) {
    const kept = `${money(s.fee)} (${a.policy.late_cancellation_fee_percent} %) kept for ${reason}`
    text = s.refund > 0 ? `Refunded ${money(s.refund)}; ${kept}.` : `Nothing refunded; ${kept}.`
  } else if (s.refund > 0) {
    text = `Refunded ${money(s.refund)} in full: ${reason}.`
  } else {
    text =
      a.paymentMethod === 'on_site'
        ? 'Nothing to refund: the booking was to be paid on site.'
        : `Nothing to refund: ${reason}.`
  }
  return {
    reason: s.reason,
    refund: s.refund,
    fee: s.fee,
    visit_restored: s.packageVisit === 'restore',
    text,
  }
}

/** The ledger comment of a booking's payment: which booking, which service, when (local time). */
export function ledgerPaymentComment(
  bookingId: number,
  serviceName: string,
  startsAt: string | Date,
  timeZone: string,
): string {
  return `Payment for booking #${bookingId} (${serviceName}, ${shortTime(instantToMs(startsAt), timeZone)})`
}

/** The ledger comment of a booking's refund: which booking and why. */
export function ledgerRefundComment(
  bookingId: number,
  s: Pick<SettlementFacts, 'status' | 'reason'>,
  policy: CancellationPolicy,
): string {
  const fee = `${policy.late_cancellation_fee_percent} % kept`
  const why =
    s.status === 'rejected'
      ? 'the salon declined the request'
      : s.reason === 'late'
        ? `cancelled late (${fee})`
        : s.reason === 'no_show'
          ? `a no-show (${fee})`
          : reasonWords(s, policy)
  return `Refund for booking #${bookingId}, ${why}`
}
