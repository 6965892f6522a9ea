// Pricing a booking with personal discounts: which one applies, how much it takes off, validity windows.

import fc from 'fast-check'
import { runs } from './fast-check-seed.ts'
import { describe, expect, it } from 'vitest'
import { MoneyError } from '../../src/domain/money.ts'
import {
  type PersonalDiscount,
  discountAmount,
  instantToMs,
  isDiscountApplicable,
  priceBooking,
} from '../../src/domain/pricing.ts'

const AT = '2025-03-15T12:00:00+03:00'
const price = (
  discounts: PersonalDiscount[],
  basePrice = 250_000,
  at: string | Date = AT,
  timeZone?: string,
) => priceBooking({ basePrice, serviceId: 5, at, discounts, ...(timeZone ? { timeZone } : {}) })

describe('priceBooking', () => {
  it('no discounts: the base price', () => {
    expect(price([])).toEqual({ basePrice: 250_000, discount: null, price: 250_000 })
  })

  it('a percent discount, rounded half up to the kopeck', () => {
    expect(price([{ id: 1, kind: 'percent', value: 10 }])).toEqual({
      basePrice: 250_000,
      discount: { id: 1, amount: 25_000 },
      price: 225_000,
    })
    // 12.5 % of 999.99 ₽ = 12 499.875 kopecks → 12 500
    expect(price([{ id: 1, kind: 'percent', value: 12.5 }], 99_999).discount).toEqual({
      id: 1,
      amount: 12_500,
    })
    // 7.07 % of 1.99 ₽ = 14.0693 kopecks → 14
    expect(price([{ id: 1, kind: 'percent', value: 7.07 }], 199).discount).toEqual({ id: 1, amount: 14 })
    // exactly half a kopeck goes up: 50 % of 3 kopecks = 1.5 → 2
    expect(price([{ id: 1, kind: 'percent', value: 50 }], 3)).toEqual({
      basePrice: 3,
      discount: { id: 1, amount: 2 },
      price: 1,
    })
  })

  it('a fixed discount never exceeds the base price', () => {
    expect(price([{ id: 1, kind: 'fixed', value: 30_000 }]).price).toBe(220_000)
    expect(price([{ id: 1, kind: 'fixed', value: 300_000 }])).toEqual({
      basePrice: 250_000,
      discount: { id: 1, amount: 250_000 },
      price: 0,
    })
  })

  it('discounts do not stack: the one worth most wins', () => {
    const discounts: PersonalDiscount[] = [
      { id: 1, kind: 'percent', value: 10 }, // 25 000
      { id: 2, kind: 'fixed', value: 30_000 }, // 30 000
      { id: 3, kind: 'percent', value: 5 }, // 12 500
    ]
    expect(price(discounts).discount).toEqual({ id: 2, amount: 30_000 })
    // On a 100 ₽ service the fixed 300 ₽ is capped at 100 ₽ and still wins; a 50 ₽ fixed one loses to 90 %.
    expect(price([...discounts, { id: 4, kind: 'percent', value: 90 }], 10_000).discount).toEqual({
      id: 2,
      amount: 10_000,
    })
    const cheap: PersonalDiscount[] = [
      { id: 1, kind: 'fixed', value: 5_000 },
      { id: 4, kind: 'percent', value: 90 },
    ]
    expect(price(cheap, 10_000).discount).toEqual({ id: 4, amount: 9_000 })
  })

  it('a tie goes to the lowest id, whatever the order', () => {
    const tied: PersonalDiscount[] = [
      { id: 9, kind: 'fixed', value: 25_000 },
      { id: 4, kind: 'percent', value: 10 },
      { id: 7, kind: 'fixed', value: 25_000 },
    ]
    expect(price(tied).discount).toEqual({ id: 4, amount: 25_000 })
    expect(price([...tied].reverse()).discount).toEqual({ id: 4, amount: 25_000 })
    // Capping makes ties too: both take the whole 100 ₽ price.
    const capped: PersonalDiscount[] = [
      { id: 8, kind: 'fixed', value: 50_000 },
      { id: 3, kind: 'fixed', value: 20_000 },
    ]
    expect(price(capped, 10_000).discount).toEqual({ id: 3, amount: 10_000 })
  })

  it('a discount worth nothing is not applied', () => {
    expect(price([{ id: 1, kind: 'percent', value: 10 }], 0)).toEqual({
      basePrice: 0,
      discount: null,
      price: 0,
    })
    expect(price([{ id: 1, kind: 'percent', value: 0 }]).discount).toBeNull()
    expect(price([{ id: 1, kind: 'fixed', value: 0 }]).discount).toBeNull()
    expect(price([{ id: 1, kind: 'percent', value: 1 }], 49).discount).toBeNull() // 0.49 kopeck → 0
  })

  it('a discount for another service does not apply; null or missing service means any', () => {
    expect(price([{ id: 1, kind: 'percent', value: 10, service_id: 6 }]).discount).toBeNull()
    expect(price([{ id: 1, kind: 'percent', value: 10, service_id: 5 }]).discount?.id).toBe(1)
    expect(price([{ id: 1, kind: 'percent', value: 10, service_id: null }]).discount?.id).toBe(1)
    const discounts: PersonalDiscount[] = [
      { id: 1, kind: 'percent', value: 50, service_id: 6 },
      { id: 2, kind: 'percent', value: 20, service_id: 5 },
    ]
    expect(price(discounts).discount).toEqual({ id: 2, amount: 50_000 })
  })

  it('accepts a Date for `at` and refuses a time without an offset', () => {
    expect(price([], 250_000, new Date('2025-03-15T09:00:00Z')).price).toBe(250_000)
    expect(() => price([], 250_000, '2025-03-15T12:00:00')).toThrow(MoneyError)
    expect(() => price([], 250_000, 'soon')).toThrow(MoneyError)
    expect(() => price([], 250_000, new Date('nope'))).toThrow(MoneyError)
  })

  it('refuses a bad base price, a malformed discount (applicable or not) and an unknown zone', () => {
    expect(() => price([], 100.5)).toThrow(MoneyError)
    expect(() => price([], -100)).toThrow(MoneyError)
    const bad: PersonalDiscount[] = [
      { id: 1, kind: 'percent', value: 101 },
      { id: 1, kind: 'percent', value: -5 },
      { id: 1, kind: 'percent', value: 10.123 },
      { id: 1, kind: 'fixed', value: 10.5 },
      { id: 1, kind: 'fixed', value: -1 },
      { id: 1, kind: 'bogus' as 'fixed', value: 1 },
      { id: 1.5, kind: 'fixed', value: 1 },
      { id: 1, kind: 'fixed', value: 1, service_id: 99, valid_from: 'tomorrow' },
    ]
    for (const discount of bad) {
      try {
        price([discount])
        expect.unreachable(JSON.stringify(discount))
      } catch (error) {
        expect(error).toBeInstanceOf(MoneyError)
        expect((error as MoneyError).code).toBe('invalid_discount')
      }
    }
    expect(() => price([], 100, AT, 'Mars/Olympus')).toThrow(MoneyError)
  })
})

describe('validity windows', () => {
  const pct = (extra: Partial<PersonalDiscount>): PersonalDiscount => ({
    id: 1,
    kind: 'percent',
    value: 10,
    ...extra,
  })
  const at = (iso: string) => instantToMs(iso)

  it('instant bounds are half-open: from ≤ at < to', () => {
    const d = pct({ valid_from: '2025-03-15T12:00:00+03:00', valid_to: '2025-03-16T00:00:00+03:00' })
    expect(isDiscountApplicable(d, 5, at('2025-03-15T08:59:59.999Z'))).toBe(false)
    expect(isDiscountApplicable(d, 5, at('2025-03-15T09:00:00Z'))).toBe(true)
    expect(isDiscountApplicable(d, 5, at('2025-03-15T20:59:59.999Z'))).toBe(true)
    expect(isDiscountApplicable(d, 5, at('2025-03-15T21:00:00Z'))).toBe(false)
  })

  it('date bounds are whole days, inclusive, in the given zone', () => {
    const d = pct({ valid_from: '2025-03-10', valid_to: '2025-03-15' })
    // 23:30 on 15 March in Moscow is 20:30Z: still the 15th there.
    expect(isDiscountApplicable(d, 5, at('2025-03-15T20:30:00Z'), 'Europe/Moscow')).toBe(true)
    // 00:30 on 16 March in Moscow is 21:30Z on the 15th: in UTC still valid, in Moscow not.
    expect(isDiscountApplicable(d, 5, at('2025-03-15T21:30:00Z'), 'UTC')).toBe(true)
    expect(isDiscountApplicable(d, 5, at('2025-03-15T21:30:00Z'), 'Europe/Moscow')).toBe(false)
    // The first day counts from its local midnight.
    expect(isDiscountApplicable(d, 5, at('2025-03-09T21:00:00Z'), 'Europe/Moscow')).toBe(true)
    expect(isDiscountApplicable(d, 5, at('2025-03-09T20:59:59Z'), 'Europe/Moscow')).toBe(false)
  })

  it('open-ended on either side, Date bounds as instants, an inverted window never applies', () => {
    expect(isDiscountApplicable(pct({ valid_from: '2025-03-01' }), 5, at('2030-01-01T00:00:00Z'))).toBe(true)
    expect(isDiscountApplicable(pct({ valid_to: '2025-03-01' }), 5, at('2025-03-02T00:00:00Z'))).toBe(false)
    expect(isDiscountApplicable(pct({ valid_from: new Date('2025-03-01T00:00:00Z') }), 5, at(AT))).toBe(true)
    expect(isDiscountApplicable(pct({ valid_from: '2025-03-20', valid_to: '2025-03-10' }), 5, at(AT))).toBe(
      false,
    )
  })

  it('priceBooking skips expired and future discounts and picks among the valid ones', () => {
    const discounts: PersonalDiscount[] = [
      { id: 1, kind: 'percent', value: 50, valid_to: '2025-03-14' },
      { id: 2, kind: 'percent', value: 40, valid_from: '2025-03-16T00:00:00+03:00' },
      { id: 3, kind: 'percent', value: 5, valid_from: '2025-03-01', valid_to: '2025-03-31' },
    ]
    expect(price(discounts, 250_000, AT, 'Europe/Moscow').discount).toEqual({ id: 3, amount: 12_500 })
  })
})

describe('discountAmount', () => {
  it('ignores applicability and caps at the base price', () => {
    expect(discountAmount({ id: 1, kind: 'percent', value: 100, service_id: 99 }, 12_345)).toBe(12_345)
    expect(discountAmount({ id: 1, kind: 'fixed', value: 5 }, 3)).toBe(3)
  })
})

describe('properties', () => {
  const discountArb: fc.Arbitrary<PersonalDiscount> = fc.oneof(
    fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      kind: fc.constant('percent' as const),
      value: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
      service_id: fc.constantFrom(null, 5, 6),
    }),
    fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      kind: fc.constant('fixed' as const),
      value: fc.integer({ min: 0, max: 10_000_000 }),
      service_id: fc.constantFrom(null, 5, 6),
    }),
  )

  it('price + discount = base price; the discount is the best applicable (ties → lowest id)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(discountArb, { maxLength: 6 }),
        (basePrice, discounts) => {
          const quote = price(discounts, basePrice)
          expect(quote.basePrice).toBe(basePrice)
          expect(quote.price + (quote.discount?.amount ?? 0)).toBe(basePrice)
          expect(Number.isSafeInteger(quote.price) && quote.price >= 0).toBe(true)

          // Reference: plain number arithmetic, exact here since basePrice × bp < 2^53.
          const candidates = discounts
            .filter((d) => d.service_id === null || d.service_id === undefined || d.service_id === 5)
            .map((d) => ({
              id: d.id,
              amount:
                d.kind === 'percent'
                  ? Math.floor((basePrice * Math.round(d.value * 100) + 5_000) / 10_000)
                  : Math.min(d.value, basePrice),
            }))
            .filter((c) => c.amount > 0)
            .sort((a, b) => b.amount - a.amount || a.id - b.id)
          expect(quote.discount).toEqual(candidates[0] ?? null)
        },
      ),
      { numRuns: runs(1_000) },
    )
  })

  it('the result does not depend on the order of the discounts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(discountArb, { maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        (basePrice, discounts, seeds) => {
          const shuffled = discounts
            .map((d) => ({ d, k: seeds.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map(({ d }) => d)
          expect(price(shuffled, basePrice)).toEqual(price(discounts, basePrice))
        },
      ),
    )
  })
})
