// The summary's quotes: what POST /api/bookings/quote says of the chosen time for each way to pay
// (the payment `auto` would choose, the wallet, on site), turned into the options the client picks
// from. The booking that follows sends the chosen method, so the preview and the booking agree.
import type { Answer } from '../../../api.ts'

export type Quote = Answer<'/api/bookings/quote', 'post'>
export type PaymentMethod = 'package' | 'wallet' | 'on_site'

export interface PaymentOption {
  method: PaymentMethod
  quote: Quote
  /** The wallet's balance, when the wallet was quoted. */
  balance: number | null
  /** The wallet holds less than the price: both amounts (the quote's 402 refusal, in numbers). */
  short: { balance: number; price: number } | null
}

/** The quotes by what was asked: `auto`, `wallet`, `on_site` (absent when the salon takes prepayment only). */
export interface Quotes {
  auto: Quote
  wallet: Quote
  on_site: Quote | null
}

function shortOf(q: Quote): PaymentOption['short'] {
  const r = q.refusal as { error?: string; balance?: unknown; price?: unknown } | null | undefined
  if (r?.error !== 'insufficient_funds') return null
  return { balance: Number(r.balance ?? 0), price: Number(r.price ?? q.price ?? 0) }
}

/** The ways to pay the client may choose, in the order a client weighs them. */
export function paymentOptions(q: Quotes): PaymentOption[] {
  const options: PaymentOption[] = []
  if (q.auto.payment?.method === 'package')
    options.push({ method: 'package', quote: q.auto, balance: null, short: null })
  options.push({
    method: 'wallet',
    quote: q.wallet,
    balance: q.wallet.payment?.wallet_balance ?? null,
    short: shortOf(q.wallet),
  })
  if (q.on_site && !q.on_site.refusal)
    options.push({ method: 'on_site', quote: q.on_site, balance: null, short: null })
  return options
}

/** What `auto` would pay with, among the options (the wallet when it chose nothing it can pay with). */
export function defaultMethod(q: Quotes, options: PaymentOption[]): PaymentMethod {
  const auto = q.auto.payment?.method
  return options.find((o) => o.method === auto)?.method ?? options[0]?.method ?? 'wallet'
}
