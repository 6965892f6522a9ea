// A specialist's bookings carry the client's name and phone, so the day can be run from the list;
// only their own clients, and admins see every booking's client.
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

describe('clients on bookings', () => {
  it("shows a specialist their own clients' names and phones, and admins everyone's", async () => {
    const w = await createWorld(env.db, { n: 2 })
    const [mine, theirs] = w.specialists as [(typeof w.specialists)[0], (typeof w.specialists)[0]]
    const anna = await createUser(env.db, ['client'], { name: 'Anna', phone: '+79161234567' })
    const boris = await createUser(env.db, ['client'], { name: 'Boris', phone: '+79167654321' })
    const admin = await createUser(env.db, ['admin'])
    const date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
    const book = async (client: typeof anna, specialistId: number, key: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: { ...client.headers, 'idempotency-key': key },
        payload: { service_id: w.service.id, specialist_id: specialistId, start: { date, time: '12:00' } },
      })
      expect(res.statusCode).toBe(201)
      return res.json().id as number
    }
    const annaWithMine = await book(anna, mine.id, 'clients-1')
    const borisWithTheirs = await book(boris, theirs.id, 'clients-2')

    const list = await app.inject({ url: '/api/bookings', headers: mine.user.headers })
    expect(list.statusCode).toBe(200)
    expect(list.json().total).toBe(1)
    expect(list.json().items[0]).toMatchObject({
      id: annaWithMine,
      client: { id: anna.id, name: 'Anna', phone: '+79161234567' },
    })
    const one = await app.inject({ url: `/api/bookings/${annaWithMine}`, headers: mine.user.headers })
    expect(one.json().client).toEqual({ id: anna.id, name: 'Anna', phone: '+79161234567' })
    // Another specialist's client stays hidden.
    const other = await app.inject({ url: `/api/bookings/${borisWithTheirs}`, headers: mine.user.headers })
    expect(other.statusCode).toBe(404)
    expect(other.body).not.toContain('Boris')

    const all = await app.inject({ url: '/api/bookings', headers: admin.headers })
    const clients = Object.fromEntries(
      (all.json().items as { id: number; client: { name: string } }[]).map((b) => [b.id, b.client.name]),
    )
    expect(clients).toEqual({ [annaWithMine]: 'Anna', [borisWithTheirs]: 'Boris' })

    const own = await app.inject({ url: '/api/bookings', headers: anna.headers })
    expect(own.json().items.map((b: { client: { id: number } }) => b.client.id)).toEqual([anna.id])
  }, 60_000)
})
