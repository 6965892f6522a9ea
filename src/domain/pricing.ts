// The price of a booking: the service's base price minus the client's single best personal discount.
// Pure: the caller loads the discounts and passes the moment at which their validity is judged.

import { DateTime } from 'luxon'
import { type Money, MoneyError, applyPercent, assertMoney, minMoney, percentToBasisPoints } from './money.ts'

/**
 * A personal discount, shaped like a `client_discounts` row.
 *
 * - `kind: 'percent'` — `value` is a percentage 0..100 with at most two decimals (`10` is 10 %, `12.5` is
 *   12.5 %); the amount is `basePrice × value / 100` rounded half up to the kopeck (see `applyBasisPoints`).
 * - `kind: 'fixed'` — `value` is an amount in minor units, capped at the base price.
 *
 * Validity bounds are either ISO 8601 instants with an offset (`2025-03-01T00:00:00+03:00`, a `Date` is
 * taken as an instant too) or calendar dates (`2025-03-31`). An instant window is half-open,
 * `valid_from ≤ at < valid_to`; a date window is inclusive on both ends in the given time zone ("valid
 * to 31 March" includes the whole of 31 March). Null or missing means unbounded on that side. Read SQL
 * `date` columns as strings: node-postgres turns them into a `Date` at midnight of the server's zone.
 */
export interface PersonalDiscount {
  id: number
  kind: 'percent' | 'fixed'
  value: number
  /** Only for this service; null or missing: any service. */
  service_id?: number | null
  valid_from?: string | Date | null
  valid_to?: string | Date | null
}

export interface AppliedDiscount {
  id: number
  /** What the discount takes off, in minor units; always 1..basePrice (a zero discount is not applied). */
  amount: Money
}

export interface PriceQuote {
  basePrice: Money
  discount: AppliedDiscount | null
  /** `basePrice − discount.amount`; never negative. */
  price: Money
}

export interface PriceBookingInput {
  /** The service's price (or the specialist's own price) in minor units. */
  basePrice: Money
  serviceId: number
  /** The moment the discounts' validity is judged at (the booking machine uses the booking's creation). */
  at: Date | string
  discounts: readonly PersonalDiscount[]
  /** IANA zone in which date-only validity bounds are read; the location's zone. Default `UTC`. */
  timeZone?: string
}

// Stryker disable next-line Regex: the one survivor here (no `$`) is equivalent, luxon then refuses whatever trails the offset; the other regex mutants are killed by tests/domain/money-pins.test.ts
const INSTANT_WITH_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Milliseconds since the epoch of an instant given as a `Date` or an ISO 8601 string WITH an offset.
 * A string without an offset is refused: its meaning would depend on the server's zone.
 */
export function instantToMs(value: Date | string, what = 'time'): number {
  if (value instanceof Date) {
    const ms = value.getTime()
    if (Number.isNaN(ms)) throw new MoneyError('invalid_time', `${what} is an invalid Date`)
    return ms
  }
  if (typeof value === 'string' && INSTANT_WITH_OFFSET.test(value)) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, the zone a DateTime is kept in does not change toMillis()
    const parsed = DateTime.fromISO(value, { setZone: true })
    if (parsed.isValid) return parsed.toMillis()
  }
  throw new MoneyError(
    'invalid_time',
    `${what} must be an ISO 8601 date-time with an offset, got ${String(value)}`,
  )
}

function localDate(ms: number, timeZone: string): string {
  const date = DateTime.fromMillis(ms, { zone: timeZone }).toISODate()
  if (date === null) throw new MoneyError('invalid_time', `unknown time zone ${timeZone}`)
  return date
}

type Bound = { kind: 'instant'; ms: number } | { kind: 'date'; date: string } | null

function parseBound(value: string | Date | null | undefined, what: string): Bound {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    if (!DateTime.fromISO(value).isValid)
      throw new MoneyError('invalid_discount', `${what} is not a date: ${value}`)
    return { kind: 'date', date: value }
  }
  try {
    return { kind: 'instant', ms: instantToMs(value, what) }
  } catch {
    throw new MoneyError(
      'invalid_discount',
      `${what} must be a date or a date-time with an offset: ${String(value)}`,
    )
  }
}

function validateDiscount(discount: PersonalDiscount): void {
  if (!Number.isSafeInteger(discount.id)) {
    throw new MoneyError('invalid_discount', `discount id must be an integer, got ${String(discount.id)}`)
  }
  if (discount.kind === 'percent') {
    try {
      percentToBasisPoints(discount.value)
    } catch (error) {
      throw new MoneyError('invalid_discount', `discount ${discount.id}: ${(error as Error).message}`)
    }
  } else if (discount.kind === 'fixed') {
    try {
      assertMoney(discount.value, 'a fixed discount')
    } catch (error) {
      throw new MoneyError('invalid_discount', `discount ${discount.id}: ${(error as Error).message}`)
    }
  } else {
    throw new MoneyError('invalid_discount', `discount ${discount.id}: unknown kind ${String(discount.kind)}`)
  }
  parseBound(discount.valid_from, `discount ${discount.id} valid_from`)
  parseBound(discount.valid_to, `discount ${discount.id} valid_to`)
}

/** Whether `discount` applies to `serviceId` at the instant `atMs` (date bounds read in `timeZone`). */
export function isDiscountApplicable(
  discount: PersonalDiscount,
  serviceId: number,
  atMs: number,
  timeZone = 'UTC',
): boolean {
  if (
    discount.service_id !== null &&
    discount.service_id !== undefined &&
    discount.service_id !== serviceId
  ) {
    return false
  }
  const from = parseBound(discount.valid_from, `discount ${discount.id} valid_from`)
  const to = parseBound(discount.valid_to, `discount ${discount.id} valid_to`)
  if (from?.kind === 'instant' && atMs < from.ms) return false
  if (to?.kind === 'instant' && atMs >= to.ms) return false
  if (from?.kind === 'date' || to?.kind === 'date') {
    const today = localDate(atMs, timeZone)
    if (from?.kind === 'date' && today < from.date) return false
    if (to?.kind === 'date' && today > to.date) return false
  }
  return true
}

/** What `discount` takes off `basePrice`, ignoring applicability: never more than the base price. */
export function discountAmount(discount: PersonalDiscount, basePrice: Money): Money {
  validateDiscount(discount)
  assertMoney(basePrice, 'basePrice')
  return discount.kind === 'percent'
    ? applyPercent(basePrice, discount.value)
    : minMoney(discount.value, basePrice)
}

/**
 * Prices a booking. Discounts do not stack: of those that apply, the one worth most to the client wins;
 * on a tie the lowest id wins (the oldest discount, so the choice is stable). A discount worth 0 (a
 * percent of a free service) is not applied, so nothing is recorded for it. Every discount is validated,
 * applicable or not: a malformed one throws `MoneyError('invalid_discount')` instead of pricing silently.
 */
export function priceBooking(input: PriceBookingInput): PriceQuote {
  const basePrice = assertMoney(input.basePrice, 'basePrice')
  const atMs = instantToMs(input.at, 'at')
  const timeZone = input.timeZone ?? 'UTC'
  localDate(atMs, timeZone) // fails early on an unknown zone

  let best: AppliedDiscount | null = null
  for (const discount of input.discounts) {
    const amount = discountAmount(discount, basePrice)
    if (!isDiscountApplicable(discount, input.serviceId, atMs, timeZone) || amount === 0) continue
    if (
      best === null ||
      amount > best.amount ||
      // Stryker disable next-line EqualityOperator: `<=` is equivalent, only two discounts with the same id (and amount) tie on the id
      (amount === best.amount && discount.id < best.id)
    ) {
      best = { id: discount.id, amount }
    }
  }
  return { basePrice, discount: best, price: basePrice - (best?.amount ?? 0) }
}

/**
 * The price of a booking paid with `method`: a package visit costs no money, so no discount applies
 * to it; anything else is `priceBooking`. (The booking machine fixes the price the same way.)
 */
export function priceByPayment(method: string, input: PriceBookingInput): PriceQuote {
  if (method === 'package')
    return { basePrice: assertMoney(input.basePrice, 'basePrice'), discount: null, price: 0 }
  return priceBooking(input)
}
