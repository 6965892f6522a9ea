import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'
import { BOARD_COOKIE, BOARD_PATH } from '../../src/api/plugins/queue-board.ts'

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

  it('lists every queue of the engine to an admin', async () => {
    const admin = await createUser(env.db, ['admin'])
    const res = await app.inject({ url: `${BOARD_PATH}/api/queues`, headers: admin.headers })
    expect(res.statusCode).toBe(200)
    const names = (res.json().queues as { name: string }[]).map((q) => q.name)
    const partitions = Array.from({ length: env.config.queuePartitions }, (_, p) => `bookings-${p}`)
    expect(names).toEqual(expect.arrayContaining([...partitions, 'recalc', 'reminders', 'maintenance']))
  })

  it('opens in a browser: ?token= sets the board cookie, which then stands in for the header', async () => {
    const admin = await createUser(env.db, ['admin'])
    const entry = await app.inject({ url: `${BOARD_PATH}?token=${admin.token}` })
    expect(entry.statusCode).toBe(303)
    expect(entry.headers.location).toBe(BOARD_PATH)
    const setCookie = String(entry.headers['set-cookie'])
    expect(setCookie).toContain(`${BOARD_COOKIE}=${admin.token}`)
    expect(setCookie).toContain(`Path=${BOARD_PATH}`)
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')

    expect((await app.inject({ url: BOARD_PATH, headers: cookie(admin.token) })).statusCode).toBe(200)
    expect(
      (await app.inject({ url: `${BOARD_PATH}/api/queues`, headers: cookie(admin.token) })).statusCode,
    ).toBe(200)

    // A client's token gets no cookie and no board; the cookie works nowhere but the board.
    const client = await createUser(env.db, ['client'])
    const refused = await app.inject({ url: `${BOARD_PATH}?token=${client.token}` })
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['set-cookie']).toBeUndefined()
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(client.token) })).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/me', headers: cookie(admin.token) })).statusCode).toBe(401)
    expect((await app.inject({ url: `/api/me?token=${admin.token}` })).statusCode).toBe(401)

    // Logging out ends the board session too.
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: admin.headers })
    expect((await app.inject({ url: BOARD_PATH, headers: cookie(admin.token) })).statusCode).toBe(401)
  })
})
