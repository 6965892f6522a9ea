// Every transition of the booking machine, with the exact effects and params it hands the worker.

import { describe, expect, it } from 'vitest'
import {
  type BookingEvent,
  type PersistedBooking,
  readBooking,
  startBooking,
  stepBooking,
} from '../../src/machines/index.ts'
import { CREATED_AT, POLICY, STARTS_AT_UTC, all, beforeStart, ev, input, only, types } from './fixtures.ts'

const SLOT = {
  specialistId: 2,
  locationId: 1,
  roomId: 4,
  startsAt: STARTS_AT_UTC,
  endsAt: '2025-03-10T10:00:00.000Z',
  busyUntil: '2025-03-10T10:15:00.000Z',
}

function confirmedWallet(overrides: Parameters<typeof input>[0] = {}): PersistedBooking {
  return startBooking(input(overrides)).snapshot
}

function requested(overrides: Parameters<typeof input>[0] = {}): PersistedBooking {
  return startBooking(input({ autoConfirm: false, ...overrides })).snapshot
}

function step(snapshot: PersistedBooking, event: BookingEvent) {
  const result = stepBooking(snapshot, event)
  expect(result.changed, `${event.type} should be accepted`).toBe(true)
  return result
}

function rejected(snapshot: PersistedBooking, event: BookingEvent) {
  const result = stepBooking(snapshot, event)
  expect(result.changed).toBe(false)
  expect(result.actions).toEqual([])
  expect(result.snapshot).toBe(snapshot)
  expect(result.to).toBe(result.from)
  return result
}

describe('creation', () => {
  it('auto-confirmed, from the wallet, with a discount: insert, discount, history, reminders, event, debit', () => {
    const result = startBooking(
      input({
        discounts: [
          { id: 11, kind: 'percent', value: 10 },
          { id: 12, kind: 'fixed', value: 30_000 },
        ],
      }),
    )
    expect(result.status).toBe('confirmed')
    expect(result.payment).toBe('wallet_debited')
    expect(result.done).toBe(false)
    expect(types(result.actions)).toEqual([
      'insertBooking',
      'recordDiscount',
      'appendHistory',
      'scheduleReminders',
      'publishEvent',
      'debitWallet',
    ])
    expect(only(result.actions, 'insertBooking')).toEqual({
      bookingId: 7,
      clientId: 3,
      serviceId: 5,
      ...SLOT,
      status: 'confirmed',
      durationMin: 60,
      breakMin: 15,
      basePrice: 250_000,
      price: 220_000,
      paymentMethod: 'wallet',
      clientPackageId: null,
      source: 'web',
      createdAt: '2025-03-01T10:00:00.000Z',
      createdBy: 'client',
      createdById: 3,
    })
    // 10 % of 2 500 ₽ is 250 ₽, the fixed 300 ₽ is worth more.
    expect(only(result.actions, 'recordDiscount')).toEqual({
      bookingId: 7,
      clientId: 3,
      discountId: 12,
      amount: 30_000,
    })
    expect(only(result.actions, 'appendHistory')).toEqual({
      bookingId: 7,
      event: 'created',
      from: null,
      to: 'confirmed',
      at: '2025-03-01T10:00:00.000Z',
      by: 'client',
      actorId: 3,
      details: {
        startsAt: STARTS_AT_UTC,
        basePrice: 250_000,
        discount: { id: 12, amount: 30_000 },
        price: 220_000,
        paymentMethod: 'wallet',
        source: 'web',
      },
    })
    expect(only(result.actions, 'scheduleReminders')).toEqual({
      bookingId: 7,
      startsAt: STARTS_AT_UTC,
      reminders: [
        { offsetMin: 1440, at: '2025-03-09T09:00:00.000Z' },
        { offsetMin: 120, at: '2025-03-10T07:00:00.000Z' },
      ],
    })
    expect(only(result.actions, 'publishEvent')).toEqual({
      type: 'booking.created',
      bookingId: 7,
      clientId: 3,
      specialistId: 2,
      locationId: 1,
      status: 'confirmed',
      startsAt: STARTS_AT_UTC,
      at: '2025-03-01T10:00:00.000Z',
    })
    expect(only(result.actions, 'debitWallet')).toEqual({ bookingId: 7, clientId: 3, amount: 220_000 })
    expect(result.context.price).toBe(220_000)
    expect(result.context.discount).toEqual({ id: 12, amount: 30_000 })
  })

  it('as a request paid with a package: reserves the visit, no discount, no reminders yet', () => {
    const result = startBooking(
      input({
        autoConfirm: false,
        payment: { method: 'package', clientPackageId: 9 },
        discounts: [{ id: 11, kind: 'percent', value: 10 }],
      }),
    )
    expect(result.status).toBe('requested')
    expect(result.payment).toBe('package_reserved')
    expect(types(result.actions)).toEqual([
      'insertBooking',
      'appendHistory',
      'publishEvent',
      'reservePackageVisit',
    ])
    expect(only(result.actions, 'insertBooking')).toMatchObject({
      status: 'requested',
      price: 0,
      basePrice: 250_000,
      paymentMethod: 'package',
      clientPackageId: 9,
    })
    expect(only(result.actions, 'appendHistory')).toMatchObject({
      event: 'created',
      from: null,
      to: 'requested',
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({
      type: 'booking.created',
      status: 'requested',
    })
    expect(only(result.actions, 'reservePackageVisit')).toEqual({
      bookingId: 7,
      clientId: 3,
      clientPackageId: 9,
      serviceId: 5,
    })
  })

  it('pay on site: the discount is recorded, no money moves', () => {
    const result = startBooking(
      input({ payment: { method: 'on_site' }, discounts: [{ id: 11, kind: 'percent', value: 12.5 }] }),
    )
    expect(result.payment).toBe('on_site')
    expect(types(result.actions)).toEqual([
      'insertBooking',
      'recordDiscount',
      'appendHistory',
      'scheduleReminders',
      'publishEvent',
    ])
    expect(only(result.actions, 'recordDiscount').amount).toBe(31_250)
    expect(only(result.actions, 'insertBooking')).toMatchObject({ price: 218_750, paymentMethod: 'on_site' })
  })

  it('from the wallet but discounted to zero: nothing is debited', () => {
    const result = startBooking(input({ discounts: [{ id: 11, kind: 'percent', value: 100 }] }))
    expect(result.payment).toBe('free')
    expect(types(result.actions)).not.toContain('debitWallet')
    expect(only(result.actions, 'recordDiscount').amount).toBe(250_000)
    expect(only(result.actions, 'insertBooking').price).toBe(0)
  })

  it('a free service paid "from the wallet" is free too, and records no zero discount', () => {
    const result = startBooking(input({ basePrice: 0, discounts: [{ id: 11, kind: 'percent', value: 50 }] }))
    expect(result.payment).toBe('free')
    expect(types(result.actions)).toEqual([
      'insertBooking',
      'appendHistory',
      'scheduleReminders',
      'publishEvent',
    ])
  })

  it('only reminders still in the future are scheduled', () => {
    const result = startBooking(input({ now: beforeStart(3) }))
    expect(only(result.actions, 'scheduleReminders').reminders).toEqual([
      { offsetMin: 120, at: '2025-03-10T07:00:00.000Z' },
    ])
    const late = startBooking(input({ now: beforeStart(1), reminderOffsetsMin: [120, 60, 60] }))
    expect(only(late.actions, 'scheduleReminders').reminders).toEqual([])
  })

  it('business-side creation records the actor; the policy and offsets travel in the context', () => {
    const result = startBooking(input({ by: 'admin', actorId: 1, source: 'admin', reminderOffsetsMin: [30] }))
    expect(only(result.actions, 'appendHistory')).toMatchObject({ by: 'admin', actorId: 1 })
    expect(result.context.policy).toEqual(POLICY)
    expect(result.context.reminderOffsetsMin).toEqual([30])
    expect(result.context.createdAt).toBe('2025-03-01T10:00:00.000Z')
  })
})

describe('requested', () => {
  it('CONFIRM by the business: status, history, reminders, event', () => {
    const result = step(requested(), ev('CONFIRM', 'admin', '2025-03-02T08:00:00+03:00', { actorId: 1 }))
    expect([result.from, result.to]).toEqual(['requested', 'confirmed'])
    expect(result.payment).toEqual({ from: 'wallet_debited', to: 'wallet_debited' })
    expect(types(result.actions)).toEqual(['setStatus', 'appendHistory', 'scheduleReminders', 'publishEvent'])
    expect(only(result.actions, 'setStatus')).toEqual({ bookingId: 7, from: 'requested', to: 'confirmed' })
    expect(only(result.actions, 'appendHistory')).toEqual({
      bookingId: 7,
      event: 'CONFIRM',
      from: 'requested',
      to: 'confirmed',
      at: '2025-03-02T05:00:00.000Z',
      by: 'admin',
      actorId: 1,
      details: {},
    })
    expect(only(result.actions, 'scheduleReminders').reminders).toHaveLength(2)
    expect(only(result.actions, 'publishEvent')).toMatchObject({
      type: 'booking.confirmed',
      status: 'confirmed',
    })
  })

  it('CONFIRM and REJECT by the client are refused', () => {
    const snapshot = requested()
    rejected(snapshot, ev('CONFIRM', 'client', CREATED_AT))
    rejected(snapshot, ev('REJECT', 'client', CREATED_AT))
  })

  it('REJECT refunds the wallet in full', () => {
    const result = step(
      requested(),
      ev('REJECT', 'specialist', beforeStart(2), { reason: 'on leave', actorId: 8 }),
    )
    expect([result.to, result.payment.to]).toEqual(['rejected', 'wallet_refunded'])
    expect(types(result.actions)).toEqual([
      'setStatus',
      'releaseSlot',
      'appendHistory',
      'publishEvent',
      'refundWallet',
    ])
    expect(only(result.actions, 'releaseSlot')).toEqual({ bookingId: 7, ...SLOT })
    expect(only(result.actions, 'appendHistory')).toMatchObject({
      event: 'REJECT',
      from: 'requested',
      to: 'rejected',
      by: 'specialist',
      actorId: 8,
      details: {
        reason: 'on leave',
        outcome: 'by_business',
        late: false,
        fee: 0,
        refund: 250_000,
        packageVisit: null,
      },
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({
      type: 'booking.rejected',
      status: 'rejected',
    })
    expect(only(result.actions, 'refundWallet')).toEqual({
      bookingId: 7,
      clientId: 3,
      amount: 250_000,
      reason: 'by_business',
    })
    expect(stepBooking(result.snapshot, ev('CONFIRM', 'admin', beforeStart(1))).changed).toBe(false)
  })

  it('REJECT restores a package visit', () => {
    const result = step(
      requested({ payment: { method: 'package', clientPackageId: 9 } }),
      ev('REJECT', 'admin', beforeStart(1)),
    )
    expect(result.payment.to).toBe('package_restored')
    expect(only(result.actions, 'restorePackageVisit')).toEqual({
      bookingId: 7,
      clientId: 3,
      clientPackageId: 9,
      serviceId: 5,
    })
  })

  it('CANCEL of a request is free even inside the late window', () => {
    const result = step(requested(), ev('CANCEL', 'client', beforeStart(1)))
    expect([result.to, result.payment.to]).toEqual(['cancelled', 'wallet_refunded'])
    expect(types(result.actions)).toEqual([
      'setStatus',
      'releaseSlot',
      'appendHistory',
      'publishEvent',
      'refundWallet',
    ])
    expect(only(result.actions, 'refundWallet')).toMatchObject({ amount: 250_000, reason: 'free_window' })
    expect(only(result.actions, 'appendHistory').details).toMatchObject({
      outcome: 'free_window',
      late: false,
    })
  })

  it('RESCHEDULE of a request moves it, without reminders', () => {
    const result = step(
      requested(),
      ev('RESCHEDULE', 'client', CREATED_AT, { startsAt: '2025-03-11T15:30:00+03:00' }),
    )
    expect([result.from, result.to]).toEqual(['requested', 'requested'])
    expect(types(result.actions)).toEqual(['moveBooking', 'releaseSlot', 'appendHistory', 'publishEvent'])
    expect(only(result.actions, 'moveBooking')).toEqual({
      bookingId: 7,
      from: SLOT,
      to: {
        ...SLOT,
        startsAt: '2025-03-11T12:30:00.000Z',
        endsAt: '2025-03-11T13:30:00.000Z',
        busyUntil: '2025-03-11T13:45:00.000Z',
      },
    })
    expect(only(result.actions, 'releaseSlot')).toEqual({ bookingId: 7, ...SLOT })
  })
})

describe('confirmed: RESCHEDULE', () => {
  it('moves the start, swaps the reminders and records the move', () => {
    const now = '2025-03-05T10:00:00Z'
    const result = step(
      confirmedWallet(),
      ev('RESCHEDULE', 'client', now, { startsAt: '2025-03-12T10:00:00Z', actorId: 3 }),
    )
    expect([result.from, result.to]).toEqual(['confirmed', 'confirmed'])
    expect(types(result.actions)).toEqual([
      'moveBooking',
      'releaseSlot',
      'removeReminders',
      'scheduleReminders',
      'appendHistory',
      'publishEvent',
    ])
    expect(only(result.actions, 'moveBooking').to.startsAt).toBe('2025-03-12T10:00:00.000Z')
    expect(only(result.actions, 'removeReminders')).toEqual({ bookingId: 7 })
    expect(only(result.actions, 'scheduleReminders')).toEqual({
      bookingId: 7,
      startsAt: '2025-03-12T10:00:00.000Z',
      reminders: [
        { offsetMin: 1440, at: '2025-03-11T10:00:00.000Z' },
        { offsetMin: 120, at: '2025-03-12T08:00:00.000Z' },
      ],
    })
    expect(only(result.actions, 'appendHistory')).toMatchObject({
      event: 'RESCHEDULE',
      from: 'confirmed',
      to: 'confirmed',
      details: { fromStartsAt: STARTS_AT_UTC, toStartsAt: '2025-03-12T10:00:00.000Z' },
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({
      type: 'booking.rescheduled',
      startsAt: '2025-03-12T10:00:00.000Z',
      previousStartsAt: STARTS_AT_UTC,
    })
    const view = result.snapshot.snapshot.context
    expect(view.startsAt).toBe('2025-03-12T10:00:00.000Z')
    expect(view.moves).toEqual([
      {
        from: STARTS_AT_UTC,
        to: '2025-03-12T10:00:00.000Z',
        at: '2025-03-05T10:00:00.000Z',
        by: 'client',
        actorId: 3,
      },
    ])
  })

  it("an admin's move to another specialist moves both slots and says from whom to whom", () => {
    const snapshot = confirmedWallet()
    const from = snapshot.snapshot.context.specialistId
    const to = from + 1
    const now = '2025-03-05T10:00:00Z'
    // The same start with someone else is a move; only the business makes it.
    const result = step(
      snapshot,
      ev('RESCHEDULE', 'admin', now, { startsAt: STARTS_AT_UTC, specialistId: to }),
    )
    expect(only(result.actions, 'moveBooking').from.specialistId).toBe(from)
    expect(only(result.actions, 'moveBooking').to).toMatchObject({
      specialistId: to,
      startsAt: STARTS_AT_UTC,
    })
    expect(only(result.actions, 'releaseSlot').specialistId).toBe(from)
    expect(only(result.actions, 'appendHistory').details).toEqual({
      fromStartsAt: STARTS_AT_UTC,
      toStartsAt: STARTS_AT_UTC,
      fromSpecialistId: from,
      toSpecialistId: to,
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({
      type: 'booking.rescheduled',
      specialistId: to,
      previousSpecialistId: from,
    })
    expect(result.snapshot.snapshot.context.specialistId).toBe(to)
    expect(result.snapshot.snapshot.context.moves.at(-1)).toMatchObject({
      fromSpecialistId: from,
      toSpecialistId: to,
    })
    for (const by of ['client', 'specialist'] as const)
      rejected(snapshot, ev('RESCHEDULE', by, now, { startsAt: '2025-03-12T10:00:00Z', specialistId: to }))
    // Naming the specialist it already has is an ordinary move, open to the client.
    const same = step(
      snapshot,
      ev('RESCHEDULE', 'client', now, { startsAt: '2025-03-12T10:00:00Z', specialistId: from }),
    )
    expect(only(same.actions, 'appendHistory').details).toEqual({
      fromStartsAt: STARTS_AT_UTC,
      toStartsAt: '2025-03-12T10:00:00.000Z',
    })
    expect(only(same.actions, 'publishEvent')).not.toHaveProperty('previousSpecialistId')
  })

  it('a later cancellation is judged against the new start', () => {
    const moved = step(
      confirmedWallet(),
      ev('RESCHEDULE', 'client', '2025-03-05T10:00:00Z', { startsAt: '2025-03-12T10:00:00Z' }),
    ).snapshot
    // 30 h before the new start, 6 h after the old one would have begun: free.
    const result = step(moved, ev('CANCEL', 'client', '2025-03-11T04:00:00Z'))
    expect(only(result.actions, 'refundWallet')).toMatchObject({ amount: 250_000, reason: 'free_window' })
    expect(only(result.actions, 'releaseSlot').startsAt).toBe('2025-03-12T10:00:00.000Z')
  })

  it('refuses a move into the past, to the same start, or by a client once it has started', () => {
    const snapshot = confirmedWallet()
    rejected(
      snapshot,
      ev('RESCHEDULE', 'client', '2025-03-05T10:00:00Z', { startsAt: '2025-03-05T09:00:00Z' }),
    )
    rejected(
      snapshot,
      ev('RESCHEDULE', 'client', '2025-03-05T10:00:00Z', { startsAt: '2025-03-10T12:00:00+03:00' }),
    )
    rejected(snapshot, ev('RESCHEDULE', 'client', beforeStart(-0.5), { startsAt: '2025-03-12T10:00:00Z' }))
    step(snapshot, ev('RESCHEDULE', 'admin', beforeStart(-0.5), { startsAt: '2025-03-12T10:00:00Z' }))
  })
})

describe('confirmed: CANCEL', () => {
  it('by the client inside the free window (the boundary included): full refund', () => {
    for (const hours of [24, 100]) {
      const result = step(confirmedWallet(), ev('CANCEL', 'client', beforeStart(hours), { reason: 'ill' }))
      expect([result.to, result.payment.to]).toEqual(['cancelled', 'wallet_refunded'])
      expect(types(result.actions)).toEqual([
        'setStatus',
        'releaseSlot',
        'removeReminders',
        'appendHistory',
        'publishEvent',
        'refundWallet',
      ])
      expect(only(result.actions, 'setStatus')).toEqual({ bookingId: 7, from: 'confirmed', to: 'cancelled' })
      expect(only(result.actions, 'refundWallet')).toEqual({
        bookingId: 7,
        clientId: 3,
        amount: 250_000,
        reason: 'free_window',
      })
      expect(only(result.actions, 'appendHistory').details).toEqual({
        reason: 'ill',
        outcome: 'free_window',
        late: false,
        fee: 0,
        refund: 250_000,
        packageVisit: null,
      })
      expect(only(result.actions, 'publishEvent')).toMatchObject({
        type: 'booking.cancelled',
        status: 'cancelled',
      })
    }
  })

  it('by the client late: the fee is kept, the rest refunded (rounded half up)', () => {
    // 33.33 % of 2 345.67 ₽ = 78 181.18… kopecks → 78 181 kept, 156 386 back.
    const policy = { ...POLICY, late_cancellation_fee_percent: 33.33 }
    const result = step(
      confirmedWallet({ basePrice: 234_567, policy }),
      ev('CANCEL', 'client', beforeStart(23.99)),
    )
    expect(result.payment.to).toBe('wallet_partially_refunded')
    expect(only(result.actions, 'refundWallet')).toEqual({
      bookingId: 7,
      clientId: 3,
      amount: 156_386,
      reason: 'late',
    })
    expect(only(result.actions, 'appendHistory').details).toMatchObject({
      late: true,
      fee: 78_181,
      refund: 156_386,
    })
    expect(result.snapshot.snapshot.context.settlement).toMatchObject({
      status: 'cancelled',
      fee: 78_181,
      refund: 156_386,
    })
  })

  it('late with a 100 % fee: nothing refunded, the debit is captured', () => {
    const policy = { ...POLICY, late_cancellation_fee_percent: 100 }
    const result = step(confirmedWallet({ policy }), ev('CANCEL', 'client', beforeStart(1)))
    expect(result.payment.to).toBe('wallet_captured')
    expect(types(result.actions)).not.toContain('refundWallet')
  })

  it('late with a 0 % fee: refunded in full, still recorded as late', () => {
    const policy = { ...POLICY, late_cancellation_fee_percent: 0 }
    const result = step(confirmedWallet({ policy }), ev('CANCEL', 'client', beforeStart(1)))
    expect(result.payment.to).toBe('wallet_refunded')
    expect(only(result.actions, 'refundWallet')).toMatchObject({ amount: 250_000, reason: 'late' })
  })

  it('by the business, however late (even after the start): full refund', () => {
    for (const by of ['admin', 'specialist', 'system'] as const) {
      const result = step(confirmedWallet(), ev('CANCEL', by, beforeStart(-1)))
      expect(only(result.actions, 'refundWallet')).toMatchObject({ amount: 250_000, reason: 'by_business' })
    }
  })

  it('by the client after the start: refused (that is a no-show)', () => {
    rejected(confirmedWallet(), ev('CANCEL', 'client', beforeStart(0)))
  })

  it('a package visit: restored in time, consumed or restored late as the policy says', () => {
    const pkg = { payment: { method: 'package' as const, clientPackageId: 9 } }
    const inTime = step(confirmedWallet(pkg), ev('CANCEL', 'client', beforeStart(48)))
    expect(inTime.payment.to).toBe('package_restored')
    expect(only(inTime.actions, 'restorePackageVisit')).toMatchObject({ clientPackageId: 9 })

    const lateConsumed = step(confirmedWallet(pkg), ev('CANCEL', 'client', beforeStart(2)))
    expect(lateConsumed.payment.to).toBe('package_consumed')
    expect(only(lateConsumed.actions, 'consumePackageVisit')).toEqual({
      bookingId: 7,
      clientId: 3,
      clientPackageId: 9,
      serviceId: 5,
    })
    expect(types(lateConsumed.actions)).not.toContain('restorePackageVisit')

    const lenient = { ...pkg, policy: { ...POLICY, late_cancellation_consumes_visit: false } }
    const lateRestored = step(confirmedWallet(lenient), ev('CANCEL', 'client', beforeStart(2)))
    expect(lateRestored.payment.to).toBe('package_restored')
    expect(all(lateRestored.actions, 'consumePackageVisit')).toEqual([])
  })

  it('pay on site: no money effects, whatever the time', () => {
    const result = step(
      confirmedWallet({ payment: { method: 'on_site' } }),
      ev('CANCEL', 'client', beforeStart(1)),
    )
    expect(result.payment).toEqual({ from: 'on_site', to: 'closed' })
    expect(types(result.actions)).toEqual([
      'setStatus',
      'releaseSlot',
      'removeReminders',
      'appendHistory',
      'publishEvent',
    ])
    expect(only(result.actions, 'appendHistory').details).toMatchObject({ late: true, fee: 0, refund: 0 })
  })
})

describe('confirmed: COMPLETE and NO_SHOW', () => {
  it('COMPLETE keeps the money and consumes the visit', () => {
    const wallet = step(confirmedWallet(), ev('COMPLETE', 'specialist', beforeStart(-1.5), { actorId: 8 }))
    expect([wallet.to, wallet.payment.to]).toEqual(['completed', 'wallet_captured'])
    expect(types(wallet.actions)).toEqual(['setStatus', 'removeReminders', 'appendHistory', 'publishEvent'])
    expect(only(wallet.actions, 'appendHistory')).toMatchObject({
      event: 'COMPLETE',
      from: 'confirmed',
      to: 'completed',
      by: 'specialist',
      actorId: 8,
    })
    expect(only(wallet.actions, 'publishEvent')).toMatchObject({ type: 'booking.completed' })

    const pkg = step(
      confirmedWallet({ payment: { method: 'package', clientPackageId: 9 } }),
      ev('COMPLETE', 'admin', beforeStart(-1)),
    )
    expect(pkg.payment.to).toBe('package_consumed')
    expect(only(pkg.actions, 'consumePackageVisit')).toMatchObject({ clientPackageId: 9 })

    const onSite = step(
      confirmedWallet({ payment: { method: 'on_site' } }),
      ev('COMPLETE', 'admin', beforeStart(-1)),
    )
    expect(onSite.payment.to).toBe('closed')
  })

  it('COMPLETE by the client, or before the start, is refused', () => {
    rejected(confirmedWallet(), ev('COMPLETE', 'client', beforeStart(-1)))
    rejected(confirmedWallet(), ev('COMPLETE', 'specialist', beforeStart(0.01)))
    rejected(confirmedWallet(), ev('COMPLETE', 'admin', beforeStart(72)))
  })

  it('NO_SHOW after the start, by the business: judged as a late cancellation', () => {
    const result = step(confirmedWallet(), ev('NO_SHOW', 'admin', beforeStart(-0.25)))
    expect([result.to, result.payment.to]).toEqual(['no_show', 'wallet_partially_refunded'])
    expect(types(result.actions)).toEqual([
      'setStatus',
      'removeReminders',
      'appendHistory',
      'publishEvent',
      'refundWallet',
    ])
    expect(only(result.actions, 'refundWallet')).toEqual({
      bookingId: 7,
      clientId: 3,
      amount: 125_000,
      reason: 'no_show',
    })
    expect(only(result.actions, 'appendHistory').details).toMatchObject({
      outcome: 'no_show',
      late: true,
      fee: 125_000,
    })
    expect(only(result.actions, 'publishEvent')).toMatchObject({ type: 'booking.no_show', status: 'no_show' })

    const pkg = step(
      confirmedWallet({ payment: { method: 'package', clientPackageId: 9 } }),
      ev('NO_SHOW', 'specialist', beforeStart(-1)),
    )
    expect(pkg.payment.to).toBe('package_consumed')
  })

  it('NO_SHOW before the start, or by the client, is refused', () => {
    rejected(confirmedWallet(), ev('NO_SHOW', 'admin', beforeStart(0.01)))
    rejected(confirmedWallet(), ev('NO_SHOW', 'client', beforeStart(-1)))
  })
})

describe('final states accept nothing', () => {
  const later = beforeStart(-5)
  const everyEvent: BookingEvent[] = [
    ev('CONFIRM', 'admin', later),
    ev('REJECT', 'admin', later),
    ev('RESCHEDULE', 'admin', later, { startsAt: '2025-04-01T10:00:00Z' }),
    ev('CANCEL', 'admin', later),
    ev('CANCEL', 'client', beforeStart(100)),
    ev('COMPLETE', 'admin', later),
    ev('NO_SHOW', 'admin', later),
  ]
  const finals: Array<[string, PersistedBooking]> = [
    ['cancelled', step(confirmedWallet(), ev('CANCEL', 'client', beforeStart(48))).snapshot],
    ['rejected', step(requested(), ev('REJECT', 'admin', beforeStart(48))).snapshot],
  ]
  for (const [status, snapshot] of finals) {
    it(`${status}`, () => {
      expect(snapshot.snapshot.value.status).toBe(status)
      expect(readBooking(snapshot).done).toBe(true)
      for (const event of everyEvent) rejected(snapshot, event)
    })
  }

  // Ended, but an admin may still correct the mark (tests/machines/booking-corrections.test.ts).
  const marks: Array<[string, PersistedBooking]> = [
    ['completed', step(confirmedWallet(), ev('COMPLETE', 'admin', later)).snapshot],
    ['no_show', step(confirmedWallet(), ev('NO_SHOW', 'admin', later)).snapshot],
  ]
  for (const [status, snapshot] of marks) {
    it(`${status}: nothing from a client or a specialist`, () => {
      expect(snapshot.snapshot.value.status).toBe(status)
      expect(readBooking(snapshot).done).toBe(false)
      for (const event of everyEvent) {
        rejected(snapshot, { ...event, by: 'client' })
        rejected(snapshot, { ...event, by: 'specialist' })
      }
    })
  }
})

describe('events a state does not handle', () => {
  it('a confirmed booking cannot be confirmed or rejected', () => {
    rejected(confirmedWallet(), ev('CONFIRM', 'admin', CREATED_AT))
    rejected(confirmedWallet(), ev('REJECT', 'admin', CREATED_AT))
  })

  it('a request cannot be completed or marked no-show', () => {
    rejected(requested(), ev('COMPLETE', 'admin', beforeStart(-1)))
    rejected(requested(), ev('NO_SHOW', 'admin', beforeStart(-1)))
  })
})
