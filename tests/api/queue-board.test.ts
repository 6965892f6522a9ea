import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'
import {
  BOARD_CODE_PATH,
  BOARD_CODE_TTL_S,
  BOARD_COOKIE,
  BOARD_PATH,
  BOARD_SESSION_TTL_S,
} from '../../src/api/plugins/queue-board.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
})
afterAll(async () => env?.close())

const cookie = (token: string) => ({ cookie: `theme=dark; ${BOARD_COOKIE}=${token}` })

describe('the queue board at /admin/queues', () => {
  it('serves admins, refuses clients (403) and anonymous visitors (401)', async () => {
    const admin = await createUser(env.db, ['admin'])
    const client = await createUser(env.db, ['client'])
    const specialist = await createUser(env.db, ['specialist'])

    const page = await app.inject({ url: BOARD_PATH, headers: admin.headers })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")

    for (const url of [BOARD_PATH, `${BOARD_PATH}/api/queues`, `${BOARD_PATH}/static/js/nothing.js`]) {
      const asClient = await app.inject({ url, headers: client.headers })
      expect(asClient.statusCode, url).toBe(403)
      expect(asClient.json()).toMatchObject({ error: 'forbidden' })
      expect((await app.inject({ url, headers: specialist.headers })).statusCode, url).toBe(403)
      const anonymous = await app.inject({ url })
      expect(anonymous.statusCode, url).toBe(401)
      expect(anonymous.json()).toMatchObject({ error: 'unauthorized' })
    }
    // Its mutating API is guarded the same way.
    const pause = await app.inject({
      method: 'PUT',
      url: `${BOARD_PATH}/api/queues/pause`,
      headers: client.headers,
    })
    expect(pause.statusCode).toBe(403)
  })

  it('lists every queue of the runtime to an admin', async () => {
    const admin = await createUser(env.db, ['admin'])
    const res = await app.inject({ url: `${BOARD_PATH}/api/queues`, headers: admin.headers })
    expect(res.statusCode).toBe(200)
    const names = (res.json().queues as { name: string }[]).map((q) => q.name)
    const partitions = Array.from({ length: env.config.queuePartitions }, (_, p) => `bookings-${p}`)
    expect(names).toEqual(
      expect.arrayContaining([...partitions, 'recalc', 'reminders', 'maintenance', 'notify']),
    )
  })

  it('opens in a browser with a one-time code, never with the login token in the address', async () => {
    const admin = await createUser(env.db, ['admin'])
    const issued = await app.inject({ method: 'POST', url: BOARD_CODE_PATH, headers: admin.headers })
    expect(issued.statusCode).toBe(201)
    const { code, url, expires_at } = issued.json()
    expect(url).toBe(`${BOARD_PATH}?code=${code}`)
    expect(Date.parse(expires_at) - Date.now()).toBeLessThanOrEqual(BOARD_CODE_TTL_S * 1000)
    // Redis holds neither the code nor the board token in the clear, and the code dies in a minute.
    const keys = await env.redis.keys(`${env.config.redisPrefix}queue-board:*`)
    expect(keys.join()).not.toContain(code)
    const ttl = await env.redis.ttl(keys[0]!.slice(env.config.redisPrefix.length))
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(BOARD_CODE_TTL_S)

    const entry = await app.inject({ url })
    expect(entry.statusCode).toBe(303)
    expect(entry.headers.location).toBe(BOARD_PATH)
    const setCookie = String(entry.headers['set-cookie'])
    const boardToken = /bk_queue_board=([^;]+)/.exec(setCookie)![1]!
    expect(boardToken).not.toBe(admin.token)
    expect(boardToken).not.toBe(code)
    expect(setCookie).toContain(`Path=${BOARD_PATH}`)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    expect(setCookie).toContain(`Max-Age=${BOARD_SESSION_TTL_S}`)

    expect((await app.inject({ url: BOARD_PATH, headers: cookie(boardToken) })).statusCode).toBe(200)
    expect(
      (await app.inject({ url: `${BOARD_PATH}/api/queues`, headers: cookie(boardToken) })).statusCode,
    ).toBe(200)

    // A code works once; a login token in the address opens nothing; the board cookie only the board.
    const again = await app.inject({ url })
    expect(again.statusCode).toBe(401)
    expect(again.json()).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('again') })
    expect(again.headers['set-cookie']).toBeUndefined()
    const byToken = await app.inject({ url: `${BOARD_PATH}?token=${admin.token}` })
    expect(byToken.statusCode).toBe(401)
    expect(byToken.headers['set-cookie']).toBeUndefined()
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(admin.token) })).statusCode).toBe(401)
    expect((await app.inject({ url: `${BOARD_PATH}?code=not-a-code` })).statusCode).toBe(401)
    expect((await app.inject({ url: '/api/me', headers: cookie(boardToken) })).statusCode).toBe(401)

    // Logging out ends the board session too.
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: admin.headers })
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(boardToken) })).statusCode).toBe(401)
  })

  it('gives codes to admins only, and a code of an admin who lost the role opens nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const refused = await app.inject({ method: 'POST', url: BOARD_CODE_PATH, headers: client.headers })
    expect(refused.statusCode).toBe(403)
    expect((await app.inject({ method: 'POST', url: BOARD_CODE_PATH })).statusCode).toBe(401)

    const admin = await createUser(env.db, ['admin'])
    const { url } = (
      await app.inject({ method: 'POST', url: BOARD_CODE_PATH, headers: admin.headers })
    ).json()
    await env.db('user_roles').where({ user_id: admin.id }).update({ role: 'client' })
    const entry = await app.inject({ url })
    expect(entry.statusCode).toBe(403)
    expect(entry.headers['set-cookie']).toBeUndefined()

    // And a board session ends with the role.
    const other = await createUser(env.db, ['admin'])
    const next = (await app.inject({ method: 'POST', url: BOARD_CODE_PATH, headers: other.headers })).json()
    const token = /bk_queue_board=([^;]+)/.exec(
      String((await app.inject({ url: next.url })).headers['set-cookie']),
    )![1]!
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(token) })).statusCode).toBe(200)
    await env.db('user_roles').where({ user_id: other.id }).delete()
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(token) })).statusCode).toBe(403)
  })
})
