// The booking preview (POST /api/bookings/quote): what a booking would cost, how `auto` would pay
// for it and the cancellation terms, before anything is booked; the same rules as the worker's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWallet, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
type World = Awaited<ReturnType<typeof createWorld>>

let env: TestEnv
let app: FastifyInstance
let admin: User
let w: World

const ZONE = 'Europe/Moscow'
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  admin = await createUser(env.db, ['admin'])
  w = await createWorld(env.db, {
    service: { price: 150_000 },
    settings: { free_cancellation_hours: 24, late_cancellation_fee_percent: 50 },
  })
})
afterAll(async () => env?.close())

const quote = (who: User, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/api/bookings/quote',
    headers: who.headers,
    payload: { service_id: w.service.id, specialist_id: w.specialist.id, ...payload },
  })

const setSettings = (settings: Record<string, unknown>) =>
  env.db('company').update({
    settings: JSON.stringify({
      min_lead_minutes: 0,
      free_cancellation_hours: 24,
      late_cancellation_fee_percent: 50,
      ...settings,
    }),
  })

describe('POST /api/bookings/quote', () => {
  it('previews price, discount, the payment auto would choose and the terms, and books nothing', async () => {
    const client = await createUser(env.db, ['client'])
    await env.db('client_discounts').insert({ client_id: client.id, kind: 'percent', value: 10 })
    const date = day(5)
    const res = await quote(client, { start: { date, time: '14:00' } })
    expect(res.statusCode, res.body).toBe(200)
    const q = res.json()
    expect(q).toMatchObject({
      service_id: w.service.id,
      specialist_id: w.specialist.id,
      location_id: w.location.id,
      timezone: ZONE,
      start: `${date}T14:00:00+03:00`,
      base_price: 150_000,
      discount_amount: 15_000,
      price: 135_000,
      payment: { method: 'on_site', client_package_id: null, wallet_balance: null },
      refusal: null,
    })
    expect(q.cancellation).toMatchObject({ late_fee_percent: 0, late_fee: 0, consumes_visit: false })
    expect(q.cancellation.text).toBe(
      'Free cancellation until the start: you pay on site, so nothing is kept.',
    )
    expect(await env.db('bookings').where({ client_id: client.id })).toHaveLength(0)
    expect(await env.db('intents').where({ user_id: client.id })).toHaveLength(0)
  })

  it('with prepayment required, auto pays from the wallet and says so, or says why it cannot', async () => {
    await setSettings({ prepayment: 'required' })
    try {
      const client = await createUser(env.db, ['client'])
      await createWallet(env.db, client.id, 200_000)
      const date = day(5)
      const rich = (await quote(client, { start: { date, time: '15:00' } })).json()
      expect(rich).toMatchObject({
        price: 150_000,
        payment: { method: 'wallet', client_package_id: null, wallet_balance: 200_000 },
        refusal: null,
        cancellation: { late_fee_percent: 50, late_fee: 75_000 },
      })
      expect(plain(rich.cancellation.text)).toMatch(/; later 50 % \(750,00 ₽\) is kept\.$/)

      const poor = await createUser(env.db, ['client'])
      await createWallet(env.db, poor.id, 10_000)
      const res = await quote(poor, { start: { date, time: '15:00' } })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({
        payment: { method: 'wallet', wallet_balance: 10_000 },
        refusal: { error: 'insufficient_funds' },
      })
      expect(plain(res.json().refusal.message)).toBe(
        'The wallet holds 100,00 ₽ and the booking costs 1 500,00 ₽; top it up or pay on site.',
      )
      const onSite = (await quote(poor, { start: { date, time: '15:00' }, payment: 'on_site' })).json()
      expect(onSite).toMatchObject({ payment: { method: null }, refusal: { error: 'prepayment_required' } })
    } finally {
      await setSettings({})
    }
  })

  it('a package visit: no price, no discount, the visit in the terms', async () => {
    const client = await createUser(env.db, ['client'])
    await env.db('client_discounts').insert({ client_id: client.id, kind: 'percent', value: 10 })
    const [pkg] = await env
      .db('service_packages')
      .insert({
        name: 'Three',
        composition: JSON.stringify({ items: [{ service_id: w.service.id, count: 3 }], valid_days: 30 }),
        price: 300_000,
      })
      .returning('id')
    const granted = await app.inject({
      method: 'POST',
      url: `/api/admin/clients/${client.id}/packages`,
      headers: { ...admin.headers, 'idempotency-key': `quote-grant-${client.id}` },
      payload: { service_package_id: pkg.id },
    })
    expect(granted.statusCode, granted.body).toBe(201)
    const q = (await quote(client, { start: { date: day(5), time: '12:00' } })).json()
    expect(q).toMatchObject({
      base_price: 150_000,
      discount_amount: 0,
      price: 0,
      payment: { method: 'package', client_package_id: granted.json().id, wallet_balance: null },
      cancellation: { consumes_visit: true, late_fee: 0 },
    })
    expect(q.cancellation.text).toMatch(/; later the package visit is used up\.$/)
  })

  it('the grace period shows in the terms of a booking inside the late window', async () => {
    await setSettings({ prepayment: 'required', free_cancellation_hours: 720 })
    try {
      const client = await createUser(env.db, ['client'])
      await createWallet(env.db, client.id, 200_000)
      const q = (await quote(client, { start: { date: day(2), time: '12:00' } })).json()
      expect(q.cancellation.text).toMatch(/ \(15 minutes after booking\); later 50 % /)
      const until = DateTime.fromISO(q.cancellation.free_until, { setZone: true })
      expect(until.offset).toBe(180)
      expect(Math.abs(until.toMillis() - (Date.now() + 15 * 60_000))).toBeLessThan(60_000)
    } finally {
      await setSettings({})
    }
  })

  it('answers for a client an admin names, and refuses what a booking would refuse', async () => {
    const client = await createUser(env.db, ['client'])
    await createWallet(env.db, client.id, 500_000)
    const start = { date: day(5), time: '12:00' }
    const forClient = await quote(admin, { start, client_id: client.id, payment: 'wallet' })
    expect(forClient.statusCode, forClient.body).toBe(200)
    expect(forClient.json().payment).toMatchObject({ method: 'wallet', wallet_balance: 500_000 })

    expect((await quote(admin, { start })).json().error).toBe('client_required')
    expect((await quote(client, { start, client_id: admin.id })).statusCode).toBe(403)
    expect((await quote(client, { start, service_id: 999_999 })).statusCode).toBe(404)
    expect((await quote(client, { start, specialist_id: 999_999 })).statusCode).toBe(404)
    const noOffset = await quote(client, { start: '2030-01-01T12:00:00' })
    expect([noOffset.statusCode, noOffset.json().error]).toEqual([422, 'invalid_start'])
    expect(noOffset.json().message).toContain('offset')
    const elsewhere = await quote(client, { start, location_id: w.location.id + 1000 })
    expect(elsewhere.statusCode).toBe(404)
    const past = await quote(client, { start: '2020-01-01T12:00:00+03:00' })
    expect(past.statusCode).toBe(422)
    expect(past.json().error).toBe('in_the_past')
    const anon = await app.inject({ method: 'POST', url: '/api/bookings/quote', payload: { start } })
    expect(anon.statusCode).toBe(401)
  })
})
