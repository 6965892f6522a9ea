// What cancelling a booking now would do, from the terms copied into it when it was made (the
// booking's `cancellation`): the same rules the API applies (src/domain/cancellation-terms.ts), so
// the client reads the refund, the fee and the package visit before confirming. The API's answer
// (`settlement`) is what is shown afterwards.

/** What of a booking the preview reads (the API's booking fits it). */
export interface CancellableBooking {
  payment_method?: string | null
  price?: number | null
  cancellation?: { free_until?: string | null; late_fee?: number | null; consumes_visit?: boolean } | null
}

export interface CancelPreview {
  /** Inside the free window (or no terms: nothing can be kept). */
  free: boolean
  /** The end of the free window, ISO with the location's offset. */
  freeUntil: string | null
  /** Back to the wallet, minor units. */
  refund: number
  /** Kept from the wallet payment, minor units. */
  fee: number
  /** A package booking's visit: given back or used up; null when no package paid. */
  visit: 'restored' | 'used' | null
  /** Paid on site: no money moves either way. */
  onSite: boolean
}

export function previewCancel(booking: CancellableBooking, now: Date = new Date()): CancelPreview {
  const terms = booking.cancellation ?? null
  const method = booking.payment_method ?? 'on_site'
  const paid = method === 'wallet' ? (booking.price ?? 0) : 0
  const freeUntil = terms?.free_until ?? null
  const free = !freeUntil || now.getTime() <= new Date(freeUntil).getTime()
  const package_ = method === 'package'
  if (free)
    return {
      free,
      freeUntil,
      refund: paid,
      fee: 0,
      visit: package_ ? 'restored' : null,
      onSite: method === 'on_site',
    }
  const fee = Math.min(paid, terms?.late_fee ?? 0)
  return {
    free,
    freeUntil,
    refund: paid - fee,
    fee,
    visit: package_ ? (terms?.consumes_visit ? 'used' : 'restored') : null,
    onSite: method === 'on_site',
  }
}
