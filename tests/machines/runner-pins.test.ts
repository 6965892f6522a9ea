// The runner's refusals, each with its own message or error class: corrupt snapshots (rehydrate) and
// why an event was not accepted (refusalOf).

import { describe, expect, it } from 'vitest'
import {
  type BookingEvent,
  BookingNotStartedError,
  CorrectionNotAllowedError,
  CorruptSnapshotError,
  InvalidBookingEventError,
  InvalidBookingInputError,
  InvalidTransitionError,
  type PersistedBooking,
  readBooking,
  refusalOf,
  startBooking,
  stepBooking,
  validateBookingEvent,
} from '../../src/machines/index.ts'
import { beforeStart, ev, input } from './fixtures.ts'

describe('corrupt snapshots', () => {
  const good = () => startBooking(input()).snapshot
  const refused = (snapshot: unknown, message: string) =>
    expect(() => readBooking(snapshot as PersistedBooking)).toThrow(new CorruptSnapshotError(message))

  it('not a booking machine snapshot', () => {
    for (const bad of [null, 'booking', 42, { ...good(), machine: 'payment' }]) {
      refused(bad, 'not a booking machine snapshot')
    }
  })

  it('no valid value or context', () => {
    const message = 'booking snapshot has no valid value or context'
    const s = good()
    refused({ ...s, snapshot: null }, message)
    refused({ ...s, snapshot: { ...s.snapshot, value: null } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, value: 'confirmed' } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, value: { ...s.snapshot.value, status: 'lost' } } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, value: { ...s.snapshot.value, payment: 'lost' } } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, context: null } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, context: 'ctx' } }, message)
    refused({ ...s, snapshot: { ...s.snapshot, context: { ...s.snapshot.context, bookingId: 0 } } }, message)
  })
})

describe('done', () => {
  it('is true for cancelled and rejected bookings, false for marks an admin may correct', () => {
    const started = startBooking(input())
    expect(started.done).toBe(false)
    const cancelled = stepBooking(started.snapshot, ev('CANCEL', 'client', beforeStart(48)))
    expect(cancelled.snapshot.snapshot.status).toBe('active') // the refunded money still takes a correction
    expect(readBooking(cancelled.snapshot).done).toBe(true)
    const requested = startBooking(input({ autoConfirm: false }))
    const rejected = stepBooking(requested.snapshot, ev('REJECT', 'admin', beforeStart(48)))
    expect(readBooking(rejected.snapshot).done).toBe(true)
    const completed = stepBooking(started.snapshot, ev('COMPLETE', 'admin', beforeStart(-1)))
    expect(readBooking(completed.snapshot).done).toBe(false)
  })
})

describe('refusalOf', () => {
  const confirmed = () => startBooking(input()).snapshot
  const completed = () => stepBooking(confirmed(), ev('COMPLETE', 'admin', beforeStart(-1))).snapshot
  const noShow = () => stepBooking(confirmed(), ev('NO_SHOW', 'admin', beforeStart(-1))).snapshot

  it('a mark before the start names the start', () => {
    for (const type of ['COMPLETE', 'NO_SHOW'] as const) {
      for (const by of ['admin', 'specialist'] as const) {
        const error = refusalOf(confirmed(), ev(type, by, beforeStart(1)))
        expect(error, `${type} by ${by}`).toBeInstanceOf(BookingNotStartedError)
      }
      // Exactly at the start it has started: whatever refused it, it was not that.
      expect(refusalOf(confirmed(), ev(type, 'admin', beforeStart(0)))).toBeInstanceOf(InvalidTransitionError)
      // A client never marks: that is no "not started yet".
      expect(refusalOf(confirmed(), ev(type, 'client', beforeStart(1)))).toBeInstanceOf(
        InvalidTransitionError,
      )
    }
    expect(refusalOf(confirmed(), ev('CANCEL', 'client', beforeStart(-1)))).toBeInstanceOf(
      InvalidTransitionError,
    )
  })

  it('a correction by someone other than an admin is not allowed; by an admin before the start it is not started', () => {
    for (const [snapshot, type] of [
      [completed(), 'NO_SHOW'],
      [completed(), 'CANCEL'],
      [noShow(), 'COMPLETE'],
      [noShow(), 'CANCEL'],
    ] as const) {
      expect(refusalOf(snapshot, ev(type, 'specialist', beforeStart(-5))), type).toBeInstanceOf(
        CorrectionNotAllowedError,
      )
      expect(refusalOf(snapshot, ev(type, 'client', beforeStart(-5))), type).toBeInstanceOf(
        InvalidTransitionError,
      )
    }
    expect(refusalOf(completed(), ev('NO_SHOW', 'admin', beforeStart(1)))).toBeInstanceOf(
      BookingNotStartedError,
    )
    expect(refusalOf(noShow(), ev('COMPLETE', 'admin', beforeStart(1)))).toBeInstanceOf(
      BookingNotStartedError,
    )
    expect(refusalOf(completed(), ev('NO_SHOW', 'specialist', beforeStart(1)))).toBeInstanceOf(
      CorrectionNotAllowedError,
    )
  })

  it('the same mark again is simply not taken', () => {
    expect(refusalOf(completed(), ev('COMPLETE', 'admin', beforeStart(1)))).toBeInstanceOf(
      InvalidTransitionError,
    )
    expect(refusalOf(completed(), ev('COMPLETE', 'specialist', beforeStart(-3)))).toBeInstanceOf(
      InvalidTransitionError,
    )
    expect(refusalOf(noShow(), ev('NO_SHOW', 'admin', beforeStart(1)))).toBeInstanceOf(InvalidTransitionError)
    expect(refusalOf(noShow(), ev('NO_SHOW', 'specialist', beforeStart(-3)))).toBeInstanceOf(
      InvalidTransitionError,
    )
    expect(refusalOf(completed(), ev('CONFIRM', 'specialist', beforeStart(-3)))).toBeInstanceOf(
      InvalidTransitionError,
    )
  })
})

describe('validation messages', () => {
  const inputRefused = (value: unknown, message: string) =>
    expect(() => startBooking(value as never)).toThrow(new InvalidBookingInputError(message))

  it('input: each problem named', () => {
    inputRefused(null, 'input must be an object')
    inputRefused('booking', 'input must be an object')
    inputRefused(
      input({ startsAt: new Date() as never }),
      'startsAt must be an ISO 8601 date-time with an offset',
    )
    inputRefused(input({ startsAt: 'soon' }), 'startsAt must be an ISO 8601 date-time with an offset')
    inputRefused(input({ now: 'soon' }), 'now must be an ISO 8601 date-time with an offset')
    inputRefused(input({ now: new Date() as never }), 'now must be an ISO 8601 date-time with an offset')
    inputRefused(input({ by: 'guest' as never }), 'by must be client, admin, specialist or system')
    inputRefused(input({ bookingId: '7' as never }), 'bookingId must be a positive integer')
  })

  it('a programming error while pricing is not disguised as an input error', () => {
    let thrown: unknown
    try {
      startBooking(input({ discounts: 5 as never }))
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(TypeError)
    expect(thrown).not.toBeInstanceOf(InvalidBookingInputError)
  })

  it('events: each problem named; fields of other events are not checked', () => {
    const refused = (event: unknown, message: string) =>
      expect(() => validateBookingEvent(event as BookingEvent)).toThrow(new InvalidBookingEventError(message))
    refused('CONFIRM', 'event must be an object')
    const now = '2025-03-01T10:00:00Z'
    expect(() =>
      validateBookingEvent({ type: 'CONFIRM', by: 'admin', now, specialistId: 0 } as unknown as BookingEvent),
    ).not.toThrow()
    expect(() =>
      validateBookingEvent({ type: 'CONFIRM', by: 'admin', now, reason: 42 } as unknown as BookingEvent),
    ).not.toThrow()
    expect(() =>
      validateBookingEvent({ type: 'CANCEL', by: 'admin', now, startsAt: 'soon' } as unknown as BookingEvent),
    ).not.toThrow()
    expect(() =>
      validateBookingEvent({ type: 'RESCHEDULE', by: 'admin', now, startsAt: now, specialistId: 3 }),
    ).not.toThrow()
  })
})

describe('refusalOf a request', () => {
  it('a mark of a request is not taken, before the start or after it', () => {
    const requested = startBooking(input({ autoConfirm: false })).snapshot
    for (const type of ['COMPLETE', 'NO_SHOW'] as const) {
      for (const now of [beforeStart(1), beforeStart(-1)]) {
        expect(refusalOf(requested, ev(type, 'admin', now)), `${type} ${now}`).toBeInstanceOf(
          InvalidTransitionError,
        )
      }
    }
  })
})
