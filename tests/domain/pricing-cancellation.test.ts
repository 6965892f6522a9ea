// The cancellation policy (src/domain/cancellation.ts): free window, late fee, package visits, no-shows.
// Named pricing-* to stay within the money/pricing test files this module owns.

import fc from 'fast-check'
import { runs } from './fast-check-seed.ts'
import { describe, expect, it } from 'vitest'
import {
  type CancellationPolicy,
  assertCancellationPolicy,
  cancellationOutcome,
  isLateCancellation,
  noShowOutcome,
} from '../../src/domain/cancellation.ts'
import { MoneyError } from '../../src/domain/money.ts'

const START = '2025-03-10T12:00:00+03:00'
const HOUR = 3_600_000
const hoursBefore = (h: number) => new Date(Date.parse(START) - h * HOUR).toISOString()
const POLICY: CancellationPolicy = {
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 30,
  late_cancellation_consumes_visit: true,
}

describe('isLateCancellation', () => {
  it('is free up to and including the window edge, late after it', () => {
    expect(isLateCancellation(START, hoursBefore(24.01), POLICY)).toBe(false)
    expect(isLateCancellation(START, hoursBefore(24), POLICY)).toBe(false)
    expect(isLateCancellation(START, new Date(Date.parse(START) - 24 * HOUR + 1), POLICY)).toBe(true)
    expect(isLateCancellation(START, hoursBefore(0), POLICY)).toBe(true)
    expect(isLateCancellation(START, hoursBefore(-2), POLICY)).toBe(true)
  })

  it('handles fractional and zero windows', () => {
    const p = { ...POLICY, free_cancellation_hours: 1.5 }
    expect(isLateCancellation(START, hoursBefore(1.5), p)).toBe(false)
    expect(isLateCancellation(START, hoursBefore(1.49), p)).toBe(true)
    const none = { ...POLICY, free_cancellation_hours: 0 }
    expect(isLateCancellation(START, hoursBefore(0.001), none)).toBe(false)
    expect(isLateCancellation(START, hoursBefore(0), none)).toBe(false)
    expect(isLateCancellation(START, hoursBefore(-0.001), none)).toBe(true)
  })
})

describe('cancellationOutcome', () => {
  const wallet = { method: 'wallet' as const, amount: 100_001 }

  it('the client inside the free window: everything back', () => {
    expect(
      cancellationOutcome({
        payment: wallet,
        startsAt: START,
        now: hoursBefore(30),
        policy: POLICY,
        by: 'client',
      }),
    ).toEqual({
      reason: 'free_window',
      late: false,
      fee: 0,
      refund: 100_001,
      packageVisit: null,
    })
  })

  it('the client late: the fee (rounded half up) is kept, the rest refunded', () => {
    // 30 % of 100 001 = 30 000.3 → 30 000
    expect(
      cancellationOutcome({
        payment: wallet,
        startsAt: START,
        now: hoursBefore(2),
        policy: POLICY,
        by: 'client',
      }),
    ).toEqual({
      reason: 'late',
      late: true,
      fee: 30_000,
      refund: 70_001,
      packageVisit: null,
    })
    // 50 % of 3 = 1.5 → fee 2, refund 1
    const half = { ...POLICY, late_cancellation_fee_percent: 50 }
    expect(
      cancellationOutcome({
        payment: { method: 'wallet', amount: 3 },
        startsAt: START,
        now: hoursBefore(2),
        policy: half,
        by: 'client',
      }),
    ).toMatchObject({ fee: 2, refund: 1 })
    // 12.5 % of 1 000 004 = 125 000.5 → 125 001
    const eighth = { ...POLICY, late_cancellation_fee_percent: 12.5 }
    expect(
      cancellationOutcome({
        payment: { method: 'wallet', amount: 1_000_004 },
        startsAt: START,
        now: hoursBefore(2),
        policy: eighth,
        by: 'client',
      }),
    ).toMatchObject({ fee: 125_001, refund: 875_003 })
  })

  it('the business cancels: everything back, however late', () => {
    for (const by of ['admin', 'specialist', 'system'] as const) {
      expect(
        cancellationOutcome({ payment: wallet, startsAt: START, now: hoursBefore(-1), policy: POLICY, by }),
      ).toEqual({
        reason: 'by_business',
        late: false,
        fee: 0,
        refund: 100_001,
        packageVisit: null,
      })
    }
  })

  it('package visits: restored in time; late, consumed or restored as the policy says', () => {
    const pkg = { method: 'package' as const }
    const at = (h: number, policy = POLICY) =>
      cancellationOutcome({ payment: pkg, startsAt: START, now: hoursBefore(h), policy, by: 'client' })
    expect(at(48)).toEqual({ reason: 'free_window', late: false, fee: 0, refund: 0, packageVisit: 'restore' })
    expect(at(1)).toEqual({ reason: 'late', late: true, fee: 0, refund: 0, packageVisit: 'consume' })
    expect(at(1, { ...POLICY, late_cancellation_consumes_visit: false }).packageVisit).toBe('restore')
    expect(
      cancellationOutcome({ payment: pkg, startsAt: START, now: hoursBefore(1), policy: POLICY, by: 'admin' })
        .packageVisit,
    ).toBe('restore')
  })

  it('pay on site or nothing to pay: no money, lateness still reported', () => {
    for (const method of ['on_site', 'none'] as const) {
      expect(
        cancellationOutcome({
          payment: { method },
          startsAt: START,
          now: hoursBefore(1),
          policy: POLICY,
          by: 'client',
        }),
      ).toEqual({ reason: 'late', late: true, fee: 0, refund: 0, packageVisit: null })
    }
  })

  it('a no-show is a late cancellation whoever records it and whenever', () => {
    const outcome = noShowOutcome({
      payment: wallet,
      startsAt: START,
      now: hoursBefore(-0.5),
      policy: POLICY,
    })
    expect(outcome).toEqual({
      reason: 'no_show',
      late: true,
      fee: 30_000,
      refund: 70_001,
      packageVisit: null,
    })
    expect(
      cancellationOutcome({
        payment: { method: 'package' },
        startsAt: START,
        now: hoursBefore(-1),
        policy: POLICY,
        by: 'admin',
        kind: 'no_show',
      }),
    ).toMatchObject({ reason: 'no_show', packageVisit: 'consume' })
  })

  it('fee 0 % and 100 %', () => {
    const free = { ...POLICY, late_cancellation_fee_percent: 0 }
    const all = { ...POLICY, late_cancellation_fee_percent: 100 }
    expect(
      cancellationOutcome({
        payment: wallet,
        startsAt: START,
        now: hoursBefore(1),
        policy: free,
        by: 'client',
      }),
    ).toMatchObject({
      late: true,
      fee: 0,
      refund: 100_001,
    })
    expect(
      cancellationOutcome({
        payment: wallet,
        startsAt: START,
        now: hoursBefore(1),
        policy: all,
        by: 'client',
      }),
    ).toMatchObject({
      fee: 100_001,
      refund: 0,
    })
  })

  it('refuses a bad policy, a bad amount or a time without an offset', () => {
    const bad: CancellationPolicy[] = [
      { ...POLICY, free_cancellation_hours: -1 },
      { ...POLICY, free_cancellation_hours: Number.NaN },
      { ...POLICY, late_cancellation_fee_percent: 101 },
      { ...POLICY, late_cancellation_fee_percent: 10.001 },
      { ...POLICY, late_cancellation_consumes_visit: 'yes' as unknown as boolean },
    ]
    for (const policy of bad) {
      expect(() => assertCancellationPolicy(policy)).toThrow(MoneyError)
      expect(() =>
        cancellationOutcome({ payment: wallet, startsAt: START, now: hoursBefore(1), policy, by: 'client' }),
      ).toThrow(MoneyError)
    }
    expect(() =>
      cancellationOutcome({
        payment: { method: 'wallet', amount: 10.5 },
        startsAt: START,
        now: hoursBefore(1),
        policy: POLICY,
        by: 'client',
      }),
    ).toThrow(MoneyError)
    expect(() =>
      cancellationOutcome({
        payment: wallet,
        startsAt: '2025-03-10T12:00:00',
        now: hoursBefore(1),
        policy: POLICY,
        by: 'client',
      }),
    ).toThrow(MoneyError)
  })
})

describe('properties', () => {
  it('refund + fee = amount; the fee is the rounded percentage when late, zero otherwise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 96 * 4 }),
        fc.integer({ min: -96, max: 96 * 8 }),
        fc.constantFrom('client', 'admin', 'specialist', 'system'),
        (amount, bp, freeQuarters, quartersBefore, by) => {
          const policy = {
            free_cancellation_hours: freeQuarters / 4,
            late_cancellation_fee_percent: bp / 100,
            late_cancellation_consumes_visit: false,
          }
          const now = hoursBefore(quartersBefore / 4)
          const outcome = cancellationOutcome({
            payment: { method: 'wallet', amount },
            startsAt: START,
            now,
            policy,
            by,
          })
          const late = by === 'client' && quartersBefore < freeQuarters
          expect(outcome.late).toBe(late)
          expect(outcome.fee + outcome.refund).toBe(amount)
          expect(outcome.fee).toBe(late ? Math.floor((amount * bp + 5_000) / 10_000) : 0)
          expect(outcome.refund).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: runs(1_000) },
    )
  })
})
