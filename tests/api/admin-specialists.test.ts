import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createService, createSpecialist, createUser, weekdays } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let headers: Record<string, string>
let locationId: number
const changes: SetupChange[] = []

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  app.deps.onSetupChange = async (change) => {
    changes.push(change)
    return { job_ids: [`job-${changes.length}`] }
  }
  headers = (await createUser(env.db, ['admin'])).headers
  locationId = (await createLocation(env.db)).id
})
afterAll(async () => env?.close())

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) })

const counts = async () => {
  const n = async (table: string) => Number((await env.db(table).count({ n: '*' }))[0]!.n)
  return { users: await n('users'), roles: await n('user_roles'), specialists: await n('specialists') }
}

const schedule = weekdays([['10:00', '19:00']])

describe('admin specialists', () => {
  it('makes an existing user a specialist, with the role', async () => {
    const user = await createUser(env.db, ['client'])
    changes.length = 0
    const res = await call('POST', '/api/admin/specialists', {
      user_id: user.id,
      location_id: locationId,
      title: 'Barber',
      work_schedule: schedule,
    })
    expect(res.statusCode).toBe(201)
    const sp = res.json()
    expect(sp).toEqual({
      id: expect.any(Number),
      user_id: user.id,
      name: user.name,
      phone: null,
      email: null,
      location_id: locationId,
      title: 'Barber',
      work_schedule: schedule,
      active: true,
      services: [],
      photo_url: null,
      recalc: { job_ids: ['job-1'] },
    })
    expect(changes).toEqual([{ kind: 'specialist_schedule', specialistId: sp.id }])
    const roles = await env.db('user_roles').where({ user_id: user.id }).orderBy('role').pluck('role')
    expect(roles).toEqual(['client', 'specialist'])

    const again = await call('POST', '/api/admin/specialists', { user_id: user.id, location_id: locationId })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ error: 'already_exists' })
  })

  it.each([
    ['both user_id and name', (u: number) => ({ user_id: u, name: 'X', location_id: locationId })],
    ['neither user_id nor name', () => ({ location_id: locationId })],
    ['a phone with user_id', (u: number) => ({ user_id: u, phone: '+79990000000', location_id: locationId })],
    ['an unknown user', () => ({ user_id: 999999, location_id: locationId })],
    ['an unknown location', () => ({ name: 'New', location_id: 999999 })],
    ['no location', () => ({ name: 'New' })],
    ['a malformed phone', () => ({ name: 'New', phone: '8999', location_id: locationId })],
    ['a malformed e-mail', () => ({ name: 'New', email: 'nobody', location_id: locationId })],
    ['a schedule with day "7"', () => ({ name: 'New', location_id: locationId, work_schedule: { '7': [] } })],
    [
      'a schedule off the grid',
      () => ({ name: 'New', location_id: locationId, work_schedule: { '1': [['10:05', '12:00']] } }),
    ],
    ['an unknown field', () => ({ name: 'New', location_id: locationId, salary: 1 })],
    ['a title of the wrong type', () => ({ name: 'New', location_id: locationId, title: ['x'] })],
  ])('refuses a specialist with %s and writes nothing', async (_what, body) => {
    const user = await createUser(env.db, ['client'])
    const before = await counts()
    const res = await call('POST', '/api/admin/specialists', body(user.id))
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) })
    expect(await counts()).toEqual(before)
  })

  it('creates the user together with the specialist, and refuses a phone already in use', async () => {
    const res = await call('POST', '/api/admin/specialists', {
      name: 'Ivan',
      phone: '+7 (999) 555-00-11',
      location_id: locationId,
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: 'Ivan', phone: '+79995550011', work_schedule: {} })
    const before = await counts()
    const dup = await call('POST', '/api/admin/specialists', {
      name: 'Ivan 2',
      phone: '+79995550011',
      location_id: locationId,
    })
    expect(dup.statusCode).toBe(409)
    expect(await counts()).toEqual(before)
  })

  it('updates a specialist: the title changes no grid, the location and schedule do', async () => {
    const sp = await createSpecialist(env.db, locationId)
    const other = await createLocation(env.db, { name: 'Other' })
    changes.length = 0
    const titled = await call('PATCH', `/api/admin/specialists/${sp.id}`, {
      title: 'Senior',
      name: 'Renamed',
    })
    expect(titled.json()).toMatchObject({ title: 'Senior', name: 'Renamed', recalc: null })
    expect(changes).toEqual([])

    const moved = await call('PATCH', `/api/admin/specialists/${sp.id}`, { location_id: other.id })
    expect(moved.json()).toMatchObject({ location_id: other.id, recalc: { job_ids: ['job-1'] } })

    const hours = { '2': [['08:00', '12:00']] }
    const put = await call('PUT', `/api/admin/specialists/${sp.id}/schedule`, { work_schedule: hours })
    expect(put.json()).toMatchObject({ work_schedule: hours, recalc: { job_ids: ['job-2'] } })
    expect(changes).toEqual([
      { kind: 'specialist_schedule', specialistId: sp.id },
      { kind: 'specialist_schedule', specialistId: sp.id },
    ])

    const before = await env.db('specialists').where({ id: sp.id }).first()
    for (const body of [
      {
        work_schedule: {
          '0': [
            ['12:00', '14:00'],
            ['09:00', '10:00'],
          ],
        },
      },
      {
        work_schedule: {
          '0': [
            ['09:00', '12:00'],
            ['11:45', '13:00'],
          ],
        },
      },
      { work_schedule: 'mon-fri' },
    ]) {
      const bad = await call('PUT', `/api/admin/specialists/${sp.id}/schedule`, body)
      expect(bad.statusCode, JSON.stringify(body)).toBe(422)
    }
    const badPatch = await call('PATCH', `/api/admin/specialists/${sp.id}`, { location_id: 999999 })
    expect(badPatch.statusCode).toBe(422)
    expect(badPatch.json().error).toBe('unknown_reference')
    expect(await env.db('specialists').where({ id: sp.id }).first()).toEqual(before)

    expect((await call('PATCH', '/api/admin/specialists/999999', { title: 'x' })).statusCode).toBe(404)
    expect(
      (await call('PUT', '/api/admin/specialists/999999/schedule', { work_schedule: {} })).statusCode,
    ).toBe(404)
  })

  it('replaces the services a specialist performs, refusing unknown or repeated ones', async () => {
    const sp = await createSpecialist(env.db, locationId)
    const a = await createService(env.db, { name: 'A' })
    const b = await createService(env.db, { name: 'B' })
    changes.length = 0
    const set = await call('PUT', `/api/admin/specialists/${sp.id}/services`, {
      services: [{ service_id: b.id, duration_minutes: 90 }, { service_id: a.id }],
    })
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({
      services: [
        { service_id: a.id, price: null, duration_minutes: null },
        { service_id: b.id, price: null, duration_minutes: 90 },
      ],
      recalc: { job_ids: ['job-1'] },
    })
    const listed = (await call('GET', `/api/admin/specialists?service_id=${b.id}`)).json().items
    expect(listed.map((s: { id: number }) => s.id)).toEqual([sp.id])

    for (const body of [
      { services: [{ service_id: 999999 }] },
      { services: [{ service_id: a.id }, { service_id: a.id, price: 5 }] },
      { services: [{ service_id: a.id, price: -1 }] },
      { services: [{ service_id: a.id, duration_minutes: 0 }] },
      { services: [{ service_id: a.id, extra: true }] },
    ]) {
      const res = await call('PUT', `/api/admin/specialists/${sp.id}/services`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
    }
    const stored = await env.db('specialist_services').where({ specialist_id: sp.id }).orderBy('service_id')
    expect(stored.map((r) => r.service_id)).toEqual([a.id, b.id])
    expect((await call('PUT', '/api/admin/specialists/999999/services', { services: [] })).statusCode).toBe(
      404,
    )
  })

  it('deletes a specialist without bookings and takes the role; refuses one with bookings', async () => {
    const sp = await createSpecialist(env.db, locationId)
    changes.length = 0
    const res = await call('DELETE', `/api/admin/specialists/${sp.id}`)
    expect(res.json()).toEqual({ id: sp.id, deleted: true, recalc: { job_ids: ['job-1'] } })
    expect(await env.db('user_roles').where({ user_id: sp.user.id })).toEqual([])
    expect(await env.db('users').where({ id: sp.user.id }).first()).toBeDefined()

    const svc = await createService(env.db)
    const busy = await createSpecialist(env.db, locationId, [svc.id])
    const client = await createUser(env.db, ['client'])
    await env.db('bookings').insert({
      client_id: client.id,
      specialist_id: busy.id,
      service_id: svc.id,
      location_id: locationId,
      starts_at: '2030-01-01T10:00:00Z',
      duration_minutes: 60,
      ends_at: '2030-01-01T11:00:00Z',
      busy_until: '2030-01-01T11:00:00Z',
      price: 1,
      base_price: 1,
    })
    const refused = await call('DELETE', `/api/admin/specialists/${busy.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'in_use' })
    expect(await env.db('user_roles').where({ user_id: busy.user.id }).pluck('role')).toEqual(['specialist'])
    expect((await call('DELETE', `/api/admin/specialists/${busy.id + 1000}`)).statusCode).toBe(404)
  })
})
