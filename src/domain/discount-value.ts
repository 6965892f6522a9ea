// What a personal discount's value may be, as a salon writes it: a percentage with up to two
// decimals (12.5 %), or a fixed amount of whole minor units. The arithmetic (domain/money.ts) turns
// the percentage into integer basis points exactly, so nothing finer than 0.01 % is accepted.
import { formatMoney } from './money-format.ts'
import { MoneyError, percentToBasisPoints } from './money.ts'

/** Why `value` cannot be a discount of `kind`, in words; null when it can. */
export function discountValueProblem(
  kind: 'percent' | 'fixed',
  value: number,
  currency: string,
): string | null {
  if (kind === 'percent') {
    try {
      if (percentToBasisPoints(value) > 0) return null
    } catch (err) {
      if (!(err instanceof MoneyError)) throw err
    }
    return `A percent discount is from 0.01 to 100 with at most two decimals (e.g. 12.5), got ${value}.`
  }
  if (Number.isSafeInteger(value) && value > 0) return null
  return (
    `A fixed discount is a whole number of minor units above 0 (e.g. 50000 for ` +
    `${formatMoney(50000, currency)}), got ${value}.`
  )
}
