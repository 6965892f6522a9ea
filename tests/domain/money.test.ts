// Money arithmetic: integers only, one rounding rule (half up to the kopeck), exact percentages.

import fc from 'fast-check'
import { runs } from './fast-check-seed.ts'
import { describe, expect, it } from 'vitest'
import {
  MoneyError,
  applyBasisPoints,
  applyPercent,
  assertMoney,
  isMoney,
  minMoney,
  percentToBasisPoints,
  subtractMoney,
} from '../../src/domain/money.ts'

describe('isMoney / assertMoney', () => {
  it('accepts non-negative safe integers only', () => {
    for (const ok of [0, 1, 250_000, Number.MAX_SAFE_INTEGER]) expect(isMoney(ok)).toBe(true)
    for (const bad of [
      -1,
      0.5,
      1e-9,
      Number.NaN,
      Infinity,
      Number.MAX_SAFE_INTEGER + 1,
      '100',
      null,
      undefined,
    ]) {
      expect(isMoney(bad)).toBe(false)
      expect(() => assertMoney(bad)).toThrow(MoneyError)
    }
    expect(assertMoney(42)).toBe(42)
  })

  it('errors carry a code and a 422 status', () => {
    try {
      assertMoney(1.5, 'price')
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ name: 'MoneyError', code: 'invalid_amount', status: 422 })
      expect((error as Error).message).toContain('price')
    }
  })
})

describe('percentToBasisPoints', () => {
  it('converts percentages with up to two decimals exactly', () => {
    expect(percentToBasisPoints(0)).toBe(0)
    expect(percentToBasisPoints(10)).toBe(1_000)
    expect(percentToBasisPoints(12.5)).toBe(1_250)
    expect(percentToBasisPoints(7.07)).toBe(707) // 7.07 * 100 = 707.0000000000001 in floats
    expect(percentToBasisPoints(33.33)).toBe(3_333)
    expect(percentToBasisPoints(0.01)).toBe(1)
    expect(percentToBasisPoints(100)).toBe(10_000)
  })

  it('every two-decimal percentage round-trips', () => {
    for (let bp = 0; bp <= 10_000; bp += 1) expect(percentToBasisPoints(bp / 100)).toBe(bp)
  })

  it('refuses out-of-range values and more than two decimals', () => {
    for (const bad of [-0.01, 100.01, 12.345, 0.001, Number.NaN, Infinity, '10']) {
      expect(() => percentToBasisPoints(bad)).toThrow(MoneyError)
    }
  })
})

describe('applyBasisPoints: half up to the kopeck', () => {
  it('rounds exact halves up and anything below a half down', () => {
    expect(applyBasisPoints(1, 5_000)).toBe(1) // 0.5 → 1
    expect(applyBasisPoints(3, 5_000)).toBe(2) // 1.5 → 2
    expect(applyBasisPoints(5, 5_000)).toBe(3) // 2.5 → 3 (not banker's 2)
    expect(applyBasisPoints(1, 4_999)).toBe(0) // 0.4999 → 0
    expect(applyBasisPoints(1, 5_001)).toBe(1)
    expect(applyBasisPoints(199, 250)).toBe(5) // 4.975 → 5
    expect(applyBasisPoints(99, 1_250)).toBe(12) // 12.375 → 12
    expect(applyBasisPoints(250_000, 1_000)).toBe(25_000)
    expect(applyBasisPoints(234_567, 3_333)).toBe(78_181) // 78 181.1811 → 78 181
    expect(applyBasisPoints(0, 10_000)).toBe(0)
    expect(applyBasisPoints(777, 0)).toBe(0)
    expect(applyBasisPoints(777, 10_000)).toBe(777)
  })

  it('is exact where floats are not', () => {
    // 1.15 % of 3 000 is exactly 34.5 → 35, but in floats 3000 × 1.15 / 100 = 34.49999999999999 → 34.
    expect(Math.round((3_000 * 1.15) / 100)).toBe(34)
    expect(applyPercent(3_000, 1.15)).toBe(35)
    // Beyond 2^53 / 10 000 a Number product loses digits; BigInt does not.
    const huge = Number.MAX_SAFE_INTEGER
    expect(applyBasisPoints(huge, 10_000)).toBe(huge)
    expect(applyBasisPoints(huge, 5_000)).toBe(Number((BigInt(huge) * 5_000n + 5_000n) / 10_000n))
  })

  it('agrees with an exact rational reference and never exceeds the amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat()),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          const got = applyBasisPoints(amount, bp)
          const exact2 = BigInt(amount) * BigInt(bp) * 2n // twice the exact value × 10 000
          // |got − exact| ≤ ½, and exactly ½ only when rounding up: 2·got·10 000 − exact2 ∈ (−10 000, 10 000]
          const diff = BigInt(got) * 20_000n - exact2
          expect(diff > -10_000n && diff <= 10_000n).toBe(true)
          expect(Number.isSafeInteger(got)).toBe(true)
          expect(got).toBeLessThanOrEqual(amount)
          expect(got).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: runs(2_000) },
    )
  })

  it('is monotonic in the amount and in the rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        (amount, bp) => {
          expect(applyBasisPoints(amount + 1, bp)).toBeGreaterThanOrEqual(applyBasisPoints(amount, bp))
          expect(applyBasisPoints(amount, bp + 1)).toBeGreaterThanOrEqual(applyBasisPoints(amount, bp))
        },
      ),
    )
  })

  it('refuses bad inputs', () => {
    expect(() => applyBasisPoints(1.5, 100)).toThrow(MoneyError)
    expect(() => applyBasisPoints(-1, 100)).toThrow(MoneyError)
    expect(() => applyBasisPoints(100, 10_001)).toThrow(MoneyError)
    expect(() => applyBasisPoints(100, 12.5)).toThrow(MoneyError)
  })
})

describe('applyPercent', () => {
  it('is applyBasisPoints after the exact conversion', () => {
    expect(applyPercent(250_000, 10)).toBe(25_000)
    expect(applyPercent(99_999, 12.5)).toBe(12_500) // 12 499.875 → 12 500
    expect(applyPercent(3, 50)).toBe(2)
    expect(applyPercent(1_001, 0.05)).toBe(1) // 0.5005 → 1
    expect(() => applyPercent(100, 12.345)).toThrow(MoneyError)
  })
})

describe('subtractMoney / minMoney', () => {
  it('never goes below zero', () => {
    expect(subtractMoney(10, 3)).toBe(7)
    expect(subtractMoney(10, 10)).toBe(0)
    expect(() => subtractMoney(3, 10)).toThrow(MoneyError)
    expect(() => subtractMoney(3.5, 1)).toThrow(MoneyError)
    expect(minMoney(5, 3)).toBe(3)
    expect(() => minMoney(5, -3)).toThrow(MoneyError)
  })
})
