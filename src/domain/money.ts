// Money arithmetic: integer minor units (kopecks) only, percentages as exact integer basis points.
// Every rounding in the product goes through `applyPercent`, so there is one rule to read and test.

/** An amount of money in minor units of the company's currency (kopecks): a non-negative safe integer. */
export type Money = number

/** A percentage in basis points: 1 % = 100 bp, 100 % = 10 000 bp. Always an integer 0..10 000. */
export type BasisPoints = number

export const BASIS_POINTS_PER_WHOLE = 10_000

export type MoneyErrorCode =
  'invalid_amount' | 'invalid_percent' | 'invalid_time' | 'invalid_discount' | 'invalid_policy'

/** Bad input to the money arithmetic (a float, a negative amount, a percent out of range, …). */
export class MoneyError extends Error {
  override readonly name = 'MoneyError'
  readonly status = 422
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export function isMoney(value: unknown): value is Money {
  return (
    Number.isSafeInteger(value) &&
    // Stryker disable next-line ConditionalExpression: equivalent, Number.isSafeInteger is false for any non-number (it never coerces); typeof narrows the type
    typeof value === 'number' &&
    value >= 0
  )
}

/** Returns `value` if it is a valid amount of money, else throws `MoneyError('invalid_amount')`. */
export function assertMoney(value: unknown, what = 'amount'): Money {
  if (!isMoney(value)) {
    throw new MoneyError(
      'invalid_amount',
      `${what} must be a non-negative integer of minor units, got ${String(value)}`,
    )
  }
  return value
}

/**
 * Converts a human percentage (0..100, at most two decimal places: `10`, `12.5`, `7.25`) to integer basis
 * points. Two decimals are the most a person types into a settings form; anything finer is refused rather
 * than silently rounded, so the stored number is exactly what the arithmetic uses.
 */
export function percentToBasisPoints(percent: unknown, what = 'percent'): BasisPoints {
  if (
    !Number.isFinite(percent) ||
    // Stryker disable next-line ConditionalExpression: equivalent, Number.isFinite is false for any non-number (it never coerces); typeof narrows the type
    typeof percent !== 'number' ||
    percent < 0 ||
    percent > 100
  ) {
    throw new MoneyError('invalid_percent', `${what} must be a number from 0 to 100, got ${String(percent)}`)
  }
  const bp = Math.round(percent * 100)
  // 12.5 * 100 is exact; 7.07 * 100 = 707.0000000000001 — within float noise of an integer is fine.
  if (Math.abs(percent * 100 - bp) > 1e-6) {
    throw new MoneyError('invalid_percent', `${what} may have at most two decimal places, got ${percent}`)
  }
  return bp
}

/**
 * `amount × basisPoints / 10 000`, rounded half up to the minor unit, computed exactly with integers
 * (BigInt, so even absurd amounts cannot lose precision). Amounts are never negative, so "half up" and
 * "half away from zero" are the same: 0.5 kopeck becomes 1 kopeck, 0.49… becomes 0.
 *
 * The result never exceeds `amount` (basis points are at most 10 000).
 */
export function applyBasisPoints(amount: Money, basisPoints: BasisPoints): Money {
  assertMoney(amount)
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > BASIS_POINTS_PER_WHOLE) {
    throw new MoneyError('invalid_percent', `basis points must be an integer 0..10000, got ${basisPoints}`)
  }
  const whole = BigInt(BASIS_POINTS_PER_WHOLE)
  const product = BigInt(amount) * BigInt(basisPoints)
  const quotient = product / whole
  const remainder = product % whole
  const rounded = remainder * 2n >= whole ? quotient + 1n : quotient
  return Number(rounded)
}

/** `percent` % of `amount`, with the rounding rule of `applyBasisPoints` (half up to the kopeck). */
export function applyPercent(amount: Money, percent: number): Money {
  return applyBasisPoints(amount, percentToBasisPoints(percent))
}

/** `a − b`, refusing to go below zero (a refund larger than the debit is a bug, not a negative amount). */
export function subtractMoney(a: Money, b: Money): Money {
  assertMoney(a)
  assertMoney(b)
  if (b > a)
    throw new MoneyError('invalid_amount', `cannot subtract ${b} from ${a}: the result would be negative`)
  return a - b
}

export function minMoney(a: Money, b: Money): Money {
  return Math.min(assertMoney(a), assertMoney(b))
}
