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
  headers = (await createUser(env.db, ['admin'], { name: 'Zed Admin' })).headers
})
afterAll(async () => env?.close())

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, headers, ...(payload !== undefined && { payload: payload as object }) })

const count = async () => Number((await env.db('users').count({ n: '*' }))[0]!.n)

describe('admin clients', () => {
  it('creates a client with the client role and no password', async () => {
    const res = await call('POST', '/api/admin/clients', {
      name: 'Olga Ivanova',
      phone: '+7 916 000-11-22',
      email: 'Olga@Example.com',
      birth_date: '1990-04-12',
      gender: 'female',
      language: 'en',
    })
    expect(res.statusCode).toBe(201)
    const client = res.json()
    expect(client).toEqual({
      id: expect.any(Number),
      name: 'Olga Ivanova',
      phone: '+79160001122',
      email: 'olga@example.com',
      tg_id: null,
      tg_username: null,
      birth_date: '1990-04-12',
      gender: 'female',
      notes: null,
      language: 'en',
      roles: ['client'],
      created_at: expect.any(String),
    })
    const stored = await env.db('users').where({ id: client.id }).first()
    expect(stored.password_hash).toBeNull()
    expect((await call('GET', `/api/admin/clients/${client.id}`)).json()).toEqual(client)
  })

  it('searches by name, e-mail and phone digits, a page at a time', async () => {
    for (let i = 0; i < 5; i++) {
      await createUser(env.db, ['client'], { name: `Searchable ${i}`, phone: `+7900000000${i}` })
    }
    await createUser(env.db, ['client'], { name: 'Percent %', email: 'pct@example.com' })
    await createUser(env.db, ['specialist'], { name: 'Searchable Specialist' })

    const byName = (await call('GET', '/api/admin/clients?q=searchable&limit=2&offset=1')).json()
    expect(byName.total).toBe(5)
    expect(byName.items.map((c: { name: string }) => c.name)).toEqual(['Searchable 1', 'Searchable 2'])
    expect(byName).toMatchObject({ limit: 2, offset: 1 })

    const byPhone = (await call('GET', `/api/admin/clients?q=${encodeURIComponent('900 000 0003')}`)).json()
    expect(byPhone.items.map((c: { name: string }) => c.name)).toEqual(['Searchable 3'])
    const byEmail = (await call('GET', '/api/admin/clients?q=PCT@')).json()
    expect(byEmail.items.map((c: { name: string }) => c.name)).toEqual(['Percent %'])
    // LIKE wildcards in the query are literal.
    const literal = (await call('GET', `/api/admin/clients?q=${encodeURIComponent('%')}`)).json()
    expect(literal.items.map((c: { name: string }) => c.name)).toEqual(['Percent %'])

    const everyone = (await call('GET', '/api/admin/clients')).json()
    expect(everyone.items.map((c: { name: string }) => c.name)).not.toContain('Zed Admin')
    expect(everyone.items.map((c: { name: string }) => c.name)).not.toContain('Searchable Specialist')

    for (const q of ['limit=101', 'limit=0', 'offset=-1', `q=${'x'.repeat(101)}`, 'q=%00', 'page=2']) {
      const res = await call('GET', `/api/admin/clients?${q}`)
      expect(res.statusCode, q).toBe(422)
      expect(res.json()).toEqual({ error: 'invalid_input', message: expect.any(String) })
    }
  })

  it('edits a client and clears optional fields with null', async () => {
    const client = (
      await call('POST', '/api/admin/clients', { name: 'Pavel', email: 'pavel@example.com' })
    ).json()
    const res = await call('PATCH', `/api/admin/clients/${client.id}`, {
      name: 'Pavel S.',
      email: null,
      notes: 'Prefers mornings',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ name: 'Pavel S.', email: null, notes: 'Prefers mornings' })
  })

  it('answers 404 for an unknown user and for a user who is not a client', async () => {
    const specialist = await createUser(env.db, ['specialist'])
    for (const id of [999999, specialist.id]) {
      expect((await call('GET', `/api/admin/clients/${id}`)).statusCode).toBe(404)
      expect((await call('PATCH', `/api/admin/clients/${id}`, { name: 'X' })).statusCode).toBe(404)
    }
    expect((await env.db('users').where({ id: specialist.id }).first()).name).not.toBe('X')
  })

  it.each([
    ['no name', { phone: '+79161234567' }, 422],
    ['a malformed phone', { name: 'A', phone: '12345' }, 422],
    ['a malformed e-mail', { name: 'A', email: 'not-an-email' }, 422],
    ['February 30th', { name: 'A', birth_date: '1990-02-30' }, 422],
    ['a birth date in the future', { name: 'A', birth_date: '2999-01-01' }, 422],
    ['an unknown gender', { name: 'A', gender: 'robot' }, 422],
    ['an unknown language', { name: 'A', language: 'de' }, 422],
    ['a password', { name: 'A', password: 'secret123' }, 422],
    ['roles', { name: 'A', roles: ['admin'] }, 422],
    ['a NUL in the name', { name: 'A\u0000B' }, 422],
  ])('refuses a client with %s and writes nothing', async (_what, body, status) => {
    const before = await count()
    const res = await call('POST', '/api/admin/clients', body)
    expect(res.statusCode).toBe(status)
    expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) })
    expect(await count()).toBe(before)
  })

  it('refuses a phone already in use with 409', async () => {
    await call('POST', '/api/admin/clients', { name: 'First', phone: '+79165550000' })
    const before = await count()
    const res = await call('POST', '/api/admin/clients', { name: 'Second', phone: '+79165550000' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'already_exists' })
    expect(await count()).toBe(before)
  })
})
