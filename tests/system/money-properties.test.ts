// Random sequences of money operations against the real system (API → queue → worker → PostgreSQL),
// checked against a small model of the policy after every step and against the ledger invariants
// after every run: balance = sum of the ledger ≥ 0; package visits used + remaining = total; one
// payment row per paid booking; one history row per accepted transition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { applyPercent } from '../../src/domain/money.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld, overlappingBookings } from '../helpers/fixtures.ts'
import '../domain/fast-check-seed.ts'

type User = Awaited<ReturnType<typeof createUser>>
type Json = Record<string, unknown>

let env: TestEnv
let app: FastifyInstance
let admin: User

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

const PRICE = 123_457 // odd, so percentages land on halves and fractions
const TIMES = ['10:00', '11:30', '13:00', '14:30', '16:00'] // 60 min + 15 min break: never overlapping
const DAYS = [2, 3, 4] // inside 30 days, so 720 free-cancellation hours make every client cancel late
const SLOTS = TIMES.length * DAYS.length
const RUNS = 40

// Weighted towards booking, so that most lifecycle operations find a booking to act on.
const op = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('deposit' as const),
      amount: fc.integer({ min: 1, max: 300_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('book' as const),
      slot: fc.nat(SLOTS - 1),
      payment: fc.constantFrom('auto', 'wallet', 'package', 'on_site'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('cancel' as const),
      pick: fc.nat(),
      by: fc.constantFrom('client', 'client', 'admin'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('reschedule' as const),
      pick: fc.nat(),
      slot: fc.nat(SLOTS - 1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('complete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('no_show' as const), pick: fc.nat() }) },
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

const scenario = fc.record({
  prepayment: fc.constantFrom('none', 'required'),
  freeHours: fc.constantFrom(0, 720),
  feePercent: fc.constantFrom(0, 33, 50, 100),
  consumesVisit: fc.boolean(),
  discountPercent: fc.constantFrom(0, 10, 33),
  packageVisits: fc.constantFrom(0, 1, 2, 3),
  deposit: fc.constantFrom(0, 150_000, 1_000_000),
  ops: fc.array(op, { minLength: 5, maxLength: 15 }),
})
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never

interface ModelBooking {
  id: number
  slot: number
  status: 'confirmed' | 'cancelled' | 'completed'
  method: 'wallet' | 'package' | 'on_site'
  /** What was debited from the wallet. */
  charged: number
  refunded: number
  /** A cancelled package booking whose visit stayed used. */
  visitConsumed: boolean
  transitions: number
  /** Accepted intents that changed nothing (a reschedule to where it already is): no history. */
  noops: number
}

async function outcome(res: Awaited<ReturnType<FastifyInstance['inject']>>, who: User) {
  if (res.statusCode !== 202) return { status: res.statusCode, body: res.json() as Json }
  const url = res.json().status_url as string
  for (let i = 0; i < 300; i++) {
    const intent = (await app.inject({ url, headers: who.headers })).json()
    if (intent.status !== 'pending')
      return { status: intent.result_status as number, body: intent.result as Json }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`intent at ${url} still pending`)
}

async function runScenario(s: Scenario, run: number) {
  const w = await createWorld(env.db, {
    service: { price: PRICE },
    settings: {
      prepayment: s.prepayment,
      free_cancellation_hours: s.freeHours,
      late_cancellation_fee_percent: s.feePercent,
      late_cancellation_consumes_visit: s.consumesVisit,
      // The model judges lateness by the window alone; the grace after booking has tests of its own.
      cancellation_grace_minutes: 0,
    },
  })
  await app.deps.runtime.slotInputs.invalidate()
  const client = w.client
  const zone = w.location.timezone
  const slotStart = (slot: number) => ({
    date: DateTime.now()
      .setZone(zone)
      .plus({ days: DAYS[Math.floor(slot / TIMES.length)]! })
      .toISODate()!,
    time: TIMES[slot % TIMES.length]!,
  })
  const post = async (who: User, url: string, payload: Json, key?: string) =>
    outcome(
      await app.inject({
        method: 'POST',
        url,
        headers: { ...who.headers, ...(key && { 'idempotency-key': key }) },
        payload,
      }),
      who,
    )

  // The model.
  let balance = 0
  let remaining = s.packageVisits
  const bookings: ModelBooking[] = []
  const price = PRICE - (s.discountPercent ? applyPercent(PRICE, s.discountPercent) : 0)
  const holder = (slot: number, except?: number) =>
    bookings.find((b) => b.slot === slot && b.status !== 'cancelled' && b.id !== except)

  const deposit = async (amount: number, key: string) => {
    const res = await post(admin, `/api/admin/clients/${client.id}/wallet/deposits`, { amount }, key)
    expect(res.status).toBe(201)
    balance += amount
  }
  if (s.deposit) await deposit(s.deposit, `p${run}-init`)
  if (s.discountPercent) {
    const res = await post(admin, `/api/admin/clients/${client.id}/discounts`, {
      kind: 'percent',
      value: s.discountPercent,
    })
    expect(res.status).toBe(201)
  }
  let clientPackageId: number | null = null
  if (s.packageVisits) {
    const [def] = await env
      .db('service_packages')
      .insert({
        name: 'Visits',
        composition: JSON.stringify({
          items: [{ service_id: w.service.id, count: s.packageVisits }],
          valid_days: 60,
        }),
        price: 0,
      })
      .returning('id')
    const res = await post(admin, `/api/admin/clients/${client.id}/packages`, { service_package_id: def.id })
    expect(res.status).toBe(201)
    clientPackageId = res.body.id as number
  }

  for (const [i, o] of s.ops.entries()) {
    const step = `run ${run} step ${i} ${JSON.stringify(o)}`
    const target = bookings.length ? bookings[(o as { pick?: number }).pick! % bookings.length] : undefined
    switch ((o as Op).type) {
      case 'deposit':
        await deposit((o as Extract<Op, { type: 'deposit' }>).amount, `p${run}-d${i}`)
        break
      case 'book': {
        const b = o as Extract<Op, { type: 'book' }>
        const res = await post(client, '/api/bookings', {
          service_id: w.service.id,
          specialist_id: w.specialist.id,
          start: slotStart(b.slot),
          payment: b.payment,
        })
        if (holder(b.slot)) {
          expect([res.status, res.body.error], step).toEqual([409, 'slot_taken'])
          break
        }
        const usePackage = (b.payment === 'auto' || b.payment === 'package') && remaining > 0
        const useWallet =
          !usePackage && (b.payment === 'wallet' || (b.payment === 'auto' && s.prepayment === 'required'))
        if (b.payment === 'package' && !usePackage) {
          expect([res.status, res.body.error], step).toEqual([402, 'no_package'])
        } else if (b.payment === 'on_site' && s.prepayment === 'required') {
          expect([res.status, res.body.error], step).toEqual([402, 'prepayment_required'])
        } else if (useWallet && balance < price) {
          expect([res.status, res.body.error], step).toEqual([402, 'insufficient_funds'])
        } else {
          const method = usePackage ? 'package' : useWallet ? 'wallet' : 'on_site'
          expect(res.status, `${step} ${JSON.stringify(res.body)}`).toBe(201)
          expect(res.body, step).toMatchObject({ payment_method: method, price: usePackage ? 0 : price })
          if (usePackage) remaining -= 1
          if (useWallet) balance -= price
          bookings.push({
            id: res.body.id as number,
            slot: b.slot,
            status: 'confirmed',
            method,
            charged: useWallet ? price : 0,
            refunded: 0,
            visitConsumed: false,
            transitions: 0,
            noops: 0,
          })
        }
        break
      }
      case 'cancel': {
        if (!target) break
        const by = (o as Extract<Op, { type: 'cancel' }>).by
        const res = await post(by === 'admin' ? admin : client, `/api/bookings/${target.id}/cancel`, {})
        if (target.status !== 'confirmed') {
          expect([res.status, res.body.error], step).toEqual([409, 'invalid_transition'])
          break
        }
        expect(res.status, `${step} ${JSON.stringify(res.body)}`).toBe(200)
        // Late only for the client, and only when the window is 720 h (every slot is inside it).
        const late = by === 'client' && s.freeHours > 0
        if (target.method === 'wallet') {
          const refund = late ? target.charged - applyPercent(target.charged, s.feePercent) : target.charged
          target.refunded = refund
          balance += refund
        } else if (target.method === 'package') {
          if (late && s.consumesVisit) target.visitConsumed = true
          else remaining += 1
        }
        target.status = 'cancelled'
        target.transitions += 1
        break
      }
      case 'reschedule': {
        if (!target) break
        const slot = (o as Extract<Op, { type: 'reschedule' }>).slot
        const res = await post(client, `/api/bookings/${target.id}/reschedule`, { start: slotStart(slot) })
        if (holder(slot, target.id)) {
          expect([res.status, res.body.error], step).toEqual([409, 'slot_taken'])
        } else if (target.status !== 'confirmed') {
          expect([res.status, res.body.error], step).toEqual([409, 'invalid_transition'])
        } else if (slot === target.slot) {
          // Already there: a no-op that answers the booking as it is.
          expect([res.status, res.body.status], step).toEqual([200, 'confirmed'])
          target.noops += 1
        } else {
          expect(res.status, `${step} ${JSON.stringify(res.body)}`).toBe(200)
          expect(res.body, step).toMatchObject(slotStart(slot))
          target.slot = slot
          target.transitions += 1
        }
        break
      }
      case 'complete': {
        if (!target) break
        // Every booking here is in the future: a visit cannot be marked done before it starts.
        const res = await post(admin, `/api/bookings/${target.id}/complete`, {})
        const refusal = target.status === 'confirmed' ? 'not_started' : 'invalid_transition'
        expect([res.status, res.body.error], step).toEqual([409, refusal])
        break
      }
      case 'no_show': {
        if (!target) break
        // Every booking here is in the future: a no-show cannot be recorded yet.
        const res = await post(admin, `/api/bookings/${target.id}/no-show`, {})
        const refusal = target.status === 'confirmed' ? 'not_started' : 'invalid_transition'
        expect([res.status, res.body.error], step).toEqual([409, refusal])
        break
      }
    }
  }

  // ---- invariants, read from the database ----
  const where = `run ${run} ${JSON.stringify({ ...s, ops: undefined })}`
  const wallet = await env.db('client_wallets').where({ client_id: client.id }).first('balance')
  const ledger = await env.db('wallet_transactions').where({ client_id: client.id }).orderBy('id')
  const sum = ledger.reduce((acc, t) => acc + Number(t.amount), 0)
  expect(Number(wallet?.balance ?? 0), where).toBe(sum)
  expect(sum, where).toBeGreaterThanOrEqual(0)
  expect(sum, where).toBe(balance)

  const rows = await env.db('bookings').where({ client_id: client.id }).orderBy('id')
  expect(
    rows.map((r) => [r.id, r.status, r.payment_method]),
    where,
  ).toEqual(bookings.map((b) => [b.id, b.status, b.method]))

  if (clientPackageId !== null) {
    const item = await env.db('client_package_items').where({ client_package_id: clientPackageId }).first()
    // Used: package bookings that still hold their visit (booked, done) or lost it to a late cancel.
    const used = rows.filter(
      (r) =>
        r.payment_method === 'package' &&
        (r.status === 'confirmed' ||
          r.status === 'completed' ||
          r.status === 'no_show' ||
          (r.status === 'cancelled' && bookings.find((b) => b.id === r.id)!.visitConsumed)),
    ).length
    expect(used + item.remaining, where).toBe(item.total)
    expect(item.remaining, where).toBe(remaining)
  }

  for (const r of rows) {
    const m = bookings.find((b) => b.id === r.id)!
    const mine = ledger.filter((t) => t.booking_id === r.id)
    const payments = mine.filter((t) => t.kind === 'payment')
    const refunds = mine.filter((t) => t.kind === 'refund')
    if (r.payment_method === 'wallet' && Number(r.price) > 0) {
      expect(
        payments.map((t) => Number(t.amount)),
        `${where} booking ${r.id}`,
      ).toEqual([-Number(r.price)])
    } else {
      expect(payments, `${where} booking ${r.id}`).toEqual([])
    }
    expect(
      refunds.map((t) => Number(t.amount)),
      `${where} booking ${r.id}`,
    ).toEqual(m.refunded > 0 ? [m.refunded] : [])

    const history = await env.db('booking_history').where({ booking_id: r.id }).count({ n: '*' }).first()
    const accepted = await env
      .db('intents')
      .where({ booking_id: r.id, status: 'succeeded' })
      .whereNot({ kind: 'create' })
      .count({ n: '*' })
      .first()
    expect(Number(history?.n), `${where} booking ${r.id}`).toBe(1 + Number(accepted?.n) - m.noops)
    expect(Number(history?.n), `${where} booking ${r.id}`).toBe(1 + m.transitions)
  }
  // No ledger row names a booking of someone else, and nothing overlaps.
  expect(ledger.filter((t) => t.booking_id !== null && !rows.some((r) => r.id === t.booking_id))).toEqual([])
  expect(await overlappingBookings(env.db)).toEqual([])
}

describe('money properties against the real system', () => {
  it('keeps the ledger, package visits, payments and history consistent', { timeout: 180_000 }, async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        await runScenario(s, run++)
      }),
      { numRuns: RUNS, endOnFailure: true },
    )
    expect(run).toBe(RUNS)
  })
})
