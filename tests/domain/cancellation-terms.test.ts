// The cancellation terms and settlements in words (src/domain/cancellation-terms.ts): what a client
// reads at booking time, in the cancel answer and in the wallet's ledger.
import { describe, expect, it } from 'vitest'
import {
  cancellationTerms,
  ledgerPaymentComment,
  ledgerRefundComment,
  settlementSummary,
} from '../../src/domain/cancellation-terms.ts'

const ZONE = 'Europe/Moscow'
const START = '2025-12-06T14:00:00+03:00'
const MIN = 60_000
const before = (minutes: number) => new Date(Date.parse(START) - minutes * MIN).toISOString()
const POLICY = {
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 50,
  late_cancellation_consumes_visit: true,
  cancellation_grace_minutes: 15,
}
const NBSP = /[\u00a0\u202f]/g
const plain = (s: string) => s.replace(NBSP, ' ')

const terms = (over: Partial<Parameters<typeof cancellationTerms>[0]> = {}) =>
  cancellationTerms({
    policy: POLICY,
    startsAt: START,
    bookedAt: before(3 * 24 * 60),
    payment: { method: 'wallet', amount: 150_000 },
    timeZone: ZONE,
    currency: 'RUB',
    ...over,
  })

describe('cancellationTerms', () => {
  it('says until when cancelling is free and what is kept later, from a wallet payment', () => {
    const t = terms()
    expect(t).toMatchObject({
      free_until: '2025-12-05T14:00:00+03:00',
      late_fee_percent: 50,
      late_fee: 75_000,
      consumes_visit: false,
    })
    expect(plain(t.text)).toBe('Free cancellation until 5 Dec 14:00; later 50 % (750,00 ₽) is kept.')
  })

  it('names the grace period when a same-day booking gets one', () => {
    const t = terms({ bookedAt: '2025-12-06T09:50:00+03:00' })
    expect(t.free_until).toBe('2025-12-06T10:05:00+03:00')
    expect(plain(t.text)).toBe(
      'Free cancellation until 6 Dec 10:05 (15 minutes after booking); later 50 % (750,00 ₽) is kept.',
    )
  })

  it('says so when there is no free cancellation at all', () => {
    const t = terms({
      bookedAt: '2025-12-06T09:50:00+03:00',
      policy: { ...POLICY, cancellation_grace_minutes: 0 },
    })
    expect(t.free_until).toBe('2025-12-05T14:00:00+03:00')
    expect(plain(t.text)).toBe(
      'Booked less than 24 h before the start: a cancellation keeps 50 % (750,00 ₽).',
    )
  })

  it('speaks of the package visit, and of nothing kept when nothing can be', () => {
    const pkg = terms({ payment: { method: 'package', amount: 0 } })
    expect(pkg).toMatchObject({ late_fee_percent: 0, late_fee: 0, consumes_visit: true })
    expect(pkg.text).toBe('Free cancellation until 5 Dec 14:00; later the package visit is used up.')
    const kept = terms({
      payment: { method: 'package', amount: 0 },
      policy: { ...POLICY, late_cancellation_consumes_visit: false },
    })
    expect(kept.text).toBe('Free cancellation until the start: the package visit is given back.')
    const onSite = terms({ payment: { method: 'on_site', amount: 150_000 } })
    expect(onSite).toMatchObject({ late_fee_percent: 0, late_fee: 0, consumes_visit: false })
    expect(onSite.text).toBe('Free cancellation until the start: you pay on site, so nothing is kept.')
    expect(terms({ policy: { ...POLICY, late_cancellation_fee_percent: 0 } }).text).toBe(
      'Free cancellation until the start.',
    )
  })

  it('gives the time with the offset of the location (a summer and a winter date in New York)', () => {
    const ny = (start: string) =>
      cancellationTerms({
        policy: { ...POLICY, free_cancellation_hours: 2 },
        startsAt: start,
        bookedAt: '2025-01-01T00:00:00Z',
        payment: { method: 'wallet', amount: 1000 },
        timeZone: 'America/New_York',
        currency: 'USD',
      })
    expect(ny('2025-07-01T16:00:00Z').free_until).toBe('2025-07-01T10:00:00-04:00')
    expect(ny('2025-12-01T16:00:00Z').free_until).toBe('2025-12-01T09:00:00-05:00')
    expect(plain(ny('2025-12-01T16:00:00Z').text)).toBe(
      'Free cancellation until 1 Dec 09:00; later 50 % (5,00 $) is kept.',
    )
  })
})

describe('settlementSummary', () => {
  const summary = (s: Partial<Parameters<typeof settlementSummary>[0]>, method = 'wallet') =>
    settlementSummary(
      { status: 'cancelled', reason: 'free_window', fee: 0, refund: 150_000, packageVisit: null, ...s },
      { paymentMethod: method, currency: 'RUB', policy: POLICY },
    )

  it('states the refund and the fee', () => {
    expect(summary({})).toMatchObject({ refund: 150_000, fee: 0, visit_restored: false })
    expect(plain(summary({}).text)).toBe('Refunded 1 500,00 ₽ in full: cancelled in the free window.')
    expect(plain(summary({ reason: 'grace_period' }).text)).toBe(
      'Refunded 1 500,00 ₽ in full: cancelled within 15 minutes of booking.',
    )
    expect(plain(summary({ reason: 'by_business' }).text)).toBe(
      'Refunded 1 500,00 ₽ in full: cancelled by the salon.',
    )
    expect(plain(summary({ reason: 'late', fee: 75_000, refund: 75_000 }).text)).toBe(
      'Refunded 750,00 ₽; 750,00 ₽ (50 %) kept for a late cancellation.',
    )
    expect(plain(summary({ status: 'no_show', reason: 'no_show', fee: 150_000, refund: 0 }).text)).toBe(
      'Nothing refunded; 1 500,00 ₽ (50 %) kept for a no-show.',
    )
  })

  it('states what happened to a package visit, or that there was nothing to refund', () => {
    const restored = summary({ refund: 0, packageVisit: 'restore' }, 'package')
    expect(restored).toMatchObject({ refund: 0, fee: 0, visit_restored: true })
    expect(restored.text).toBe('The package visit was given back: cancelled in the free window.')
    const used = summary({ reason: 'late', refund: 0, packageVisit: 'consume' }, 'package')
    expect(used).toMatchObject({ visit_restored: false })
    expect(used.text).toBe('The package visit was used up: a late cancellation.')
    expect(summary({ refund: 0 }, 'on_site').text).toBe(
      'Nothing to refund: the booking was to be paid on site.',
    )
    expect(summary({ status: 'rejected', reason: 'by_business' }).text).toMatch(
      /: the salon declined the request\.$/,
    )
  })
})

describe('ledger comments', () => {
  it('say what a row is for in words', () => {
    expect(ledgerPaymentComment(10, "Women's haircut", START, ZONE)).toBe(
      "Payment for booking #10 (Women's haircut, 6 Dec 14:00)",
    )
    expect(ledgerRefundComment(10, { status: 'cancelled', reason: 'free_window' }, POLICY)).toBe(
      'Refund for booking #10, cancelled in the free window',
    )
    expect(ledgerRefundComment(10, { status: 'cancelled', reason: 'late' }, POLICY)).toBe(
      'Refund for booking #10, cancelled late (50 % kept)',
    )
    expect(ledgerRefundComment(10, { status: 'no_show', reason: 'no_show' }, POLICY)).toBe(
      'Refund for booking #10, a no-show (50 % kept)',
    )
    expect(ledgerRefundComment(10, { status: 'cancelled', reason: 'grace_period' }, POLICY)).toBe(
      'Refund for booking #10, cancelled within 15 minutes of booking',
    )
    expect(ledgerRefundComment(10, { status: 'cancelled', reason: 'by_business' }, POLICY)).toBe(
      'Refund for booking #10, cancelled by the salon',
    )
    expect(ledgerRefundComment(10, { status: 'rejected', reason: 'by_business' }, POLICY)).toBe(
      'Refund for booking #10, the salon declined the request',
    )
  })
})
