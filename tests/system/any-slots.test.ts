// Answers are composed from many grids and cached per location epoch: they must follow every
// booking and cancellation at once, for one specialist and for "any specialist".
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime } from '../../src/api/runtime.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
})
afterAll(async () => env?.close())

describe('any-specialist slots', () => {
  it('drop a time once every specialist is booked at it, and offer it again after a cancellation', async () => {
    const w = await createWorld(env.db, { n: 2 })
    // The harness's apps reload the catalogue on every request, which would bypass the cache this
    // test is about: this app caches it as production does (the world exists before it loads).
    const runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 60_000 })
    const app = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
    onTestFinished(async () => {
      await app.close()
      await runtime.close()
    })
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 4 }).toISODate()!
    const anyTimes = async () => {
      const res = await app.inject({
        url: `/api/slots?service_id=${w.service.id}&location_id=${w.location.id}&from=${date}&days=1`,
      })
      expect(res.statusCode).toBe(200)
      expect(res.json().specialist_id).toBeNull()
      return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
    }
    const book = (specialistId: number) =>
      app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: w.client.headers,
        payload: { service_id: w.service.id, specialist_id: specialistId, start: { date, time: '12:00' } },
      })

    const oneTimes = async (specialistId: number) => {
      const res = await app.inject({
        url: `/api/slots?service_id=${w.service.id}&specialist_id=${specialistId}&from=${date}&days=1`,
      })
      return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
    }
    expect(await oneTimes(w.specialists[0]!.id)).toContain('12:00')
    const before = await anyTimes()
    expect(before).toContain('12:00')
    expect(await anyTimes()).toEqual(before) // served from the cache, same answer

    const first = await book(w.specialists[0]!.id)
    expect(first.statusCode).toBe(201)
    expect(await anyTimes()).toContain('12:00') // the other specialist is still free
    expect(await oneTimes(w.specialists[0]!.id)).not.toContain('12:00')
    const second = await book(w.specialists[1]!.id)
    expect(second.statusCode).toBe(201)
    expect(await anyTimes()).not.toContain('12:00')

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${second.json().id}/cancel`,
      headers: w.client.headers,
      payload: {},
    })
    expect(cancel.statusCode).toBe(200)
    expect(await anyTimes()).toContain('12:00')
  })
})
