// Payment region behaviours a mutation run showed unpinned: a payment.settle from outside the lifecycle
// moves no money in any unsettled state, a fully refunded wallet still takes an admin's correction, and
// a booking whose money is closed and whose status has ended is done (the snapshot says so).

import { initialTransition, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import { bookingMachine, readBooking, startBooking, stepBooking } from '../../src/machines/index.ts'
import { POLICY, beforeStart, ev, input, only, types } from './fixtures.ts'

describe('payment.settle from outside the lifecycle', () => {
  const payments = [
    ['package_reserved', { payment: { method: 'package', clientPackageId: 1 } }],
    ['wallet_debited', {}],
    ['on_site', { payment: { method: 'on_site' } }],
    ['free', { basePrice: 0 }],
  ] as const

  for (const [state, over] of payments) {
    it(`is ignored in ${state}`, () => {
      const [initial] = initialTransition(bookingMachine, input(over))
      expect(initial.value).toEqual({ status: 'confirmed', payment: state })
      const [next, actions] = transition(bookingMachine, initial, { type: 'payment.settle' })
      expect(next.value).toEqual(initial.value)
      expect(actions).toEqual([])
    })
  }
})

describe('a correction after a full refund', () => {
  it('no-show with a 0 % fee refunds everything; corrected to completed, the price is debited again', () => {
    const policy = { ...POLICY, late_cancellation_fee_percent: 0 }
    const started = startBooking(input({ policy }))
    const noShow = stepBooking(started.snapshot, ev('NO_SHOW', 'admin', beforeStart(-1)))
    expect([noShow.to, noShow.payment.to]).toEqual(['no_show', 'wallet_refunded'])
    expect(only(noShow.actions, 'refundWallet').amount).toBe(250_000)
    const corrected = stepBooking(noShow.snapshot, ev('COMPLETE', 'admin', beforeStart(-2)))
    expect(corrected.changed).toBe(true)
    expect([corrected.to, corrected.payment]).toEqual([
      'completed',
      { from: 'wallet_refunded', to: 'wallet_captured' },
    ])
    expect(only(corrected.actions, 'debitWallet')).toEqual({ bookingId: 7, clientId: 3, amount: 250_000 })
  })
})

describe('closed money', () => {
  it('a booking paid on site and cancelled is done: its snapshot is final', () => {
    const started = startBooking(input({ payment: { method: 'on_site' } }))
    const cancelled = stepBooking(started.snapshot, ev('CANCEL', 'admin', beforeStart(1)))
    expect([cancelled.to, cancelled.payment.to]).toEqual(['cancelled', 'closed'])
    expect(types(cancelled.actions)).not.toContain('refundWallet')
    expect(cancelled.snapshot.snapshot.status).toBe('done')
    expect(readBooking(cancelled.snapshot).done).toBe(true)
  })

  it('a free booking completed keeps its money closed but its status open to a correction', () => {
    const started = startBooking(input({ basePrice: 0 }))
    const done = stepBooking(started.snapshot, ev('COMPLETE', 'admin', beforeStart(-1)))
    expect([done.to, done.payment.to]).toEqual(['completed', 'closed'])
    expect(done.snapshot.snapshot.status).toBe('active')
    expect(readBooking(done.snapshot).done).toBe(false)
  })
})

describe('payment.settle from outside, once settled', () => {
  it('moves nothing in a settled wallet or package state (only a correction does)', () => {
    const late = beforeStart(-1)
    const settled = [
      stepBooking(startBooking(input()).snapshot, ev('COMPLETE', 'admin', late)),
      stepBooking(startBooking(input()).snapshot, ev('NO_SHOW', 'admin', late)),
      stepBooking(startBooking(input()).snapshot, ev('CANCEL', 'admin', late)),
      stepBooking(
        startBooking(input({ payment: { method: 'package', clientPackageId: 1 } })).snapshot,
        ev('COMPLETE', 'admin', late),
      ),
      stepBooking(
        startBooking(input({ payment: { method: 'package', clientPackageId: 1 } })).snapshot,
        ev('CANCEL', 'admin', late),
      ),
    ]
    expect(settled.map((r) => r.payment.to)).toEqual([
      'wallet_captured',
      'wallet_partially_refunded',
      'wallet_refunded',
      'package_consumed',
      'package_restored',
    ])
    for (const result of settled) {
      const snapshot = bookingMachine.resolveState({
        value: result.snapshot.snapshot.value,
        context: result.snapshot.snapshot.context,
      })
      const [next, actions] = transition(bookingMachine, snapshot, { type: 'payment.settle' })
      expect(next.value, result.payment.to).toEqual(snapshot.value)
      expect(actions, result.payment.to).toEqual([])
    }
  })
})
