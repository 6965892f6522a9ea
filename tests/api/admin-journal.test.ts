import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'
import { localToInstant } from '../../src/domain/dates.ts'

let env: TestEnv
let app: FastifyInstance
let admin: Awaited<ReturnType<typeof createUser>>
let world: Awaited<ReturnType<typeof createWorld>>

// A Wednesday well inside any horizon; the week from it crosses a weekend.
const DAY = '2031-01-08'

async function insertBooking(
  specialistId: number,
  date: string,
  time: string,
  fields: Record<string, unknown> = {},
) {
  const start = localToInstant(date, time, world.location.timezone).toJSDate()
  const [row] = await env
    .db('bookings')
    .insert({
      client_id: world.client.id,
      specialist_id: specialistId,
      service_id: world.service.id,
      location_id: world.location.id,
      starts_at: start,
      duration_minutes: 60,
      break_minutes: 15,
      ends_at: new Date(start.getTime() + 60 * 60_000),
      busy_until: new Date(start.getTime() + 75 * 60_000),
      price: 150000,
      base_price: 150000,
      ...fields,
    })
    .returning('id')
  return row!.id as number
}

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  world = await createWorld(env.db, { n: 2 })
  admin = await createUser(env.db, ['admin'])
  await env
    .db('users')
    .where({ id: world.client.id })
    .update({ name: 'Анна Клиентова', phone: '+79990001122' })
})
afterAll(async () => env?.close())

const get = (url: string, headers: Record<string, string> = admin.headers) =>
  app.inject({ method: 'GET', url, headers })

describe('GET /api/admin/journal', () => {
  it('answers the hours with overrides applied, the blocks and the bookings of a day in local time', async () => {
    const [a, b] = world.specialists
    // The location closes at 21:00, the specialists work 10:00-19:00: b blocks 12:00-13:00 and
    // opens extra hours on the next day; a has the day closed.
    await env.db('calendar_overrides').insert([
      {
        specialist_id: b!.id,
        date_from: DAY,
        date_to: DAY,
        kind: 'blocked',
        intervals: JSON.stringify([['12:00', '13:00']]),
        reason: 'Обед',
      },
      {
        specialist_id: a!.id,
        date_from: '2031-01-09',
        date_to: '2031-01-09',
        kind: 'closed',
        intervals: '[]',
      },
      {
        specialist_id: b!.id,
        date_from: '2031-01-09',
        date_to: '2031-01-09',
        kind: 'open',
        intervals: JSON.stringify([['08:00', '12:00']]),
      },
    ])
    const id = await insertBooking(a!.id, DAY, '10:30', { payment_method: 'on_site', out_of_hours: false })
    const late = await insertBooking(b!.id, DAY, '20:00', { out_of_hours: true, status: 'requested' })
    await insertBooking(a!.id, '2031-01-09', '11:00') // outside the one-day view

    const res = await get(`/api/admin/journal?location_id=${world.location.id}&date=${DAY}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.location).toEqual({ id: world.location.id, name: 'Main', timezone: 'Europe/Moscow' })
    expect(body.dates).toEqual([DAY])
    expect(body.specialists.map((s: { id: number }) => s.id).sort()).toEqual([a!.id, b!.id].sort())
    const hours = (sid: number, d = DAY) =>
      body.hours.find((h: { specialist_id: number; date: string }) => h.specialist_id === sid && h.date === d)
        ?.intervals
    expect(hours(a!.id)).toEqual([['10:00', '19:00']])
    expect(hours(b!.id)).toEqual([
      ['10:00', '12:00'],
      ['13:00', '19:00'],
    ])
    expect(body.blocks).toEqual([
      {
        specialist_id: b!.id,
        date_from: DAY,
        date_to: DAY,
        kind: 'blocked',
        intervals: [['12:00', '13:00']],
        reason: 'Обед',
      },
    ])
    expect(body.bookings.map((x: { id: number }) => x.id)).toEqual([id, late])
    expect(body.bookings[0]).toMatchObject({
      id,
      specialist_id: a!.id,
      date: DAY,
      time: '10:30',
      end_date: DAY,
      end_time: '11:30',
      duration_minutes: 60,
      status: 'confirmed',
      client_name: 'Анна Клиентова',
      client_phone: '+79990001122',
      service_name: 'Haircut',
      price: 150000,
      payment_method: 'on_site',
      out_of_hours: false,
      client_package_id: null,
    })
    expect(body.bookings[1]).toMatchObject({ out_of_hours: true, status: 'requested', time: '20:00' })

    const week = (await get(`/api/admin/journal?location_id=${world.location.id}&date=${DAY}&days=7`)).json()
    expect(week.dates).toHaveLength(7)
    expect(week.dates[6]).toBe('2031-01-14')
    expect(week.hours).toHaveLength(14)
    expect(week.bookings).toHaveLength(3)
    const weekHours = (sid: number, d: string) =>
      week.hours.find((h: { specialist_id: number; date: string }) => h.specialist_id === sid && h.date === d)
        ?.intervals
    expect(weekHours(a!.id, '2031-01-09')).toEqual([])
    expect(weekHours(b!.id, '2031-01-09')).toEqual([['09:00', '12:00']]) // the location opens at 09:00
  })

  it('is for admins only, and says what is wrong with a request', async () => {
    expect(
      (await get(`/api/admin/journal?location_id=${world.location.id}`, world.client.headers)).statusCode,
    ).toBe(403)
    expect((await get(`/api/admin/journal?location_id=${world.location.id}`, {})).statusCode).toBe(401)
    expect((await get(`/api/admin/journal?location_id=${world.location.id}&days=3`)).statusCode).toBe(422)
    expect(
      (await get(`/api/admin/journal?location_id=${world.location.id}&date=2031-02-30`)).statusCode,
    ).toBe(422)
    const missing = await get(`/api/admin/journal?location_id=999999`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toBe('not_found')
  })
})
