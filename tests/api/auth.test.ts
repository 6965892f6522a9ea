import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createSpecialist, createUser } from '../helpers/fixtures.ts'
import { LIMITS } from '../../src/api/routes/auth.ts'
import { clientKey } from '../../src/api/plugins/rate-limit.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
})
afterAll(async () => env?.close())

// Every test speaks from its own address, so rate-limit counters never leak between tests.
let nextIp = 0
const freshIp = () => `10.1.${Math.floor(++nextIp / 250)}.${(nextIp % 250) + 1}`
const uniq = () => randomBytes(4).toString('hex')
const PASSWORD = 'correct horse battery'
const USER_KEYS = [
  'email',
  'id',
  'language',
  'name',
  'phone',
  'roles',
  'specialist_id',
  'tg_id',
  'tg_username',
]

const post = (
  url: string,
  payload: unknown,
  remoteAddress = freshIp(),
  headers: Record<string, string> = {},
) => app.inject({ method: 'POST', url, payload: payload as object, remoteAddress, headers })
const register = (payload: Record<string, unknown>, ip?: string) => post('/api/auth/register', payload, ip)
const login = (loginId: string, password: string, ip?: string, headers?: Record<string, string>) =>
  post('/api/auth/login', { login: loginId, password }, ip, headers)
const me = (token: string) => app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })
const userCount = async () => Number((await env.db('users').count({ n: '*' }).first())!.n)

describe('register', () => {
  it('registers by e-mail: 201, a working token, role client, the e-mail normalised, a hashed password', async () => {
    const email = `Anna.${uniq()}@Example.COM`
    const res = await register({ name: '  Anna  ', email: `  ${email} `, password: PASSWORD, language: 'en' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(['token', 'user'])
    expect(Object.keys(body.user).sort()).toEqual(USER_KEYS)
    expect(body.user).toMatchObject({
      name: 'Anna',
      email: email.toLowerCase(),
      phone: null,
      language: 'en',
      roles: ['client'],
      specialist_id: null,
    })
    const row = await env.db('users').where({ id: body.user.id }).first()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(row.password_hash).not.toContain(PASSWORD)
    const again = await me(body.token)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(body.user)
  })

  it('registers by phone, stripping spaces, dashes and parentheses; logs in with another spelling', async () => {
    const digits = `7999${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const spaced = `+${digits.slice(0, 1)} (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`
    const res = await register({ name: 'Boris', phone: spaced, password: PASSWORD })
    expect(res.statusCode).toBe(201)
    expect(res.json().user).toMatchObject({
      phone: `+${digits}`,
      email: null,
      language: 'ru',
      roles: ['client'],
    })
    const ok = await login(`+${digits.slice(0, 4)} ${digits.slice(4)}`, PASSWORD)
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user.id).toBe(res.json().user.id)
  })

  it('stores a national (8…) or bare (7…) Russian number as E.164; every form of it logs in', async () => {
    const national = `8916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const e164 = `+7${national.slice(1)}`
    const res = await register({ name: 'Vera', phone: national, password: PASSWORD })
    expect(res.statusCode).toBe(201)
    expect(res.json().user.phone).toBe(e164)
    for (const form of [national, e164.slice(1), e164, `8 (${national.slice(1, 4)}) ${national.slice(4)}`]) {
      const ok = await login(form, PASSWORD)
      expect(ok.statusCode, form).toBe(200)
      expect(ok.json().user.id).toBe(res.json().user.id)
    }
    // The same number in another spelling is the same account.
    const again = await register({ name: 'Vera 2', phone: e164.slice(1), password: PASSWORD })
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toBe('already_registered')
  })

  it('logs in a number stored before in E.164 by its national form', async () => {
    const e164 = `+7903${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const res = await register({ name: 'Old', phone: e164, password: PASSWORD })
    expect(res.statusCode).toBe(201)
    expect((await login(`8${e164.slice(2)}`, PASSWORD)).json().user?.id).toBe(res.json().user.id)
  })

  it('refuses a missing contact and malformed phones or e-mails with 422, creating no user', async () => {
    const before = await userCount()
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'X', password: PASSWORD }, 'contact_required'],
      [{ name: 'X', password: PASSWORD, email: '', phone: '  ' }, 'contact_required'],
      [{ name: 'X', password: PASSWORD, phone: '+70000000000' }, 'invalid_phone'],
      [{ name: 'X', password: PASSWORD, phone: '12345' }, 'invalid_phone'],
      [{ name: 'X', password: PASSWORD, phone: '+7999abc4567' }, 'invalid_phone'],
      [{ name: 'X', password: PASSWORD, phone: '+123456' }, 'invalid_phone'],
      [{ name: 'X', password: PASSWORD, email: 'not-an-email' }, 'invalid_email'],
      [{ name: '   ', password: PASSWORD, email: `${uniq()}@example.com` }, 'invalid_input'],
    ]
    for (const [payload, code] of cases) {
      const res = await register(payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
      expect(res.json()).toEqual({ error: code, message: expect.any(String) })
    }
    expect(
      (await register({ name: 'X', password: PASSWORD, phone: '+70000000000' })).json().message,
    ).toContain('+79161234567')
    expect(await userCount()).toBe(before)
  })

  it('answers a taken e-mail (any case) or phone with 409 already_registered', async () => {
    const email = `dup.${uniq()}@example.com`
    const phone = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    expect((await register({ name: 'A', email, phone, password: PASSWORD })).statusCode).toBe(201)
    const before = await userCount()

    const byEmail = await register({ name: 'B', email: email.toUpperCase(), password: PASSWORD })
    expect(byEmail.statusCode).toBe(409)
    expect(byEmail.json()).toEqual({
      error: 'already_registered',
      message: expect.stringContaining('e-mail'),
    })

    const byPhone = await register({
      name: 'C',
      phone: `${phone.slice(0, 5)}-${phone.slice(5)}`,
      password: PASSWORD,
    })
    expect(byPhone.statusCode).toBe(409)
    expect(byPhone.json()).toEqual({ error: 'already_registered', message: expect.stringContaining('phone') })
    expect(await userCount()).toBe(before)
  })
})

describe('login', () => {
  let email: string
  let userId: number
  beforeAll(async () => {
    email = `login.${uniq()}@example.com`
    const res = await register({ name: 'Login', email, password: PASSWORD })
    userId = res.json().user.id
  })

  it('logs in by e-mail in any case and spacing', async () => {
    const res = await login(`  ${email.toUpperCase()} `, PASSWORD)
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({ id: userId, email, roles: ['client'] })
    expect((await me(res.json().token)).statusCode).toBe(200)
  })

  it('gives the same 401 for a wrong password, an unknown user and a user without a password', async () => {
    const tgOnly = `tg.${uniq()}@example.com`
    await createUser(env.db, ['client'], { email: tgOnly, tg_id: Math.floor(Math.random() * 1e9) })
    const answers = [
      await login(email, 'wrong password'),
      await login(`nobody.${uniq()}@example.com`, PASSWORD),
      await login('+70000000000', PASSWORD),
      await login('neither an e-mail nor a phone', PASSWORD),
      await login(tgOnly, PASSWORD),
    ]
    for (const res of answers) {
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({
        error: 'invalid_credentials',
        message: 'The login or the password is wrong.',
      })
    }
  })
})

describe('the current user', () => {
  it('shows the user with all roles and the specialist id, and never the password hash', async () => {
    const location = await createLocation(env.db)
    const specialist = await createSpecialist(env.db, location.id)
    await env.db('user_roles').insert({ user_id: specialist.user.id, role: 'admin' })
    await env
      .db('users')
      .where({ id: specialist.user.id })
      .update({ password_hash: 'SECRET-HASH', tg_id: 12345 })
    const res = await me(specialist.user.token)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Object.keys(body).sort()).toEqual(USER_KEYS)
    expect(body).toMatchObject({ id: specialist.user.id, tg_id: 12345, specialist_id: specialist.id })
    expect([...body.roles].sort()).toEqual(['admin', 'specialist'])
    expect(res.body).not.toContain('SECRET-HASH')
    expect(res.body).not.toContain('password')
  })

  it('refuses a missing, malformed, unknown or expired token with 401', async () => {
    const none = await app.inject({ url: '/api/me' })
    expect(none.statusCode).toBe(401)
    expect(none.json()).toEqual({ error: 'unauthorized', message: expect.any(String) })
    for (const authorization of [
      'Bearer short',
      'Basic abc',
      `Bearer ${randomBytes(32).toString('base64url')}`,
    ]) {
      const res = await app.inject({ url: '/api/me', headers: { authorization } })
      expect(res.statusCode, authorization).toBe(401)
      expect(res.json()).toMatchObject({ error: 'unauthorized' })
    }

    const user = await createUser(env.db)
    expect((await me(user.token)).statusCode).toBe(200)
    await env
      .db('sessions')
      .where({ user_id: user.id })
      .update({ expires_at: new Date(Date.now() - 1000) })
    const expired = await me(user.token)
    expect(expired.statusCode).toBe(401)
    expect(expired.json()).toMatchObject({ error: 'unauthorized' })
  })

  it('logout revokes only the current session', async () => {
    const email = `out.${uniq()}@example.com`
    const first = (await register({ name: 'Out', email, password: PASSWORD })).json().token as string
    const second = (await login(email, PASSWORD)).json().token as string
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${first}` },
    })
    expect(out.statusCode).toBe(204)
    expect((await me(first)).statusCode).toBe(401)
    expect((await me(second)).statusCode).toBe(200)
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${first}` },
    })
    expect(again.statusCode).toBe(401)
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401)
  })

  it('PATCH /api/me changes name, language and contacts, refusing taken or last contacts', async () => {
    const email = `patch.${uniq()}@example.com`
    const { token } = (await register({ name: 'Patch', email, password: PASSWORD })).json()
    const headers = { authorization: `Bearer ${token}` }
    const patch = (payload: unknown) =>
      app.inject({ method: 'PATCH', url: '/api/me', headers, payload: payload as object })

    const phone = `+7903${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const ok = await patch({
      name: ' Renamed ',
      language: 'en',
      phone: `${phone.slice(0, 5)} ${phone.slice(5)}`,
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ name: 'Renamed', language: 'en', phone, email })

    const other = `other.${uniq()}@example.com`
    await createUser(env.db, ['client'], { email: other })
    const taken = await patch({ email: other.toUpperCase() })
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toMatchObject({ error: 'already_registered' })

    expect((await patch({ email: null })).json()).toMatchObject({ email: null, phone })
    const last = await patch({ phone: null })
    expect(last.statusCode).toBe(422)
    expect(last.json()).toMatchObject({ error: 'contact_required' })
    expect((await me(token)).json()).toMatchObject({ phone })

    for (const bad of [{}, { roles: ['admin'] }, { language: 'de' }, { name: 5 }]) {
      const res = await patch(bad)
      expect(res.statusCode, JSON.stringify(bad)).toBe(422)
    }
    expect((await me(token)).json().roles).toEqual(['client'])
  })
})

describe('rate limits', () => {
  it('refuses the login after the per-login limit, even with the right password, with 429 and Retry-After', async () => {
    const email = `rl.${uniq()}@example.com`
    await register({ name: 'Rl', email, password: PASSWORD })
    const ip = freshIp()
    for (let i = 0; i < LIMITS.loginPerLogin.limit; i++)
      expect((await login(email, 'wrong pass', ip)).statusCode).toBe(401)

    const blocked = await login(email, PASSWORD, ip)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json()).toEqual({
      error: 'too_many_requests',
      message: 'Too many attempts; try again in 15 minutes.',
    })
    const retryAfter = Number(blocked.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.loginPerLogin.windowSeconds)

    // Another spelling of the same login, or a spoofed X-Forwarded-For, does not reset the count.
    expect((await login(email.toUpperCase(), PASSWORD, ip)).statusCode).toBe(429)
    expect((await login(email, PASSWORD, ip, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(429)
    // Another address is not affected, nor is another login from the same address.
    expect((await login(email, PASSWORD, freshIp())).statusCode).toBe(200)
    expect((await login(`other.${uniq()}@example.com`, PASSWORD, ip)).statusCode).toBe(401)
  })

  it('a successful login clears the per-login count', async () => {
    const email = `reset.${uniq()}@example.com`
    await register({ name: 'Reset', email, password: PASSWORD })
    const ip = freshIp()
    for (let i = 0; i < LIMITS.loginPerLogin.limit - 1; i++) await login(email, 'wrong pass', ip)
    expect((await login(email, PASSWORD, ip)).statusCode).toBe(200)
    for (let i = 0; i < LIMITS.loginPerLogin.limit - 1; i++)
      expect((await login(email, 'wrong pass', ip)).statusCode).toBe(401)
  })

  it('caps login attempts per address across logins', async () => {
    const ip = freshIp()
    for (let i = 0; i < LIMITS.loginPerIp.limit; i++)
      expect((await login(`spray${i}.${uniq()}@example.com`, PASSWORD, ip)).statusCode).toBe(401)
    const res = await login(`spray.${uniq()}@example.com`, PASSWORD, ip, {
      'x-forwarded-for': '198.51.100.1',
    })
    expect(res.statusCode).toBe(429)
    expect(res.json()).toMatchObject({ error: 'too_many_requests' })
    expect((await login(`spray.${uniq()}@example.com`, PASSWORD, freshIp())).statusCode).toBe(401)
  })

  it('counts IPv6 clients by their /64', async () => {
    const email = `v6.${uniq()}@example.com`
    const prefix = `2001:db8:${(nextIp += 1).toString(16)}:1`
    for (let i = 0; i < LIMITS.loginPerLogin.limit; i++)
      await login(email, 'wrong pass', `${prefix}::${i + 1}`)
    expect((await login(email, 'wrong pass', `${prefix}:ffff:ffff:ffff:ffff`)).statusCode).toBe(429)
    expect((await login(email, 'wrong pass', `2001:db8:${nextIp.toString(16)}:2::1`)).statusCode).toBe(401)

    expect(clientKey('2001:DB8:0:1:2:3:4:5')).toBe('2001:db8:0:1::/64')
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientKey('::1')).toBe('0:0:0:0::/64')
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7')
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7')
  })

  it('keeps every counter under the Redis prefix with an expiry no longer than its window', async () => {
    await login(`ttl.${uniq()}@example.com`, PASSWORD, freshIp())
    const prefix = env.config.redisPrefix
    const keys: string[] = []
    let cursor = '0'
    do {
      const [next, page] = await env.redis.scan(cursor, 'MATCH', `${prefix}rl:*`, 'COUNT', 1000)
      keys.push(...page)
      cursor = next
    } while (cursor !== '0')
    expect(keys.length).toBeGreaterThan(0)
    const longest = Math.max(...Object.values(LIMITS).map((l) => l.windowSeconds))
    for (const key of keys) {
      const ttl = await env.redis.ttl(key.slice(prefix.length))
      expect(ttl, key).toBeGreaterThan(0)
      expect(ttl, key).toBeLessThanOrEqual(longest)
      // Keys hold no raw e-mail or phone.
      expect(key).not.toContain('@')
    }
  })

  it('limits registrations per address, shared through Redis by every app instance', async () => {
    const ip = freshIp()
    // Attempts count before any other check, so cheap refused ones use up the allowance too.
    for (let i = 0; i < LIMITS.registerPerIp.limit; i++)
      expect((await register({ name: 'X', password: PASSWORD }, ip)).statusCode).toBe(422)
    const before = await userCount()
    const blocked = await register({ name: 'X', email: `r.${uniq()}@example.com`, password: PASSWORD }, ip)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBeDefined()
    expect(await userCount()).toBe(before)

    // A second API process (another app on the same Redis) sees the same counter.
    const { buildApp } = await import('../../src/api/app.ts')
    const { createApiRuntime } = await import('../../src/api/runtime.ts')
    const runtime = await createApiRuntime(env.config, env.db, env.redis)
    const other = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
    try {
      const res = await other.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: ip,
        payload: { name: 'X', email: `r.${uniq()}@example.com`, password: PASSWORD },
      })
      expect(res.statusCode).toBe(429)
    } finally {
      await other.close()
      await runtime.close()
    }
    expect(
      (await register({ name: 'X', email: `r.${uniq()}@example.com`, password: PASSWORD }, freshIp()))
        .statusCode,
    ).toBe(201)
  })
})

describe('bad input', () => {
  const cases: {
    what: string
    url: string
    payload: string
    type?: string
    status: number
    code?: string
  }[] = [
    {
      what: 'a wrong type',
      url: '/api/auth/register',
      payload: '{"name":1,"email":"a@b.co","password":"12345678"}',
      status: 422,
    },
    {
      what: 'a number as password',
      url: '/api/auth/login',
      payload: '{"login":"a@b.co","password":12345678}',
      status: 422,
    },
    {
      what: 'an unknown field (roles)',
      url: '/api/auth/register',
      payload: JSON.stringify({
        name: 'X',
        email: `u.${uniq()}@example.com`,
        password: PASSWORD,
        roles: ['admin'],
      }),
      status: 422,
      code: 'invalid_input',
    },
    {
      what: 'a too-long password',
      url: '/api/auth/register',
      payload: JSON.stringify({ name: 'X', email: `l.${uniq()}@example.com`, password: 'x'.repeat(129) }),
      status: 422,
    },
    {
      what: 'a too-short password',
      url: '/api/auth/register',
      payload: JSON.stringify({ name: 'X', email: `s.${uniq()}@example.com`, password: 'short' }),
      status: 422,
    },
    {
      what: 'an unknown language',
      url: '/api/auth/register',
      payload: JSON.stringify({
        name: 'X',
        email: `g.${uniq()}@example.com`,
        password: PASSWORD,
        language: 'de',
      }),
      status: 422,
    },
    { what: 'a missing password', url: '/api/auth/login', payload: '{"login":"a@b.co"}', status: 422 },
    {
      what: 'malformed JSON',
      url: '/api/auth/register',
      payload: '{"name": "X", "email":',
      status: 400,
      code: 'invalid_json',
    },
    // An empty JSON body is no fields at all: the fields login needs are named.
    { what: 'an empty body', url: '/api/auth/login', payload: '', status: 422, code: 'invalid_input' },
    { what: 'an array body', url: '/api/auth/register', payload: '[]', status: 422 },
    {
      what: 'a huge body',
      url: '/api/auth/register',
      payload: JSON.stringify({ name: 'X', email: `h.${uniq()}@example.com`, password: 'x'.repeat(200_000) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      what: 'a form body',
      url: '/api/auth/register',
      payload: 'name=X&email=f@example.com&password=12345678',
      type: 'application/x-www-form-urlencoded',
      status: 415,
    },
  ]

  for (const c of cases) {
    it(`answers ${c.what} with ${c.status} {error, message} and creates no user`, async () => {
      const before = await userCount()
      const res = await app.inject({
        method: 'POST',
        url: c.url,
        payload: c.payload,
        remoteAddress: freshIp(),
        headers: { 'content-type': c.type ?? 'application/json' },
      })
      expect(res.statusCode).toBe(c.status)
      const body = res.json()
      expect(Object.keys(body).sort()).toEqual(['error', 'message'])
      expect(body.message).toEqual(expect.any(String))
      if (c.code) expect(body.error).toBe(c.code)
      expect(await userCount()).toBe(before)
    })
  }
})
