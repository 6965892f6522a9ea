import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'
import { buildApp } from '../../src/api/app.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
})
afterAll(async () => env?.close())

const scrape = (target = app) =>
  target.inject({ url: '/metrics', headers: { 'x-internal-token': env.config.internalToken } })

describe('GET /metrics', () => {
  it('needs the internal token', async () => {
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(403)
    expect(
      (await app.inject({ url: '/metrics', headers: { 'x-internal-token': 'wrong-token-wrong' } }))
        .statusCode,
    ).toBe(403)
    const admin = await createUser(env.db, ['admin'])
    expect((await app.inject({ url: '/metrics', headers: admin.headers })).statusCode).toBe(403)
  })

  it('serves Prometheus text with HTTP latency by route pattern, queue depths and process metrics', async () => {
    await app.inject({ url: '/healthz' })
    await app.inject({ url: '/api/nowhere/42' })
    const res = await scrape()
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/plain')
    const text = res.body
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} [1-9]/,
    )
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} [1-9]/,
    )
    expect(text).not.toContain('/api/nowhere/42')
    for (const queue of [
      'bookings-0',
      `bookings-${env.config.queuePartitions - 1}`,
      'recalc',
      'reminders',
      'maintenance',
      'notify',
    ])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(text).toContain(`queue_jobs{queue="${queue}",state="${state}"}`)
    expect(text).toContain('process_cpu_user_seconds_total')
    expect(text).toContain('nodejs_heap_size_used_bytes')
  })

  it('counts the intents that failed for a reason of ours, from PostgreSQL', async () => {
    const user = await createUser(env.db, ['client'])
    const intent = (kind: string, status: string, result_status: number | null) => ({
      kind,
      user_id: user.id,
      request_hash: `h-${kind}-${status}-${result_status}`,
      payload: '{}',
      status,
      result_status,
      finished_at: status === 'pending' ? null : new Date(),
    })
    await env.db('intents').insert([
      intent('create', 'failed', 503),
      intent('cancel', 'failed', 503),
      intent('create', 'failed', 409), // the client's refusal, not ours
      intent('create', 'pending', null),
    ])
    const text = (await scrape()).body
    expect(text).toContain('booking_intents_failed{kind="create"} 1')
    expect(text).toContain('booking_intents_failed{kind="cancel"} 1')
  })

  it('counts queued jobs at scrape time', async () => {
    await app.deps.runtime.queues.maintenance.queue.add(
      'probe',
      {},
      { delay: 60_000, jobId: 'metrics-probe' },
    )
    const text = (await scrape()).body
    expect(text).toContain('queue_jobs{queue="maintenance",state="delayed"} 1')
  })

  it('counts booking requests by kind and status', async () => {
    const client = await createUser(env.db, ['client'])
    await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: client.headers,
      payload: { service_id: 'x' },
    })
    await app.inject({
      method: 'POST',
      url: '/api/bookings/999999/cancel',
      headers: client.headers,
      payload: {},
    })
    const text = (await scrape()).body
    expect(text).toMatch(/booking_requests_total\{kind="create",status_code="422"\} 1/)
    expect(text).toMatch(/booking_requests_total\{kind="cancel",status_code="404"\} 1/)
  })

  it('keeps one registry per app: a second app in the same process starts clean', async () => {
    const second = await buildApp({
      config: env.config,
      db: env.db,
      redis: env.redis,
      runtime: app.deps.runtime,
    })
    try {
      await second.ready()
      const text = (await scrape(second)).body
      expect(text).not.toContain('route="/healthz"')
      expect(text).toContain('process_cpu_user_seconds_total')
    } finally {
      await second.close()
    }
  })
})
