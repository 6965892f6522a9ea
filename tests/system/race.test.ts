// Many clients racing for the same time over real HTTP (docs/product.md §11: exactly one wins, the rest get
// 409, no 5xx), "any specialist" spreading a race over the free specialists, and a room shared by
// two specialists (held for the service's duration, not its break).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createUser, createWorld, overlappingBookings } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let base: string
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
})
afterAll(async () => env?.close())

const tomorrow = (zone: string) => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!

/** Worlds are written straight to the database: drop the API's cached catalogue so it sees them. */
const refreshSlotInputs = () => app.deps.runtime.slotInputs.invalidate()

interface Answer {
  /** The HTTP status of the request itself. */
  http: number
  /** The final status: the request's, or, after a 202, the intent's outcome. */
  status: number
  body: Record<string, unknown>
}

/** POSTs a booking over HTTP; a 202 is followed to the intent's outcome (bounded polling). */
async function book(headers: Record<string, string>, payload: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${base}/api/bookings`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const body = (await res.json()) as Record<string, unknown>
  if (res.status !== 202) return { http: res.status, status: res.status, body }
  for (let i = 0; i < 300; i++) {
    const intent = (await (await fetch(`${base}${String(body.status_url)}`, { headers })).json()) as {
      status: string
      result_status: number
      result: Record<string, unknown>
    }
    if (intent.status !== 'pending') return { http: 202, status: intent.result_status, body: intent.result }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`intent ${String(body.intent_id)} still pending`)
}

async function slotTimes(serviceId: number, specialistId: number, date: string) {
  const res = await fetch(
    `${base}/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${date}&days=1`,
  )
  expect(res.status).toBe(200)
  const body = (await res.json()) as { locations: { days: { date: string; times: string[] }[] }[] }
  return body.locations[0]?.days.find((d) => d.date === date)?.times ?? []
}

const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {})

describe('racing for slots', () => {
  it('50 clients, one slot: exactly one 201, 49 × 409 slot_taken, one booking, no overlap', async () => {
    const w = await createWorld(env.db)
    const clients = []
    for (let i = 0; i < 50; i++) clients.push(await createUser(env.db, ['client']))
    refreshSlotInputs()
    const date = tomorrow(w.location.timezone)
    expect(await slotTimes(w.service.id, w.specialist.id, date)).toContain('12:00')

    const answers = await Promise.all(
      clients.map((c) =>
        book(c.headers, {
          service_id: w.service.id,
          specialist_id: w.specialist.id,
          start: { date, time: '12:00' },
        }),
      ),
    )

    expect(answers.filter((a) => a.http >= 500)).toEqual([])
    expect(statuses(answers)).toEqual({ 201: 1, 409: 49 })
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error).toBe('slot_taken')

    const winner = answers.findIndex((a) => a.status === 201)
    const active = await env
      .db('bookings')
      .where({ specialist_id: w.specialist.id })
      .whereNotIn('status', ['cancelled', 'rejected'])
    expect(active).toHaveLength(1)
    expect(active[0]).toMatchObject({ id: answers[winner]!.body.id, client_id: clients[winner]!.id })
    expect(await overlappingBookings(env.db)).toEqual([])
    expect(await slotTimes(w.service.id, w.specialist.id, date)).not.toContain('12:00')
  })

  it('"any specialist": 10 clients, 3 specialists → 3 × 201 on 3 specialists, 7 × 409', async () => {
    const w = await createWorld(env.db, { n: 3 })
    const clients = []
    for (let i = 0; i < 10; i++) clients.push(await createUser(env.db, ['client']))
    refreshSlotInputs()
    const date = tomorrow(w.location.timezone)

    const answers = await Promise.all(
      clients.map((c) => book(c.headers, { service_id: w.service.id, start: { date, time: '14:00' } })),
    )

    expect(answers.filter((a) => a.http >= 500)).toEqual([])
    expect(statuses(answers)).toEqual({ 201: 3, 409: 7 })
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error).toBe('slot_taken')
    const won = answers.filter((a) => a.status === 201).map((a) => a.body.specialist_id)
    expect(new Set(won)).toEqual(new Set(w.specialists.map((s) => s.id)))

    const rows = await env
      .db('bookings')
      .whereIn(
        'specialist_id',
        w.specialists.map((s) => s.id),
      )
      .whereNotIn('status', ['cancelled', 'rejected'])
      .select('specialist_id', 'starts_at')
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.specialist_id)).size).toBe(3)
    expect(await overlappingBookings(env.db)).toEqual([])
  })

  it('one room, two specialists: the room is held for the duration, not the break', async () => {
    // 60 min + 30 min break: A at 12:00 holds A until 13:30 but the room only until 13:00.
    const w = await createWorld(env.db, { n: 2, service: { duration_minutes: 60, break_minutes: 30 } })
    const room = await createRoom(env.db, w.location.id, [w.service.id])
    const [a, b] = w.specialists as [(typeof w.specialists)[0], (typeof w.specialists)[0]]
    refreshSlotInputs()
    const date = tomorrow(w.location.timezone)
    for (const s of [a, b]) {
      const times = await slotTimes(w.service.id, s.id, date)
      expect(times).toContain('12:00')
      expect(times).toContain('12:30')
    }

    const at = (specialistId: number, time: string) =>
      book(w.client.headers, { service_id: w.service.id, specialist_id: specialistId, start: { date, time } })

    const first = await at(a.id, '12:00')
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ specialist_id: a.id, room_id: room.id, time: '12:00' })

    const bTimes = await slotTimes(w.service.id, b.id, date)
    for (const t of ['11:15', '12:00', '12:30', '12:45']) expect(bTimes).not.toContain(t)
    expect(bTimes).toContain('11:00') // the room is free until 12:00
    expect(bTimes).toContain('13:00') // and free again from 13:00 (A's break holds A, not the room)

    for (const time of ['12:00', '12:30']) {
      const taken = await at(b.id, time)
      expect(taken.status, `B at ${time}`).toBe(409)
      // B is free then; the room is what another booking holds.
      expect(taken.body.error).toBe('room_taken')
    }
    const after = await at(b.id, '13:00')
    expect(after.status).toBe(201)
    expect(after.body).toMatchObject({ specialist_id: b.id, room_id: room.id, time: '13:00' })

    expect(await env.db('bookings').where({ room_id: room.id }).count('* as n').first()).toMatchObject({
      n: 2,
    })
    expect(await overlappingBookings(env.db)).toEqual([])
  })
})
