// The booking machine's context helpers, called directly: the guards against impossible calls throw,
// NaN stands for any unreadable instant, reminders are ordered and deduplicated, settlements carry the
// actor, and optional fields are absent (not undefined) when they do not apply.

import { describe, expect, it } from 'vitest'
import {
  lastMove,
  msOrNaN,
  packageVisit,
  remindersFor,
  settlementOf,
  whoOf,
} from '../../src/machines/booking-context.ts'
import { readBooking, startBooking, stepBooking } from '../../src/machines/index.ts'
import { STARTS_AT_UTC, beforeStart, ev, input, only } from './fixtures.ts'

const contextOf = (over: Parameters<typeof input>[0] = {}) => startBooking(input(over)).context

describe('guards against impossible calls', () => {
  it('throw, naming what is missing', () => {
    expect(() => whoOf({ type: 'payment.settle' })).toThrow(
      'booking machine: payment.settle carries no sender',
    )
    expect(whoOf({ type: 'CONFIRM', by: 'admin', now: STARTS_AT_UTC })).toMatchObject({ by: 'admin' })
    expect(() => settlementOf(contextOf())).toThrow('booking machine: no settlement in context')
    expect(() => packageVisit(contextOf())).toThrow('booking machine: not a package booking')
    expect(packageVisit(contextOf({ payment: { method: 'package', clientPackageId: 4 } }))).toEqual({
      bookingId: 7,
      clientId: 3,
      clientPackageId: 4,
      serviceId: 5,
    })
    expect(() => lastMove(contextOf())).toThrow('booking machine: no move recorded')
  })
})

describe('msOrNaN', () => {
  it('reads an ISO string with an offset, and is NaN for anything else', () => {
    expect(msOrNaN('2025-03-10T09:00:00Z')).toBe(Date.parse('2025-03-10T09:00:00Z'))
    for (const bad of [new Date(0), 0, null, undefined, 'soon', '2025-03-10T09:00:00']) {
      expect(msOrNaN(bad), String(bad)).toBeNaN()
    }
  })
})

describe('remindersFor', () => {
  it('largest offset first, duplicates collapsed, only those still ahead', () => {
    const start = '2025-03-10T12:00:00.000Z'
    expect(remindersFor(start, [60, 1_440, 60, 120], '2025-03-01T00:00:00Z')).toEqual([
      { offsetMin: 1_440, at: '2025-03-09T12:00:00.000Z' },
      { offsetMin: 120, at: '2025-03-10T10:00:00.000Z' },
      { offsetMin: 60, at: '2025-03-10T11:00:00.000Z' },
    ])
    expect(remindersFor(start, [30, 600, 90], '2025-03-10T10:00:00Z')).toEqual([
      { offsetMin: 90, at: '2025-03-10T10:30:00.000Z' },
      { offsetMin: 30, at: '2025-03-10T11:30:00.000Z' },
    ])
    // A reminder due exactly now is not scheduled.
    expect(remindersFor(start, [120], '2025-03-10T10:00:00Z')).toEqual([])
  })
})

describe('settlements', () => {
  it('a rejected package booking refunds no money and gives the visit back', () => {
    const started = startBooking(
      input({ autoConfirm: false, payment: { method: 'package', clientPackageId: 1 } }),
    )
    const rejected = stepBooking(started.snapshot, ev('REJECT', 'admin', beforeStart(30)))
    expect(readBooking(rejected.snapshot).context.settlement).toMatchObject({
      refund: 0,
      fee: 0,
      packageVisit: 'restore',
    })
  })

  it('a late cancellation paid on site keeps nothing and has no package visit', () => {
    const started = startBooking(input({ payment: { method: 'on_site' } }))
    const cancelled = stepBooking(started.snapshot, ev('CANCEL', 'client', beforeStart(1), { actorId: 3 }))
    expect(readBooking(cancelled.snapshot).context.settlement).toEqual({
      status: 'cancelled',
      reason: 'late',
      late: true,
      fee: 0,
      refund: 0,
      packageVisit: null,
      at: beforeStart(1),
      by: 'client',
      actorId: 3,
    })
  })

  it('a policy settlement records the actor', () => {
    const started = startBooking(input())
    const noShow = stepBooking(
      started.snapshot,
      ev('NO_SHOW', 'specialist', beforeStart(-1), { actorId: 21 }),
    )
    expect(readBooking(noShow.snapshot).context.settlement).toMatchObject({ by: 'specialist', actorId: 21 })
  })
})

describe('optional fields are absent when they do not apply', () => {
  it('no previousStartsAt on a created or confirmed event, no specialists on a same-specialist move', () => {
    const started = startBooking(input({ autoConfirm: false }))
    expect(Object.keys(only(started.actions, 'publishEvent'))).not.toContain('previousStartsAt')
    const confirmed = stepBooking(started.snapshot, ev('CONFIRM', 'admin', beforeStart(100)))
    expect(Object.keys(only(confirmed.actions, 'publishEvent'))).not.toContain('previousStartsAt')
    const moved = stepBooking(
      confirmed.snapshot,
      ev('RESCHEDULE', 'admin', beforeStart(100), { startsAt: '2025-03-11T10:00:00Z' }),
    )
    expect(Object.keys(only(moved.actions, 'appendHistory').details).sort()).toEqual([
      'fromStartsAt',
      'toStartsAt',
    ])
    const published = only(moved.actions, 'publishEvent')
    expect(Object.keys(published)).not.toContain('previousSpecialistId')
    expect(published.previousStartsAt).toBe(STARTS_AT_UTC)
    expect(Object.keys(readBooking(moved.snapshot).context.moves[0]!).sort()).toEqual([
      'actorId',
      'at',
      'by',
      'from',
      'to',
    ])
  })
})
