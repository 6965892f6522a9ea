// What a booking request may say and how a mistake is answered: admins name the client, clients
// cannot send the admins' fields, a location must agree with the specialist, a start says exactly
// what is wrong with it; and the instants of intents and history carry the location's offset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createSpecialist, createUser, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>

let env: TestEnv
let admin: User
let w: Awaited<ReturnType<typeof createWorld>>
// Yekaterinburg is UTC+05:00 all year: neither UTC nor the server's zone.
const ZONE = 'Asia/Yekaterinburg'

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  admin = await createUser(env.db, ['admin'])
  w = await createWorld(env.db, { zone: ZONE })
})
afterAll(async () => env?.close())

const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!

async function post(who: User, url: string, payload: Record<string, unknown>) {
  const app = await env.app()
  return app.inject({ method: 'POST', url, headers: who.headers, payload })
}

const counts = async () => ({
  bookings: Number((await env.db('bookings').count({ n: '*' }))[0]!.n),
  intents: Number((await env.db('intents').count({ n: '*' }))[0]!.n),
})

/** Expects a refusal that changed nothing. */
async function refused(
  who: User,
  url: string,
  payload: Record<string, unknown>,
  status: number,
  error: string,
  ...words: string[]
) {
  const before = await counts()
  const res = await post(who, url, payload)
  expect([res.statusCode, res.json().error], res.body).toEqual([status, error])
  for (const word of words) expect(res.json().message).toContain(word)
  expect(await counts()).toEqual(before)
  return res.json().message as string
}

const at = (time: string, extra: Record<string, unknown> = {}) => ({
  service_id: w.service.id,
  specialist_id: w.specialist.id,
  start: { date: day(2), time },
  ...extra,
})

describe('who a booking is for', () => {
  it('asks an admin to name the client, and books an admin who names themselves', async () => {
    const message = await refused(admin, '/api/bookings', at('10:00'), 422, 'client_required', 'client_id')
    expect(message).toMatch(/your own/)
    const own = await post(admin, '/api/bookings', at('10:00', { client_id: admin.id }))
    expect(own.statusCode).toBe(201)
    expect(own.json().client_id).toBe(admin.id)
    const forClient = await post(admin, '/api/bookings', at('12:00', { client_id: w.client.id }))
    expect(forClient.statusCode).toBe(201)
    expect(forClient.json().client_id).toBe(w.client.id)
  })

  it('refuses the admins’ fields from a client, naming the field', async () => {
    const other = await createUser(env.db, ['client'])
    await refused(
      w.client,
      '/api/bookings',
      at('14:00', { client_id: other.id }),
      403,
      'forbidden',
      'client_id',
    )
    await refused(
      w.client,
      '/api/bookings',
      at('14:00', { duration_minutes: 30 }),
      403,
      'forbidden',
      'duration_minutes',
    )
    await refused(
      w.client,
      '/api/bookings',
      at('14:00', { allow_out_of_hours: false }),
      403,
      'forbidden',
      'allow_out_of_hours',
    )
  })
})

describe('location_id', () => {
  it('refuses a location that is not the specialist’s, naming both', async () => {
    const elsewhere = await createLocation(env.db, { name: 'Elsewhere', timezone: ZONE })
    await refused(
      w.client,
      '/api/bookings',
      at('14:00', { location_id: elsewhere.id }),
      422,
      'location_mismatch',
      `location ${w.location.id}`,
      `location ${elsewhere.id}`,
    )
    // The specialist's own location is fine, and so is any specialist at a location.
    const ok = await post(w.client, '/api/bookings', at('14:00', { location_id: w.location.id }))
    expect(ok.statusCode).toBe(201)
    const there = await createSpecialist(env.db, elsewhere.id, [w.service.id])
    const any = await post(w.client, '/api/bookings', {
      service_id: w.service.id,
      location_id: elsewhere.id,
      start: { date: day(2), time: '16:00' },
    })
    expect(any.statusCode).toBe(201)
    expect(any.json().specialist_id).toBe(there.id)
  })
})

describe('start', () => {
  const start = (value: unknown) => ({
    service_id: w.service.id,
    specialist_id: w.specialist.id,
    start: value,
  })

  it('says that a start needs an offset, and how to write one', async () => {
    for (const value of ['2026-12-07T12:00:00', '2026-12-07T12:00']) {
      await refused(
        w.client,
        '/api/bookings',
        start(value),
        422,
        'invalid_start',
        'needs an offset',
        '2026-12-07T12:00:00+03:00',
        '{"date"',
      )
    }
    for (const value of ['tomorrow', 42, null, ['2026-12-07', '12:00'], true]) {
      await refused(
        w.client,
        '/api/bookings',
        start(value),
        422,
        'invalid_start',
        '2026-12-07T12:00:00+03:00',
      )
    }
  })

  it('says which date does not exist', async () => {
    await refused(
      w.client,
      '/api/bookings',
      start({ date: '2026-02-30' }),
      422,
      'invalid_start',
      '2026-02-30 does not exist',
    )
    await refused(
      w.client,
      '/api/bookings',
      start({ date: '2026-02-30', time: '12:00' }),
      422,
      'invalid_start',
      '2026-02-30 does not exist',
    )
    await refused(
      w.client,
      '/api/bookings',
      start('2026-02-30T12:00:00+05:00'),
      422,
      'invalid_start',
      '2026-02-30 does not exist',
    )
  })

  it('says what is missing or wrong in {date, time}', async () => {
    await refused(w.client, '/api/bookings', start({ date: day(2) }), 422, 'invalid_start', 'missing "time"')
    await refused(w.client, '/api/bookings', start({ time: '12:00' }), 422, 'invalid_start', 'missing "date"')
    await refused(
      w.client,
      '/api/bookings',
      start({ date: day(2), time: '25:00' }),
      422,
      'invalid_start',
      'HH:MM',
    )
    await refused(
      w.client,
      '/api/bookings',
      start({ date: '7.12.2026', time: '12:00' }),
      422,
      'invalid_start',
      'YYYY-MM-DD',
    )
    await refused(
      w.client,
      '/api/bookings',
      start({ date: day(2), time: '12:00', zone: 'UTC' }),
      422,
      'invalid_start',
      'unknown field "zone"',
    )
  })

  it('reads start the same way for a reschedule and a chain', async () => {
    const booked = await post(w.client, '/api/bookings', at('17:00'))
    expect(booked.statusCode).toBe(201)
    await refused(
      w.client,
      `/api/bookings/${booked.json().id}/reschedule`,
      { start: '2026-12-07T12:00' },
      422,
      'invalid_start',
      'needs an offset',
    )
    await refused(
      admin,
      '/api/admin/bookings/chain',
      {
        client_id: w.client.id,
        start: { date: '2026-02-30', time: '10:00' },
        items: [{ service_id: w.service.id, specialist_id: w.specialist.id }],
      },
      422,
      'invalid_start',
      '2026-02-30 does not exist',
    )
  })
})

describe('instants in booking answers', () => {
  it('gives history and intents the offset of the booking’s location', async () => {
    const app = await env.app()
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'offset-1' },
      payload: at('11:00', { start: { date: day(3), time: '11:00' } }),
    })
    expect(res.statusCode).toBe(201)
    const id = res.json().id as number
    const history = await app.inject({ url: `/api/bookings/${id}/history`, headers: w.client.headers })
    expect(history.statusCode).toBe(200)
    for (const h of history.json().items) expect(h.at).toMatch(/\+05:00$/)

    const intent = await env.db('intents').where({ idempotency_key: 'offset-1' }).first('id', 'created_at')
    const read = await app.inject({ url: `/api/intents/${intent.id}`, headers: w.client.headers })
    expect(read.statusCode).toBe(200)
    expect(read.json().created_at).toMatch(/\+05:00$/)
    expect(Date.parse(read.json().created_at)).toBe(intent.created_at.getTime())
  })
})
