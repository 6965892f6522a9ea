// Money under concurrency, over real HTTP (the money guarantees): a wallet that covers exactly k
// of N parallel bookings; the same cancel sent many times at once; package visits used, restored and
// consumed; personal discounts; a reschedule that moves the booking with its money.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { applyPercent } from '../../src/domain/money.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld, overlappingBookings } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
type World = Awaited<ReturnType<typeof createWorld>>
type Json = Record<string, unknown>

let env: TestEnv
let app: FastifyInstance
let base: string
let admin: User

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

interface Answer {
  /** The HTTP status of the request itself. */
  http: number
  /** The final status: the request's, or after a 202 the intent's outcome. */
  status: number
  body: Json
}

/** One HTTP request; a 202 is followed to the intent's outcome (bounded polling). */
async function http(
  who: User | null,
  method: string,
  path: string,
  opts: { body?: unknown; key?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(who?.headers ?? {}) }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.key !== undefined) headers['idempotency-key'] = opts.key
  const res = await fetch(base + path, {
    method,
    headers,
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
  })
  const body = (await res.json()) as Json
  if (res.status !== 202) return { http: res.status, status: res.status, body }
  for (let i = 0; i < 300; i++) {
    const intent = (await (await fetch(`${base}${String(body.status_url)}`, { headers })).json()) as Json
    if (intent.status !== 'pending') {
      return { http: 202, status: intent.result_status as number, body: intent.result as Json }
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`intent ${String(body.intent_id)} still pending`)
}

/** Worlds are written straight to the database: make sure the API reads them afresh. */
const world = async (opts: Parameters<typeof createWorld>[1] = {}) => {
  const w = await createWorld(env.db, opts)
  await app.deps.runtime.slotInputs.invalidate()
  return w
}

const dayIn = (w: World, days: number) =>
  DateTime.now().setZone(w.location.timezone).plus({ days }).toISODate()!

const setSettings = (settings: Json) =>
  env.db('company').update({ settings: JSON.stringify({ min_lead_minutes: 0, ...settings }) })

const deposit = async (clientId: number, amount: number, key: string) => {
  const res = await http(admin, 'POST', `/api/admin/clients/${clientId}/wallet/deposits`, {
    body: { amount },
    key,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
}

const book = (
  client: User,
  specialistId: number,
  serviceId: number,
  date: string,
  time: string,
  payment?: string,
) =>
  http(client, 'POST', '/api/bookings', {
    body: {
      service_id: serviceId,
      specialist_id: specialistId,
      start: { date, time },
      ...(payment && { payment }),
    },
  })

const balanceOf = async (clientId: number) =>
  Number((await env.db('client_wallets').where({ client_id: clientId }).first('balance'))?.balance ?? 0)

const ledgerSum = async (clientId: number) =>
  Number(
    (await env.db('wallet_transactions').where({ client_id: clientId }).sum({ s: 'amount' }).first())?.s ?? 0,
  )

const remainingOf = async (clientPackageId: number, serviceId: number) =>
  (
    await env
      .db('client_package_items')
      .where({ client_package_id: clientPackageId, service_id: serviceId })
      .first('remaining')
  ).remaining as number

async function slotTimes(serviceId: number, specialistId: number, date: string) {
  const res = await http(
    null,
    'GET',
    `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${date}&days=1`,
  )
  expect(res.status).toBe(200)
  const locations = res.body.locations as { days: { times: string[] }[] }[]
  return locations[0]?.days[0]?.times ?? []
}

/** Every wallet booking has exactly one payment row, and no payment row lacks its booking. */
async function paymentsMatchBookings(clientId: number) {
  const paidBookings = await env
    .db('bookings')
    .where({ client_id: clientId, payment_method: 'wallet' })
    .where('price', '>', 0)
    .pluck('id')
  const payments = await env
    .db('wallet_transactions')
    .where({ client_id: clientId, kind: 'payment' })
    .whereNull('client_package_id')
    .select('booking_id')
  expect(payments.map((p) => p.booking_id).sort()).toEqual(paidBookings.sort())
}

describe('a wallet that covers exactly k of N parallel bookings', () => {
  it('books k, refuses the rest with 402, and leaves the balance at 0', async () => {
    const N = 10
    const k = 3
    const w = await world({ n: N })
    const price = w.service.price
    await deposit(w.client.id, k * price, 'race-deposit')
    const date = dayIn(w, 2)
    // Distinct specialists, so the bookings run in parallel on different partition queues.
    const answers = await Promise.all(
      w.specialists.map((s) => book(w.client, s.id, w.service.id, date, '12:00', 'wallet')),
    )
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(k)
    expect(statuses.filter((s) => s === 402)).toHaveLength(N - k)
    for (const a of answers.filter((x) => x.status === 402)) expect(a.body.error).toBe('insufficient_funds')
    for (const a of answers.filter((x) => x.status === 201)) {
      expect(a.body).toMatchObject({ payment_method: 'wallet', price, status: 'confirmed' })
    }
    expect(answers.every((a) => a.http < 500)).toBe(true)

    expect(await balanceOf(w.client.id)).toBe(0)
    expect(await ledgerSum(w.client.id)).toBe(0)
    const booked = await env.db('bookings').where({ client_id: w.client.id }).pluck('id')
    expect(booked.sort()).toEqual(
      answers
        .filter((a) => a.status === 201)
        .map((a) => a.body.id)
        .sort(),
    )
    await paymentsMatchBookings(w.client.id)

    const wallet = await http(w.client, 'GET', '/api/me/wallet')
    expect(wallet.body.balance).toBe(0)
    expect(wallet.body.transactions).toHaveLength(k + 1)
  })
})

describe('the same cancel sent 20 times at once', () => {
  for (const mode of ['with one Idempotency-Key', 'without a key'] as const) {
    it(`refunds once and frees the slot once (${mode})`, async () => {
      const w = await world()
      const price = w.service.price
      await deposit(w.client.id, price, `cancel-dep-${mode.length}`)
      const date = dayIn(w, 3) // well outside the 24 h free-cancellation window
      const before = await slotTimes(w.service.id, w.specialist.id, date)
      const booked = await book(w.client, w.specialist.id, w.service.id, date, '12:00', 'wallet')
      expect(booked.status).toBe(201)
      const id = booked.body.id as number
      expect(await balanceOf(w.client.id)).toBe(0)
      expect(await slotTimes(w.service.id, w.specialist.id, date)).not.toContain('12:00')

      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          http(w.client, 'POST', `/api/bookings/${id}/cancel`, {
            body: {},
            ...(mode === 'with one Idempotency-Key' && { key: `cancel-${id}` }),
          }),
        ),
      )
      expect(answers.every((a) => a.http < 500)).toBe(true)
      const ok = answers.filter((a) => a.status === 200)
      const refused = answers.filter((a) => a.status !== 200)
      if (mode === 'with one Idempotency-Key') {
        expect(ok).toHaveLength(20)
      } else {
        expect(ok).toHaveLength(1)
        for (const a of refused) {
          expect(a.status).toBe(409)
          expect(a.body.error).toBe('invalid_transition')
        }
      }
      for (const a of ok) expect(a.body).toEqual(ok[0]!.body)
      expect(ok[0]!.body.status).toBe('cancelled')

      const refunds = await env.db('wallet_transactions').where({ booking_id: id, kind: 'refund' })
      expect(refunds).toHaveLength(1)
      expect(Number(refunds[0].amount)).toBe(price)
      expect(await balanceOf(w.client.id)).toBe(price)
      expect(await ledgerSum(w.client.id)).toBe(price)
      const history = await env.db('booking_history').where({ booking_id: id }).orderBy('id')
      expect(history.map((h) => h.to_state)).toEqual(['confirmed', 'cancelled'])
      expect(await slotTimes(w.service.id, w.specialist.id, date)).toEqual(before)
    })
  }
})

describe('packages', () => {
  async function buyPackage(w: World, visits: number, key: string) {
    const [pkg] = await env
      .db('service_packages')
      .insert({
        name: `${visits} visits`,
        composition: JSON.stringify({ items: [{ service_id: w.service.id, count: visits }], valid_days: 90 }),
        price: 300_000,
      })
      .returning('*')
    await deposit(w.client.id, 300_000, `${key}-dep`)
    const bought = await http(w.client, 'POST', `/api/packages/${pkg.id}/purchase`, { key })
    expect(bought.status, JSON.stringify(bought.body)).toBe(201)
    return { packageId: pkg.id as number, clientPackageId: (bought.body.package as Json).id as number }
  }

  it('uses the visits, falls back per prepayment policy, and restores or consumes a visit on cancel', async () => {
    const w = await world({ settings: { prepayment: 'none', free_cancellation_hours: 24 } })
    const { clientPackageId } = await buyPackage(w, 3, 'pkg-1')
    expect(await balanceOf(w.client.id)).toBe(0)
    const date = dayIn(w, 5)
    const times = ['10:00', '11:30', '13:00', '14:30', '16:00', '17:30']

    const used = []
    for (const time of times.slice(0, 3)) {
      const res = await book(w.client, w.specialist.id, w.service.id, date, time)
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        payment_method: 'package',
        client_package_id: clientPackageId,
        price: 0,
      })
      used.push(res.body.id as number)
    }
    expect(await remainingOf(clientPackageId, w.service.id)).toBe(0)
    const pkgView = (await http(w.client, 'GET', '/api/me/packages')).body.items as Json[]
    expect(pkgView[0]).toMatchObject({ items: [{ service_id: w.service.id, total: 3, remaining: 0 }] })

    // The fourth: no visit left; with prepayment 'none', "auto" means pay on site.
    const fourth = await book(w.client, w.specialist.id, w.service.id, date, times[3]!)
    expect(fourth.status).toBe(201)
    expect(fourth.body).toMatchObject({ payment_method: 'on_site', client_package_id: null })
    const asked = await book(w.client, w.specialist.id, w.service.id, date, times[4]!, 'package')
    expect(asked.status).toBe(402)
    expect(asked.body.error).toBe('no_package')

    // With prepayment 'required', "auto" means the wallet: empty, so 402 and nothing written.
    await setSettings({ prepayment: 'required', free_cancellation_hours: 24 })
    const ledgerBefore = await env.db('wallet_transactions').where({ client_id: w.client.id })
    const refused = await book(w.client, w.specialist.id, w.service.id, date, times[4]!)
    expect(refused.status).toBe(402)
    expect(refused.body.error).toBe('insufficient_funds')
    expect(await env.db('wallet_transactions').where({ client_id: w.client.id })).toEqual(ledgerBefore)
    // Asking for "pay on site" does not get round the policy either; an admin at the desk may.
    const onSite = await book(w.client, w.specialist.id, w.service.id, date, times[4]!, 'on_site')
    expect(onSite.status).toBe(402)
    expect(onSite.body.error).toBe('prepayment_required')
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(4)
    await deposit(w.client.id, w.service.price, 'pkg-1-topup')
    const prepaid = await book(w.client, w.specialist.id, w.service.id, date, times[4]!)
    expect(prepaid.status).toBe(201)
    expect(prepaid.body).toMatchObject({ payment_method: 'wallet', price: w.service.price })
    expect(await balanceOf(w.client.id)).toBe(0)

    // Cancelled 5 days ahead: inside the free window, the visit comes back…
    const cancelled = await http(w.client, 'POST', `/api/bookings/${used[0]}/cancel`, { body: {} })
    expect(cancelled.status).toBe(200)
    expect(await remainingOf(clientPackageId, w.service.id)).toBe(1)
    // …and is used by the next "auto" booking.
    const reused = await book(w.client, w.specialist.id, w.service.id, date, times[0]!)
    expect(reused.status).toBe(201)
    expect(reused.body.payment_method).toBe('package')
    expect(await remainingOf(clientPackageId, w.service.id)).toBe(0)

    // Completing a package booking keeps the visit used (once it has started: moved into the past).
    await env.db.raw(
      `update bookings set starts_at = t, ends_at = ends_at - (starts_at - t), busy_until = busy_until - (starts_at - t),
         machine_snapshot = jsonb_set(machine_snapshot, '{snapshot,context,startsAt}',
           to_jsonb(to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
       from (select date_trunc('second', now()) - interval '1 hour' as t) x where id = ?`,
      [used[1]!],
    )
    const done = await http(admin, 'POST', `/api/bookings/${used[1]}/complete`, { body: {} })
    expect(done.status).toBe(200)
    expect(await remainingOf(clientPackageId, w.service.id)).toBe(0)
    await paymentsMatchBookings(w.client.id)
    expect(await ledgerSum(w.client.id)).toBe(await balanceOf(w.client.id))
  })

  for (const consumes of [true, false]) {
    it(`a late cancel ${consumes ? 'consumes' : 'gives back'} the visit when late_cancellation_consumes_visit is ${consumes}`, async () => {
      // 720 h (the most the settings allow): every booking in the next 30 days is late to cancel.
      const w = await world({
        settings: {
          free_cancellation_hours: 720,
          late_cancellation_consumes_visit: consumes,
          late_cancellation_fee_percent: 50,
          // Cancelled at once: without this, the grace after booking would make it free.
          cancellation_grace_minutes: 0,
        },
      })
      const { clientPackageId } = await buyPackage(w, 2, `late-${consumes}`)
      const date = dayIn(w, 4)
      const res = await book(w.client, w.specialist.id, w.service.id, date, '12:00')
      expect(res.body.payment_method).toBe('package')
      expect(await remainingOf(clientPackageId, w.service.id)).toBe(1)
      const cancel = await http(w.client, 'POST', `/api/bookings/${res.body.id}/cancel`, { body: {} })
      expect(cancel.status).toBe(200)
      expect(await remainingOf(clientPackageId, w.service.id)).toBe(consumes ? 1 : 2)
      const history = await env
        .db('booking_history')
        .where({ booking_id: res.body.id, to_state: 'cancelled' })
      expect(history).toHaveLength(1)
      expect(history[0].data).toMatchObject({ late: true, packageVisit: consumes ? 'consume' : 'restore' })

      // The same late policy on a wallet booking keeps the fee (half, rounded half up) and refunds the rest.
      const price = 12_345
      await env.db('services').where({ id: w.service.id }).update({ price })
      await deposit(w.client.id, price, `late-wallet-${consumes}`)
      const paid = await book(w.client, w.specialist.id, w.service.id, date, '14:00', 'wallet')
      expect(paid.status).toBe(201)
      expect(paid.body.price).toBe(price)
      expect(
        (await http(w.client, 'POST', `/api/bookings/${paid.body.id}/cancel`, { body: {} })).status,
      ).toBe(200)
      const refund = await env.db('wallet_transactions').where({ booking_id: paid.body.id, kind: 'refund' })
      expect(refund.map((r) => Number(r.amount))).toEqual([price - applyPercent(price, 50)])
      expect(price - applyPercent(price, 50)).toBe(6172) // 6172.5 kept → 6173 kept, 6172 back
      expect(await balanceOf(w.client.id)).toBe(6172)
      expect(await ledgerSum(w.client.id)).toBe(6172)
    })
  }
})

describe('personal discounts', () => {
  it('applies the best applicable discount automatically, rounding percents half up', async () => {
    const base = 12_345
    const w = await world({ service: { price: base } })
    const other = await env
      .db('services')
      .insert({ name: 'Other', duration_minutes: 30, price: 100 })
      .returning('id')
    const url = `/api/admin/clients/${w.client.id}/discounts`
    const add = async (body: Json) => {
      const res = await http(admin, 'POST', url, { body })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      return res.body.id as number
    }
    const ten = await add({ kind: 'percent', value: 10, note: 'regular' })
    await add({ kind: 'fixed', value: 1000 })
    await add({ kind: 'percent', value: 5 })
    await add({ kind: 'fixed', value: 5000, service_id: other[0].id }) // another service
    await add({ kind: 'percent', value: 50, active: false }) // switched off
    await add({
      kind: 'percent',
      value: 40,
      valid_from: '2000-01-01T00:00:00Z',
      valid_to: '2000-02-01T00:00:00Z',
    })
    await add({ kind: 'percent', value: 45, valid_from: '2999-01-01T00:00:00Z' })
    await deposit(w.client.id, 1_000_000, 'disc-dep')
    const date = dayIn(w, 3)

    const first = await book(w.client, w.specialist.id, w.service.id, date, '10:00', 'wallet')
    expect(first.status).toBe(201)
    const discount = applyPercent(base, 10)
    expect(discount).toBe(1235) // 1234.5 rounds half up
    expect(first.body).toMatchObject({ base_price: base, price: base - discount, discount_amount: discount })
    expect(
      await env
        .db('booking_discounts')
        .where({ booking_id: first.body.id })
        .select('client_discount_id', 'amount'),
    ).toEqual([{ client_discount_id: ten, amount: discount }])
    const payment = await env.db('wallet_transactions').where({ booking_id: first.body.id, kind: 'payment' })
    expect(payment.map((p) => Number(p.amount))).toEqual([-(base - discount)])

    // A fixed 1240 is now worth more than 10 % (1235): it wins, and pay-on-site bookings get it too.
    const fixed = await add({ kind: 'fixed', value: 1240, service_id: w.service.id })
    const second = await book(w.client, w.specialist.id, w.service.id, date, '11:30', 'on_site')
    expect(second.body).toMatchObject({ payment_method: 'on_site', price: base - 1240 })
    expect(
      await env.db('booking_discounts').where({ booking_id: second.body.id }).pluck('client_discount_id'),
    ).toEqual([fixed])
    // Switched off, the 10 % is back in charge; nothing recorded for bookings without a discount.
    await http(admin, 'PATCH', `/api/admin/discounts/${fixed}`, { body: { active: false } })
    const third = await book(w.client, w.specialist.id, w.service.id, date, '13:00', 'wallet')
    expect(third.body.price).toBe(base - discount)
    expect(await balanceOf(w.client.id)).toBe(1_000_000 - 2 * (base - discount))
    expect(await ledgerSum(w.client.id)).toBe(await balanceOf(w.client.id))
    await paymentsMatchBookings(w.client.id)
  })
})

describe('reschedule', () => {
  it('moves the booking with its money, and leaves it untouched when the new slot is taken', async () => {
    const w = await world({ n: 1 })
    const price = w.service.price
    await deposit(w.client.id, price, 'move-dep')
    const date = dayIn(w, 3)
    const booked = await book(w.client, w.specialist.id, w.service.id, date, '12:00', 'wallet')
    expect(booked.status).toBe(201)
    const id = booked.body.id as number

    const moved = await http(w.client, 'POST', `/api/bookings/${id}/reschedule`, {
      body: { start: { date, time: '14:00' } },
      key: `move-${id}`,
    })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({
      id,
      time: '14:00',
      status: 'confirmed',
      payment_method: 'wallet',
      price,
    })
    const payments = await env.db('wallet_transactions').where({ booking_id: id })
    expect(payments.map((p) => [p.kind, Number(p.amount)])).toEqual([['payment', -price]])
    expect(await balanceOf(w.client.id)).toBe(0)
    const slots = await slotTimes(w.service.id, w.specialist.id, date)
    expect(slots).toContain('12:00')
    expect(slots).not.toContain('14:00')
    const history = (await http(w.client, 'GET', `/api/bookings/${id}/history`)).body
      .items as unknown as Json[]
    expect(history.map((h) => h.event)).toEqual(['created', 'rescheduled'])
    expect(history[1]!.details).toMatchObject({
      from_starts_at: DateTime.fromISO(`${date}T12:00`, { zone: w.location.timezone }).toUTC().toISO(),
      to_starts_at: DateTime.fromISO(`${date}T14:00`, { zone: w.location.timezone }).toUTC().toISO(),
    })

    const rival = await createUser(env.db, ['client'])
    expect((await book(rival, w.specialist.id, w.service.id, date, '16:00')).status).toBe(201)
    const rowBefore = await env.db('bookings').where({ id }).first()
    for (const time of ['16:00', '15:30']) {
      const taken = await http(w.client, 'POST', `/api/bookings/${id}/reschedule`, {
        body: { start: { date, time } },
      })
      expect(taken.status, time).toBe(409)
      expect(taken.body.error).toBe('slot_taken')
    }
    expect(await env.db('bookings').where({ id }).first()).toEqual(rowBefore)
    expect(await env.db('booking_history').where({ booking_id: id })).toHaveLength(2)
    expect(await env.db('wallet_transactions').where({ booking_id: id })).toHaveLength(1)
    expect(await balanceOf(w.client.id)).toBe(0)
    expect(await overlappingBookings(env.db)).toEqual([])
  })
})
