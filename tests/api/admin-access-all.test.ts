// Every `/api/admin/*` operation that openapi.json documents refuses anonymous callers (401),
// clients (403) and specialists (403), and none of them changes a row of any table. The list is
// read from the document, not written here, so an admin route added later is covered as soon as
// `npm run openapi` has documented it. Path parameters name rows that exist, so a refusal cannot
// come from a 404 that happened to be checked first.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createCompany,
  createLocation,
  createRoom,
  createService,
  createSpecialist,
  createUser,
} from '../helpers/fixtures.ts'

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
const METHODS: Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']

const document = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>
}
const operations = Object.entries(document.paths)
  .filter(([path]) => path === '/api/admin' || path.startsWith('/api/admin/'))
  .flatMap(([path, item]) =>
    METHODS.filter((m) => item[m.toLowerCase()] !== undefined).map((method) => ({ method, path })),
  )

let env: TestEnv
let app: FastifyInstance
/** An existing row for the `{id}` of each collection, by the path segment before it. */
const ids: Record<string, number | string> = {}
let source = ''

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  const { db } = env
  await createCompany(db)
  const location = await createLocation(db)
  const service = await createService(db)
  const specialist = await createSpecialist(db, location.id, [service.id])
  const room = await createRoom(db, location.id, [service.id])
  const client = await createUser(db, ['client'])
  const [pkg] = await db('service_packages')
    .insert({ name: 'P', composition: { items: [], valid_days: 1 }, price: 1 })
    .returning('id')
  const [category] = await db('service_categories').insert({ name: 'C' }).returning('id')
  const [discount] = await db('client_discounts')
    .insert({ client_id: client.id, kind: 'percent', value: 10 })
    .returning('id')
  const [override] = await db('calendar_overrides')
    .insert({
      location_id: location.id,
      date_from: '2030-01-01',
      date_to: '2030-01-01',
      kind: 'closed',
      intervals: '[]',
    })
    .returning('id')
  const starts = new Date('2030-01-02T09:00:00Z')
  const [booking] = await db('bookings')
    .insert({
      client_id: client.id,
      specialist_id: specialist.id,
      service_id: service.id,
      location_id: location.id,
      starts_at: starts,
      duration_minutes: 60,
      break_minutes: 0,
      ends_at: new Date(starts.getTime() + 3_600_000),
      busy_until: new Date(starts.getTime() + 3_600_000),
      status: 'confirmed',
      price: 1000,
      base_price: 1000,
      payment_method: 'on_site',
    })
    .returning('id')
  source = 'work.ics'
  await db('calendar_imports').insert({
    specialist_id: specialist.id,
    source,
    window_from: '2030-01-01',
    window_to: '2030-01-31',
    busy_count: 0,
  })
  Object.assign(ids, {
    bookings: booking.id,
    clients: client.id,
    discounts: discount.id,
    // Bulk jobs live in the queue, not in a table; a refusal must come before the lookup anyway.
    jobs: 'bulk-1',
    locations: location.id,
    overrides: override.id,
    packages: pkg.id,
    rooms: room.id,
    'service-categories': category.id,
    services: service.id,
    specialists: specialist.id,
  })
}, 60_000)
afterAll(async () => env?.close())

/** The operation's URL with its path parameters filled from the rows made above. */
function urlOf(path: string): string {
  const segments = path.split('/')
  return segments
    .map((segment, i) => {
      if (segment === '{source}') return encodeURIComponent(source)
      if (!/^\{\w+\}$/.test(segment)) return segment
      // A collection added after this test was written gets an id that names nothing: its refusal
      // is still checked, but a row for it belongs in beforeAll.
      return String(ids[segments[i - 1]!] ?? 2147483647)
    })
    .join('/')
}

/** Every row of every table, so that a refusal that still wrote something shows up. */
async function snapshot() {
  const { rows } = (await env.db.raw(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
        AND tablename NOT LIKE 'knex_migrations%' ORDER BY tablename`,
  )) as { rows: { tablename: string }[] }
  const out: Record<string, unknown[]> = {}
  for (const { tablename } of rows) {
    const { rows: data } = (await env.db.raw(`SELECT to_jsonb(t)::text AS row FROM ?? AS t ORDER BY 1`, [
      tablename,
    ])) as { rows: { row: string }[] }
    out[tablename] = data.map((r) => r.row)
  }
  return out
}

const call = (method: Method, path: string, headers: Record<string, string> = {}) =>
  app.inject({
    method,
    url: urlOf(path),
    headers,
    // A body a caller might send; the access rule is checked before it is read.
    ...(method !== 'GET' && method !== 'DELETE' && { payload: {} }),
  })

describe('every admin operation of the API document', () => {
  it('is read from openapi.json, with a row for the parameter of each collection', () => {
    // The document holds the catalogue, clients, money, jobs, analytics and imports at least.
    expect(operations.length).toBeGreaterThan(60)
    const collections = operations
      .filter(({ path }) => path.includes('{'))
      .map(({ path }) => path.split('/')[3]!)
    expect(collections.filter((c) => ids[c] === undefined)).toEqual([])
  })

  it('refuses anonymous callers with 401, and changes nothing', async () => {
    const before = await snapshot()
    for (const { method, path } of operations) {
      const res = await call(method, path)
      expect(res.statusCode, `${method} ${path}`).toBe(401)
      expect(res.json(), `${method} ${path}`).toEqual({ error: 'unauthorized', message: expect.any(String) })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a client and a specialist with 403, and changes nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const specialist = await createUser(env.db, ['specialist'])
    const before = await snapshot()
    for (const user of [client, specialist]) {
      for (const { method, path } of operations) {
        const res = await call(method, path, user.headers)
        expect(res.statusCode, `${user === client ? 'client' : 'specialist'} ${method} ${path}`).toBe(403)
        expect(res.json(), `${method} ${path}`).toEqual({ error: 'forbidden', message: expect.any(String) })
      }
    }
    expect(await snapshot()).toEqual(before)
  })
})
