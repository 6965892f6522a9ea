// What a client is charged for a service and how long it takes, with a given specialist: the
// specialist's own price and duration where they have one, else the service's. The worker books
// with exactly these values, so every list a client chooses from shows them too.

/** The price (minor units) and duration that apply to one booking of a service. */
export interface Offer {
  price: number
  durationMinutes: number
}

/** A specialist's own terms for a service; null: the service's. */
export interface OwnTerms {
  price: number | null
  durationMinutes: number | null
}

export function offerOf(service: Offer, own: OwnTerms | undefined): Offer {
  return {
    price: own?.price ?? service.price,
    durationMinutes: own?.durationMinutes ?? service.durationMinutes,
  }
}

/** The lowest and highest price and duration among several offers. */
export interface OfferRange {
  priceFrom: number
  priceTo: number
  durationFrom: number
  durationTo: number
}

/** The range of `offers`; with none (nobody performs it yet), the service's own terms. */
export function offerRange(offers: readonly Offer[], service: Offer): OfferRange {
  const list = offers.length ? offers : [service]
  const prices = list.map((o) => o.price)
  const durations = list.map((o) => o.durationMinutes)
  return {
    priceFrom: Math.min(...prices),
    priceTo: Math.max(...prices),
    durationFrom: Math.min(...durations),
    durationTo: Math.max(...durations),
  }
}

/** The JSON fields of a range, as every answer that shows one names them. */
export const rangeFields = (r: OfferRange) => ({
  price_from: r.priceFrom,
  price_to: r.priceTo,
  duration_minutes_from: r.durationFrom,
  duration_minutes_to: r.durationTo,
})
