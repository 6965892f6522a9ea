// An intent's outcome reaches only the API process that waits for it: two API processes (two
// runtimes, each with its own reply channel) on one deployment take bookings at once, and a
// pattern subscriber sees each outcome published once, on the channel of the process that took the
// request, and nothing on the other's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime, type ApiRuntime } from '../../src/api/runtime.ts'
import { createRedis } from '../../src/infra/redis.ts'
import { replyChannel, type IntentReply } from '../../src/intents/intent-waiter.ts'

let env: TestEnv
let second: { runtime: ApiRuntime; app: FastifyInstance }
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  const runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 0 })
  const app = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
  await app.ready()
  second = { runtime, app }
})
afterAll(async () => {
  await second?.app.close()
  await second?.runtime.close()
  await env?.close()
})

describe('intent replies', () => {
  it('go to the waiting API process alone, once per intent', async () => {
    const first = await env.app()
    const processes = [
      { app: first, replyTo: first.deps.runtime.intents.replyTo },
      { app: second.app, replyTo: second.runtime.intents.replyTo },
    ]
    expect(processes[0]!.replyTo).not.toBe(processes[1]!.replyTo)

    const heard: { channel: string; reply: IntentReply }[] = []
    const listener = createRedis(env.config, 'test-listener')
    listener.on('pmessage', (_p: string, channel: string, message: string) =>
      heard.push({ channel, reply: JSON.parse(message) as IntentReply }),
    )
    await listener.psubscribe(replyChannel(env.config.redisPrefix, '*'))
    try {
      const w = await createWorld(env.db)
      const date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
      const times = ['10:00', '11:15', '12:30', '13:45', '15:00', '16:15']
      const answers = await Promise.all(
        times.map(async (time, i) => {
          const p = processes[i % 2]!
          const res = await p.app.inject({
            method: 'POST',
            url: '/api/bookings',
            headers: { ...w.client.headers, 'idempotency-key': `replies-${i}` },
            payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time } },
          })
          expect(res.statusCode, res.body).toBe(201)
          return { replyTo: p.replyTo, bookingId: res.json().id as number }
        }),
      )
      const intents = await env.db('intents').whereIn(
        'booking_id',
        answers.map((a) => a.bookingId),
      )
      await expect.poll(() => heard.length).toBe(times.length)
      for (const a of answers) {
        const intent = intents.find((row) => row.booking_id === a.bookingId)!
        const replies = heard.filter((h) => h.reply.intentId === intent.id)
        expect(replies.map((r) => r.channel)).toEqual([replyChannel(env.config.redisPrefix, a.replyTo)])
        expect(replies[0]!.reply).toMatchObject({ status: 201, body: { id: a.bookingId } })
      }
    } finally {
      listener.disconnect()
    }
  }, 60_000)
})
