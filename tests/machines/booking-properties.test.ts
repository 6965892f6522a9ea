// Property tests: random bookings driven by random event sequences, checked against a small model of
// the rules and against invariants computed from the emitted actions alone.

import fc from 'fast-check'
import { runs } from '../domain/fast-check-seed.ts'
import { describe, expect, it } from 'vitest'
import type { PersonalDiscount } from '../../src/domain/pricing.ts'
import {
  type ActorRole,
  type BookingAction,
  type BookingEvent,
  type BookingInput,
  type BookingStatus,
  FINAL_BOOKING_STATUSES,
  FINAL_PAYMENT_STATES,
  type PersistedBooking,
  startBooking,
  readBooking,
  stepBooking,
} from '../../src/machines/index.ts'
import { all, types } from './fixtures.ts'

const MINUTE = 60_000
const T0 = Date.parse('2025-03-01T10:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

// ---- generators ---------------------------------------------------------------------------------------

const discountArb: fc.Arbitrary<PersonalDiscount> = fc.record({
  id: fc.integer({ min: 1, max: 40 }),
  kind: fc.constantFrom('percent' as const, 'fixed' as const),
  value: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(10_000)),
  service_id: fc.constantFrom(null, 5, 6),
})
// Percent discounts: 0.00..100.00 %; fixed: up to 100 000 ₽.
const normalise = (d: PersonalDiscount): PersonalDiscount =>
  d.kind === 'percent' ? { ...d, value: d.value / 100 } : { ...d, value: d.value * 1_000 }

const inputArb: fc.Arbitrary<BookingInput> = fc
  .record({
    basePrice: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2_000_000_000 })),
    discounts: fc
      .uniqueArray(discountArb, { maxLength: 4, selector: (d) => d.id })
      .map((ds) => ds.map(normalise)),
    payment: fc.oneof(
      fc.constant({ method: 'wallet' as const }),
      fc.constant({ method: 'on_site' as const }),
      fc
        .integer({ min: 1, max: 99 })
        .map((clientPackageId) => ({ method: 'package' as const, clientPackageId })),
    ),
    // Quarter hours, so cancellations land exactly on the window's edge now and then.
    freeQuarterHours: fc.integer({ min: 0, max: 96 * 3 }),
    feeBasisPoints: fc.oneof(fc.constantFrom(0, 5_000, 10_000), fc.integer({ min: 0, max: 10_000 })),
    consumes: fc.boolean(),
    autoConfirm: fc.boolean(),
    startsInQuarters: fc.oneof(fc.integer({ min: 1, max: 96 * 2 }), fc.integer({ min: 1, max: 96 * 20 })),
    durationMin: fc.integer({ min: 1, max: 240 }),
    breakMin: fc.integer({ min: 0, max: 60 }),
  })
  .map((r) => ({
    bookingId: 7,
    clientId: 3,
    specialistId: 2,
    serviceId: 5,
    locationId: 1,
    roomId: null,
    startsAt: iso(T0 + r.startsInQuarters * 15 * MINUTE),
    durationMin: r.durationMin,
    breakMin: r.breakMin,
    basePrice: r.basePrice,
    discounts: r.discounts,
    payment: r.payment,
    policy: {
      free_cancellation_hours: r.freeQuarterHours / 4,
      late_cancellation_fee_percent: r.feeBasisPoints / 100,
      late_cancellation_consumes_visit: r.consumes,
    },
    autoConfirm: r.autoConfirm,
    source: 'web',
    now: iso(T0),
    by: 'client' as const,
  }))

interface Command {
  type: BookingEvent['type']
  by: ActorRole
  /**
   * Where the clock goes before the event (it never goes back): `advance` quarter hours on; to the
   * edge of the free-cancellation window or up to 45 min inside it; or `advance` quarter hours past the start.
   */
  when: 'later' | 'window_edge' | 'after_start'
  advance: number
  /** For RESCHEDULE: the new start relative to the event's time, in quarter hours (may be in the past). */
  target: number
}

const commandArb: fc.Arbitrary<Command> = fc.record({
  type: fc.constantFrom(
    'CONFIRM',
    'REJECT',
    'RESCHEDULE',
    'RESCHEDULE',
    'CANCEL',
    'CANCEL',
    'COMPLETE',
    'NO_SHOW',
  ),
  by: fc.constantFrom<ActorRole>('client', 'client', 'client', 'admin', 'specialist', 'system'),
  when: fc.constantFrom('later', 'later', 'window_edge', 'after_start'),
  advance: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 96 * 4 })),
  target: fc.integer({ min: -96, max: 96 * 10 }),
})

// ---- the model: which events are accepted, and what money a final status means --------------------------

const isFinal = (status: BookingStatus) => FINAL_BOOKING_STATUSES.includes(status)

function modelAccepts(
  status: BookingStatus,
  command: Command,
  nowMs: number,
  startMs: number,
  targetMs: number,
) {
  const business = command.by !== 'client'
  const started = nowMs >= startMs
  const canCancel = business || !started
  const canMove = targetMs > nowMs && targetMs !== startMs && (business || !started)
  if (status === 'requested') {
    return (
      ((command.type === 'CONFIRM' || command.type === 'REJECT') && business) ||
      (command.type === 'CANCEL' && canCancel) ||
      (command.type === 'RESCHEDULE' && canMove)
    )
  }
  if (status === 'confirmed') {
    return (
      (command.type === 'RESCHEDULE' && canMove) ||
      (command.type === 'CANCEL' && canCancel) ||
      (command.type === 'COMPLETE' && business && started) ||
      (command.type === 'NO_SHOW' && business && started)
    )
  }
  // An admin corrects a mark: to the other mark once the start has passed, or to cancelled.
  if (status === 'completed' || status === 'no_show') {
    const other = status === 'completed' ? 'NO_SHOW' : 'COMPLETE'
    return command.by === 'admin' && ((command.type === other && started) || command.type === 'CANCEL')
  }
  return false
}

const isDone = (status: BookingStatus) => status === 'cancelled' || status === 'rejected'

/** Independent of the implementation: plain number arithmetic, half up. Exact while price × bp < 2^53. */
const feeOf = (price: number, basisPoints: number) => Math.floor((price * basisPoints + 5_000) / 10_000)

interface Expected {
  refund: number
  visit: 'consume' | 'restore' | null
}

function expectedSettlement(
  input: BookingInput,
  price: number,
  from: BookingStatus,
  command: Command,
  nowMs: number,
  startMs: number,
): Expected {
  const method = input.payment.method
  const debited = method === 'wallet' ? price : 0
  const full: Expected = { refund: debited, visit: method === 'package' ? 'restore' : null }
  if (command.type === 'COMPLETE') return { refund: 0, visit: method === 'package' ? 'consume' : null }
  if (command.type === 'REJECT' || from === 'requested') return full
  const late =
    command.type === 'NO_SHOW' ||
    (command.by === 'client' && startMs - nowMs < input.policy.free_cancellation_hours * 3_600_000)
  if (!late) return full
  const fee = feeOf(debited, Math.round(input.policy.late_cancellation_fee_percent * 100))
  return {
    refund: debited - fee,
    visit:
      method === 'package' ? (input.policy.late_cancellation_consumes_visit ? 'consume' : 'restore') : null,
  }
}

// ---- invariants over the emitted actions --------------------------------------------------------------

function checkMoney(actions: readonly BookingAction[]) {
  const debits = all(actions, 'debitWallet').map((p) => p.amount)
  const refunds = all(actions, 'refundWallet').map((p) => p.amount)
  for (const amount of [...debits, ...refunds]) expect(Number.isSafeInteger(amount) && amount > 0).toBe(true)
  // In order: the client never gets back more than was taken (corrections may debit again).
  let held = 0
  for (const a of actions) {
    if (a.type === 'debitWallet') held += a.params.amount
    if (a.type === 'refundWallet') held -= a.params.amount
    expect(held).toBeGreaterThanOrEqual(0)
  }
  const debited = debits.reduce((a, b) => a + b, 0)
  const refunded = refunds.reduce((a, b) => a + b, 0)

  let visits = 0
  for (const a of actions) {
    if (a.type === 'reservePackageVisit') visits += 1
    if (a.type === 'restorePackageVisit') visits -= 1
    expect([0, 1]).toContain(visits)
  }
  const reserved = all(actions, 'reservePackageVisit').length
  const restored = all(actions, 'restorePackageVisit').length
  return { debited, refunded, reserved, restored, held, visits }
}

// What the random runs reached, so the test can show it exercised every ending (not just the easy ones).
const coverage = new Map<string, number>()
const hit = (key: string) => coverage.set(key, (coverage.get(key) ?? 0) + 1)

describe('random bookings and event sequences', () => {
  it('follow the model, keep the money straight and write one history row per accepted event', () => {
    fc.assert(
      fc.property(inputArb, fc.array(commandArb, { maxLength: 10 }), (input, commands) => {
        const started = startBooking(input)
        const everything: BookingAction[] = [...started.actions]
        const price = started.context.price

        expect(all(started.actions, 'appendHistory')).toHaveLength(1)
        expect(all(started.actions, 'appendHistory')[0]).toMatchObject({ from: null, to: started.status })
        expect(started.status).toBe(input.autoConfirm ? 'confirmed' : 'requested')
        expect(all(started.actions, 'debitWallet')).toEqual(
          input.payment.method === 'wallet' && price > 0
            ? [{ bookingId: 7, clientId: 3, amount: price }]
            : [],
        )
        expect(price).toBeLessThanOrEqual(input.basePrice)

        let snapshot: PersistedBooking = JSON.parse(JSON.stringify(started.snapshot)) as PersistedBooking
        let status: BookingStatus = started.status
        let nowMs = T0
        let accepted = 0
        let settled: Expected | null = null

        for (const command of commands) {
          const startMs = Date.parse(snapshot.snapshot.context.startsAt)
          const step = command.advance * 15 * MINUTE
          const freeMs = input.policy.free_cancellation_hours * 3_600_000
          nowMs =
            command.when === 'later'
              ? nowMs + step
              : command.when === 'window_edge'
                ? Math.max(nowMs, startMs - freeMs + (command.advance % 4) * 15 * MINUTE)
                : Math.max(nowMs, startMs + step)
          const targetMs = nowMs + command.target * 15 * MINUTE
          const event = {
            type: command.type,
            by: command.by,
            now: iso(nowMs),
            ...(command.type === 'RESCHEDULE' ? { startsAt: iso(targetMs) } : {}),
          } as BookingEvent

          const result = stepBooking(snapshot, event)
          const expectedChange = modelAccepts(status, command, nowMs, startMs, targetMs)
          expect(result.changed, `${status} + ${command.type} by ${command.by}`).toBe(expectedChange)
          expect(result.from).toBe(status)

          if (!result.changed) {
            expect(result.actions).toEqual([])
            expect(result.snapshot).toBe(snapshot)
            continue
          }

          // Exactly one history row per accepted event, naming the change it records.
          const history = all(result.actions, 'appendHistory')
          expect(history).toHaveLength(1)
          expect(history[0]).toMatchObject({
            event: command.type,
            from: result.from,
            to: result.to,
            at: iso(nowMs),
          })
          expect(all(result.actions, 'setStatus')).toEqual(
            result.from === result.to ? [] : [{ bookingId: 7, from: result.from, to: result.to }],
          )

          for (const reminders of all(result.actions, 'scheduleReminders')) {
            for (const r of reminders.reminders) {
              expect(Date.parse(r.at)).toBeGreaterThan(nowMs)
              expect(Date.parse(r.at)).toBeLessThan(Date.parse(reminders.startsAt))
            }
          }

          if (command.type === 'RESCHEDULE') {
            expect(result.to).toBe(result.from)
            const move = all(result.actions, 'moveBooking')
            expect(move).toHaveLength(1)
            expect(Date.parse(move[0]!.from.startsAt)).toBe(startMs)
            expect(Date.parse(move[0]!.to.startsAt)).toBe(targetMs)
            expect(result.snapshot.snapshot.context.startsAt).toBe(iso(targetMs))
          }

          expect(readBooking(result.snapshot).done).toBe(isDone(result.to))
          if (isFinal(status)) {
            // A correction: the money moves by the difference between the two settlements.
            const expected = expectedSettlement(input, price, status, command, nowMs, startMs)
            hit(`correction ${status} → ${result.to}`)
            expect(FINAL_PAYMENT_STATES).toContain(result.payment.to)
            const net =
              all(result.actions, 'refundWallet').reduce((a, p) => a + p.amount, 0) -
              all(result.actions, 'debitWallet').reduce((a, p) => a + p.amount, 0)
            expect(net).toBe(expected.refund - settled!.refund)
            expect(all(result.actions, 'restorePackageVisit').length).toBe(
              settled!.visit === 'consume' && expected.visit === 'restore' ? 1 : 0,
            )
            expect(all(result.actions, 'reservePackageVisit').length).toBe(
              settled!.visit === 'restore' && expected.visit === 'consume' ? 1 : 0,
            )
            settled = expected
          } else if (isFinal(result.to)) {
            expect(FINAL_PAYMENT_STATES).toContain(result.payment.to)
            const expected = expectedSettlement(input, price, status, command, nowMs, startMs)
            settled = expected
            hit(`${result.to}:${result.payment.to}`)
            if (command.type === 'CANCEL' && command.by === 'client' && status === 'confirmed') {
              const edge = startMs - nowMs === input.policy.free_cancellation_hours * 3_600_000
              const late = startMs - nowMs < input.policy.free_cancellation_hours * 3_600_000
              hit(
                edge
                  ? 'client cancel on the window edge'
                  : late
                    ? 'late client cancel'
                    : 'client cancel in time',
              )
            }
            const refunds = all(result.actions, 'refundWallet').map((p) => p.amount)
            expect(refunds.reduce((a, b) => a + b, 0)).toBe(expected.refund)
            expect(all(result.actions, 'consumePackageVisit').length).toBe(
              expected.visit === 'consume' ? 1 : 0,
            )
            expect(all(result.actions, 'restorePackageVisit').length).toBe(
              expected.visit === 'restore' ? 1 : 0,
            )
            const settlement = result.snapshot.snapshot.context.settlement
            // Whatever is not refunded is the fee (a completed visit keeps everything without a "fee").
            if (input.payment.method === 'wallet' && result.to !== 'completed') {
              expect(settlement!.fee + settlement!.refund).toBe(price)
            }
          } else {
            expect(all(result.actions, 'refundWallet')).toEqual([])
            expect(all(result.actions, 'restorePackageVisit')).toEqual([])
            expect(all(result.actions, 'consumePackageVisit')).toEqual([])
          }

          accepted += 1
          everything.push(...result.actions)
          status = result.to
          snapshot = JSON.parse(JSON.stringify(result.snapshot)) as PersistedBooking
        }

        const money = checkMoney(everything)
        const paid = input.payment.method === 'wallet' ? price : 0
        expect(money.held).toBe(paid - (settled?.refund ?? 0))
        expect(money.visits).toBe(input.payment.method === 'package' && settled?.visit !== 'restore' ? 1 : 0)
        expect(all(everything, 'appendHistory')).toHaveLength(1 + accepted)
      }),
      { numRuns: runs(1000, 500) },
    )
    // The runs must have reached every ending and both sides of the window (each is ~10+ hits per run;
    // the exact money of the rarer paths is pinned by the focused properties below).
    const reached = [...coverage.keys()]
    for (const status of FINAL_BOOKING_STATUSES) {
      expect(
        reached.some((key) => key.startsWith(`${status}:`)),
        status,
      ).toBe(true)
    }
    // Corrections need a mark after the start and then an admin's second event, so a thousand random
    // runs reach each of the four only a couple of times (none, in about one run of six): they are
    // checked against the model here when reached, and each is pinned by
    // tests/machines/booking-corrections.test.ts, so their coverage is not asserted here.
    for (const key of ['late client cancel', 'client cancel in time', 'client cancel on the window edge']) {
      expect(coverage.get(key) ?? 0, key).toBeGreaterThan(0)
    }
  })

  it('ended states accept nothing but an admin’s correction, whatever the event, sender or time', () => {
    fc.assert(
      fc.property(
        inputArb,
        commandArb,
        fc.constantFrom('CANCEL', 'COMPLETE', 'NO_SHOW', 'REJECT'),
        (input, command, end) => {
          let snapshot = startBooking({ ...input, autoConfirm: end !== 'REJECT' }).snapshot
          const startMs = Date.parse(snapshot.snapshot.context.startsAt)
          const endAt = iso(Math.max(startMs, T0) + 15 * MINUTE)
          snapshot = stepBooking(snapshot, { type: end, by: 'admin', now: endAt } as BookingEvent).snapshot
          const ended = readBooking(snapshot)
          // Completed and no-show take an admin's correction (modelAccepts); nothing else, from anyone.
          const correction =
            (ended.status === 'completed' || ended.status === 'no_show') && command.by === 'admin'
          expect(ended.done).toBe(ended.status === 'cancelled' || ended.status === 'rejected')
          const nowMs = Date.parse(endAt) + command.advance * 15 * MINUTE
          const event = {
            type: command.type,
            by: command.by,
            now: iso(nowMs),
            ...(command.type === 'RESCHEDULE'
              ? { startsAt: iso(nowMs + (Math.abs(command.target) + 1) * MINUTE) }
              : {}),
          } as BookingEvent
          const result = stepBooking(snapshot, event)
          const expected = correction && modelAccepts(ended.status, command, nowMs, startMs, nowMs)
          expect(result.changed).toBe(expected)
          if (!expected) expect(result.actions).toEqual([])
        },
      ),
      { numRuns: runs(300) },
    )
  })
})

describe('a client cancelling a confirmed booking at a random time', () => {
  const caseArb = fc.record({
    basePrice: fc.integer({ min: 1, max: 2_000_000_000 }),
    feeBasisPoints: fc.oneof(
      fc.constantFrom(0, 1, 5_000, 9_999, 10_000),
      fc.integer({ min: 0, max: 10_000 }),
    ),
    freeQuarterHours: fc.integer({ min: 0, max: 96 * 3 }),
    startsInQuarters: fc.integer({ min: 1, max: 96 * 7 }),
    cancelAfterQuarters: fc.nat(),
    consumes: fc.boolean(),
  })

  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never

  const setUp = (c: Case, payment: BookingInput['payment']) => {
    const startMs = T0 + c.startsInQuarters * 15 * MINUTE
    const nowMs = T0 + (c.cancelAfterQuarters % c.startsInQuarters) * 15 * MINUTE
    const policy = {
      free_cancellation_hours: c.freeQuarterHours / 4,
      late_cancellation_fee_percent: c.feeBasisPoints / 100,
      late_cancellation_consumes_visit: c.consumes,
    }
    const booking: BookingInput = {
      bookingId: 1,
      clientId: 2,
      specialistId: 3,
      serviceId: 4,
      locationId: 5,
      startsAt: iso(startMs),
      durationMin: 30,
      breakMin: 0,
      basePrice: c.basePrice,
      payment,
      policy,
      source: 'web',
      now: iso(T0),
      by: 'client',
    }
    const result = stepBooking(startBooking(booking).snapshot, {
      type: 'CANCEL',
      by: 'client',
      now: iso(nowMs),
    })
    expect(result.changed).toBe(true)
    return { result, late: startMs - nowMs < c.freeQuarterHours * 15 * MINUTE }
  }

  it('from the wallet: refund = price − fee, fee = percent of the price rounded half up, state to match', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { result, late } = setUp(c, { method: 'wallet' })
        const fee = late ? feeOf(c.basePrice, c.feeBasisPoints) : 0
        const refund = c.basePrice - fee
        expect(all(result.actions, 'refundWallet')).toEqual(
          refund === 0
            ? []
            : [{ bookingId: 1, clientId: 2, amount: refund, reason: late ? 'late' : 'free_window' }],
        )
        expect(result.snapshot.snapshot.context.settlement).toMatchObject({ late, fee, refund })
        expect(result.payment.to).toBe(
          refund === 0
            ? 'wallet_captured'
            : refund === c.basePrice
              ? 'wallet_refunded'
              : 'wallet_partially_refunded',
        )
      }),
      { numRuns: runs(500) },
    )
  })

  it('with a package: the visit comes back unless late under a consuming policy', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { result, late } = setUp(c, { method: 'package', clientPackageId: 6 })
        const consumed = late && c.consumes
        expect(types(result.actions).filter((t) => t.endsWith('PackageVisit'))).toEqual([
          consumed ? 'consumePackageVisit' : 'restorePackageVisit',
        ])
        expect(result.payment.to).toBe(consumed ? 'package_consumed' : 'package_restored')
        expect(types(result.actions)).not.toContain('refundWallet')
      }),
      { numRuns: runs(300) },
    )
  })
})
