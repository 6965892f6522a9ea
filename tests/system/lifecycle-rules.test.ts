// Lifecycle rules end to end: a visit is marked only once it has started, an admin corrects a wrong
// mark with the money following, and a reschedule to the time the booking already has is a no-op.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWallet, createWorld } from '../helpers/fixtures.ts'

const ZONE = 'Europe/Moscow'
let env: TestEnv
let app: FastifyInstance
let w: Awaited<ReturnType<typeof createWorld>>
let admin: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  w = await createWorld(env.db, { settings: { late_cancellation_fee_percent: 50 } })
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!
let keys = 0

async function post(headers: Record<string, string>, url: string, payload: unknown) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': `lc-${++keys}` },
    payload: payload as Record<string, unknown>,
  })
  return { status: res.statusCode, body: res.json() }
}

async function book(date: string, time: string, payment = 'on_site') {
  const res = await post(w.client.headers, '/api/bookings', {
    service_id: w.service.id,
    specialist_id: w.specialist.id,
    start: { date, time },
    payment,
  })
  expect(res.status).toBe(201)
  return res.body as { id: number; start: string }
}

/** Moves a booking `hours` into the past behind the system's back, as time passing would. */
async function startedHoursAgo(id: number, hours: number) {
  const b = await env.db('bookings').where({ id }).first()
  const delta = b.starts_at.getTime() - (Date.now() - hours * 3_600_000)
  const shift = (d: Date) => new Date(d.getTime() - delta)
  const startsAt = shift(b.starts_at)
  const snapshot = b.machine_snapshot
  snapshot.snapshot.context.startsAt = startsAt.toISOString()
  await env
    .db('bookings')
    .where({ id })
    .update({
      starts_at: startsAt,
      ends_at: shift(b.ends_at),
      busy_until: shift(b.busy_until),
      machine_snapshot: JSON.stringify(snapshot),
    })
}

const balance = async () =>
  Number((await env.db('client_wallets').where({ client_id: w.client.id }).first('balance'))?.balance ?? 0)

describe('marking a visit', () => {
  it('is refused before the start, naming it; the booking stays confirmed and can be cancelled', async () => {
    const b = await book(day(2), '12:00')
    const early = await post(w.specialist.user.headers, `/api/bookings/${b.id}/complete`, {})
    expect([early.status, early.body.error]).toEqual([409, 'not_started'])
    expect(early.body.message).toContain('12:00')
    expect(early.body.message).toContain('UTC+03:00')
    const noShow = await post(w.specialist.user.headers, `/api/bookings/${b.id}/no-show`, {})
    expect([noShow.status, noShow.body.error]).toEqual([409, 'not_started'])
    expect((await env.db('bookings').where({ id: b.id }).first()).status).toBe('confirmed')
    const cancel = await post(w.client.headers, `/api/bookings/${b.id}/cancel`, {})
    expect([cancel.status, cancel.body.status]).toEqual([200, 'cancelled'])
  })

  it('an admin corrects a wrong mark, and the wallet follows every correction', async () => {
    const price = w.service.price
    await createWallet(env.db, w.client.id, price)
    const b = await book(day(3), '14:00', 'wallet')
    expect(await balance()).toBe(0)
    await startedHoursAgo(b.id, 2)

    const done = await post(w.specialist.user.headers, `/api/bookings/${b.id}/complete`, {})
    expect([done.status, done.body.status]).toEqual([200, 'completed'])
    const byTheSpecialist = await post(w.specialist.user.headers, `/api/bookings/${b.id}/no-show`, {})
    expect([byTheSpecialist.status, byTheSpecialist.body.error]).toEqual([403, 'admin_only'])

    // They did not come after all: the no-show fee (50 %) is kept, the rest goes back.
    const noShow = await post(admin.headers, `/api/bookings/${b.id}/no-show`, {})
    expect([noShow.status, noShow.body.status]).toEqual([200, 'no_show'])
    expect(await balance()).toBe(price / 2)
    // They did come: the refund is taken back.
    const again = await post(admin.headers, `/api/bookings/${b.id}/complete`, {})
    expect([again.status, again.body.status]).toEqual([200, 'completed'])
    expect(await balance()).toBe(0)
    // It should never have counted: everything back.
    const cancel = await post(admin.headers, `/api/bookings/${b.id}/cancel`, { reason: 'marked by mistake' })
    expect([cancel.status, cancel.body.status]).toEqual([200, 'cancelled'])
    expect(await balance()).toBe(price)

    const ledger = await env.db('wallet_transactions').where({ client_id: w.client.id, booking_id: b.id })
    expect(ledger.reduce((a, t) => a + Number(t.amount), 0)).toBe(0)
    const history = await env.db('booking_history').where({ booking_id: b.id }).orderBy('id')
    expect(history.map((h) => [h.event, h.from_state, h.to_state])).toEqual([
      ['created', null, 'confirmed'],
      ['COMPLETE', 'confirmed', 'completed'],
      ['NO_SHOW', 'completed', 'no_show'],
      ['COMPLETE', 'no_show', 'completed'],
      ['CANCEL', 'completed', 'cancelled'],
    ])
  })
})

describe('a correction the wallet cannot cover', () => {
  it('is refused with 402, naming the amount, and changes nothing', async () => {
    const other = await createUser(env.db, ['client'])
    const price = w.service.price
    await createWallet(env.db, other.id, price)
    const res = await post(admin.headers, '/api/bookings', {
      service_id: w.service.id,
      specialist_id: w.specialist.id,
      client_id: other.id,
      start: { date: day(5), time: '11:00' },
      payment: 'wallet',
    })
    expect(res.status).toBe(201)
    const id = res.body.id as number
    await startedHoursAgo(id, 1)
    expect((await post(admin.headers, `/api/bookings/${id}/no-show`, {})).status).toBe(200)
    // The refunded half is spent elsewhere.
    await env.db('wallet_transactions').insert({ client_id: other.id, kind: 'payment', amount: -price / 2 })
    const again = await post(admin.headers, `/api/bookings/${id}/complete`, {})
    expect([again.status, again.body.error]).toEqual([402, 'insufficient_funds'])
    expect(again.body.message).toContain('750,00')
    expect((await env.db('bookings').where({ id }).first()).status).toBe('no_show')
  })
})

describe('rescheduling to the time the booking already has', () => {
  it('answers 200 with the booking unchanged, writes no history and leaves the grid alone', async () => {
    const date = day(4)
    const b = await book(date, '15:00')
    const key = `slots_preview:${w.specialist.id}:${date}`
    const grid = await env.redis.get(key)
    const historyBefore = await env.db('booking_history').where({ booking_id: b.id }).count('* as n').first()
    const version = (await env.db('specialists').where({ id: w.specialist.id }).first('grid_version'))
      .grid_version

    const res = await post(w.client.headers, `/api/bookings/${b.id}/reschedule`, {
      start: { date, time: '15:00' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: b.id, status: 'confirmed', start: b.start })
    expect(await env.db('booking_history').where({ booking_id: b.id }).count('* as n').first()).toEqual(
      historyBefore,
    )
    expect(
      (await env.db('specialists').where({ id: w.specialist.id }).first('grid_version')).grid_version,
    ).toBe(version)
    expect(await env.redis.get(key)).toBe(grid)
  })
})
