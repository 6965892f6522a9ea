// Losing Redis loses nothing (docs/product.md §2, §11). FLUSHALL would hit every test on the shared server, so
// each test deletes every key under its environment's prefix instead: for this deployment that is
// exactly what FLUSHALL does. Grids come back from PostgreSQL identical; pending intents, whose
// queued jobs are gone, are re-enqueued from PostgreSQL by the sweeper and all finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { DateTime } from 'luxon'
import { createTestEnv, deleteKeys, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createService, createUser, createWorld } from '../helpers/fixtures.ts'
import { startWorkers } from '../../src/workers/main.ts'

const CELL_MS = 15 * 60_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Keys under the prefix matching `pattern` (SCAN does not apply ioredis' keyPrefix). */
async function countKeys(redis: Redis, prefix: string, pattern = '*') {
  let cursor = '0'
  let n = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000)
    cursor = next
    n += keys.length
  } while (cursor !== '0')
  return n
}

const dayPlus = (zone: string, days: number) => DateTime.now().setZone(zone).plus({ days }).toISODate()!

describe('flushing Redis: grids', () => {
  let env: TestEnv
  let app: FastifyInstance
  let runtime: Awaited<ReturnType<typeof startWorkers>> | undefined
  beforeAll(async () => {
    env = await createTestEnv()
    app = await env.app()
  })
  afterAll(async () => {
    await runtime?.close()
    await env?.close()
  })

  it('GET /api/slots answers identically after every key is gone, rebuilt from PostgreSQL', async () => {
    const w = await createWorld(env.db, { n: 2 })
    const zone = w.location.timezone
    const [s0, s1] = w.specialists as [(typeof w.specialists)[0], (typeof w.specialists)[0]]
    const roomed = await createService(env.db, { name: 'Massage', duration_minutes: 45, break_minutes: 15 })
    await env.db('specialist_services').insert([
      { specialist_id: s0.id, service_id: roomed.id },
      { specialist_id: s1.id, service_id: roomed.id },
    ])
    await createRoom(env.db, w.location.id, [roomed.id])
    await env.db('calendar_overrides').insert([
      {
        specialist_id: s0.id,
        date_from: dayPlus(zone, 5),
        date_to: dayPlus(zone, 5),
        kind: 'blocked',
        intervals: JSON.stringify([['13:00', '15:00']]),
      },
      { location_id: w.location.id, date_from: dayPlus(zone, 7), date_to: dayPlus(zone, 7), kind: 'closed' },
    ])
    app.deps.runtime.slotInputs.invalidate()

    // Bookings through the whole runtime (their grids written by the worker), then the workers stop:
    // nothing but the read path may put grids back after the flush.
    runtime = await startWorkers(env.config, {}, { db: env.db })
    const book = async (payload: Record<string, unknown>) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: w.client.headers,
        payload,
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json() as { id: number }
    }
    const on = (days: number, time: string) => ({ date: dayPlus(zone, days), time })
    await book({ service_id: w.service.id, specialist_id: s0.id, start: on(1, '12:00') })
    await book({ service_id: w.service.id, specialist_id: s1.id, start: on(3, '10:00') })
    await book({ service_id: w.service.id, start: on(10, '11:00') })
    await book({ service_id: roomed.id, specialist_id: s0.id, start: on(2, '15:00') })
    await book({ service_id: roomed.id, specialist_id: s1.id, start: on(20, '10:00') })
    const cancelled = await book({ service_id: w.service.id, specialist_id: s1.id, start: on(1, '16:00') })
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${cancelled.id}/cancel`,
      headers: w.client.headers,
      payload: {},
    })
    expect(cancel.statusCode).toBe(200)
    await runtime.close()
    runtime = undefined

    const urls = [w.service.id, roomed.id].flatMap((service) => [
      `/api/slots?service_id=${service}&specialist_id=${s0.id}`,
      `/api/slots?service_id=${service}&specialist_id=${s1.id}`,
      `/api/slots?service_id=${service}`,
    ])
    const readAll = () =>
      Promise.all(
        urls.map(async (url) => {
          const res = await app.inject({ url })
          expect(res.statusCode, url).toBe(200)
          return res.body
        }),
      )

    // Past cells drop out of today's slots as the clock moves: compare two reads taken within one
    // 15-minute cell (bounded retries if a boundary falls between them).
    let round: { warm: string[]; rebuilt: string[]; leftAfterFlush: number; gridsAfter: number } | undefined
    for (let attempt = 0; attempt < 3 && !round; attempt++) {
      const cell = Math.floor(Date.now() / CELL_MS)
      await readAll() // every grid key present: the second read is served from Redis alone
      const warm = await readAll()
      await deleteKeys(env.redis, env.config.redisPrefix)
      const leftAfterFlush = await countKeys(env.redis, env.config.redisPrefix)
      const rebuilt = await readAll()
      const gridsAfter = await countKeys(env.redis, env.config.redisPrefix, 'slots_preview:*')
      if (Math.floor(Date.now() / CELL_MS) === cell) round = { warm, rebuilt, leftAfterFlush, gridsAfter }
    }
    expect(round).toBeDefined()
    const { warm, rebuilt, leftAfterFlush, gridsAfter } = round!
    expect(leftAfterFlush).toBe(0)
    expect(rebuilt).toEqual(warm)
    // The read path stored what it rebuilt (2 specialists × 60 days), for the next reader.
    expect(gridsAfter).toBe(2 * 60)

    // And the answers are not trivially equal: they carry the bookings, overrides and closures.
    const days = (body: string) =>
      new Map(
        (
          JSON.parse(body) as { locations: { days: { date: string; times: string[] }[] }[] }
        ).locations[0]!.days.map((d) => [d.date, d.times]),
      )
    const s0Days = days(warm[0]!)
    expect(s0Days.size).toBeGreaterThan(50)
    expect(s0Days.get(dayPlus(zone, 1))).toContain('10:00')
    expect(s0Days.get(dayPlus(zone, 1))).not.toContain('12:00')
    expect(s0Days.get(dayPlus(zone, 5))).not.toContain('13:00')
    expect(s0Days.has(dayPlus(zone, 7))).toBe(false)
    expect(days(warm[1]!).get(dayPlus(zone, 1))).toContain('16:00') // the cancelled booking's time
    const roomedAny = days(warm[5]!)
    // One room: once s0 holds it at 15:00 on day 2, nobody can start the massage at 15:00.
    expect(roomedAny.get(dayPlus(zone, 2))).not.toContain('15:00')
    expect(roomedAny.get(dayPlus(zone, 2))).toContain('16:00')
  })
})

describe('flushing Redis: pending intents', () => {
  let env: TestEnv
  beforeAll(async () => {
    // A short wait: with no worker running the API answers 202 with the intent's id.
    env = await createTestEnv({ INTENT_WAIT_MS: '200' })
  })
  afterAll(async () => env?.close())

  it('intents whose jobs were flushed all finish: the sweeper re-enqueues them from PostgreSQL', async () => {
    const app = await env.app()
    const w = await createWorld(env.db, { n: 3 })
    const date = dayPlus(w.location.timezone, 1)
    const requests = w.specialists.flatMap((s) => ['10:00', '12:00', '15:00'].map((time) => ({ s, time })))
    const accepted = []
    for (const [i, r] of requests.entries()) {
      const client = await createUser(env.db, ['client'])
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: { ...client.headers, 'idempotency-key': `flush-${i}` },
        payload: { service_id: w.service.id, specialist_id: r.s.id, start: { date, time: r.time } },
      })
      expect(res.statusCode, res.body).toBe(202)
      accepted.push({ ...r, client, intentId: res.json().intent_id as number })
    }
    expect(await countKeys(env.redis, env.config.redisPrefix, 'bull:*')).toBeGreaterThan(0)

    await deleteKeys(env.redis, env.config.redisPrefix)
    expect(await countKeys(env.redis, env.config.redisPrefix)).toBe(0)

    await env.startWorkers({ sweepAfterMs: 500, sweepEveryMs: 200 })
    let pending = requests.length
    for (let i = 0; i < 600 && pending > 0; i++) {
      await sleep(100)
      pending = Number((await env.db('intents').where({ status: 'pending' }).count('* as n').first())?.n)
    }
    expect(pending).toBe(0)

    for (const a of accepted) {
      const res = await app.inject({ url: `/api/intents/${a.intentId}`, headers: a.client.headers })
      expect(res.json()).toMatchObject({
        status: 'succeeded',
        result_status: 201,
        result: { specialist_id: a.s.id, client_id: a.client.id, date, time: a.time },
      })
      const bookings = await env.db('bookings').where({ intent_id: a.intentId })
      expect(bookings).toHaveLength(1)
      const slots = await app.inject({
        url: `/api/slots?service_id=${w.service.id}&specialist_id=${a.s.id}&from=${date}&days=1`,
      })
      expect(slots.json().locations[0].days[0].times).not.toContain(a.time)
    }
    expect(await env.db('bookings').count('* as n').first()).toMatchObject({ n: requests.length })
  })
})
