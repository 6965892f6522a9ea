import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'

const ALLOWED = 'https://app.example.com'
const OTHER_ALLOWED = 'http://localhost:5173'
const REFUSED = 'https://evil.example.net'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv({ CORS_ORIGINS: `${ALLOWED}, ${OTHER_ALLOWED}/`, BODY_LIMIT: '4096' })
  app = await env.app()
})
afterAll(async () => env?.close())

const me = (token: string) => app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })

describe('security headers', () => {
  it('sends a "load nothing" content policy and the usual hardening headers on the API', async () => {
    const res = await app.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
    })
    expect(res.headers['x-powered-by']).toBeUndefined()
    // Errors carry them too.
    const missing = await app.inject({ url: '/api/nothing-here' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['x-content-type-options']).toBe('nosniff')
  })

  it('still renders /docs: its page, scripts and styles from our origin, no inline scripts', async () => {
    const page = await app.inject({ url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    const csp = page.headers['content-security-policy'] as string
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/)
    // Everything the page loads is served.
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBeGreaterThan(2)
    for (const asset of assets) {
      const url = new URL(asset, 'http://localhost/docs/').pathname
      expect((await app.inject({ url })).statusCode, url).toBe(200)
    }
    expect((await app.inject({ url: '/docs/json' })).json()).toHaveProperty('openapi')
  })

  it('gives every answer a request id: the caller’s, or a fresh UUID', async () => {
    const generated = await app.inject({ url: '/healthz' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'trace-abc-123' } })
    expect(given.headers['x-request-id']).toBe('trace-abc-123')
  })
})

describe('CORS', () => {
  it('gives listed origins Access-Control-Allow-Origin and others nothing', async () => {
    for (const origin of [ALLOWED, OTHER_ALLOWED]) {
      const res = await app.inject({ url: '/healthz', headers: { origin } })
      expect(res.headers['access-control-allow-origin'], origin).toBe(origin)
      expect(res.headers.vary).toContain('Origin')
      expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    }
    const refused = await app.inject({ url: '/healthz', headers: { origin: REFUSED } })
    expect(refused.statusCode).toBe(200)
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    // A look-alike of an allowed origin is refused too.
    const lookAlike = await app.inject({ url: '/healthz', headers: { origin: `${ALLOWED}.evil.net` } })
    expect(lookAlike.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers the preflight of listed origins only', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/bookings',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      })
    const ok = await preflight(ALLOWED)
    expect(ok.statusCode).toBe(204)
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED)
    expect(ok.headers['access-control-allow-methods']).toContain('POST')
    expect(ok.headers['access-control-allow-headers']).toContain('authorization')
    expect(ok.headers['access-control-allow-headers']).toContain('idempotency-key')

    const refused = await preflight(REFUSED)
    expect(refused.statusCode).toBe(404)
    expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    expect(refused.headers['access-control-allow-methods']).toBeUndefined()
  })

  it('lets a listed origin read a 401, so the app can send the user to log in', async () => {
    const res = await app.inject({ url: '/api/me', headers: { origin: ALLOWED } })
    expect(res.statusCode).toBe(401)
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED)
  })

  it('gives no CORS headers at all when no origin is listed', async () => {
    const plain = await createTestEnv()
    try {
      const plainApp = await plain.app()
      const res = await plainApp.inject({ url: '/healthz', headers: { origin: ALLOWED } })
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
      const preflight = await plainApp.inject({
        method: 'OPTIONS',
        url: '/healthz',
        headers: { origin: ALLOWED, 'access-control-request-method': 'GET' },
      })
      expect(preflight.statusCode).toBe(404)
    } finally {
      await plain.close()
    }
  })
})

describe('limits and sessions', () => {
  it('refuses a body over BODY_LIMIT with 413 before reading it as JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ login: 'a@example.com', password: 'x'.repeat(10_000) }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json()).toEqual({ error: 'payload_too_large', message: expect.any(String) })
  })

  it('refuses an expired session with 401', async () => {
    const user = await createUser(env.db)
    expect((await me(user.token)).statusCode).toBe(200)
    await env
      .db('sessions')
      .where({ user_id: user.id })
      .update({ expires_at: new Date(Date.now() - 1000) })
    const res = await me(user.token)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ error: 'unauthorized' })
  })

  it('logout revokes the session for good', async () => {
    const user = await createUser(env.db)
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: user.headers })
    expect(out.statusCode).toBe(204)
    expect((await me(user.token)).statusCode).toBe(401)
    const row = await env.db('sessions').where({ user_id: user.id }).first()
    expect(row.revoked_at).toBeInstanceOf(Date)
    // A random token of the right shape is no session either.
    expect((await me(randomBytes(32).toString('base64url'))).statusCode).toBe(401)
  })
})
