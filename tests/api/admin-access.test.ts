// Every admin catalogue route refuses anonymous callers (401) and non-admins (403) before it reads
// or writes anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createService, createSpecialist, createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let ids: { location: number; room: number; service: number; specialist: number; client: number; pkg: number }
const changes: SetupChange[] = []

const TABLES = [
  'locations',
  'rooms',
  'services',
  'service_rooms',
  'service_packages',
  'specialists',
  'specialist_services',
  'calendar_overrides',
  'users',
  'user_roles',
]

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  app.deps.onSetupChange = async (change) => {
    changes.push(change)
    return { job_ids: [] }
  }
  const location = await createLocation(env.db)
  const service = await createService(env.db)
  const specialist = await createSpecialist(env.db, location.id, [service.id])
  const [room] = await env.db('rooms').insert({ location_id: location.id, name: 'R' }).returning('id')
  const [pkg] = await env
    .db('service_packages')
    .insert({ name: 'P', composition: { items: [], valid_days: 1 }, price: 1 })
    .returning('id')
  const client = await createUser(env.db, ['client'])
  ids = {
    location: location.id,
    room: room!.id,
    service: service.id,
    specialist: specialist.id,
    client: client.id,
    pkg: pkg!.id,
  }
})
afterAll(async () => env?.close())

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
const routes = (): [Method, string, unknown?][] => [
  ['GET', '/api/admin/locations'],
  ['POST', '/api/admin/locations', { name: 'X', timezone: 'Europe/Moscow' }],
  ['GET', `/api/admin/locations/${ids.location}`],
  ['PATCH', `/api/admin/locations/${ids.location}`, { name: 'X' }],
  ['PUT', `/api/admin/locations/${ids.location}/schedule`, { work_schedule: {} }],
  ['DELETE', `/api/admin/locations/${ids.location}`],
  ['GET', `/api/admin/locations/${ids.location}/rooms`],
  ['POST', `/api/admin/locations/${ids.location}/rooms`, { name: 'New room' }],
  ['GET', '/api/admin/rooms'],
  ['GET', `/api/admin/rooms/${ids.room}`],
  ['PATCH', `/api/admin/rooms/${ids.room}`, { active: false }],
  ['DELETE', `/api/admin/rooms/${ids.room}`],
  ['GET', '/api/admin/services'],
  ['POST', '/api/admin/services', { name: 'S', duration_minutes: 30, price: 1 }],
  ['GET', `/api/admin/services/${ids.service}`],
  ['PATCH', `/api/admin/services/${ids.service}`, { price: 2 }],
  ['PUT', `/api/admin/services/${ids.service}/rooms`, { room_ids: [ids.room] }],
  ['DELETE', `/api/admin/services/${ids.service}`],
  ['GET', '/api/admin/packages'],
  [
    'POST',
    '/api/admin/packages',
    { name: 'P', items: [{ service_id: ids.service, count: 1 }], valid_days: 1, price: 1 },
  ],
  ['GET', `/api/admin/packages/${ids.pkg}`],
  ['PATCH', `/api/admin/packages/${ids.pkg}`, { price: 2 }],
  ['DELETE', `/api/admin/packages/${ids.pkg}`],
  ['GET', '/api/admin/specialists'],
  ['POST', '/api/admin/specialists', { name: 'New', location_id: ids.location }],
  ['GET', `/api/admin/specialists/${ids.specialist}`],
  ['PATCH', `/api/admin/specialists/${ids.specialist}`, { title: 'X' }],
  ['PUT', `/api/admin/specialists/${ids.specialist}/schedule`, { work_schedule: {} }],
  ['PUT', `/api/admin/specialists/${ids.specialist}/services`, { services: [] }],
  ['DELETE', `/api/admin/specialists/${ids.specialist}`],
  ['GET', '/api/admin/overrides'],
  [
    'POST',
    '/api/admin/overrides',
    { location_id: ids.location, date_from: '2030-01-01', date_to: '2030-01-01', kind: 'closed' },
  ],
  ['GET', '/api/admin/overrides/1'],
  ['DELETE', '/api/admin/overrides/1'],
  ['GET', '/api/admin/clients'],
  ['POST', '/api/admin/clients', { name: 'C' }],
  ['GET', `/api/admin/clients/${ids.client}`],
  ['PATCH', `/api/admin/clients/${ids.client}`, { name: 'C' }],
]

async function snapshot() {
  const out: Record<string, unknown[]> = {}
  for (const table of TABLES) out[table] = await env.db(table).select('*').orderByRaw('1, 2')
  return out
}

describe('admin catalogue access', () => {
  it('refuses anonymous callers with 401 and writes nothing', async () => {
    const before = await snapshot()
    for (const [method, url, payload] of routes()) {
      const res = await app.inject({
        method,
        url,
        ...(payload !== undefined && { payload: payload as object }),
      })
      expect(res.statusCode, `${method} ${url}`).toBe(401)
      expect(res.json()).toEqual({ error: 'unauthorized', message: expect.any(String) })
    }
    expect(await snapshot()).toEqual(before)
    expect(changes).toEqual([])
  })

  it('refuses clients and specialists with 403 and writes nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const specialist = await createUser(env.db, ['specialist'])
    const before = await snapshot()
    for (const user of [client, specialist]) {
      for (const [method, url, payload] of routes()) {
        const res = await app.inject({
          method,
          url,
          headers: user.headers,
          ...(payload !== undefined && { payload: payload as object }),
        })
        expect(res.statusCode, `${method} ${url}`).toBe(403)
        expect(res.json()).toEqual({ error: 'forbidden', message: expect.any(String) })
      }
    }
    expect(await snapshot()).toEqual(before)
    expect(changes).toEqual([])
  })

  it('lets an admin through', async () => {
    const admin = await createUser(env.db, ['admin'])
    for (const [method, url] of routes().filter(([m]) => m === 'GET')) {
      const res = await app.inject({ method, url, headers: admin.headers })
      expect([200, 404], `${method} ${url}`).toContain(res.statusCode)
    }
  })

  it('documents every admin route in OpenAPI with a tag and a response schema', async () => {
    const doc = (await app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>
    }
    for (const [method, url] of routes()) {
      const path = url.replace(/\/\d+(?=\/|$)/g, '/{id}')
      const op = doc.paths[path]?.[method.toLowerCase()]
      expect(op, `${method} ${path}`).toBeDefined()
      expect(op!.tags?.length, `${method} ${path}`).toBeGreaterThan(0)
      const statuses = Object.keys(op!.responses ?? {})
      expect(statuses.includes('200') || statuses.includes('201'), `${method} ${path}`).toBe(true)
    }
  })
})
