// A worker process killed between a booking's commit and the relay of its notification: the row
// committed with the booking, so the next worker moves it onto the `notify` queue, and exactly one
// job exists for the event. Workers run as real child processes; the relay is held at its lock
// (the advisory lock every relay takes) while the first one is killed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { workerChildren } from '../helpers/worker-children.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { bullPrefix, createBullConnection } from '../../src/infra/redis.ts'
import { createNotifyQueue, notifyJobId } from '../../src/jobs/notify-queue.ts'
import { RELAY_LOCK } from '../../src/data/outbox-repository.ts'

let env: TestEnv
let queue: ReturnType<typeof createNotifyQueue>
const { spawnWorker, stop, stopAll } = workerChildren(() => env)
let blocker: Knex.Transaction | undefined

beforeAll(async () => {
  // A short wait: with no worker running the API answers 202 with the intent's id.
  env = await createTestEnv({ INTENT_WAIT_MS: '200' })
  queue = createNotifyQueue(createBullConnection(env.config, 'test-notify'), bullPrefix(env.config))
})
afterAll(async () => {
  await stopAll()
  await blocker?.commit().catch(() => undefined)
  await queue?.close()
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Backends of this database (other than ours) waiting for an advisory lock: a blocked relay. */
async function relayWaiters() {
  const { rows } = await env.db.raw(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and wait_event_type = 'Lock' and wait_event = 'advisory'`,
  )
  return rows[0].n as number
}

const notifyJobs = () => queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'])

describe('a worker killed between a booking commit and its notification relay', () => {
  it(
    'leaves the notification row, and the next worker queues exactly one job for it',
    { timeout: 120_000 },
    async () => {
      const w = await createWorld(env.db)
      await env.db('users').where({ id: w.client.id }).update({ tg_id: 5_550_001, language: 'en' })
      const app = await env.app()
      const date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: { ...w.client.headers, 'idempotency-key': 'notify-crash' },
        payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '12:00' } },
      })
      expect(res.statusCode, res.body).toBe(202)
      const intentId = res.json().intent_id as number

      // Every relay waits here until released; the booking's own transaction does not.
      blocker = await env.db.transaction()
      await blocker.raw('select pg_advisory_xact_lock(?)', [RELAY_LOCK])

      const first = spawnWorker()
      let state = { status: 'pending', waiters: 0 }
      for (let i = 0; i < 600; i++) {
        const intent = await env.db('intents').where({ id: intentId }).first('status')
        state = { status: intent.status, waiters: await relayWaiters() }
        if (state.status !== 'pending' && state.waiters > 0) break
        if (first.proc.exitCode !== null) break
        await sleep(100)
      }
      expect(state.status, first.output.join('')).toBe('succeeded')
      expect(state.waiters, first.output.join('')).toBeGreaterThan(0)
      expect(await stop(first)).toBe('SIGKILL')
      await blocker.commit()
      blocker = undefined

      // Committed with the booking, not relayed, no job.
      const booking = await env.db('bookings').where({ intent_id: intentId }).first('id')
      const rows = await env.db('notification_outbox').where({ booking_id: booking.id }).select('*')
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ event: 'booking.created', relayed_at: null })
      expect(await notifyJobs()).toHaveLength(0)

      const second = spawnWorker()
      let relayed = null
      for (let i = 0; i < 300 && !relayed; i++) {
        await sleep(100)
        relayed = (await env.db('notification_outbox').where({ id: rows[0].id }).first('relayed_at'))
          .relayed_at
      }
      expect(relayed, second.output.join('')).not.toBeNull()
      // A few more sweeps of the second worker add nothing.
      await sleep(1500)
      const jobs = await notifyJobs()
      expect(jobs.map((j) => j.id)).toEqual([notifyJobId(rows[0].id)])
      expect(jobs[0]!.data).toMatchObject({
        outbox_id: rows[0].id,
        event: 'booking.created',
        booking: {
          id: booking.id,
          status: 'confirmed',
          starts_at: `${date}T12:00:00+03:00`,
          service: { id: w.service.id },
          specialist: { id: w.specialist.id, user_id: w.specialist.user.id },
          location: { id: w.location.id },
        },
        recipients: [
          { role: 'client', user_id: w.client.id, tg_id: 5_550_001, language: 'en' },
          { role: 'specialist', user_id: w.specialist.user.id, language: 'ru' },
        ],
      })
      await stop(second)
    },
  )
})
