import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createSpecialist, createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let headers: Record<string, string>
let adminId: number
let locationId: number
let specialistId: number
let roomId: number
const changes: SetupChange[] = []

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  app.deps.onSetupChange = async (change) => {
    changes.push(change)
    return { job_ids: [`job-${changes.length}`] }
  }
  const admin = await createUser(env.db, ['admin'])
  headers = admin.headers
  adminId = admin.id
  locationId = (await createLocation(env.db)).id
  specialistId = (await createSpecialist(env.db, locationId)).id
  roomId = (await env.db('rooms').insert({ location_id: locationId, name: 'R' }).returning('id'))[0]!.id
})
afterAll(async () => env?.close())

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) })

const count = async () => Number((await env.db('calendar_overrides').count({ n: '*' }))[0]!.n)

describe('admin overrides', () => {
  it('closes, blocks and opens dates for a location, a specialist and a room', async () => {
    changes.length = 0
    const closed = await call('POST', '/api/admin/overrides', {
      location_id: locationId,
      date_from: '2030-01-01',
      date_to: '2030-01-03',
      kind: 'closed',
      reason: 'Holidays',
    })
    expect(closed.statusCode).toBe(201)
    expect(closed.json()).toEqual({
      id: expect.any(Number),
      location_id: locationId,
      specialist_id: null,
      room_id: null,
      date_from: '2030-01-01',
      date_to: '2030-01-03',
      kind: 'closed',
      intervals: [],
      reason: 'Holidays',
      created_by: adminId,
      created_at: expect.any(String),
      recalc: { job_ids: ['job-1'] },
    })

    const blocked = await call('POST', '/api/admin/overrides', {
      specialist_id: specialistId,
      date_from: '2030-02-10',
      date_to: '2030-02-10',
      kind: 'blocked',
      intervals: [
        ['09:00', '10:30'],
        ['15:00', '16:00'],
      ],
    })
    expect(blocked.statusCode).toBe(201)
    const opened = await call('POST', '/api/admin/overrides', {
      room_id: roomId,
      date_from: '2030-03-07',
      date_to: '2030-03-08',
      kind: 'open',
      intervals: [['12:00', '24:00']],
    })
    expect(opened.statusCode).toBe(201)
    expect(changes).toEqual([
      { kind: 'override', locationId, dateFrom: '2030-01-01', dateTo: '2030-01-03' },
      { kind: 'override', specialistId, dateFrom: '2030-02-10', dateTo: '2030-02-10' },
      { kind: 'override', roomId, dateFrom: '2030-03-07', dateTo: '2030-03-08' },
    ])

    const all = (await call('GET', '/api/admin/overrides')).json()
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 })
    const forSpecialist = (await call('GET', `/api/admin/overrides?specialist_id=${specialistId}`)).json()
    expect(forSpecialist.items.map((o: { id: number }) => o.id)).toEqual([blocked.json().id])
    const inFebruary = (await call('GET', '/api/admin/overrides?from=2030-02-01&to=2030-02-28')).json()
    expect(inFebruary.items.map((o: { id: number }) => o.id)).toEqual([blocked.json().id])
    const page = (await call('GET', '/api/admin/overrides?limit=1&offset=1')).json()
    expect(page).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: blocked.json().id }] })
    expect((await call('GET', `/api/admin/overrides/${opened.json().id}`)).json().intervals).toEqual([
      ['12:00', '24:00'],
    ])

    const deleted = await call('DELETE', `/api/admin/overrides/${blocked.json().id}`)
    expect(deleted.json()).toEqual({ id: blocked.json().id, deleted: true, recalc: { job_ids: ['job-4'] } })
    expect(changes.at(-1)).toEqual({
      kind: 'override',
      specialistId,
      dateFrom: '2030-02-10',
      dateTo: '2030-02-10',
    })
    expect((await call('DELETE', `/api/admin/overrides/${blocked.json().id}`)).statusCode).toBe(404)
    expect((await call('GET', '/api/admin/overrides/999999')).statusCode).toBe(404)
  })

  const base = {
    date_from: '2030-05-01',
    date_to: '2030-05-01',
    kind: 'blocked',
    intervals: [['10:00', '11:00']],
  }
  it.each([
    ['no target', () => base, 'invalid_target'],
    ['two targets', () => ({ ...base, location_id: locationId, room_id: roomId }), 'invalid_target'],
    ['an unknown target', () => ({ ...base, room_id: 999999 }), 'unknown_reference'],
    ['February 30th', () => ({ ...base, location_id: locationId, date_from: '2026-02-30' }), 'invalid_input'],
    [
      'a date with a time',
      () => ({ ...base, location_id: locationId, date_to: '2030-05-01T00:00' }),
      'invalid_input',
    ],
    [
      'an end before the start',
      () => ({ ...base, location_id: locationId, date_from: '2030-05-02' }),
      'invalid_date_range',
    ],
    [
      'more than 366 days',
      () => ({ ...base, location_id: locationId, date_from: '2030-01-01', date_to: '2031-01-03' }),
      'invalid_date_range',
    ],
    ['an unknown kind', () => ({ ...base, location_id: locationId, kind: 'holiday' }), 'invalid_input'],
    [
      'a closed day with intervals',
      () => ({ ...base, location_id: locationId, kind: 'closed' }),
      'invalid_schedule',
    ],
    [
      'blocked without intervals',
      () => ({ ...base, location_id: locationId, intervals: [] }),
      'invalid_schedule',
    ],
    [
      'open without intervals',
      () => ({ location_id: locationId, date_from: '2030-05-01', date_to: '2030-05-01', kind: 'open' }),
      'invalid_schedule',
    ],
    [
      'overlapping intervals',
      () => ({
        ...base,
        location_id: locationId,
        intervals: [
          ['10:00', '12:00'],
          ['11:00', '13:00'],
        ],
      }),
      'invalid_schedule',
    ],
    [
      'an hour "9:00"',
      () => ({ ...base, location_id: locationId, intervals: [['9:00', '10:00']] }),
      'invalid_schedule',
    ],
    [
      'an off-grid minute',
      () => ({ ...base, location_id: locationId, intervals: [['09:00', '09:20']] }),
      'invalid_schedule',
    ],
    ['an unknown field', () => ({ ...base, location_id: locationId, all_day: true }), 'invalid_input'],
    ['a target id as a string', () => ({ ...base, location_id: String(locationId) }), 'invalid_input'],
  ])('refuses an override with %s and writes nothing', async (_what, body, code) => {
    const before = await count()
    changes.length = 0
    const res = await call('POST', '/api/admin/overrides', body())
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ error: code, message: expect.any(String) })
    expect(await count()).toBe(before)
    expect(changes).toEqual([])
  })

  it('accepts a range of exactly 366 days', async () => {
    const res = await call('POST', '/api/admin/overrides', {
      location_id: locationId,
      date_from: '2031-01-01',
      date_to: '2032-01-02',
      kind: 'closed',
    })
    expect(res.statusCode).toBe(201)
  })

  it('refuses malformed filters', async () => {
    for (const q of ['limit=101', 'limit=0', 'offset=-1', 'from=2030-13-01', 'room_id=x', 'colour=red']) {
      const res = await call('GET', `/api/admin/overrides?${q}`)
      expect(res.statusCode, q).toBe(422)
    }
  })

  it('refuses an override that starts before today in its target’s zone, for every kind of target', async () => {
    const zone = 'Pacific/Auckland'
    const far = await createLocation(env.db, { timezone: zone })
    const sp = await createSpecialist(env.db, far.id)
    const [room] = await env.db('rooms').insert({ location_id: far.id, name: 'Far' }).returning('id')
    const today = DateTime.now().setZone(zone).toISODate()!
    const yesterday = DateTime.now().setZone(zone).minus({ days: 1 }).toISODate()!
    const before = await count()
    for (const target of [{ location_id: far.id }, { specialist_id: sp.id }, { room_id: room.id }]) {
      const res = await call('POST', '/api/admin/overrides', {
        ...target,
        date_from: yesterday,
        date_to: today,
        kind: 'closed',
      })
      expect(res.statusCode, JSON.stringify(target)).toBe(422)
      expect(res.json()).toEqual({
        error: 'date_in_past',
        message: `date_from ${yesterday} is in the past (today is ${today} in ${zone}); give today or a later date.`,
      })
    }
    expect(await count()).toBe(before)
    const todays = await call('POST', '/api/admin/overrides', {
      room_id: room.id,
      date_from: today,
      date_to: today,
      kind: 'closed',
    })
    expect(todays.statusCode).toBe(201)
  })
})
