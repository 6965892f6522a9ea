// A keyed booking whose first API process went away before the outcome: the request was answered
// 202 (no worker yet), that process closed, the worker then booked, and the client retried on
// another process. The retry must answer the booking, never judge the request afresh (its own
// booking holds the time, so "nobody is free" would tell the client it failed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime } from '../../src/api/runtime.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWallet, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let w: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  // A short bounded wait, and no worker until the test starts one: the first answer is a 202.
  env = await createTestEnv({ INTENT_WAIT_MS: '300' })
  w = await createWorld(env.db, { n: 1 })
  await createWallet(env.db, w.client.id, 1_000_000)
})
afterAll(async () => env?.close())

async function api() {
  const runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 0 })
  const app = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
  await app.ready()
  return {
    app,
    close: async () => {
      await app.close()
      await runtime.close()
    },
  }
}

const book = (app: FastifyInstance, key: string) =>
  app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: { ...w.client.headers, 'idempotency-key': key },
    payload: {
      service_id: w.service.id,
      start: { date: DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate(), time: '12:00' },
      payment: 'wallet',
    },
  })

describe('a retry after the API went away mid-request', () => {
  it('answers the booking the worker made meanwhile, once, with one debit', async () => {
    const first = await api()
    const accepted = await book(first.app, 'restart-1')
    expect(accepted.statusCode).toBe(202)
    await first.close()

    await env.startWorkers()
    const intentId = accepted.json().intent_id as number
    await expect
      .poll(async () => (await env.db('intents').where({ id: intentId }).first('status')).status, {
        timeout: 20_000,
      })
      .toBe('succeeded')

    const second = await api()
    try {
      const retry = await book(second.app, 'restart-1')
      expect(retry.statusCode, retry.body).toBe(201)
      const stored = await env.db('intents').where({ id: intentId }).first('result')
      expect(retry.json()).toEqual(stored.result)
    } finally {
      await second.close()
    }
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(1)
    expect(
      await env.db('wallet_transactions').where({ client_id: w.client.id, kind: 'payment' }),
    ).toHaveLength(1)
  })
})
