// Redis state belongs to one database: two systems with their own databases on one Redis, under
// the same REDIS_PREFIX, each book at once and see only their own bookings and login failures; and
// a database restored from a backup does not inherit the Redis state of the future it lost.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime } from '../../src/api/runtime.ts'
import { createRedis } from '../../src/infra/redis.ts'
import { bindToDeployment } from '../../src/infra/deployment.ts'
import { startWorkers } from '../../src/workers/main.ts'
import { createTestEnv, deleteKeys, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'

const SHARED_PREFIX = `shared${randomBytes(3).toString('hex')}:`
const tomorrow = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!

async function times(app: FastifyInstance, serviceId: number, specialistId: number) {
  const res = await app.inject({
    url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${tomorrow}&days=1`,
  })
  expect(res.statusCode).toBe(200)
  return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
}

const book = (app: FastifyInstance, w: Awaited<ReturnType<typeof createWorld>>, time: string, key: string) =>
  app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...w.client.headers, 'idempotency-key': key },
    payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date: tomorrow, time } },
  })

describe('two systems on one Redis with the same REDIS_PREFIX', () => {
  let a: TestEnv
  let b: TestEnv
  beforeAll(async () => {
    a = await createTestEnv({ REDIS_PREFIX: SHARED_PREFIX })
    b = await createTestEnv({ REDIS_PREFIX: SHARED_PREFIX })
    await Promise.all([a.startWorkers(), b.startWorkers()])
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it('live under different prefixes, each naming its own database', () => {
    expect(a.config.redisPrefix.startsWith(SHARED_PREFIX)).toBe(true)
    expect(b.config.redisPrefix.startsWith(SHARED_PREFIX)).toBe(true)
    expect(a.config.redisPrefix).not.toBe(b.config.redisPrefix)
  })

  it('book straight away, both, and each sees only its own bookings', async () => {
    // Both databases are new: the same ids for the same rows, the same first intent id.
    const wa = await createWorld(a.db)
    const wb = await createWorld(b.db)
    expect([wa.specialist.id, wa.service.id]).toEqual([wb.specialist.id, wb.service.id])
    const [appA, appB] = [await a.app(), await b.app()]

    const first = await book(appA, wa, '12:00', 'first')
    expect(first.statusCode).toBe(201)
    // Same intent id, same specialist: before, its job id was taken by the other system's job.
    const second = await book(appB, wb, '15:00', 'first')
    expect(second.statusCode).toBe(201)
    expect(second.json().id).toBe(first.json().id)

    const seenByA = await times(appA, wa.service.id, wa.specialist.id)
    const seenByB = await times(appB, wb.service.id, wb.specialist.id)
    expect(seenByA).not.toContain('12:00')
    expect(seenByA).toContain('15:00')
    expect(seenByB).not.toContain('15:00')
    expect(seenByB).toContain('12:00')
  })

  it("keep their own login failures: one system's lockout does not lock the other's admin out", async () => {
    const [appA, appB] = [await a.app(), await b.app()]
    const email = `admin.${randomBytes(3).toString('hex')}@example.com`
    const register = { name: 'Admin', email, password: 'correct horse 1' }
    for (const app of [appA, appB])
      expect(
        (await app.inject({ method: 'POST', url: '/api/auth/register', payload: register })).statusCode,
      ).toBe(201)
    const login = (app: FastifyInstance, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.7',
        payload: { login: email, password },
      })
    let refused = 0
    for (let i = 0; i < 20 && refused === 0; i++)
      if ((await login(appA, 'wrong')).statusCode === 429) refused++
    expect(refused).toBe(1)
    expect((await login(appB, 'correct horse 1')).statusCode).toBe(200)
  })
})

describe('a database restored from a backup', () => {
  let env: TestEnv
  const closers: (() => Promise<unknown>)[] = []
  beforeAll(async () => {
    env = await createTestEnv()
  })
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined)
    await env?.close()
  })

  /** An API and workers started afresh on the database, binding themselves as processes do. */
  async function boot() {
    const configured = {
      ...env.config,
      redisPrefix: env.config.deployment!.basePrefix,
      deployment: undefined,
    }
    const config = await bindToDeployment(configured, env.db)
    const redis = createRedis(config, 'restored')
    const runtime = await createApiRuntime(config, env.db, redis, { slotInputsMaxAgeMs: 0 })
    const app = await buildApp({ config, db: env.db, redis, runtime })
    await app.ready()
    const workers = await startWorkers(config, { sweepEveryMs: 100 }, { db: env.db })
    // Stopping leaves the keys, as stopping processes does; they are deleted after the test.
    const stop = async () => {
      await app.close()
      await workers.close()
      await runtime.close()
    }
    closers.push(async () => {
      await stop()
      await deleteKeys(redis, config.redisPrefix)
      redis.disconnect()
    })
    return { config, app, stop }
  }

  it('takes a new identity, so repeated intent ids book and slots come from the database', async () => {
    const w = await createWorld(env.db)
    const before = await boot()
    expect((await book(before.app, w, '12:00', 'k1')).statusCode).toBe(201)
    expect(await times(before.app, w.service.id, w.specialist.id)).not.toContain('12:00')
    // The worker's tick records how far the database has come.
    await new Promise((r) => setTimeout(r, 400))
    await before.stop()

    // The backup predates that booking: the same ids come again.
    await env.db.raw('truncate intents, bookings, booking_history restart identity cascade')
    await env.db('specialists').update({ grid_version: 0 })

    const after = await boot()
    expect(after.config.redisPrefix).not.toBe(before.config.redisPrefix)
    expect(await times(after.app, w.service.id, w.specialist.id)).toContain('12:00')
    const again = await book(after.app, w, '15:00', 'k1')
    expect(again.statusCode).toBe(201)
    const seen = await times(after.app, w.service.id, w.specialist.id)
    expect(seen).toContain('12:00')
    expect(seen).not.toContain('15:00')
  })
})
