// How the worker ends an intent that cannot be done: a refusal of the rules (a machine or money
// error) settles it at once with its 4xx and is never retried; a failure of the infrastructure is
// retried, and when the attempts run out the intent ends `failed` with a 5xx that the sweeper
// leaves alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Job } from 'bullmq'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let runtime: Awaited<ReturnType<TestEnv['startWorkers']>>
beforeAll(async () => {
  env = await createTestEnv({ INTENT_WAIT_MS: '3000' })
  // Two attempts, and a sweeper that looks every 100 ms at intents pending for 100 ms: a revived
  // job would show within the test.
  runtime = await env.startWorkers({ sweepAfterMs: 100, sweepEveryMs: 100, intentAttempts: 2 })
})
afterAll(async () => env?.close())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const tomorrow = () => DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!

async function jobsOf(specialistId: number, intentId: number): Promise<Job[]> {
  const queue = runtime.queues.bookings.queueOf(specialistId)
  const jobs = await queue.getJobs(['completed', 'failed', 'delayed', 'waiting', 'active', 'prioritized'])
  return jobs.filter((j) => j.data.intentId === intentId)
}

async function settled(intentId: number) {
  for (let i = 0; i < 400; i++) {
    const intent = await env.db('intents').where({ id: intentId }).first()
    if (intent.status !== 'pending') return intent
    await sleep(25)
  }
  throw new Error(`intent ${intentId} still pending`)
}

describe('a refusal raised by the money arithmetic', () => {
  it('settles the intent at once with its 4xx, without a retry', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    // Passes the table's checks, but is not an amount the arithmetic accepts (above 2^53).
    await env.db('client_discounts').insert({
      client_id: w.client.id,
      kind: 'fixed',
      value: '9007199254740993',
    })
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: {
        service_id: w.service.id,
        specialist_id: w.specialist.id,
        start: { date: tomorrow(), time: '11:00' },
      },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ error: 'invalid_discount' })
    expect(res.json().message).toMatch(/discount/)
    const intent = await env.db('intents').where({ specialist_id: w.specialist.id }).first()
    expect(intent).toMatchObject({ status: 'failed', result_status: 422 })
    const jobs = await jobsOf(w.specialist.id, intent.id)
    expect(jobs).toHaveLength(1)
    // BullMQ counts the attempt that completed: one run, no retry.
    expect(jobs[0]!.attemptsMade).toBe(1)
    expect(await jobs[0]!.getState()).toBe('completed')
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(0)
  })
})

describe('an infrastructure failure that never heals', () => {
  it('ends the intent failed with a 5xx after the attempts, counted, and never revived', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    // The database refuses every new booking of this specialist as if its disk were full.
    await env.db.raw(`
      create function fail_bookings() returns trigger language plpgsql as $$
      begin
        if new.specialist_id = ${Number(w.specialist.id)} then
          raise exception 'could not extend file: No space left on device' using errcode = '53100';
        end if;
        return new;
      end $$;
      create trigger fail_bookings before insert on bookings for each row execute function fail_bookings();
    `)
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: {
        service_id: w.service.id,
        specialist_id: w.specialist.id,
        start: { date: tomorrow(), time: '12:00' },
      },
    })
    const intentId =
      res.statusCode === 202
        ? (res.json().intent_id as number)
        : (await env.db('intents').where({ specialist_id: w.specialist.id }).first()).id
    const intent = await settled(intentId)
    expect(intent).toMatchObject({ status: 'failed', result_status: 503 })
    expect(intent.result).toMatchObject({ error: 'processing_failed' })
    expect(intent.result.message).toMatch(/nothing was booked/i)
    if (res.statusCode !== 202) expect(res.statusCode).toBe(503)

    const [job] = await jobsOf(w.specialist.id, intentId)
    expect(job!.attemptsMade).toBe(2)
    expect(await job!.getState()).toBe('completed')
    const failures = (await runtime.metrics.registry.getSingleMetric('booking_intents_failed_total')!.get())
      .values
    expect(failures).toContainEqual(
      expect.objectContaining({ value: 1, labels: expect.objectContaining({ kind: 'create' }) }),
    )

    // The fault heals; the sweeper runs many times and must not bring the settled intent back.
    await env.db.raw('drop trigger fail_bookings on bookings; drop function fail_bookings()')
    await sleep(800)
    expect(await env.db('intents').where({ id: intentId }).first()).toMatchObject({
      status: 'failed',
      result_status: 503,
    })
    const after = await jobsOf(w.specialist.id, intentId)
    expect(after.map((j) => j.attemptsMade)).toEqual([2])
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(0)
  })
})
