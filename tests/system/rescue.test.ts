// An intent whose job failed for good (its attempts ran out) is not left pending: the sweeper
// brings the failed job back once workers can process it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UnrecoverableError, Worker } from 'bullmq'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { bookingQueueName, partitionOf } from '../../src/jobs/booking-queues.ts'
import { bullPrefix, createBullConnection } from '../../src/infra/redis.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv({ INTENT_WAIT_MS: '100' })
})
afterAll(async () => env?.close())

describe('sweeper', () => {
  it('retries an intent job that failed after its last attempt', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '11:00' } },
    })
    expect(res.statusCode).toBe(202)
    const intentId = res.json().intent_id as number

    // A worker that fails every job for good, as after an outage that outlasted every attempt.
    const connection = createBullConnection(env.config)
    const queueName = bookingQueueName(partitionOf(w.specialist.id, env.config.queuePartitions))
    const failing = new Worker(
      queueName,
      async () => {
        throw new UnrecoverableError('database unreachable')
      },
      { connection, prefix: bullPrefix(env.config) },
    )
    const queue = app.deps.runtime.queues.bookings.queueOf(w.specialist.id)
    for (let i = 0; i < 200 && (await queue.getFailedCount()) === 0; i++)
      await new Promise((r) => setTimeout(r, 25))
    await failing.close()
    connection.disconnect()
    expect(await queue.getFailedCount()).toBe(1)
    expect((await env.db('intents').where({ id: intentId }).first()).status).toBe('pending')

    await env.startWorkers({ sweepAfterMs: 100, sweepEveryMs: 100 })
    let intent
    for (let i = 0; i < 400; i++) {
      intent = await env.db('intents').where({ id: intentId }).first()
      if (intent.status !== 'pending') break
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(intent).toMatchObject({ status: 'succeeded', result_status: 201 })
    expect(await env.db('bookings').where({ intent_id: intentId }).count('* as n').first()).toMatchObject({
      n: 1,
    })
  })
})
