// POST /api/me/password: the current password is checked before anything changes, the user's other
// sessions end, attempts are limited, and an account without a password sets its first one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { PASSWORD_LIMITS } from '../../src/api/routes/password.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
}, 60_000)
afterAll(async () => env?.close())

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

async function register(email: string, password: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { name: 'Anna', email, password },
  })
  expect(res.statusCode).toBe(201)
  return res.json().token as string
}
const login = (login: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } })
const change = (token: string, payload: object) =>
  app.inject({ method: 'POST', url: '/api/me/password', headers: bearer(token), payload })

describe('POST /api/me/password', () => {
  it('changes the password after checking the current one, and ends the other sessions only', async () => {
    const token = await register('change@example.test', 'first-password')
    const other = (await login('change@example.test', 'first-password')).json().token as string

    const wrong = await change(token, { current_password: 'not-it-at-all', new_password: 'second-password' })
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json().error).toBe('wrong_password')
    const missing = await change(token, { new_password: 'second-password' })
    expect(missing.statusCode).toBe(422)
    expect(missing.json().error).toBe('current_password_required')
    const same = await change(token, { current_password: 'first-password', new_password: 'first-password' })
    expect(same.statusCode).toBe(422)
    const short = await change(token, { current_password: 'first-password', new_password: 'short' })
    expect(short.statusCode).toBe(422)
    // Nothing changed so far.
    expect((await app.inject({ url: '/api/me', headers: bearer(other) })).statusCode).toBe(200)
    expect((await login('change@example.test', 'first-password')).statusCode).toBe(200)

    const ok = await change(token, { current_password: 'first-password', new_password: 'second-password' })
    expect(ok.statusCode).toBe(200)
    // The two logins above made two other sessions.
    expect(ok.json()).toEqual({ ok: true, other_sessions_ended: 2 })
    expect((await app.inject({ url: '/api/me', headers: bearer(other) })).statusCode).toBe(401)
    expect((await app.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(200)
    expect((await login('change@example.test', 'first-password')).statusCode).toBe(401)
    expect((await login('change@example.test', 'second-password')).statusCode).toBe(200)
  })

  it('lets an account without a password (Telegram) set its first one', async () => {
    const user = await createUser(env.db, ['client'], { email: 'tg-only@example.test' })
    const res = await change(user.token, { new_password: 'a-first-password' })
    expect(res.statusCode).toBe(200)
    expect((await login('tg-only@example.test', 'a-first-password')).statusCode).toBe(200)
  })

  it('limits attempts per user like login', async () => {
    const token = await register('guess@example.test', 'the-real-password')
    const statuses: number[] = []
    for (let i = 0; i <= PASSWORD_LIMITS.perUser.limit; i++)
      statuses.push(
        (await change(token, { current_password: `guess-${i}-xx`, new_password: 'whatever-1' })).statusCode,
      )
    expect(statuses.slice(0, -1).every((s) => s === 403)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
    const blocked = await change(token, { current_password: 'the-real-password', new_password: 'whatever-1' })
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBeDefined()
    expect((await login('guess@example.test', 'the-real-password')).statusCode).toBe(200)
  })

  it('needs a session', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { current_password: 'x', new_password: 'whatever-1' },
    })
    expect(res.statusCode).toBe(401)
  })
})
