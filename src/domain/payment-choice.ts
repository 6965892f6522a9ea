// How a booking is paid (`payment: auto | wallet | package | on_site`): the rules the worker applies
// when it books and the quote applies when it previews, in one place. Pure: the caller looks up the
// package visit and the wallet balance.
import { AppError } from './errors.ts'
import type { Money } from './money.ts'
import { formatMoney } from './money-format.ts'

/** What the client (or the admin booking for them) asked for. */
export type PaymentRequest = 'auto' | 'wallet' | 'package' | 'on_site'

/** The method the booking is paid with; a package names the `client_packages` row whose visit is used. */
export type ChosenPayment =
  { method: 'package'; clientPackageId: number } | { method: 'wallet' } | { method: 'on_site' }

export interface PaymentRules {
  requested: PaymentRequest
  by: 'client' | 'admin' | 'specialist'
  /** The company's prepayment policy. */
  prepayment: 'none' | 'required'
  /** The package with a visit left for the service (the one expiring first), if any. */
  clientPackageId: number | null
}

/** Whether the package visit matters to the choice (so the caller need not look it up otherwise). */
export const mayUsePackage = (requested: PaymentRequest) => requested === 'auto' || requested === 'package'

/**
 * Resolves `auto` and checks the request: a package visit for the service if there is one, else the
 * wallet when the company requires prepayment, else pay on site. Throws the 402 refusal when a
 * `package` or `on_site` request cannot be honoured. Whether the wallet holds enough is
 * `insufficientFunds`'s question.
 */
export function choosePaymentMethod(r: PaymentRules): ChosenPayment {
  if (mayUsePackage(r.requested)) {
    if (r.clientPackageId !== null) return { method: 'package', clientPackageId: r.clientPackageId }
    if (r.requested === 'package') {
      throw new AppError(402, 'no_package', 'You have no package with a visit left for this service.')
    }
  }
  if (r.requested === 'on_site' && r.prepayment === 'required' && r.by === 'client') {
    // 'required': a client's booking without a package is paid from the wallet (an admin at the
    // desk may still take payment on site).
    throw new AppError(
      402,
      'prepayment_required',
      'This salon takes bookings paid in advance: pay from the wallet or with a package.',
    )
  }
  const wallet = r.requested === 'wallet' || (r.requested === 'auto' && r.prepayment === 'required')
  return wallet ? { method: 'wallet' } : { method: 'on_site' }
}

/**
 * The refusal when the wallet cannot pay `price`, null when it can. The amounts are written as people
 * read them, and also given as numbers (`balance`, `price`) for the channels.
 */
export function insufficientFunds(
  a: { balance: Money; price: Money; currency: string },
  what: { costs: string; priceNote?: string; advice: string } = {
    costs: 'the booking costs',
    advice: 'top it up or pay on site',
  },
  details: Record<string, unknown> = {},
): AppError | null {
  if (a.balance >= a.price) return null
  return new AppError(
    402,
    'insufficient_funds',
    `The wallet holds ${formatMoney(a.balance, a.currency)} and ${what.costs} ` +
      `${formatMoney(a.price, a.currency)}${what.priceNote ? ` ${what.priceNote}` : ''}; ${what.advice}.`,
    { balance: a.balance, price: a.price, ...details },
  )
}
