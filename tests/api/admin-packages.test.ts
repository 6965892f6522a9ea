import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createService, createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let headers: Record<string, string>
let serviceA: number
let serviceB: number
const changes: SetupChange[] = []

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  app.deps.onSetupChange = async (change) => {
    changes.push(change)
    return { job_ids: ['never'] }
  }
  headers = (await createUser(env.db, ['admin'])).headers
  serviceA = (await createService(env.db, { name: 'A' })).id
  serviceB = (await createService(env.db, { name: 'B' })).id
})
afterAll(async () => env?.close())

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) })

const count = async (table: string) => Number((await env.db(table).count({ n: '*' }))[0]!.n)

const valid = () => ({
  name: 'Ten visits',
  items: [
    { service_id: serviceA, count: 5 },
    { service_id: serviceB, count: 5 },
  ],
  valid_days: 90,
  price: 900000,
})

describe('admin packages', () => {
  it('creates, reads, lists, updates and deletes a package definition without recalcs', async () => {
    const created = await call('POST', '/api/admin/packages', valid())
    expect(created.statusCode).toBe(201)
    const pkg = created.json()
    expect(pkg).toEqual({ id: expect.any(Number), ...valid(), active: true })
    const stored = await env.db('service_packages').where({ id: pkg.id }).first()
    expect(stored.composition).toEqual({ items: valid().items, valid_days: 90 })

    expect((await call('GET', `/api/admin/packages/${pkg.id}`)).json()).toEqual(pkg)
    expect((await call('GET', '/api/admin/packages')).json().items).toContainEqual(pkg)

    const longer = await call('PATCH', `/api/admin/packages/${pkg.id}`, { valid_days: 120, active: false })
    expect(longer.json()).toEqual({ ...pkg, valid_days: 120, active: false })
    const fewer = await call('PATCH', `/api/admin/packages/${pkg.id}`, {
      items: [{ service_id: serviceA, count: 3 }],
    })
    expect(fewer.json()).toMatchObject({ items: [{ service_id: serviceA, count: 3 }], valid_days: 120 })

    const deleted = await call('DELETE', `/api/admin/packages/${pkg.id}`)
    expect(deleted.json()).toEqual({ id: pkg.id, deleted: true })
    expect((await call('GET', `/api/admin/packages/${pkg.id}`)).statusCode).toBe(404)
    expect(changes).toEqual([])
  })

  it.each([
    [
      'an unknown service',
      () => ({ ...valid(), items: [{ service_id: 999999, count: 1 }] }),
      'unknown_service',
    ],
    [
      'a service listed twice',
      () => ({ ...valid(), items: [valid().items[0], valid().items[0]] }),
      'invalid_input',
    ],
    ['no items', () => ({ ...valid(), items: [] }), 'invalid_input'],
    ['a zero count', () => ({ ...valid(), items: [{ service_id: serviceA, count: 0 }] }), 'invalid_input'],
    [
      'a fractional count',
      () => ({ ...valid(), items: [{ service_id: serviceA, count: 1.5 }] }),
      'invalid_input',
    ],
    ['zero valid days', () => ({ ...valid(), valid_days: 0 }), 'invalid_input'],
    ['a negative price', () => ({ ...valid(), price: -100 }), 'invalid_input'],
    ['a float price', () => ({ ...valid(), price: 99.99 }), 'invalid_input'],
    [
      'an unknown item field',
      () => ({ ...valid(), items: [{ service_id: serviceA, count: 1, x: 1 }] }),
      'invalid_input',
    ],
    [
      'items as an object',
      () => ({ ...valid(), items: { service_id: serviceA, count: 1 } }),
      'invalid_input',
    ],
  ])('refuses a package with %s and writes nothing', async (_what, body, code) => {
    const before = await count('service_packages')
    const res = await call('POST', '/api/admin/packages', body())
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ error: code, message: expect.any(String) })
    expect(await count('service_packages')).toBe(before)
  })

  it('refuses a change to unknown services and leaves the package as it was', async () => {
    const pkg = (await call('POST', '/api/admin/packages', valid())).json()
    const res = await call('PATCH', `/api/admin/packages/${pkg.id}`, {
      items: [{ service_id: 999999, count: 1 }],
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error).toBe('unknown_service')
    expect((await call('GET', `/api/admin/packages/${pkg.id}`)).json()).toEqual(pkg)
    expect((await call('PATCH', '/api/admin/packages/999999', { price: 1 })).statusCode).toBe(404)
  })

  it('refuses to delete a package a client bought (409)', async () => {
    const pkg = (await call('POST', '/api/admin/packages', valid())).json()
    const client = await createUser(env.db, ['client'])
    await env.db('client_packages').insert({
      client_id: client.id,
      service_package_id: pkg.id,
      price_paid: pkg.price,
      expires_at: new Date(Date.now() + 90 * 86400_000),
    })
    const res = await call('DELETE', `/api/admin/packages/${pkg.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'in_use' })
    expect(await env.db('service_packages').where({ id: pkg.id }).first()).toBeDefined()
  })
})
