import { describe, expect, it } from 'vitest'
import { offerOf, offerRange } from '../../src/domain/offer.ts'

const service = { price: 250000, durationMinutes: 45 }

describe('offers', () => {
  it("take the specialist's own price and duration where set, each on its own", () => {
    expect(offerOf(service, undefined)).toEqual(service)
    expect(offerOf(service, { price: null, durationMinutes: null })).toEqual(service)
    expect(offerOf(service, { price: 300000, durationMinutes: null })).toEqual({
      price: 300000,
      durationMinutes: 45,
    })
    expect(offerOf(service, { price: 0, durationMinutes: 40 })).toEqual({ price: 0, durationMinutes: 40 })
  })

  it("span the offers, or the service's own terms when nobody performs it", () => {
    expect(offerRange([], service)).toEqual({
      priceFrom: 250000,
      priceTo: 250000,
      durationFrom: 45,
      durationTo: 45,
    })
    expect(
      offerRange(
        [
          { price: 300000, durationMinutes: 40 },
          { price: 200000, durationMinutes: 60 },
        ],
        service,
      ),
    ).toEqual({ priceFrom: 200000, priceTo: 300000, durationFrom: 40, durationTo: 60 })
  })
})
