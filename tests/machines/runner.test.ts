// The runner: snapshots as JSON, versioning, validation, and how a refused event is reported.

import { initialTransition, transition } from 'xstate'
import { describe, expect, it } from 'vitest'
import {
  BOOKING_MACHINE_VERSION,
  type BookingEvent,
  CorruptSnapshotError,
  InvalidBookingEventError,
  InvalidBookingInputError,
  InvalidTransitionError,
  type PersistedBooking,
  SnapshotVersionError,
  applyBookingEvent,
  bookingMachine,
  canStepBooking,
  quoteBooking,
  readBooking,
  startBooking,
  stepBooking,
} from '../../src/machines/index.ts'
import { beforeStart, ev, input, types } from './fixtures.ts'

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

describe('snapshots', () => {
  it('are plain JSON carrying the machine version; the transient first state is never stored', () => {
    const { snapshot } = startBooking(input())
    expect(snapshot.machine).toBe('booking')
    expect(snapshot.version).toBe(BOOKING_MACHINE_VERSION)
    expect(Number.isInteger(BOOKING_MACHINE_VERSION)).toBe(true)
    expect(roundTrip(snapshot)).toEqual(snapshot)
    expect(snapshot.snapshot.value).toEqual({ status: 'confirmed', payment: 'wallet_debited' })
  })

  it('survive JSON.stringify → parse between every step', () => {
    let snapshot = roundTrip(startBooking(input({ autoConfirm: false })).snapshot)
    const events: BookingEvent[] = [
      ev('RESCHEDULE', 'client', '2025-03-02T10:00:00Z', { startsAt: '2025-03-11T10:00:00Z' }),
      ev('CONFIRM', 'admin', '2025-03-02T11:00:00Z'),
      ev('RESCHEDULE', 'admin', '2025-03-03T10:00:00Z', { startsAt: '2025-03-12T10:00:00Z' }),
      ev('CANCEL', 'client', '2025-03-12T08:00:00Z'),
    ]
    const seen: string[] = []
    for (const event of events) {
      const result = stepBooking(snapshot, event)
      expect(result.changed).toBe(true)
      seen.push(`${result.from}->${result.to}`)
      snapshot = roundTrip(result.snapshot)
    }
    expect(seen).toEqual([
      'requested->requested',
      'requested->confirmed',
      'confirmed->confirmed',
      'confirmed->cancelled',
    ])
    expect(readBooking(snapshot)).toMatchObject({
      status: 'cancelled',
      payment: 'wallet_partially_refunded',
      done: true,
    })
    expect(snapshot.snapshot.context.moves).toHaveLength(2)
  })

  it('the same input and events give the same snapshots and actions (no clock, no randomness)', () => {
    const a = startBooking(input())
    const b = startBooking(input())
    expect(b).toEqual(a)
    const cancel = ev('CANCEL', 'client', beforeStart(3))
    expect(stepBooking(b.snapshot, cancel)).toEqual(stepBooking(a.snapshot, cancel))
  })

  it('a snapshot from another machine version is refused', () => {
    const { snapshot } = startBooking(input())
    const old = { ...snapshot, version: BOOKING_MACHINE_VERSION + 1 }
    expect(() => stepBooking(old, ev('CANCEL', 'client', beforeStart(48)))).toThrow(SnapshotVersionError)
    expect(() => readBooking(old)).toThrow(SnapshotVersionError)
  })

  it('a corrupt snapshot is refused with a typed error', () => {
    const { snapshot } = startBooking(input())
    const broken: PersistedBooking[] = [
      { ...snapshot, machine: 'other' as 'booking' },
      {
        ...snapshot,
        snapshot: { ...snapshot.snapshot, value: { status: 'flying', payment: 'free' } },
      } as never,
      {
        ...snapshot,
        snapshot: { ...snapshot.snapshot, value: { status: 'confirmed', payment: 'nope' } },
      } as never,
      { ...snapshot, snapshot: { ...snapshot.snapshot, context: null } } as never,
    ]
    for (const persisted of broken) {
      expect(() => readBooking(persisted)).toThrow(CorruptSnapshotError)
    }
  })
})

describe('refused events', () => {
  it('stepBooking reports changed: false and leaves the snapshot as it was', () => {
    const cancelled = stepBooking(
      startBooking(input()).snapshot,
      ev('CANCEL', 'client', beforeStart(48)),
    ).snapshot
    const again = stepBooking(cancelled, ev('CANCEL', 'client', beforeStart(47)))
    expect(again).toEqual({
      snapshot: cancelled,
      actions: [],
      changed: false,
      from: 'cancelled',
      to: 'cancelled',
      payment: { from: 'wallet_refunded', to: 'wallet_refunded' },
    })
    expect(canStepBooking(cancelled, ev('CANCEL', 'admin', beforeStart(47)))).toBe(false)
  })

  it('applyBookingEvent throws InvalidTransitionError (code invalid_transition, status 409)', () => {
    const cancelled = stepBooking(
      startBooking(input()).snapshot,
      ev('CANCEL', 'client', beforeStart(48)),
    ).snapshot
    try {
      applyBookingEvent(cancelled, ev('CANCEL', 'client', beforeStart(47)))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError)
      expect(error).toMatchObject({
        code: 'invalid_transition',
        status: 409,
        bookingStatus: 'cancelled',
        eventType: 'CANCEL',
      })
    }
    const ok = applyBookingEvent(startBooking(input()).snapshot, ev('CANCEL', 'client', beforeStart(48)))
    expect(ok.changed).toBe(true)
  })

  it('canStepBooking answers without stepping', () => {
    const { snapshot } = startBooking(input())
    expect(canStepBooking(snapshot, ev('CANCEL', 'client', beforeStart(48)))).toBe(true)
    expect(canStepBooking(snapshot, ev('CONFIRM', 'admin', beforeStart(48)))).toBe(false)
  })
})

describe('malformed events', () => {
  const { snapshot } = startBooking(input())
  const bad: Array<[string, unknown]> = [
    ['the internal payment event', { type: 'payment.settle' }],
    ['an unknown type', { type: 'EXPLODE', now: beforeStart(48), by: 'admin' }],
    ['a time without an offset', { type: 'CANCEL', now: '2025-03-05T10:00:00', by: 'client' }],
    ['no time', { type: 'CANCEL', by: 'client' }],
    ['an unknown role', { type: 'CANCEL', now: beforeStart(48), by: 'owner' }],
    ['a bad actor id', { type: 'CANCEL', now: beforeStart(48), by: 'admin', actorId: 1.5 }],
    ['a move without a start', { type: 'RESCHEDULE', now: beforeStart(48), by: 'admin' }],
    [
      'a move to a specialist who is not an id',
      { type: 'RESCHEDULE', now: beforeStart(48), by: 'admin', startsAt: beforeStart(24), specialistId: '3' },
    ],
    ['a reason that is not text', { type: 'CANCEL', now: beforeStart(48), by: 'admin', reason: 42 }],
  ]
  for (const [what, event] of bad) {
    it(`${what} → InvalidBookingEventError (422)`, () => {
      expect(() => stepBooking(snapshot, event as BookingEvent)).toThrow(InvalidBookingEventError)
      try {
        stepBooking(snapshot, event as BookingEvent)
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid_event', status: 422 })
      }
    })
  }

  it('payment.settle sent to the raw machine is ignored: money moves only with the lifecycle', () => {
    const [initial] = initialTransition(bookingMachine, input())
    const [next, actions] = transition(bookingMachine, initial, { type: 'payment.settle' })
    expect(next.value).toEqual(initial.value)
    expect(actions).toEqual([])
  })
})

describe('malformed input', () => {
  const bad: Array<[string, Partial<Parameters<typeof input>[0]>]> = [
    ['a fractional price', { basePrice: 100.5 }],
    ['a negative price', { basePrice: -1 }],
    ['a zero id', { bookingId: 0 }],
    ['a start without an offset', { startsAt: '2025-03-10T12:00:00' }],
    ['a bad creation time', { now: 'yesterday' }],
    ['a zero duration', { durationMin: 0 }],
    ['a negative break', { breakMin: -5 }],
    ['an unknown payment method', { payment: { method: 'crypto' } as never }],
    ['a package without its id', { payment: { method: 'package' } as never }],
    [
      'a fee over 100 %',
      {
        policy: {
          free_cancellation_hours: 24,
          late_cancellation_fee_percent: 120,
          late_cancellation_consumes_visit: true,
        },
      },
    ],
    [
      'negative free hours',
      {
        policy: {
          free_cancellation_hours: -1,
          late_cancellation_fee_percent: 10,
          late_cancellation_consumes_visit: true,
        },
      },
    ],
    ['a malformed discount', { discounts: [{ id: 1, kind: 'percent', value: 150 }] }],
    ['a fractional fixed discount', { discounts: [{ id: 1, kind: 'fixed', value: 10.5 }] }],
    ['bad reminder offsets', { reminderOffsetsMin: [0] }],
    ['an empty source', { source: '' }],
    ['an unknown role', { by: 'guest' as never }],
  ]
  for (const [what, overrides] of bad) {
    it(`${what} → InvalidBookingInputError (422)`, () => {
      expect(() => startBooking(input(overrides))).toThrow(InvalidBookingInputError)
    })
  }
})

describe('quoteBooking', () => {
  it('gives the price startBooking will debit, so the worker can check the balance first', () => {
    const booking = input({ discounts: [{ id: 4, kind: 'percent', value: 15 }] })
    const quote = quoteBooking(booking)
    expect(quote).toEqual({ basePrice: 250_000, discount: { id: 4, amount: 37_500 }, price: 212_500 })
    const started = startBooking(booking)
    expect(started.actions.find((a) => a.type === 'debitWallet')?.params).toMatchObject({
      amount: quote.price,
    })
  })

  it('a package visit costs no money', () => {
    expect(quoteBooking(input({ payment: { method: 'package', clientPackageId: 1 } }))).toEqual({
      basePrice: 250_000,
      discount: null,
      price: 0,
    })
  })
})

describe('readBooking', () => {
  it('gives status, payment state and context without changing anything', () => {
    const { snapshot, actions } = startBooking(input({ autoConfirm: false }))
    expect(types(actions)).toContain('insertBooking')
    expect(readBooking(snapshot)).toMatchObject({
      status: 'requested',
      payment: 'wallet_debited',
      done: false,
      context: { bookingId: 7, price: 250_000 },
    })
  })
})
