// Lists answer one shape, {items, total, limit, offset}: a channel pages through a client's
// bookings without guessing whether a short page was the last.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  await env.startWorkers()
}, 60_000)
afterAll(async () => env?.close())

describe('GET /api/bookings', () => {
  it('answers a page of the caller’s bookings with the total count of all of them', async () => {
    const w = await createWorld(env.db)
    const client = await createUser(env.db, ['client'])
    const date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
    const ids: number[] = []
    for (const time of ['10:00', '12:00', '14:00']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: { ...client.headers, 'idempotency-key': `list-${time}` },
        payload: { service_id: w.service.id, specialist_id: w.specialists[0]!.id, start: { date, time } },
      })
      expect(res.statusCode).toBe(201)
      ids.push(res.json().id)
    }
    const page = await app.inject({ url: '/api/bookings?limit=2&offset=1', headers: client.headers })
    expect(page.statusCode).toBe(200)
    expect(page.json()).toMatchObject({ total: 3, limit: 2, offset: 1 })
    expect(page.json().items.map((b: { id: number }) => b.id)).toEqual(ids.slice(1))

    const beyond = await app.inject({ url: '/api/bookings?offset=10', headers: client.headers })
    expect(beyond.json()).toEqual({ items: [], total: 3, limit: 100, offset: 10 })
  }, 60_000)
})

describe('GET /api/bookings/:id/history', () => {
  it('names each step from one list of events and spells its details in snake_case', async () => {
    const w = await createWorld(env.db)
    const client = await createUser(env.db, ['client'], { name: 'Вера История' })
    const date = DateTime.now().setZone(w.location.timezone).plus({ days: 2 }).toISODate()!
    const post = (url: string, key: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: { ...client.headers, 'idempotency-key': key }, payload })
    const booked = await post('/api/bookings', 'history-1', {
      service_id: w.service.id,
      specialist_id: w.specialists[0]!.id,
      start: { date, time: '10:00' },
    })
    expect(booked.statusCode).toBe(201)
    const id = booked.json().id as number
    const moved = await post(`/api/bookings/${id}/reschedule`, 'history-2', {
      start: { date, time: '12:00' },
    })
    expect(moved.statusCode).toBe(200)
    expect((await post(`/api/bookings/${id}/cancel`, 'history-3', { reason: 'ill' })).statusCode).toBe(200)

    const res = await app.inject({ url: `/api/bookings/${id}/history`, headers: client.headers })
    expect(res.statusCode).toBe(200)
    const { items, total } = res.json() as { items: { event: string; details: object }[]; total: number }
    expect(total).toBe(3)
    expect(items.map((h) => h.event)).toEqual(['created', 'rescheduled', 'cancelled'])
    // Each step names who took it, by name as well as by id.
    expect(items.map((h) => (h as unknown as { actor_name: string }).actor_name)).toEqual([
      'Вера История',
      'Вера История',
      'Вера История',
    ])
    expect(Object.keys(items[0]!.details)).toContain('payment_method')
    expect(Object.keys(items[1]!.details).sort()).toEqual(['from_starts_at', 'to_starts_at'])
    const camel = JSON.stringify(items.map((h) => Object.keys(h.details)))
    expect(camel).not.toMatch(/[a-z][A-Z]/)
  }, 60_000)
})
