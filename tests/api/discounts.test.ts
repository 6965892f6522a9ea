// Personal discounts as a salon uses them: percentages with up to two decimals kept exactly and
// priced exactly, fixed amounts in whole kopecks, a discount that priced a booking kept on record
// (ended, not deleted), and instants shown with the offset of the company's zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>

let env: TestEnv
let app: FastifyInstance
let admin: User
let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  world = await createWorld(env.db)
  admin = await createUser(env.db, ['admin'])
}, 60_000)
afterAll(async () => env?.close())

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  who: User = admin,
) => app.inject({ method, url, headers: who.headers, ...(payload !== undefined && { payload }) })

const discountsUrl = (clientId: number) => `/api/admin/clients/${clientId}/discounts`
const storedValues = async (clientId: number) =>
  (
    await env
      .db('client_discounts')
      .where({ client_id: clientId })
      .orderBy('id')
      .select(env.db.raw('value::text as value'))
  ).map((r: { value: string }) => r.value)

describe('discount values', () => {
  it('takes a percentage with two decimals and keeps it exactly', async () => {
    const client = await createUser(env.db, ['client'])
    for (const value of [12.5, 7.07, 0.01, 100]) {
      const res = await call('POST', discountsUrl(client.id), { kind: 'percent', value })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().value).toBe(value)
    }
    expect(await storedValues(client.id)).toEqual(['12.50', '7.07', '0.01', '100.00'])
    const listed = (await call('GET', discountsUrl(client.id)))
      .json()
      .items.map((d: { value: number }) => d.value)
    expect(listed).toEqual([12.5, 7.07, 0.01, 100])
  })

  it('refuses finer percentages and fractional kopecks in words, and stores nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const fixed = (await call('POST', discountsUrl(client.id), { kind: 'fixed', value: 50_000 })).json()
    for (const [body, words] of [
      [{ kind: 'percent', value: 12.345 }, /at most two decimals/],
      [{ kind: 'percent', value: 100.5 }, /from 0\.01 to 100/],
      [{ kind: 'percent', value: 7.075 }, /at most two decimals/],
      [{ kind: 'fixed', value: 10.5 }, /whole number of minor units/],
      [{ kind: 'percent', value: 0 }, /value must be at least 0\.01/],
    ] as const) {
      const res = await call('POST', discountsUrl(client.id), body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(res.json().message).toMatch(words)
    }
    // A patch is judged with the stored kind: 12.5 is no amount of kopecks.
    const patched = await call('PATCH', `/api/admin/discounts/${fixed.id}`, { value: 12.5 })
    expect(patched.statusCode).toBe(422)
    expect(patched.json().message).toMatch(/whole number of minor units/)
    expect(await storedValues(client.id)).toEqual(['50000.00'])
  })

  it('prices a booking with a 12.5 % discount exactly (half up to the kopeck)', async () => {
    const created = await call('POST', discountsUrl(world.client.id), { kind: 'percent', value: 12.5 })
    expect(created.statusCode).toBe(201)
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate()!
    const booked = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: world.client.headers,
      payload: {
        service_id: world.service.id,
        specialist_id: world.specialist.id,
        start: { date, time: '12:00' },
      },
    })
    expect(booked.statusCode, booked.body).toBe(201)
    // 1 500,00 ₽ − 12.5 % = 1 500,00 − 187,50.
    expect(booked.json().price).toBe(150_000 - 18_750)
    const applied = await env.db('booking_discounts').where({ booking_id: booked.json().id }).first()
    expect(applied).toMatchObject({ client_discount_id: created.json().id, amount: 18_750 })
  })
})

describe('deleting a discount', () => {
  it('deletes one that never priced a booking', async () => {
    const client = await createUser(env.db, ['client'])
    const d = (await call('POST', discountsUrl(client.id), { kind: 'percent', value: 5 })).json()
    const res = await call('DELETE', `/api/admin/discounts/${d.id}`)
    expect(res.json()).toEqual({ id: d.id, deleted: true })
    expect(await env.db('client_discounts').where({ id: d.id }).first()).toBeUndefined()
  })

  it('keeps one that priced a booking: 409 in_use saying how to end it, and nothing changes', async () => {
    const client = await createUser(env.db, ['client'])
    const d = (await call('POST', discountsUrl(client.id), { kind: 'fixed', value: 10_000 })).json()
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 3 }).toISODate()!
    const booked = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { authorization: `Bearer ${client.token}` },
      payload: {
        service_id: world.service.id,
        specialist_id: world.specialist.id,
        start: { date, time: '12:00' },
      },
    })
    expect(booked.statusCode, booked.body).toBe(201)
    expect(booked.json().price).toBe(140_000)

    const res = await call('DELETE', `/api/admin/discounts/${d.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toBe('in_use')
    expect(res.json().message).toContain('1 booking')
    expect(res.json().message).toContain('{"active": false}')
    expect(await env.db('client_discounts').where({ id: d.id }).first()).toBeDefined()
    expect(await env.db('booking_discounts').where({ booking_id: booked.json().id }).first()).toMatchObject({
      client_discount_id: d.id,
    })

    // Ending it is the way: it no longer prices new bookings, and the old one keeps its record.
    const ended = await call('PATCH', `/api/admin/discounts/${d.id}`, { active: false })
    expect(ended.json()).toMatchObject({ id: d.id, active: false })
  })

  it('is refused by the database too, whatever the code does', async () => {
    const used = await env
      .db('booking_discounts')
      .whereNotNull('client_discount_id')
      .first('client_discount_id')
    expect(used).toBeDefined()
    await expect(
      env.db('client_discounts').where({ id: used.client_discount_id }).delete(),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^23(001|503)$/) })
  })
})

describe('instants in money answers', () => {
  const offsetOf = (iso: string) => iso.match(/([+-]\d{2}:\d{2}|Z)$/)?.[1]

  it('shows them with the offset of the company’s zone', async () => {
    await env.db('company').update({ timezone: 'Asia/Yekaterinburg' })
    try {
      const client = await createUser(env.db, ['client'])
      const d = await call('POST', discountsUrl(client.id), {
        kind: 'percent',
        value: 10,
        valid_from: '2030-01-01T00:00:00+03:00',
        valid_to: '2030-02-01T00:00:00Z',
      })
      expect(d.json()).toMatchObject({
        valid_from: '2030-01-01T02:00:00+05:00',
        valid_to: '2030-02-01T05:00:00+05:00',
      })
      expect(offsetOf(d.json().created_at)).toBe('+05:00')
      expect(Date.parse(d.json().created_at)).toBeGreaterThan(Date.now() - 60_000)

      const deposit = await app.inject({
        method: 'POST',
        url: `/api/admin/clients/${client.id}/wallet/deposits`,
        headers: { ...admin.headers, 'idempotency-key': `dep-${client.id}` },
        payload: { amount: 100_000 },
      })
      expect(deposit.statusCode, deposit.body).toBe(201)
      expect(offsetOf(deposit.json().transaction.created_at)).toBe('+05:00')
      const wallet = await call('GET', `/api/admin/clients/${client.id}/wallet`)
      expect(offsetOf(wallet.json().transactions[0].created_at)).toBe('+05:00')
      const own = await call('GET', '/api/me/wallet', undefined, client)
      expect(offsetOf(own.json().transactions[0].created_at)).toBe('+05:00')

      const [pkg] = await env
        .db('service_packages')
        .insert({
          name: 'Five visits',
          composition: JSON.stringify({
            items: [{ service_id: world.service.id, count: 5 }],
            valid_days: 30,
          }),
          price: 50_000,
        })
        .returning('id')
      const granted = await call('POST', `/api/admin/clients/${client.id}/packages`, {
        service_package_id: pkg.id,
      })
      expect(granted.statusCode, granted.body).toBe(201)
      expect(offsetOf(granted.json().purchased_at)).toBe('+05:00')
      expect(offsetOf(granted.json().expires_at)).toBe('+05:00')
      const mine = await call('GET', '/api/me/packages', undefined, client)
      expect(offsetOf(mine.json().items[0].expires_at)).toBe('+05:00')

      const profile = await call('GET', `/api/admin/clients/${client.id}`)
      expect(profile.statusCode, profile.body).toBe(200)
      expect(offsetOf(profile.json().created_at)).toBe('+05:00')
    } finally {
      await env.db('company').update({ timezone: 'Europe/Moscow' })
    }
  })
})
