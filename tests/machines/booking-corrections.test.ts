// Marking a visit needs its start to have passed, and an admin can correct a wrong mark: the money
// moves by the difference, so the wallet and the package end as if the right mark had been made.

import { describe, expect, it } from 'vitest'
import {
  BookingNotStartedError,
  CorrectionNotAllowedError,
  InvalidTransitionError,
  type BookingAction,
  type BookingEvent,
  type PersistedBooking,
  applyBookingEvent,
  readBooking,
  startBooking,
  stepBooking,
} from '../../src/machines/index.ts'
import { POLICY, all, beforeStart, ev, input, only, types } from './fixtures.ts'

const AFTER = beforeStart(-2)
const LATER = beforeStart(-30)
const PRICE = 250_000

function step(snapshot: PersistedBooking, event: BookingEvent) {
  const result = stepBooking(snapshot, event)
  expect(result.changed, `${event.type} by ${event.by} should be accepted`).toBe(true)
  return result
}

function marked(mark: 'COMPLETE' | 'NO_SHOW', overrides: Parameters<typeof input>[0] = {}) {
  return step(startBooking(input(overrides)).snapshot, ev(mark, 'specialist', AFTER)).snapshot
}

/** Net wallet movement of a list of effects: + to the client, − from them. */
const walletNet = (actions: readonly BookingAction[]) =>
  all(actions, 'refundWallet').reduce((a, p) => a + p.amount, 0) -
  all(actions, 'debitWallet').reduce((a, p) => a + p.amount, 0)

describe('marks need the start to have passed', () => {
  it('COMPLETE or NO_SHOW before the start: refused, naming the start', () => {
    const booking = startBooking(input()).snapshot
    for (const type of ['COMPLETE', 'NO_SHOW'] as const) {
      const early = ev(type, 'specialist', beforeStart(72))
      expect(stepBooking(booking, early).changed).toBe(false)
      expect(() => applyBookingEvent(booking, early)).toThrow(BookingNotStartedError)
      try {
        applyBookingEvent(booking, early)
      } catch (err) {
        expect(err).toMatchObject({ code: 'not_started', status: 409, startsAt: '2025-03-10T09:00:00.000Z' })
      }
    }
    expect(step(booking, ev('COMPLETE', 'specialist', beforeStart(0))).to).toBe('completed')
  })
})

describe('an admin corrects a wrong mark (wallet, 50 % late fee)', () => {
  it('completed → no-show: the no-show fee is kept, the rest refunded', () => {
    const result = step(marked('COMPLETE'), ev('NO_SHOW', 'admin', LATER, { actorId: 1 }))
    expect([result.from, result.to, result.payment.to]).toEqual([
      'completed',
      'no_show',
      'wallet_partially_refunded',
    ])
    expect(only(result.actions, 'refundWallet')).toMatchObject({ amount: PRICE / 2, reason: 'no_show' })
    expect(all(result.actions, 'debitWallet')).toEqual([])
    expect(only(result.actions, 'setStatus')).toEqual({ bookingId: 7, from: 'completed', to: 'no_show' })
    const history = only(result.actions, 'appendHistory')
    expect(history).toMatchObject({
      event: 'NO_SHOW',
      from: 'completed',
      to: 'no_show',
      by: 'admin',
      actorId: 1,
    })
    expect(history.details).toMatchObject({
      fee: PRICE / 2,
      refund: PRICE / 2,
      correction: { from: 'completed', refund: PRICE / 2, debit: 0 },
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({ type: 'booking.no_show' })
  })

  it('no-show → completed: the refund is taken back, the full price kept', () => {
    const result = step(marked('NO_SHOW'), ev('COMPLETE', 'admin', LATER))
    expect([result.to, result.payment.to]).toEqual(['completed', 'wallet_captured'])
    expect(only(result.actions, 'debitWallet')).toEqual({ bookingId: 7, clientId: 3, amount: PRICE / 2 })
    expect(all(result.actions, 'refundWallet')).toEqual([])
  })

  it('either → cancelled: the visit does not count, everything is refunded, the slot released', () => {
    for (const mark of ['COMPLETE', 'NO_SHOW'] as const) {
      const before = marked(mark)
      const result = step(before, ev('CANCEL', 'admin', LATER, { reason: 'marked by mistake' }))
      expect([result.to, result.payment.to]).toEqual(['cancelled', 'wallet_refunded'])
      // Whatever was kept by the mark comes back: the whole price over the booking's life.
      expect(walletNet(result.actions)).toBe(mark === 'COMPLETE' ? PRICE : PRICE / 2)
      expect(types(result.actions)).toContain('releaseSlot')
      expect(only(result.actions, 'appendHistory').details).toMatchObject({
        reason: 'marked by mistake',
        outcome: 'by_business',
      })
      expect(readBooking(result.snapshot).done).toBe(true)
    }
  })

  it('back and forth: the wallet always ends where the last mark says', () => {
    let snapshot = marked('COMPLETE')
    let net = -PRICE // the debit at creation
    for (const [type, expected] of [
      ['NO_SHOW', -PRICE / 2],
      ['COMPLETE', -PRICE],
      ['NO_SHOW', -PRICE / 2],
      ['CANCEL', 0],
    ] as const) {
      const result = step(snapshot, ev(type, 'admin', LATER))
      net += walletNet(result.actions)
      expect(net, type).toBe(expected)
      snapshot = result.snapshot
    }
    expect(readBooking(snapshot).context.corrections).toHaveLength(4)
  })

  it('only an admin corrects; a second identical mark is no correction', () => {
    const completed = marked('COMPLETE')
    for (const type of ['NO_SHOW', 'CANCEL'] as const) {
      expect(() => applyBookingEvent(completed, ev(type, 'specialist', LATER))).toThrow(
        CorrectionNotAllowedError,
      )
      expect(stepBooking(completed, ev(type, 'client', LATER)).changed).toBe(false)
    }
    expect(() => applyBookingEvent(completed, ev('COMPLETE', 'admin', LATER))).toThrow(InvalidTransitionError)
    expect(() => applyBookingEvent(completed, ev('COMPLETE', 'specialist', LATER))).toThrow(
      InvalidTransitionError,
    )
  })
})

describe('an admin corrects a wrong mark (package)', () => {
  const pkg = { payment: { method: 'package' as const, clientPackageId: 9 } }

  it('completed → no-show under a policy that gives the visit back: the visit is restored', () => {
    const result = step(
      marked('COMPLETE', { ...pkg, policy: { ...POLICY, late_cancellation_consumes_visit: false } }),
      ev('NO_SHOW', 'admin', LATER),
    )
    expect(result.payment.to).toBe('package_restored')
    expect(only(result.actions, 'restorePackageVisit')).toMatchObject({ clientPackageId: 9 })
  })

  it('no-show (visit given back) → completed: the visit is taken again', () => {
    const result = step(
      marked('NO_SHOW', { ...pkg, policy: { ...POLICY, late_cancellation_consumes_visit: false } }),
      ev('COMPLETE', 'admin', LATER),
    )
    expect(result.payment.to).toBe('package_consumed')
    expect(types(result.actions).filter((t) => t.endsWith('PackageVisit'))).toEqual([
      'reservePackageVisit',
      'consumePackageVisit',
    ])
  })

  it('completed → cancelled: the visit comes back', () => {
    const result = step(marked('COMPLETE', pkg), ev('CANCEL', 'admin', LATER))
    expect([result.to, result.payment.to]).toEqual(['cancelled', 'package_restored'])
    expect(only(result.actions, 'restorePackageVisit')).toMatchObject({ clientPackageId: 9 })
  })
})

describe('snapshots of machine version 1', () => {
  it('are read, and a completed one can be corrected', () => {
    const v2 = marked('COMPLETE')
    const v1 = { ...v2, version: 1 }
    expect(readBooking(v1).status).toBe('completed')
    const result = step(v1, ev('NO_SHOW', 'admin', LATER))
    expect(result.snapshot.version).toBe(2)
    expect(only(result.actions, 'refundWallet').amount).toBe(PRICE / 2)
  })
})
