// An admin correcting a wrong mark: completed ↔ no-show, or either to cancelled (the visit should not
// count). The booking gets the settlement it should have had, and the money moves only by the
// difference from the one it had: what was kept and is now owed back is refunded, what was refunded
// and is now owed is debited again, a visit used and now given back is restored (or the other way).
// So the wallet and the package end exactly as if the right mark had been made the first time.

import { settlementDetails, settlementOf } from './booking-context.ts'
import type { BookingContext, BookingCorrection, BookingSettlement } from './booking-types.ts'

/** The context's corrections so far (snapshots of machine version 1 have none). */
export const correctionsOf = (context: BookingContext): BookingCorrection[] => context.corrections ?? []

/** Records that `next` replaces the current settlement; the payment region settles the difference. */
export function correct(context: BookingContext, next: BookingSettlement): Partial<BookingContext> {
  const previous = settlementOf(context)
  return {
    settlement: next,
    corrections: [
      ...correctionsOf(context),
      { from: previous.status, to: next.status, at: next.at, by: next.by, actorId: next.actorId, previous },
    ],
  }
}

export interface SettlementDifference {
  /** Money to give back to the wallet now. */
  refund: number
  /** Money to take from the wallet again (what an earlier settlement refunded and is now owed). */
  debit: number
  /** The package visit: give it back, take it again, or leave it as it is. */
  visit: 'restore' | 'retake' | null
}

/** What the latest correction moves, from the settlement it replaced to the current one. */
export function settlementDifference(context: BookingContext): SettlementDifference {
  const last = correctionsOf(context).at(-1)
  if (last === undefined) return { refund: 0, debit: 0, visit: null }
  const now = settlementOf(context)
  const delta = now.refund - last.previous.refund
  const before = last.previous.packageVisit
  return {
    refund: Math.max(delta, 0),
    debit: Math.max(-delta, 0),
    visit:
      before === 'consume' && now.packageVisit === 'restore'
        ? 'restore'
        : before === 'restore' && now.packageVisit === 'consume'
          ? 'retake'
          : null,
  }
}

/** History details of a correction: the new settlement, and the one it replaced. */
export function correctionDetails(
  context: BookingContext,
  reason: string | undefined,
): Record<string, unknown> {
  const last = correctionsOf(context).at(-1)!
  const difference = settlementDifference(context)
  return {
    ...settlementDetails(context, reason),
    correction: {
      from: last.from,
      replaced: { outcome: last.previous.reason, fee: last.previous.fee, refund: last.previous.refund },
      ...difference,
    },
  }
}
