// A booking's way through the whole system: API → intent → partition queue → worker → machine →
// PostgreSQL → grid in Redis, with real PostgreSQL, Redis and BullMQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
})
afterAll(async () => env?.close())

const tomorrow = (zone: string) => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!

async function slotTimes(serviceId: number, specialistId: number, date: string) {
  const app = await env.app()
  const res = await app.inject({
    url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${date}&days=1`,
  })
  expect(res.statusCode).toBe(200)
  return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
}

describe('booking flow', () => {
  it('books a free slot, hides it, and frees it again on cancel', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const date = tomorrow('Europe/Moscow')
    const before = await slotTimes(w.service.id, w.specialist.id, date)
    // Schedule 10:00–19:00, 60 min + 15 min break: the last start is 17:45.
    expect(before[0]).toBe('10:00')
    expect(before.at(-1)).toBe('17:45')

    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'flow-1' },
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '12:00' } },
    })
    expect(res.statusCode).toBe(201)
    const booking = res.json()
    expect(booking).toMatchObject({
      status: 'confirmed',
      date,
      time: '12:00',
      duration_minutes: 60,
      break_minutes: 15,
      payment_method: 'on_site',
    })
    expect(booking.start).toBe(`${date}T12:00:00+03:00`)
    // Every instant of the answer carries the location's offset, not UTC.
    expect(booking.created_at).toMatch(/T\d{2}:\d{2}:\d{2}(\.\d+)?\+03:00$/)

    const after = await slotTimes(w.service.id, w.specialist.id, date)
    // 12:00 is taken, and so is every start whose service + break would overlap 12:00–13:15.
    for (const t of ['11:00', '11:15', '11:45', '12:00', '13:00']) expect(after).not.toContain(t)
    expect(after).toContain('10:45')
    expect(after).toContain('13:15')

    const again = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'flow-1' },
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '12:00' } },
    })
    expect(again.statusCode).toBe(201)
    expect(again.json().id).toBe(booking.id)
    expect(
      await env.db('bookings').where({ specialist_id: w.specialist.id }).count('* as n').first(),
    ).toMatchObject({ n: 1 })

    const otherBody = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'flow-1' },
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '14:00' } },
    })
    expect(otherBody.statusCode).toBe(422)
    expect(otherBody.json().error).toBe('idempotency_key_reused')

    const taken = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: `${date}T12:30:00+03:00` },
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().error).toBe('slot_taken')

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${booking.id}/cancel`,
      headers: w.client.headers,
      payload: {},
    })
    expect(cancel.statusCode).toBe(200)
    expect(cancel.json().status).toBe('cancelled')
    expect(await slotTimes(w.service.id, w.specialist.id, date)).toEqual(before)

    const history = await app.inject({
      url: `/api/bookings/${booking.id}/history`,
      headers: w.client.headers,
    })
    expect(history.json().items.map((h: { to: string }) => h.to)).toEqual(['confirmed', 'cancelled'])
  })
})
