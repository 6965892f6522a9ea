// A refused booking says why: a day off, outside the working hours, beyond the horizon, in the past,
// inside the lead time, a taken room, or another booking (the only case that stays `slot_taken`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createRoom,
  createService,
  createSpecialist,
  createUser,
  createWorld,
  weekdays,
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
  w = await createWorld(env.db, { n: 2, settings: { booking_horizon_days: 30, min_lead_minutes: 0 } })
  admin = await createUser(env.db, ['admin'])
  // The first specialist works 10:00–19:00 every day but Sunday.
  const schedule = weekdays([['10:00', '19:00']])
  delete schedule['6']
  await env
    .db('specialists')
    .where({ id: w.specialist.id })
    .update({ work_schedule: JSON.stringify(schedule) })
  await env.db('users').where({ id: w.specialist.user.id }).update({ name: 'Anna Petrova' })
})
afterAll(async () => env?.close())

/** The first Sunday (or other ISO weekday) at least `from` days ahead, in the location's zone. */
const nextWeekday = (weekday: number, from = 1) => {
  let d = DateTime.now().setZone(ZONE).plus({ days: from })
  while (d.weekday !== weekday) d = d.plus({ days: 1 })
  return d.toISODate()!
}

async function book(body: Record<string, unknown>, headers = w.client.headers) {
  const res = await app.inject({ method: 'POST', url: '/api/bookings', headers, payload: body })
  return { status: res.statusCode, body: res.json() }
}

const at = (date: string, time: string, specialistId = w.specialist.id) => ({
  service_id: w.service.id,
  specialist_id: specialistId,
  start: { date, time },
})

describe('refusal reasons', () => {
  it("the specialist's day off", async () => {
    const sunday = nextWeekday(7)
    const res = await book(at(sunday, '12:00'))
    expect([res.status, res.body.error]).toEqual([422, 'day_off'])
    const label = DateTime.fromISO(sunday).setLocale('en').toFormat('cccc d LLL')
    expect(res.body.message).toContain('Anna Petrova')
    expect(res.body.message).toContain(label)
    expect(res.body.message).toMatch(/another day/)
  })

  it('outside the working hours of that day', async () => {
    const monday = nextWeekday(1)
    // 60 min + 15 min break: the last start within 10:00–19:00 is 17:45.
    const res = await book(at(monday, '18:00'))
    expect([res.status, res.body.error]).toEqual([422, 'outside_hours'])
    expect(res.body.message).toContain('10:00–19:00')
    expect((await book(at(monday, '09:00'))).body.error).toBe('outside_hours')
    expect((await book(at(monday, '17:45'))).status).toBe(201)
  })

  it('beyond the horizon', async () => {
    const far = DateTime.now().setZone(ZONE).plus({ days: 40 }).toISODate()!
    const res = await book(at(far, '12:00', w.specialists[1]!.id))
    expect([res.status, res.body.error]).toEqual([422, 'beyond_horizon'])
    expect(res.body.message).toMatch(/30 days/)
  })

  it('in the past, and inside the lead time', async () => {
    const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 }).toISODate()!
    const past = await book(at(yesterday, '12:00', w.specialists[1]!.id))
    expect([past.status, past.body.error]).toEqual([422, 'in_the_past'])

    await env.db('company').update({ settings: JSON.stringify({ min_lead_minutes: 48 * 60 }) })
    try {
      const soon = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!
      const res = await book(at(soon, '12:00', w.specialists[1]!.id))
      expect([res.status, res.body.error]).toEqual([422, 'lead_time'])
      expect(res.body.message).toMatch(/48 h/)
    } finally {
      await env
        .db('company')
        .update({ settings: JSON.stringify({ booking_horizon_days: 30, min_lead_minutes: 0 }) })
    }
  })

  it('another booking: still slot_taken (409)', async () => {
    const tuesday = nextWeekday(2)
    expect((await book(at(tuesday, '12:00'))).status).toBe(201)
    const res = await book(at(tuesday, '12:30'))
    expect([res.status, res.body.error]).toEqual([409, 'slot_taken'])
  })

  it('a room held by another booking: room_taken (409)', async () => {
    const massage = await createService(env.db, { name: 'Massage', duration_minutes: 60, break_minutes: 0 })
    await createRoom(env.db, w.location.id, [massage.id])
    const [a, b] = [
      await createSpecialist(env.db, w.location.id, [massage.id]),
      await createSpecialist(env.db, w.location.id, [massage.id]),
    ]
    const wednesday = nextWeekday(3)
    const first = await book({
      service_id: massage.id,
      specialist_id: a.id,
      start: { date: wednesday, time: '12:00' },
    })
    expect(first.status).toBe(201)
    const res = await book({
      service_id: massage.id,
      specialist_id: b.id,
      start: { date: wednesday, time: '12:00' },
    })
    expect([res.status, res.body.error]).toEqual([409, 'room_taken'])
  })

  it('"any specialist" still goes on to the next one when the first turns out to be off', async () => {
    const thursday = nextWeekday(4)
    const slots = await app.inject({
      url: `/api/slots?service_id=${w.service.id}&specialist_id=${w.specialist.id}&from=${thursday}&days=1`,
    })
    expect(slots.json().locations[0].days[0].times).toContain('13:00')
    // The first specialist takes the day off behind the grids' back (no recalc): the API still
    // offers them first, and the worker must hand the booking on.
    await env.db('calendar_overrides').insert({
      specialist_id: w.specialist.id,
      date_from: thursday,
      date_to: thursday,
      kind: 'closed',
      intervals: JSON.stringify([]),
    })
    const res = await book({ service_id: w.service.id, start: { date: thursday, time: '13:00' } })
    expect(res.status).toBe(201)
    expect(res.body.specialist_id).toBe(w.specialists[1]!.id)
  })

  it('admins are held to the hours too, unless they book out of hours on purpose', async () => {
    const friday = nextWeekday(5)
    const res = await book({ ...at(friday, '19:30'), client_id: w.client.id }, admin.headers)
    expect([res.status, res.body.error]).toEqual([422, 'outside_hours'])
  })
})
