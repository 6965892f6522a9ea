// Complex bookings by admins (docs/product.md §5): for a client, with a custom duration, outside working hours
// on purpose (flagged, never over another booking), and chains of services back to back that book
// everything or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createLocation,
  createService,
  createSpecialist,
  createUser,
  createWallet,
  createWorld,
} from '../helpers/fixtures.ts'

let env: TestEnv
let admin: Awaited<ReturnType<typeof createUser>>
let w: Awaited<ReturnType<typeof createWorld>>
/** A second service: 30 minutes and a 15-minute break, performed by both specialists. */
let colour: Awaited<ReturnType<typeof createService>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  admin = await createUser(env.db, ['admin'])
  w = await createWorld(env.db, { n: 2 })
  colour = await createService(env.db, { name: 'Colour', duration_minutes: 30, break_minutes: 15 })
  await env
    .db('specialist_services')
    .insert(w.specialists.map((s) => ({ specialist_id: s.id, service_id: colour.id })))
})
afterAll(async () => env?.close())

const ZONE = 'Europe/Moscow'
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!

async function book(payload: Record<string, unknown>, headers: Record<string, string> = admin.headers) {
  const app = await env.app()
  // Admins name the client they book for (the world's client unless a test names another).
  const body = headers === admin.headers ? { client_id: w.client.id, ...payload } : payload
  return app.inject({ method: 'POST', url: '/api/bookings', headers, payload: body })
}

async function chain(payload: Record<string, unknown>, headers: Record<string, string> = admin.headers) {
  const app = await env.app()
  return app.inject({ method: 'POST', url: '/api/admin/bookings/chain', headers, payload })
}

async function slotTimes(serviceId: number, specialistId: number, date: string) {
  const app = await env.app()
  const res = await app.inject({
    url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${date}&days=1`,
  })
  expect(res.statusCode).toBe(200)
  return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
}

describe('admin bookings', () => {
  it('books on behalf of a client (and a client cannot)', async () => {
    const date = day(2)
    const res = await book({
      service_id: w.service.id,
      specialist_id: w.specialists[0]!.id,
      start: { date, time: '10:00' },
      client_id: w.client.id,
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      client_id: w.client.id,
      source: 'admin',
      time: '10:00',
      out_of_hours: false,
    })
    const app = await env.app()
    const own = await app.inject({ url: '/api/bookings', headers: w.client.headers })
    expect(own.json().items.map((b: { id: number }) => b.id)).toContain(res.json().id)

    const unknown = await book({
      service_id: w.service.id,
      specialist_id: w.specialists[0]!.id,
      start: { date, time: '14:00' },
      client_id: 999_999,
    })
    expect(unknown.statusCode).toBe(404)

    // A client naming someone else is refused: client_id is for admins only.
    const other = await createUser(env.db, ['client'])
    const self = await book(
      {
        service_id: w.service.id,
        specialist_id: w.specialists[1]!.id,
        start: { date, time: '16:00' },
        client_id: other.id,
      },
      w.client.headers,
    )
    expect(self.statusCode).toBe(403)
    expect(self.json().message).toContain('client_id')
  })

  it('books a custom duration end to end (admins only)', async () => {
    const date = day(3)
    const s = w.specialists[0]!.id
    const res = await book({
      service_id: w.service.id,
      specialist_id: s,
      start: { date, time: '14:00' },
      duration_minutes: 90,
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      duration_minutes: 90,
      break_minutes: 15,
      end: `${date}T15:30:00+03:00`,
    })
    const row = await env.db('bookings').where({ id: res.json().id }).first('ends_at', 'busy_until')
    expect(row.busy_until.toISOString()).toBe(
      DateTime.fromISO(`${date}T15:45:00`, { zone: ZONE }).toUTC().toISO(),
    )
    // The grid holds the specialist 14:00–15:45: a 60 + 15 minute service fits at 12:45 and 15:45.
    const times = await slotTimes(w.service.id, s, date)
    expect(times).toContain('12:45')
    expect(times).toContain('15:45')
    for (const t of ['13:00', '14:00', '15:00', '15:30']) expect(times).not.toContain(t)

    const client = await book(
      {
        service_id: w.service.id,
        specialist_id: w.specialists[1]!.id,
        start: { date, time: '10:00' },
        duration_minutes: 90,
      },
      w.client.headers,
    )
    expect(client.statusCode).toBe(403)
    expect(client.json().message).toContain('duration_minutes')
  })

  it('books out of hours on purpose, flagged, but never over another booking', async () => {
    const date = day(4)
    const s = w.specialists[0]!.id
    const at = (time: string, extra: Record<string, unknown> = {}) => ({
      service_id: w.service.id,
      specialist_id: s,
      start: { date, time },
      ...extra,
    })
    // The specialist works 10:00–19:00.
    expect((await book(at('19:30'))).json().error).toBe('outside_hours')
    expect((await book(at('19:30', { allow_out_of_hours: true }), w.client.headers)).statusCode).toBe(403)
    const late = await book(at('19:30', { allow_out_of_hours: true }))
    expect(late.statusCode).toBe(201)
    expect(late.json()).toMatchObject({ time: '19:30', out_of_hours: true })
    const inside = await book(at('11:00', { allow_out_of_hours: true }))
    expect(inside.statusCode).toBe(201)
    expect(inside.json().out_of_hours).toBe(false)

    const over = await book(at('11:30', { allow_out_of_hours: true }))
    expect([over.statusCode, over.json().error]).toEqual([409, 'slot_taken'])
    const overLate = await book(at('20:00', { allow_out_of_hours: true, duration_minutes: 30 }))
    expect(overLate.statusCode).toBe(409)
    const dayStart = DateTime.fromISO(date, { zone: ZONE })
    const sameDay = await env
      .db('bookings')
      .where({ specialist_id: s })
      .where('starts_at', '>=', dayStart.toJSDate())
      .where('starts_at', '<', dayStart.plus({ days: 1 }).toJSDate())
    expect(sameDay).toHaveLength(2)
  })
})

describe('chained bookings', () => {
  it('books nothing when the second item is taken: 409 naming it, no rows, grids unchanged', async () => {
    const date = day(5)
    const [s1, s2] = w.specialists.map((s) => s.id) as [number, number]
    const taken = await book({ service_id: w.service.id, specialist_id: s2, start: { date, time: '12:00' } })
    expect(taken.statusCode).toBe(201)
    const before = { s1: await slotTimes(w.service.id, s1, date), s2: await slotTimes(colour.id, s2, date) }
    const keys = [s1, s2].map((s) => `slots_preview:${s}:${date}`)
    const raw = await env.redis.mget(keys)
    const count = async () => Number((await env.db('bookings').count('* as n').first())!.n)
    const rows = await count()

    const res = await chain({
      client_id: w.client.id,
      start: { date, time: '11:00' },
      items: [
        { service_id: w.service.id, specialist_id: s1 }, // 11:00–12:00
        { service_id: colour.id, specialist_id: s2 }, // 12:00: taken
      ],
    })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'slot_taken', item_index: 1 })
    expect(res.json().message).toMatch(/^Item 2 /)
    expect(await count()).toBe(rows)
    expect(await env.db('bookings').whereNotNull('chain_id')).toHaveLength(0)
    expect(await env.redis.mget(keys)).toEqual(raw)
    expect(await slotTimes(w.service.id, s1, date)).toEqual(before.s1)
    expect(await slotTimes(colour.id, s2, date)).toEqual(before.s2)
  })

  it('is all or nothing for money too: a wallet that pays only the first item pays nothing', async () => {
    const date = day(8)
    const [s1, s2] = w.specialists.map((s) => s.id) as [number, number]
    const payer = await createUser(env.db, ['client'])
    await createWallet(env.db, payer.id, w.service.price) // enough for the first item only
    const res = await chain({
      client_id: payer.id,
      start: { date, time: '10:00' },
      payment: 'wallet',
      items: [
        { service_id: w.service.id, specialist_id: s1 },
        { service_id: colour.id, specialist_id: s2 },
      ],
    })
    expect(res.statusCode).toBe(402)
    expect(res.json()).toMatchObject({ error: 'insufficient_funds', item_index: 1 })
    expect(await env.db('bookings').where({ client_id: payer.id })).toHaveLength(0)
    const wallet = await env.db('client_wallets').where({ client_id: payer.id }).first('balance')
    expect(wallet.balance).toBe(w.service.price)
  })

  it('books a chain over two specialists back to back, in one go', async () => {
    const date = day(6)
    const [s1, s2] = w.specialists.map((s) => s.id) as [number, number]
    // Warm the grids: the chain must refresh them, not leave them to a later rebuild.
    await slotTimes(w.service.id, s1, date)
    await slotTimes(colour.id, s2, date)

    const res = await chain(
      {
        client_id: w.client.id,
        start: `${date}T10:00:00+03:00`,
        items: [
          { service_id: w.service.id, specialist_id: s1, duration_minutes: 50 }, // 10:00–10:50
          { service_id: colour.id, specialist_id: s2 }, // another specialist: at the end, on the grid
          { service_id: colour.id, specialist_id: s2 }, // the same one goes on: after the break
        ],
      },
      { ...admin.headers, 'idempotency-key': 'chain-1' },
    )
    expect(res.statusCode).toBe(201)
    const body = res.json() as { chain_id: string; bookings: Record<string, unknown>[] }
    expect(body.chain_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(body.bookings.map((b) => [b.specialist_id, b.time, b.duration_minutes, b.client_id])).toEqual([
      [s1, '10:00', 50, w.client.id],
      [s2, '11:00', 30, w.client.id],
      [s2, '11:45', 30, w.client.id],
    ])
    const rows = await env.db('bookings').where({ chain_id: body.chain_id }).orderBy('starts_at')
    expect(rows.map((r) => r.id)).toEqual(body.bookings.map((b) => b.id))
    expect(await env.db('intents').where({ kind: 'chain', status: 'succeeded' })).toHaveLength(1)

    expect(await slotTimes(w.service.id, s1, date)).not.toContain('10:00')
    const s2Times = await slotTimes(colour.id, s2, date)
    for (const t of ['10:30', '11:00', '11:45', '12:15']) expect(s2Times).not.toContain(t)
    expect(s2Times).toContain('10:15')
    expect(s2Times).toContain('12:30')

    // The same request again: the first outcome, nothing booked twice.
    const again = await chain(
      {
        client_id: w.client.id,
        start: `${date}T10:00:00+03:00`,
        items: [
          { service_id: w.service.id, specialist_id: s1, duration_minutes: 50 },
          { service_id: colour.id, specialist_id: s2 },
          { service_id: colour.id, specialist_id: s2 },
        ],
      },
      { ...admin.headers, 'idempotency-key': 'chain-1' },
    )
    expect(again.statusCode).toBe(201)
    expect(again.json().chain_id).toBe(body.chain_id)
    expect(await env.db('bookings').where({ chain_id: body.chain_id })).toHaveLength(3)
  })

  it('is for admins only, and checks its items before queueing', async () => {
    const date = day(7)
    const [s1, s2] = w.specialists.map((s) => s.id) as [number, number]
    const items = [
      { service_id: w.service.id, specialist_id: s1 },
      { service_id: colour.id, specialist_id: s2 },
    ]
    const payload = { client_id: w.client.id, start: { date, time: '10:00' }, items }
    const chains = async () => (await env.db('intents').where({ kind: 'chain' })).length
    const chainsBefore = await chains()
    expect((await chain(payload, w.client.headers)).statusCode).toBe(403)
    const specialistUser = w.specialists[0]!.user
    expect((await chain(payload, specialistUser.headers)).statusCode).toBe(403)
    const app = await env.app()
    expect((await app.inject({ method: 'POST', url: '/api/admin/bookings/chain', payload })).statusCode).toBe(
      401,
    )

    const elsewhere = await createLocation(env.db, { name: 'Elsewhere' })
    const far = await createSpecialist(env.db, elsewhere.id, [colour.id])
    const mixed = await chain({
      ...payload,
      items: [items[0], { service_id: colour.id, specialist_id: far.id }],
    })
    expect([mixed.statusCode, mixed.json().error]).toEqual([422, 'mixed_locations'])
    const other = await createService(env.db, { name: 'Massage' })
    const notOffered = await chain({
      ...payload,
      items: [items[0], { service_id: other.id, specialist_id: s2 }],
    })
    expect(notOffered.json()).toMatchObject({ error: 'service_not_offered', item_index: 1 })
    expect((await chain({ ...payload, items: [] })).statusCode).toBe(422)
    expect(await chains()).toBe(chainsBefore)
  })
})
