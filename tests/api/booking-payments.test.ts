// Payments taken at the desk (POST/GET /api/admin/bookings/{id}/payments): admins only, for
// bookings paid on site, in minor units, once per Idempotency-Key (a retry answers the first record
// and writes nothing; the key reused for another payment is refused), with who recorded it; a
// cancelled booking or one paid from the wallet takes none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWallet, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
let env: TestEnv
let app: FastifyInstance
let admin: User
let w: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  admin = await createUser(env.db, ['admin'])
  w = await createWorld(env.db, { n: 1 })
})
afterAll(async () => env?.close())

const day = DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate()!
let keys = 0
const newKey = () => `pay-${++keys}-${Date.now()}`

const post = (who: User, url: string, payload: Record<string, unknown>, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...who.headers, ...(key !== undefined && { 'idempotency-key': key }) },
    payload,
  })

async function booked(time: string, payment: 'on_site' | 'wallet' = 'on_site') {
  const res = await post(
    admin,
    '/api/bookings',
    {
      client_id: w.client.id,
      service_id: w.service.id,
      specialist_id: w.specialist.id,
      start: { date: day, time },
      payment,
    },
    newKey(),
  )
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number; price: number }
}

const rows = (bookingId: number) => env.db('booking_payments').where({ booking_id: bookingId }).select('*')

describe('payments taken at the desk', () => {
  it('records cash once per key, lists it, and refuses the key for another payment', async () => {
    const b = await booked('10:00')
    const url = `/api/admin/bookings/${b.id}/payments`
    const key = newKey()
    const first = await post(admin, url, { method: 'cash', amount: 150_000, comment: 'у стойки' }, key)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({
      booking_id: b.id,
      method: 'cash',
      amount: 150_000,
      created_by: admin.id,
    })
    expect(first.json().created_at).toMatch(/\+03:00$/)

    const retry = await post(admin, url, { method: 'cash', amount: 150_000, comment: 'у стойки' }, key)
    expect(retry.statusCode).toBe(201)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.json()).toEqual(first.json())
    expect(await rows(b.id)).toHaveLength(1)

    const reused = await post(admin, url, { method: 'card', amount: 150_000 }, key)
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error).toBe('idempotency_key_reused')

    const card = await post(admin, url, { method: 'card', amount: 50_000 }, newKey())
    expect(card.statusCode).toBe(201)
    const list = await app.inject({ method: 'GET', url, headers: admin.headers })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((p: { method: string; amount: number }) => [p.method, p.amount])).toEqual([
      ['cash', 150_000],
      ['card', 50_000],
    ])
  })

  it('refuses without a key, a bad amount, a non-admin, a wallet booking and a cancelled one, writing nothing', async () => {
    const b = await booked('12:00')
    const url = `/api/admin/bookings/${b.id}/payments`
    expect((await post(admin, url, { method: 'cash', amount: 100 })).statusCode).toBe(428)
    expect((await post(admin, url, { method: 'cash', amount: 0 }, newKey())).statusCode).toBe(422)
    expect((await post(admin, url, { method: 'cash', amount: 1.5 }, newKey())).statusCode).toBe(422)
    expect((await post(admin, url, { method: 'cheque', amount: 100 }, newKey())).statusCode).toBe(422)
    const client = await createUser(env.db, ['client'])
    expect((await post(client, url, { method: 'cash', amount: 100 }, newKey())).statusCode).toBe(403)
    expect(
      (await post(admin, `/api/admin/bookings/999999/payments`, { method: 'cash', amount: 100 }, newKey()))
        .statusCode,
    ).toBe(404)

    await createWallet(env.db, w.client.id, 1_000_000)
    const paid = await booked('14:00', 'wallet')
    const wallet = await post(
      admin,
      `/api/admin/bookings/${paid.id}/payments`,
      { method: 'cash', amount: 100 },
      newKey(),
    )
    expect(wallet.statusCode).toBe(422)
    expect(wallet.json().error).toBe('not_paid_on_site')

    const cancelled = await post(admin, `/api/bookings/${b.id}/cancel`, {}, newKey())
    expect(cancelled.statusCode).toBe(200)
    const late = await post(admin, url, { method: 'cash', amount: 100 }, newKey())
    expect(late.statusCode).toBe(409)
    expect(late.json().error).toBe('booking_not_payable')
    expect(await rows(b.id)).toHaveLength(0)
    expect(await rows(paid.id)).toHaveLength(0)
  })
})
