// An admin moves a booking to another specialist (POST /api/bookings/:id/reschedule with
// specialist_id): decided on the target's partition, both specialists' slots change, the history
// records from and to, and every refusal (not an admin, another location, a service they do not
// perform, a taken time) changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createLocation,
  createService,
  createSpecialist,
  createUser,
  createWorld,
  overlappingBookings,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Moscow'
let env: TestEnv
let app: FastifyInstance
let w: Awaited<ReturnType<typeof createWorld>>
let admin: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  w = await createWorld(env.db, { n: 2 })
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!
let keys = 0

async function post(headers: Record<string, string>, url: string, payload: unknown) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': `move-${++keys}` },
    payload: payload as Record<string, unknown>,
  })
  return { status: res.statusCode, body: res.json() }
}

async function book(specialistId: number, date: string, time: string) {
  const res = await post(w.client.headers, '/api/bookings', {
    service_id: w.service.id,
    specialist_id: specialistId,
    start: { date, time },
  })
  expect(res.status).toBe(201)
  return res.body as { id: number }
}

/** The specialist's free starts on `date`, as the client site reads them. */
async function times(specialistId: number, date: string): Promise<string[]> {
  const res = await app.inject({
    url: `/api/slots?service_id=${w.service.id}&specialist_id=${specialistId}&from=${date}&days=1`,
  })
  return res
    .json()
    .locations.flatMap((l: { days: { date: string; times: string[] }[] }) =>
      l.days.filter((d) => d.date === date).flatMap((d) => d.times),
    )
}

const row = (id: number) => env.db('bookings').where({ id }).first('specialist_id', 'starts_at', 'status')

describe('moving a booking to another specialist', () => {
  it('moves it (both grids change, history from and to); the same time with someone else is a move too', async () => {
    const [a, b] = [w.specialists[0]!.id, w.specialists[1]!.id]
    const date = day(3)
    const booking = await book(a, date, '12:00')
    expect(await times(a, date)).not.toContain('12:00')
    expect(await times(b, date)).toContain('13:00')

    const moved = await post(admin.headers, `/api/bookings/${booking.id}/reschedule`, {
      start: { date, time: '13:00' },
      specialist_id: b,
    })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ id: booking.id, specialist_id: b, status: 'confirmed' })
    expect((await row(booking.id)).specialist_id).toBe(b)
    await expect.poll(() => times(a, date)).toContain('12:00')
    await expect.poll(() => times(b, date)).not.toContain('13:00')
    const history = await env.db('booking_history').where({ booking_id: booking.id }).orderBy('id')
    expect(history.at(-1)).toMatchObject({ event: 'RESCHEDULE', actor_user_id: admin.id })
    expect(history.at(-1).data).toMatchObject({ fromSpecialistId: a, toSpecialistId: b })

    // Back to the first specialist at the same time: a move, not a no-op.
    const back = await post(admin.headers, `/api/bookings/${booking.id}/reschedule`, {
      start: { date, time: '13:00' },
      specialist_id: a,
    })
    expect([back.status, back.body.specialist_id]).toEqual([200, a])
    await expect.poll(() => times(b, date)).toContain('13:00')
    expect(await overlappingBookings(env.db)).toEqual([])
  })

  it('refuses a client, another location, a service not performed and a taken time, changing nothing', async () => {
    const [a, b] = [w.specialists[0]!.id, w.specialists[1]!.id]
    const date = day(5)
    const booking = await book(a, date, '10:00')
    await book(b, date, '15:00')
    const elsewhere = await createSpecialist(env.db, (await createLocation(env.db, { timezone: ZONE })).id, [
      w.service.id,
    ])
    const other = await createService(env.db, { name: 'Other' })
    const notTheirs = await createSpecialist(env.db, w.location.id, [other.id])
    const before = await row(booking.id)
    const move = (headers: Record<string, string>, specialistId: number, time = '11:00') =>
      post(headers, `/api/bookings/${booking.id}/reschedule`, {
        start: { date, time },
        specialist_id: specialistId,
      })

    const refusals = [
      [await move(w.client.headers, b), 403, 'forbidden'],
      [await move(admin.headers, elsewhere.id), 422, 'mixed_locations'],
      [await move(admin.headers, notTheirs.id), 422, 'service_not_offered'],
      [await move(admin.headers, 999_999), 404, 'not_found'],
      [await move(admin.headers, b, '15:00'), 409, 'slot_taken'],
    ] as const
    for (const [res, status, error] of refusals) {
      expect([res.status, res.body.error], JSON.stringify(res.body)).toEqual([status, error])
      expect(res.body.message).toEqual(expect.any(String))
    }
    expect(await row(booking.id)).toEqual(before)
    expect(await env.db('booking_history').where({ booking_id: booking.id })).toHaveLength(1)
  })
})
