// The grace period after booking (src/domain/cancellation.ts): a client who cancels within
// `cancellation_grace_minutes` of booking pays nothing, even inside the late window, but never after
// the start; the booking machine copies the grace into the booking with the rest of the policy.
import { describe, expect, it } from 'vitest'
import {
  type CancellationPolicy,
  assertCancellationPolicy,
  cancellationOutcome,
  freeCancellationUntil,
} from '../../src/domain/cancellation.ts'
import { MoneyError } from '../../src/domain/money.ts'
import { DEFAULT_SETTINGS, cancellationPolicyOf, parseSettings } from '../../src/domain/settings.ts'
import { applyBookingEvent, startBooking } from '../../src/machines/index.ts'
import { input } from '../machines/fixtures.ts'

const MIN = 60_000
const START = '2025-12-06T14:00:00+03:00'
const at = (minutesBeforeStart: number) =>
  new Date(Date.parse(START) - minutesBeforeStart * MIN).toISOString()
const POLICY: CancellationPolicy = {
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 50,
  late_cancellation_consumes_visit: true,
  cancellation_grace_minutes: 15,
}
const wallet = { method: 'wallet' as const, amount: 150_000 }

const cancel = (bookedMinutesBefore: number, cancelMinutesBefore: number, policy = POLICY) =>
  cancellationOutcome({
    payment: wallet,
    startsAt: START,
    bookedAt: at(bookedMinutesBefore),
    now: at(cancelMinutesBefore),
    policy,
    by: 'client',
  })

describe('the grace period after booking', () => {
  it('makes a cancellation right after a same-day booking free', () => {
    // Booked 3 h before the start (inside the 24 h window), cancelled a moment later.
    expect(cancel(180, 179.99)).toEqual({
      reason: 'grace_period',
      late: false,
      fee: 0,
      refund: 150_000,
      packageVisit: null,
    })
    // Up to and including the grace's last minute; late a millisecond after.
    expect(cancel(180, 165).reason).toBe('grace_period')
    expect(cancel(180, 165 - 1 / MIN)).toMatchObject({ reason: 'late', fee: 75_000, refund: 75_000 })
  })

  it('never reaches past the start', () => {
    // Booked 10 minutes before the start: the grace ends at the start itself.
    expect(freeCancellationUntil(START, at(10), POLICY)).toBe(Date.parse(START))
    expect(cancel(10, 1).reason).toBe('grace_period')
  })

  it('changes nothing outside the late window, and is absent from older bookings', () => {
    expect(cancel(48 * 60, 30 * 60).reason).toBe('free_window')
    expect(freeCancellationUntil(START, at(48 * 60), POLICY)).toBe(Date.parse(START) - 24 * 60 * MIN)
    const { cancellation_grace_minutes: _none, ...older } = POLICY
    expect(cancel(180, 179.99, older)).toMatchObject({ reason: 'late', fee: 75_000 })
    expect(
      cancellationOutcome({ payment: wallet, startsAt: START, now: at(179), policy: POLICY, by: 'client' })
        .reason,
    ).toBe('late')
  })

  it('does not excuse a no-show', () => {
    expect(
      cancellationOutcome({
        payment: wallet,
        startsAt: START,
        bookedAt: at(5),
        now: at(-1),
        policy: POLICY,
        by: 'system',
        kind: 'no_show',
      }).reason,
    ).toBe('no_show')
  })

  it('is validated with the rest of the policy', () => {
    for (const bad of [-1, 1.5, Number.NaN, '15'])
      expect(() =>
        assertCancellationPolicy({ ...POLICY, cancellation_grace_minutes: bad as number }),
      ).toThrow(MoneyError)
  })
})

describe('the company setting', () => {
  it('defaults to 15 minutes and travels into the policy copied into a booking', () => {
    expect(DEFAULT_SETTINGS.cancellationGraceMinutes).toBe(15)
    expect(parseSettings({}).cancellationGraceMinutes).toBe(15)
    expect(parseSettings({ cancellation_grace_minutes: 0 }).cancellationGraceMinutes).toBe(0)
    expect(parseSettings({ cancellation_grace_minutes: -3 }).cancellationGraceMinutes).toBe(15)
    expect(cancellationPolicyOf(parseSettings({ free_cancellation_hours: 12 }))).toEqual({
      free_cancellation_hours: 12,
      late_cancellation_fee_percent: 50,
      late_cancellation_consumes_visit: true,
      cancellation_grace_minutes: 15,
    })
  })

  it('is what the booking machine applies to a client cancelling right after booking', () => {
    const now = at(120)
    const started = startBooking(input({ startsAt: START, now, policy: POLICY }))
    const soon = applyBookingEvent(started.snapshot, { type: 'CANCEL', now: at(119), by: 'client' })
    const refund = soon.actions.find((a) => a.type === 'refundWallet')
    expect(refund?.params).toMatchObject({ amount: 250_000, reason: 'grace_period' })
    const later = applyBookingEvent(started.snapshot, { type: 'CANCEL', now: at(100), by: 'client' })
    expect(later.actions.find((a) => a.type === 'refundWallet')?.params).toMatchObject({
      amount: 125_000,
      reason: 'late',
    })
  })
})
