// The whole catalogue built through the admin API, then read through the public one, with the
// recalc hook told of every availability change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createService, createSpecialist, createUser, weekdays } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let admin: Awaited<ReturnType<typeof createUser>>
const changes: SetupChange[] = []

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  app.deps.onSetupChange = async (change) => {
    changes.push(change)
    return { job_ids: [`job-${changes.length}`] }
  }
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

const as = (headers: Record<string, string>) => ({
  post: (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers }),
  put: (url: string, payload: unknown) =>
    app.inject({ method: 'PUT', url, payload: payload as object, headers }),
  patch: (url: string, payload: unknown) =>
    app.inject({ method: 'PATCH', url, payload: payload as object, headers }),
})

describe('catalogue built by an admin', () => {
  it('shows a location, a service needing a room and a scheduled specialist to anyone', async () => {
    const a = as(admin.headers)
    changes.length = 0

    const location = await a.post('/api/admin/locations', {
      name: 'Centre',
      address: '1 Main St',
      timezone: 'Europe/Berlin',
      work_schedule: weekdays([['09:00', '20:00']]),
    })
    expect(location.statusCode).toBe(201)
    const locationId = location.json().id as number
    expect(location.json()).toMatchObject({
      timezone: 'Europe/Berlin',
      active: true,
      recalc: { job_ids: ['job-1'] },
    })
    expect(changes[0]).toEqual({ kind: 'location_schedule', locationId })

    const room = await a.post(`/api/admin/locations/${locationId}/rooms`, { name: 'Cabin 1' })
    expect(room.statusCode).toBe(201)
    const roomId = room.json().id as number
    expect(changes.at(-1)).toEqual({ kind: 'room', roomId })

    const service = await a.post('/api/admin/services', {
      name: 'Massage',
      description: 'Relaxing',
      duration_minutes: 50,
      break_minutes: 10,
      price: 300000,
    })
    expect(service.statusCode).toBe(201)
    const serviceId = service.json().id as number
    expect(service.json()).toMatchObject({ room_ids: [], recalc: null })

    const rooms = await a.put(`/api/admin/services/${serviceId}/rooms`, { room_ids: [roomId] })
    expect(rooms.statusCode).toBe(200)
    expect(rooms.json()).toMatchObject({ room_ids: [roomId] })
    expect(changes.at(-1)).toEqual({ kind: 'service', serviceId })

    const specialist = await a.post('/api/admin/specialists', {
      name: 'Anna Petrova',
      phone: '+7 999 123-45-67',
      email: 'Anna@Example.com',
      location_id: locationId,
      title: 'Masseuse',
      work_schedule: {
        '0': [
          ['10:00', '14:00'],
          ['15:00', '19:00'],
        ],
        '6': [],
      },
    })
    expect(specialist.statusCode).toBe(201)
    const sp = specialist.json()
    expect(sp).toMatchObject({
      name: 'Anna Petrova',
      phone: '+79991234567',
      email: 'anna@example.com',
      work_schedule: {
        '0': [
          ['10:00', '14:00'],
          ['15:00', '19:00'],
        ],
        '6': [],
      },
      services: [],
    })
    expect(changes.at(-1)).toEqual({ kind: 'specialist_schedule', specialistId: sp.id })
    const roles = await env.db('user_roles').where({ user_id: sp.user_id }).pluck('role')
    expect(roles).toEqual(['specialist'])

    const offered = await a.put(`/api/admin/specialists/${sp.id}/services`, {
      services: [{ service_id: serviceId, price: 350000 }],
    })
    expect(offered.statusCode).toBe(200)
    expect(offered.json().services).toEqual([
      { service_id: serviceId, price: 350000, duration_minutes: null },
    ])

    const override = await a.post('/api/admin/overrides', {
      specialist_id: sp.id,
      date_from: '2030-03-01',
      date_to: '2030-03-02',
      kind: 'blocked',
      intervals: [['12:00', '13:00']],
      reason: 'Training',
    })
    expect(override.statusCode).toBe(201)
    expect(override.json()).toMatchObject({
      kind: 'blocked',
      intervals: [['12:00', '13:00']],
      created_by: admin.id,
    })
    expect(changes.at(-1)).toEqual({
      kind: 'override',
      specialistId: sp.id,
      dateFrom: '2030-03-01',
      dateTo: '2030-03-02',
    })

    const pkg = await a.post('/api/admin/packages', {
      name: '5 massages',
      items: [{ service_id: serviceId, count: 5 }],
      valid_days: 90,
      price: 1400000,
    })
    expect(pkg.statusCode).toBe(201)

    // The public side: no token needed.
    const services = await app.inject({ url: '/api/services' })
    expect(services.statusCode).toBe(200)
    expect(services.json().items).toContainEqual({
      id: serviceId,
      name: 'Massage',
      description: 'Relaxing',
      duration_minutes: 50,
      break_minutes: 10,
      price: 300000,
      needs_room: true,
      category: null,
      // Its only specialist charges their own price: that is what a client pays.
      price_from: 350000,
      price_to: 350000,
      duration_minutes_from: 50,
      duration_minutes_to: 50,
    })

    const specialists = await app.inject({ url: `/api/specialists?service_id=${serviceId}` })
    expect(specialists.json().items).toEqual([
      {
        id: sp.id,
        name: 'Anna Petrova',
        title: 'Masseuse',
        location_id: locationId,
        photo_url: null,
        service_ids: [serviceId],
        services: [{ service_id: serviceId, price: 350000, duration_minutes: 50 }],
        price: 350000,
        duration_minutes: 50,
      },
    ])

    const locations = await app.inject({ url: '/api/locations' })
    expect(locations.json().items).toContainEqual({
      id: locationId,
      name: 'Centre',
      address: '1 Main St',
      timezone: 'Europe/Berlin',
    })

    const packages = await app.inject({ url: '/api/packages' })
    expect(packages.json().items).toContainEqual({
      id: pkg.json().id,
      name: '5 massages',
      items: [{ service_id: serviceId, count: 5 }],
      valid_days: 90,
      price: 1400000,
    })
  })
})

describe('public catalogue', () => {
  it('hides inactive services, specialists, locations and packages', async () => {
    const open = await createLocation(env.db, { name: 'Open' })
    const closed = await createLocation(env.db, { name: 'Closed', active: false })
    const live = await createService(env.db, { name: 'Live' })
    const retired = await createService(env.db, { name: 'Retired', active: false })
    const working = await createSpecialist(env.db, open.id, [live.id, retired.id])
    const away = await createSpecialist(env.db, open.id, [live.id], { active: false })
    const elsewhere = await createSpecialist(env.db, closed.id, [live.id])
    await env.db('service_packages').insert([
      {
        name: 'On sale',
        composition: { items: [{ service_id: live.id, count: 2 }], valid_days: 30 },
        price: 1,
      },
      { name: 'Withdrawn', composition: { items: [], valid_days: 30 }, price: 1, active: false },
    ])

    const services = (await app.inject({ url: '/api/services' })).json().items as { id: number }[]
    expect(services.map((s) => s.id)).toContain(live.id)
    expect(services.map((s) => s.id)).not.toContain(retired.id)

    const specialists = (await app.inject({ url: `/api/specialists?service_id=${live.id}` })).json()
      .items as {
      id: number
      service_ids: number[]
    }[]
    expect(specialists.map((s) => s.id)).toEqual([working.id])
    expect(specialists[0]!.service_ids).toEqual([live.id])
    expect(specialists.map((s) => s.id)).not.toContain(away.id)
    expect(specialists.map((s) => s.id)).not.toContain(elsewhere.id)

    const byLocation = (await app.inject({ url: `/api/specialists?location_id=${closed.id}` })).json().items
    expect(byLocation).toEqual([])
    const byRetired = (await app.inject({ url: `/api/specialists?service_id=${retired.id}` })).json().items
    expect(byRetired).toEqual([])

    const locations = (await app.inject({ url: '/api/locations' })).json().items as { name: string }[]
    expect(locations.map((l) => l.name)).toContain('Open')
    expect(locations.map((l) => l.name)).not.toContain('Closed')

    const packages = (await app.inject({ url: '/api/packages' })).json().items as { name: string }[]
    expect(packages.map((p) => p.name)).toContain('On sale')
    expect(packages.map((p) => p.name)).not.toContain('Withdrawn')
  })

  it('refuses malformed filters with a 422', async () => {
    for (const url of [
      '/api/specialists?service_id=abc',
      '/api/specialists?location_id=0',
      '/api/specialists?x=1',
    ]) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(422)
      expect(res.json()).toMatchObject({ error: 'invalid_input', message: expect.any(String) })
    }
  })

  it('is documented in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json()
    for (const path of ['/api/services', '/api/specialists', '/api/locations', '/api/packages']) {
      expect(doc.paths[path]?.get, path).toBeDefined()
    }
    expect(doc.paths['/api/admin/locations/{id}']?.patch).toBeDefined()
  })
})
