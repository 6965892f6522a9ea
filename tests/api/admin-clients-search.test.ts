import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let headers: Record<string, string>

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  headers = (await createUser(env.db, ['admin'], { name: 'Search Admin' })).headers
})
afterAll(async () => env?.close())

const search = async (q: string) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/admin/clients?q=${encodeURIComponent(q)}`,
    headers,
  })
  expect(res.statusCode).toBe(200)
  return (res.json() as { items: { name: string }[] }).items.map((c) => c.name)
}

describe('admin client search by phone', () => {
  it('finds a stored +7 number typed in the national 8… form, the international form or digits', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/clients',
      headers,
      payload: { name: 'Phone Searchable', phone: '+7 916 555-43-21' },
    })
    expect(res.statusCode).toBe(201)
    for (const q of ['8 916 555', '8916555', '+7 916 555-43', '9165554321']) {
      expect(await search(q)).toContain('Phone Searchable')
    }
    expect(await search('8 916 554')).not.toContain('Phone Searchable')
  })
})
