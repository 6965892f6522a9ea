// Booking machine behaviours a mutation run showed unpinned: the exact events each transition publishes,
// the settlement a final status records, the business's reason for withdrawing a request, the quote in
// the location's zone, and the runner's refusals of malformed input and events.
// Every booking is built inside its test, so a mutant that breaks a builder fails a test (not the file).

import { describe, expect, it } from 'vitest'
import {
  type BookingEvent,
  InvalidBookingEventError,
  InvalidBookingInputError,
  type PersistedBooking,
  quoteBooking,
  readBooking,
  startBooking,
  stepBooking,
  validateBookingEvent,
} from '../../src/machines/index.ts'
import { CREATED_AT, STARTS_AT_UTC, beforeStart, ev, input, only } from './fixtures.ts'

const BOOKING = { bookingId: 7, clientId: 3, specialistId: 2, locationId: 1 }

function step(snapshot: PersistedBooking, event: BookingEvent) {
  const result = stepBooking(snapshot, event)
  expect(result.changed, `${event.type} should be accepted`).toBe(true)
  return result
}

const confirmed = (over: Parameters<typeof input>[0] = {}) => startBooking(input(over)).snapshot
const requested = (over: Parameters<typeof input>[0] = {}) =>
  startBooking(input({ autoConfirm: false, ...over })).snapshot

describe('published events, names and parameters', () => {
  it('created: confirmed or requested, at the creation time', () => {
    expect(only(startBooking(input()).actions, 'publishEvent')).toEqual({
      type: 'booking.created',
      ...BOOKING,
      status: 'confirmed',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-01T10:00:00.000Z',
    })
    expect(only(startBooking(input({ autoConfirm: false })).actions, 'publishEvent')).toEqual({
      type: 'booking.created',
      ...BOOKING,
      status: 'requested',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-01T10:00:00.000Z',
    })
  })

  it('confirmed', () => {
    const result = step(requested(), ev('CONFIRM', 'admin', '2025-03-02T10:00:00+03:00', { actorId: 9 }))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.confirmed',
      ...BOOKING,
      status: 'confirmed',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-02T07:00:00.000Z',
    })
    expect(only(result.actions, 'setStatus')).toEqual({ bookingId: 7, from: 'requested', to: 'confirmed' })
    expect(only(result.actions, 'appendHistory')).toEqual({
      bookingId: 7,
      event: 'CONFIRM',
      from: 'requested',
      to: 'confirmed',
      at: '2025-03-02T07:00:00.000Z',
      by: 'admin',
      actorId: 9,
      details: {},
    })
  })

  it('rejected, with the settlement status rejected', () => {
    const result = step(requested(), ev('REJECT', 'specialist', '2025-03-02T10:00:00Z', { reason: 'ill' }))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.rejected',
      ...BOOKING,
      status: 'rejected',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-02T10:00:00.000Z',
    })
    expect(readBooking(result.snapshot).context.settlement).toEqual({
      status: 'rejected',
      reason: 'by_business',
      late: false,
      fee: 0,
      refund: 250_000,
      packageVisit: null,
      at: '2025-03-02T10:00:00.000Z',
      by: 'specialist',
      actorId: null,
    })
    expect(only(result.actions, 'appendHistory').details).toEqual({
      reason: 'ill',
      outcome: 'by_business',
      late: false,
      fee: 0,
      refund: 250_000,
      packageVisit: null,
    })
  })

  it('cancelled (a confirmed booking), with the settlement status cancelled', () => {
    const result = step(confirmed(), ev('CANCEL', 'client', beforeStart(48), { reason: 'plans' }))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.cancelled',
      ...BOOKING,
      status: 'cancelled',
      startsAt: STARTS_AT_UTC,
      at: beforeStart(48),
    })
    expect(readBooking(result.snapshot).context.settlement).toMatchObject({
      status: 'cancelled',
      reason: 'free_window',
      refund: 250_000,
      by: 'client',
    })
  })

  it('completed', () => {
    const after = beforeStart(-2)
    const result = step(confirmed(), ev('COMPLETE', 'specialist', after, { actorId: 12 }))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.completed',
      ...BOOKING,
      status: 'completed',
      startsAt: STARTS_AT_UTC,
      at: after,
    })
    expect(readBooking(result.snapshot).context.settlement).toEqual({
      status: 'completed',
      reason: 'completed',
      late: false,
      fee: 0,
      refund: 0,
      packageVisit: null,
      at: after,
      by: 'specialist',
      actorId: 12,
    })
  })

  it('no-show', () => {
    const after = beforeStart(-1)
    const result = step(confirmed(), ev('NO_SHOW', 'admin', after))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.no_show',
      ...BOOKING,
      status: 'no_show',
      startsAt: STARTS_AT_UTC,
      at: after,
    })
    expect(readBooking(result.snapshot).context.settlement).toMatchObject({ status: 'no_show', late: true })
  })

  it('rescheduled, confirmed or requested: the new start and the previous one', () => {
    const now = '2025-03-02T10:00:00Z'
    const to = '2025-03-11T10:00:00Z'
    for (const [snapshot, status] of [
      [confirmed(), 'confirmed'],
      [requested(), 'requested'],
    ] as const) {
      const result = step(snapshot, ev('RESCHEDULE', 'client', now, { startsAt: to }))
      expect(only(result.actions, 'publishEvent')).toEqual({
        type: 'booking.rescheduled',
        ...BOOKING,
        status,
        startsAt: '2025-03-11T10:00:00.000Z',
        at: '2025-03-02T10:00:00.000Z',
        previousStartsAt: STARTS_AT_UTC,
      })
      expect(only(result.actions, 'appendHistory')).toMatchObject({
        event: 'RESCHEDULE',
        from: status,
        to: status,
        details: { fromStartsAt: STARTS_AT_UTC, toStartsAt: '2025-03-11T10:00:00.000Z' },
      })
    }
  })

  it('rescheduled to another specialist: names the previous specialist', () => {
    const result = step(
      confirmed(),
      ev('RESCHEDULE', 'admin', '2025-03-02T10:00:00Z', { startsAt: STARTS_AT_UTC, specialistId: 8 }),
    )
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.rescheduled',
      ...BOOKING,
      specialistId: 8,
      status: 'confirmed',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-02T10:00:00.000Z',
      previousStartsAt: STARTS_AT_UTC,
      previousSpecialistId: 2,
    })
  })

  it('an admin’s correction to cancelled publishes booking.cancelled', () => {
    const done = step(confirmed(), ev('COMPLETE', 'admin', beforeStart(-2))).snapshot
    const result = step(done, ev('CANCEL', 'admin', beforeStart(-5), { reason: 'marked by mistake' }))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.cancelled',
      ...BOOKING,
      status: 'cancelled',
      startsAt: STARTS_AT_UTC,
      at: beforeStart(-5),
    })
    expect(readBooking(result.snapshot).context.settlement).toMatchObject({
      status: 'cancelled',
      reason: 'by_business',
    })
  })
})

describe('a request withdrawn', () => {
  it('by the business records the business reason, not the client’s free window', () => {
    for (const by of ['admin', 'specialist', 'system'] as const) {
      const result = step(requested(), ev('CANCEL', by, beforeStart(1), { reason: 'no room' }))
      expect(readBooking(result.snapshot).context.settlement).toMatchObject({
        status: 'cancelled',
        reason: 'by_business',
        late: false,
        fee: 0,
        refund: 250_000,
        by,
      })
      expect(only(result.actions, 'refundWallet')).toEqual({
        bookingId: 7,
        clientId: 3,
        amount: 250_000,
        reason: 'by_business',
      })
      expect(only(result.actions, 'appendHistory').details).toMatchObject({
        reason: 'no room',
        outcome: 'by_business',
      })
    }
  })

  it('by the client records the free window, with the reason null when none is given', () => {
    const result = step(requested(), ev('CANCEL', 'client', beforeStart(1)))
    expect(readBooking(result.snapshot).context.settlement).toMatchObject({
      status: 'cancelled',
      reason: 'free_window',
    })
    expect(only(result.actions, 'appendHistory').details).toMatchObject({ reason: null })
  })
})

describe('the quote in the location’s zone', () => {
  // 22:30Z on 1 March is already 2 March in Moscow.
  const late = '2025-03-01T22:30:00Z'
  const discounts = [{ id: 5, kind: 'fixed' as const, value: 10_000, valid_to: '2025-03-01' }]

  it('prices date-bounded discounts in the given zone (and in UTC without one)', () => {
    expect(quoteBooking(input({ now: late, discounts })).discount).toEqual({ id: 5, amount: 10_000 })
    expect(quoteBooking(input({ now: late, discounts, timeZone: 'Europe/Moscow' }))).toEqual({
      basePrice: 250_000,
      discount: null,
      price: 250_000,
    })
    const from2nd = [{ id: 6, kind: 'fixed' as const, value: 10_000, valid_from: '2025-03-02' }]
    expect(quoteBooking(input({ now: late, discounts: from2nd, timeZone: 'Europe/Moscow' })).price).toBe(
      240_000,
    )
    expect(quoteBooking(input({ now: late, discounts: from2nd })).price).toBe(250_000)
  })

  it('the booking is started with that same price', () => {
    const started = startBooking(input({ now: late, discounts, timeZone: 'Europe/Moscow' }))
    expect(started.context).toMatchObject({ price: 250_000, discount: null })
    expect(only(started.actions, 'debitWallet').amount).toBe(250_000)
    const utc = startBooking(input({ now: late, discounts }))
    expect(only(utc.actions, 'debitWallet').amount).toBe(240_000)
  })

  it('an unknown zone is refused as input', () => {
    expect(() => startBooking(input({ timeZone: 'Mars/Olympus' }))).toThrow(InvalidBookingInputError)
  })
})

describe('the runner refuses', () => {
  const refusedInput = (over: Parameters<typeof input>[0], message: string) => {
    expect(() => startBooking(input(over))).toThrow(new InvalidBookingInputError(message))
  }

  it('negative or zero reminder offsets, and offsets that are not a list', () => {
    for (const offsets of [[-60], [0], [60, -1], [1.5]]) {
      refusedInput({ reminderOffsetsMin: offsets }, 'reminderOffsetsMin must be a list of positive integers')
    }
    refusedInput(
      { reminderOffsetsMin: 60 as never },
      'reminderOffsetsMin must be a list of positive integers',
    )
    expect(startBooking(input({ reminderOffsetsMin: [1] })).context.reminderOffsetsMin).toEqual([1])
    expect(startBooking(input({ reminderOffsetsMin: [] })).context.reminderOffsetsMin).toEqual([])
  })

  it('a source that is not a non-empty string', () => {
    for (const source of [42, null, undefined, '']) {
      refusedInput({ source: source as never }, 'source must be a non-empty string')
    }
  })

  it('other malformed input, each with its message', () => {
    refusedInput({ roomId: 0 }, 'roomId must be a positive integer or null')
    refusedInput({ actorId: -1 }, 'actorId must be a positive integer or null')
    refusedInput({ autoConfirm: 'yes' as never }, 'autoConfirm must be a boolean')
    refusedInput({ durationMin: 1.5 }, 'durationMin must be a positive integer')
    refusedInput({ breakMin: 0.5 }, 'breakMin must be a non-negative integer')
    refusedInput({ specialistId: 1.5 }, 'specialistId must be a positive integer')
    refusedInput(
      { payment: { method: 'package', clientPackageId: 0 } },
      'payment.clientPackageId must be a positive integer',
    )
    refusedInput({ payment: undefined as never }, 'payment.method must be wallet, package or on_site')
    expect(() => startBooking(null as never)).toThrow(InvalidBookingInputError)
    expect(startBooking(input({ roomId: null, actorId: null, breakMin: 0 })).context).toMatchObject({
      roomId: null,
      createdById: null,
      breakMin: 0,
    })
  })

  it('a money error in the input travels as the cause, with its code', () => {
    try {
      startBooking(input({ basePrice: -1 }))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidBookingInputError)
      expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('invalid_amount')
    }
  })

  it('a reject or cancel reason that is not a string', () => {
    const snapshot = requested()
    for (const type of ['REJECT', 'CANCEL'] as const) {
      for (const reason of [42, null, { text: 'x' }]) {
        const event = { type, by: 'admin', now: CREATED_AT, reason } as unknown as BookingEvent
        expect(() => stepBooking(snapshot, event)).toThrow(
          new InvalidBookingEventError('reason must be a string'),
        )
      }
    }
    expect(() =>
      validateBookingEvent({ type: 'REJECT', by: 'admin', now: CREATED_AT, reason: 'ok' }),
    ).not.toThrow()
  })

  it('malformed events, each with its message', () => {
    const refused = (event: unknown, message: string) =>
      expect(() => validateBookingEvent(event as BookingEvent)).toThrow(new InvalidBookingEventError(message))
    refused(null, 'event must be an object')
    refused({ type: 'EXPLODE', by: 'admin', now: CREATED_AT }, 'unknown event type EXPLODE')
    refused({ type: 'CONFIRM', by: 'admin', now: 'soon' }, 'now must be an ISO 8601 date-time with an offset')
    refused(
      { type: 'CONFIRM', by: 'guest', now: CREATED_AT },
      'by must be client, admin, specialist or system',
    )
    refused(
      { type: 'CONFIRM', by: 'admin', now: CREATED_AT, actorId: 0 },
      'actorId must be a positive integer or null',
    )
    refused(
      { type: 'RESCHEDULE', by: 'admin', now: CREATED_AT, startsAt: '2025-03-11T10:00:00' },
      'startsAt must be an ISO 8601 date-time with an offset',
    )
    refused(
      { type: 'RESCHEDULE', by: 'admin', now: CREATED_AT, startsAt: STARTS_AT_UTC, specialistId: 0 },
      'specialistId must be a positive integer',
    )
  })
})

describe('an event whose actorId is null', () => {
  it('is accepted and recorded with a null actor, like one without', () => {
    const result = step(requested(), ev('CONFIRM', 'admin', CREATED_AT, { actorId: null }))
    expect(only(result.actions, 'appendHistory')).toMatchObject({ by: 'admin', actorId: null })
    const moved = step(
      result.snapshot,
      ev('RESCHEDULE', 'admin', CREATED_AT, { startsAt: '2025-03-11T10:00:00Z', actorId: null }),
    )
    expect(readBooking(moved.snapshot).context.moves.at(-1)).toEqual({
      from: STARTS_AT_UTC,
      to: '2025-03-11T10:00:00.000Z',
      at: '2025-03-01T10:00:00.000Z',
      by: 'admin',
      actorId: null,
    })
    const cancelled = step(moved.snapshot, ev('CANCEL', 'admin', CREATED_AT, { actorId: null }))
    expect(readBooking(cancelled.snapshot).context.settlement).toMatchObject({ actorId: null, by: 'admin' })
  })
})

describe('more published events', () => {
  it('a request withdrawn publishes booking.cancelled', () => {
    const result = step(requested(), ev('CANCEL', 'client', beforeStart(30)))
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.cancelled',
      ...BOOKING,
      status: 'cancelled',
      startsAt: STARTS_AT_UTC,
      at: beforeStart(30),
    })
  })

  it('an admin’s corrections publish the new mark: completed → no-show → completed', () => {
    const done = step(confirmed(), ev('COMPLETE', 'admin', beforeStart(-2))).snapshot
    const noShow = step(done, ev('NO_SHOW', 'admin', beforeStart(-3)))
    expect(only(noShow.actions, 'publishEvent')).toEqual({
      type: 'booking.no_show',
      ...BOOKING,
      status: 'no_show',
      startsAt: STARTS_AT_UTC,
      at: beforeStart(-3),
    })
    const back = step(noShow.snapshot, ev('COMPLETE', 'admin', beforeStart(-4)))
    expect(only(back.actions, 'publishEvent')).toEqual({
      type: 'booking.completed',
      ...BOOKING,
      status: 'completed',
      startsAt: STARTS_AT_UTC,
      at: beforeStart(-4),
    })
  })

  it('a rejected request paid on site is done: its snapshot is final', () => {
    const result = step(requested({ payment: { method: 'on_site' } }), ev('REJECT', 'admin', beforeStart(30)))
    expect([result.to, result.payment.to]).toEqual(['rejected', 'closed'])
    expect(result.snapshot.snapshot.status).toBe('done')
  })
})

describe('an admin’s correction and the start', () => {
  it('to completed or no-show: refused when its time is before the start, accepted from the start on', () => {
    const done = step(confirmed(), ev('COMPLETE', 'admin', beforeStart(-2))).snapshot
    expect(stepBooking(done, ev('NO_SHOW', 'admin', beforeStart(1))).changed).toBe(false)
    expect(stepBooking(done, ev('NO_SHOW', 'admin', beforeStart(0))).changed).toBe(true)
    const noShow = step(confirmed(), ev('NO_SHOW', 'admin', beforeStart(-2))).snapshot
    expect(stepBooking(noShow, ev('COMPLETE', 'admin', beforeStart(1))).changed).toBe(false)
    expect(stepBooking(noShow, ev('COMPLETE', 'admin', beforeStart(0))).changed).toBe(true)
  })

  it('to cancelled: accepted whatever its time', () => {
    const done = step(confirmed(), ev('COMPLETE', 'admin', beforeStart(-2))).snapshot
    expect(stepBooking(done, ev('CANCEL', 'admin', beforeStart(1))).changed).toBe(true)
  })
})
