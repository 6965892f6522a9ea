// Money the client can read, end to end: the booking answer carries its cancellation terms, the
// cancel answer says what was refunded and kept, the ledger speaks in words, a package visit carries
// no discount, and refusals for want of money name amounts as people write them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createService, createUser, createWallet, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
type World = Awaited<ReturnType<typeof createWorld>>

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

const ZONE = 'Europe/Moscow'
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')
let keys = 0

const world = async (opts: Parameters<typeof createWorld>[1] = {}) => {
  const w = await createWorld(env.db, { service: { name: "Women's haircut", price: 150_000 }, ...opts })
  await app.deps.runtime.slotInputs.invalidate()
  return w
}

const book = (w: World, who: User, date: string, time: string, extra: Record<string, unknown> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...who.headers, 'idempotency-key': `words-${++keys}` },
    payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time }, ...extra },
  })

const cancel = (who: User, id: number) =>
  app.inject({
    method: 'POST',
    url: `/api/bookings/${id}/cancel`,
    headers: { ...who.headers, 'idempotency-key': `cancel-${++keys}` },
    payload: {},
  })

const ledger = (clientId: number) =>
  env.db('wallet_transactions').where({ client_id: clientId }).whereNot({ kind: 'deposit' }).orderBy('id')

describe('cancellation terms up front', () => {
  it('the booking answer carries the terms, the cancel answer the refund and the fee', async () => {
    const w = await world({ settings: { free_cancellation_hours: 24, late_cancellation_fee_percent: 50 } })
    await createWallet(env.db, w.client.id, 500_000)
    const date = day(5)
    const res = await book(w, w.client, date, '14:00', { payment: 'wallet' })
    expect(res.statusCode, res.body).toBe(201)
    const b = res.json()
    const freeUntil = DateTime.fromISO(`${date}T14:00`, { zone: ZONE }).minus({ hours: 24 })
    expect(b.cancellation).toMatchObject({
      free_until: freeUntil.toISO({ suppressMilliseconds: true }),
      late_fee_percent: 50,
      late_fee: 75_000,
      consumes_visit: false,
    })
    expect(b.cancellation.free_until).toMatch(/\+03:00$/)
    expect(plain(b.cancellation.text)).toBe(
      `Free cancellation until ${freeUntil.setLocale('en').toFormat('d LLL')} 14:00; later 50 % (750,00 ₽) is kept.`,
    )
    expect(b.settlement).toBeNull()

    // The same terms on every later read of the booking.
    const read = await app.inject({ url: `/api/bookings/${b.id}`, headers: w.client.headers })
    expect(read.json().cancellation).toEqual(b.cancellation)

    const c = await cancel(w.client, b.id)
    expect(c.statusCode, c.body).toBe(200)
    expect(c.json().settlement).toEqual({
      reason: 'free_window',
      refund: 150_000,
      fee: 0,
      visit_restored: false,
      text: expect.stringMatching(/^Refunded 1.500,00.₽ in full: cancelled in the free window\.$/),
    })

    const rows = await ledger(w.client.id)
    expect(rows.map((r) => [r.kind, Number(r.amount), r.comment])).toEqual([
      [
        'payment',
        -150_000,
        `Payment for booking #${b.id} (Women's haircut, ${DateTime.fromISO(date).setLocale('en').toFormat('d LLL')} 14:00)`,
      ],
      ['refund', 150_000, `Refund for booking #${b.id}, cancelled in the free window`],
    ])
  })

  it('a cancellation moments after a booking inside the late window is free (the grace period)', async () => {
    const w = await world({ settings: { free_cancellation_hours: 720, late_cancellation_fee_percent: 50 } })
    await createWallet(env.db, w.client.id, 500_000)
    const res = await book(w, w.client, day(2), '12:00', { payment: 'wallet' })
    expect(res.statusCode, res.body).toBe(201)
    const b = res.json()
    const created = DateTime.fromISO(b.created_at)
    const freeUntil = DateTime.fromISO(b.cancellation.free_until)
    // created_at is the row's own clock, a moment after the worker's.
    expect(freeUntil.toMillis() - created.toMillis()).toBeLessThanOrEqual(15 * 60_000 + 1000)
    expect(freeUntil.toMillis() - created.toMillis()).toBeGreaterThan(14 * 60_000)
    expect(b.cancellation.text).toMatch(/\(15 minutes after booking\); later 50 % \(750,00.₽\) is kept\.$/)

    const c = await cancel(w.client, b.id)
    expect(c.statusCode, c.body).toBe(200)
    expect(c.json().settlement).toMatchObject({ reason: 'grace_period', refund: 150_000, fee: 0 })
    expect((await ledger(w.client.id)).at(-1)).toMatchObject({
      kind: 'refund',
      comment: `Refund for booking #${b.id}, cancelled within 15 minutes of booking`,
    })
    expect((await env.db('client_wallets').where({ client_id: w.client.id }).first()).balance).toBe(500_000)
  })

  it('without a grace period, the late fee is kept and the answer says so', async () => {
    const w = await world({
      settings: {
        free_cancellation_hours: 720,
        late_cancellation_fee_percent: 50,
        cancellation_grace_minutes: 0,
      },
    })
    await createWallet(env.db, w.client.id, 500_000)
    const res = await book(w, w.client, day(2), '15:00', { payment: 'wallet' })
    expect(res.statusCode, res.body).toBe(201)
    expect(plain(res.json().cancellation.text)).toBe(
      'Booked less than 720 h before the start: a cancellation keeps 50 % (750,00 ₽).',
    )
    const c = await cancel(w.client, res.json().id)
    expect(c.statusCode, c.body).toBe(200)
    const s = c.json().settlement
    expect(s).toMatchObject({ reason: 'late', refund: 75_000, fee: 75_000, visit_restored: false })
    expect(plain(s.text)).toBe('Refunded 750,00 ₽; 750,00 ₽ (50 %) kept for a late cancellation.')
    expect((await ledger(w.client.id)).at(-1)?.comment).toBe(
      `Refund for booking #${res.json().id}, cancelled late (50 % kept)`,
    )
  })
})

describe('package visits', () => {
  it('carry no price and no discount, and their terms speak of the visit', async () => {
    const w = await world({
      service: { name: 'Massage', price: 350_000 },
      settings: { free_cancellation_hours: 24, late_cancellation_consumes_visit: true },
    })
    await env.db('client_discounts').insert({ client_id: w.client.id, kind: 'percent', value: 10 })
    const [pkg] = await env
      .db('service_packages')
      .insert({
        name: 'Five massages',
        composition: JSON.stringify({ items: [{ service_id: w.service.id, count: 5 }], valid_days: 90 }),
        price: 1_500_000,
      })
      .returning('id')
    const grant = await app.inject({
      method: 'POST',
      url: `/api/admin/clients/${w.client.id}/packages`,
      headers: { ...admin.headers, 'idempotency-key': `grant-${++keys}` },
      payload: { service_package_id: pkg.id },
    })
    expect(grant.statusCode, grant.body).toBe(201)

    const res = await book(w, w.client, day(4), '12:00')
    expect(res.statusCode, res.body).toBe(201)
    const b = res.json()
    expect(b).toMatchObject({ payment_method: 'package', base_price: 350_000, price: 0, discount_amount: 0 })
    expect(b.cancellation).toMatchObject({ late_fee_percent: 0, late_fee: 0, consumes_visit: true })
    expect(b.cancellation.text).toMatch(/; later the package visit is used up\.$/)

    const c = await cancel(w.client, b.id)
    expect(c.json().settlement).toMatchObject({ refund: 0, fee: 0, visit_restored: true })
    expect(c.json().settlement.text).toBe('The package visit was given back: cancelled in the free window.')
  })
})

describe('money in messages', () => {
  it('a wallet that cannot pay: both amounts formatted', async () => {
    const w = await world()
    await createWallet(env.db, w.client.id, 50_000)
    const res = await book(w, w.client, day(3), '12:00', { payment: 'wallet' })
    expect(res.statusCode).toBe(402)
    expect(res.json()).toMatchObject({ error: 'insufficient_funds', balance: 50_000, price: 150_000 })
    expect(plain(res.json().message)).toBe(
      'The wallet holds 500,00 ₽ and the booking costs 1 500,00 ₽; top it up or pay on site.',
    )
  })

  it("a chain's refusal reports the balance before the chain and the chain's total", async () => {
    const w = await world()
    const colour = await createService(env.db, { name: 'Colour', duration_minutes: 30, price: 80_000 })
    await env.db('specialist_services').insert({ specialist_id: w.specialist.id, service_id: colour.id })
    await app.deps.runtime.slotInputs.invalidate()
    await createWallet(env.db, w.client.id, 200_000) // pays the first item, not the second
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/bookings/chain',
      headers: { ...admin.headers, 'idempotency-key': `chain-${++keys}` },
      payload: {
        client_id: w.client.id,
        start: { date: day(3), time: '12:00' },
        payment: 'wallet',
        items: [
          { service_id: w.service.id, specialist_id: w.specialist.id },
          { service_id: colour.id, specialist_id: w.specialist.id },
        ],
      },
    })
    expect(res.statusCode, res.body).toBe(402)
    expect(res.json()).toMatchObject({
      error: 'insufficient_funds',
      item_index: 1,
      balance: 200_000,
      price: 230_000,
    })
    expect(plain(res.json().message)).toBe(
      'The wallet holds 2 000,00 ₽ and the chain costs 2 300,00 ₽ from it (item 2 is the first it ' +
        'cannot pay); top it up or pay on site. Nothing was booked.',
    )
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(0)
  })

  it('an adjustment that would overdraw the wallet: amounts formatted, and how far it may go', async () => {
    const w = await world()
    await createWallet(env.db, w.client.id, 100)
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/clients/${w.client.id}/wallet/adjustments`,
      headers: { ...admin.headers, 'idempotency-key': `adj-${++keys}` },
      payload: { amount: -5001, comment: 'typo' },
    })
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().error).toBe('negative_balance')
    expect(plain(res.json().message)).toBe(
      'The wallet holds 1,00 ₽; an adjustment of -50,01 ₽ would take it below zero (at most -1,00 ₽).',
    )
  })

  it('a package the wallet cannot buy: both amounts formatted', async () => {
    const w = await world()
    await createWallet(env.db, w.client.id, 100)
    const [pkg] = await env
      .db('service_packages')
      .insert({
        name: 'Three',
        composition: JSON.stringify({ items: [{ service_id: w.service.id, count: 3 }], valid_days: 30 }),
        price: 400_000,
      })
      .returning('id')
    const res = await app.inject({
      method: 'POST',
      url: `/api/packages/${pkg.id}/purchase`,
      headers: { ...w.client.headers, 'idempotency-key': `buy-${++keys}` },
    })
    expect(res.statusCode, res.body).toBe(402)
    expect(res.json()).toMatchObject({ error: 'insufficient_funds', balance: 100, price: 400_000 })
    expect(plain(res.json().message)).toBe(
      'The wallet holds 1,00 ₽ and this package costs 4 000,00 ₽; top it up first.',
    )
  })
})
