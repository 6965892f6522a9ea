// Durable notifications: every booking event and every due reminder is a notification outbox row
// written in the transaction that makes it true, and reaches the `notify` queue as exactly one job
// `notify-<outbox id>`, however often it is relayed, and again after Redis lost it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { Redis } from 'ioredis'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createSpecialist, createUser, createWorld } from '../helpers/fixtures.ts'
import { bullPrefix, createBullConnection } from '../../src/infra/redis.ts'
import { createNotifyQueue, NOTIFY_QUEUE, notifyJobId } from '../../src/jobs/notify-queue.ts'
import { OutboxRelay } from '../../src/workers/outbox-relay.ts'
import { markDelivered, recordDueReminder } from '../../src/data/outbox-repository.ts'

let env: TestEnv
let queue: ReturnType<typeof createNotifyQueue>
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers({ sweepEveryMs: 200 })
  queue = createNotifyQueue(createBullConnection(env.config, 'test-notify'), bullPrefix(env.config))
})
afterAll(async () => {
  await queue?.close()
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe()
    if (v) return v
    await sleep(50)
  }
  throw new Error(`timed out waiting for ${what}`)
}

const outboxOf = (bookingId: number) =>
  env.db('notification_outbox').where({ booking_id: bookingId }).orderBy('id').select('*')

/** Every outbox row of the booking relayed, and its jobs as the queue holds them. */
async function relayedJobs(bookingId: number, count: number) {
  const rows = await waitFor(`${count} relayed rows of booking ${bookingId}`, async () => {
    const rows = await outboxOf(bookingId)
    return rows.length === count && rows.every((r) => r.relayed_at !== null) && rows
  })
  const jobs = await Promise.all(rows.map((r) => queue.getJob(notifyJobId(r.id))))
  return { rows, jobs }
}

async function notifyJobCount() {
  const counts = await queue.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'completed',
    'failed',
    'prioritized',
  )
  return Object.values(counts).reduce((a, b) => a + b, 0)
}

async function setup() {
  const w = await createWorld(env.db, { zone: 'Europe/Moscow' })
  await env.db('locations').where({ id: w.location.id }).update({ name: 'Центр', address: 'Тверская, 1' })
  await env.db('services').where({ id: w.service.id }).update({ name: 'Массаж' })
  const tg = 7_000_000_000 + Math.floor(Math.random() * 1e6)
  await env.db('users').where({ id: w.client.id }).update({ tg_id: tg, tg_username: 'maria', language: 'en' })
  return { ...w, tg }
}

const post = async (headers: Record<string, string>, url: string, payload: object, key: string) => {
  const app = await env.app()
  return app.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload })
}

describe('notification outbox', () => {
  it('turns every booking event into one outbox row and one notify job carrying who, what, when and the language', async () => {
    const w = await setup()
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate()!
    const created = await post(
      w.client.headers,
      '/api/bookings',
      { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '12:00' } },
      'n-create',
    )
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as number

    const first = await relayedJobs(id, 1)
    expect(first.rows[0]).toMatchObject({ event: 'booking.created', delivered_at: null })
    const job = first.jobs[0]!
    expect(job.id).toBe(`notify-${first.rows[0].id}`)
    expect(job.data).toEqual({
      outbox_id: first.rows[0].id,
      event: 'booking.created',
      occurred_at: expect.stringMatching(/\+03:00$/),
      booking: {
        id,
        status: 'confirmed',
        starts_at: `${date}T12:00:00+03:00`,
        ends_at: `${date}T13:00:00+03:00`,
        timezone: 'Europe/Moscow',
        service: { id: w.service.id, name: 'Массаж' },
        specialist: { id: w.specialist.id, user_id: w.specialist.user.id, name: w.specialist.user.name },
        location: { id: w.location.id, name: 'Центр', address: 'Тверская, 1' },
      },
      recipients: [
        {
          role: 'client',
          user_id: w.client.id,
          name: w.client.name,
          tg_id: w.tg,
          tg_username: 'maria',
          language: 'en',
        },
        {
          role: 'specialist',
          user_id: w.specialist.user.id,
          name: w.specialist.user.name,
          tg_id: null,
          tg_username: null,
          language: 'ru',
        },
      ],
    })

    const moved = await post(
      w.client.headers,
      `/api/bookings/${id}/reschedule`,
      { start: { date, time: '15:00' } },
      'n-move',
    )
    expect(moved.statusCode, moved.body).toBe(200)
    const cancelled = await post(w.client.headers, `/api/bookings/${id}/cancel`, {}, 'n-cancel')
    expect(cancelled.statusCode, cancelled.body).toBe(200)

    const all = await relayedJobs(id, 3)
    expect(all.rows.map((r) => r.event)).toEqual([
      'booking.created',
      'booking.rescheduled',
      'booking.cancelled',
    ])
    expect(all.jobs.map((j) => j?.data.event)).toEqual([
      'booking.created',
      'booking.rescheduled',
      'booking.cancelled',
    ])
    expect(all.jobs[1]!.data.booking).toMatchObject({
      starts_at: `${date}T15:00:00+03:00`,
      previous_starts_at: `${date}T12:00:00+03:00`,
    })
    expect(all.jobs[2]!.data.booking).toMatchObject({
      status: 'cancelled',
      starts_at: `${date}T15:00:00+03:00`,
    })
  })

  it('writes no row for a booking that was refused (its transaction rolled back)', async () => {
    const w = await setup()
    const other = await createUser(env.db, ['client'])
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 3 }).toISODate()!
    const body = { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '11:00' } }
    const ok = await post(w.client.headers, '/api/bookings', body, 'n-first')
    expect(ok.statusCode, ok.body).toBe(201)
    const taken = await post(other.headers, '/api/bookings', body, 'n-second')
    expect(taken.statusCode, taken.body).toBe(409)
    await relayedJobs(ok.json().id, 1)
    const rows = await env
      .db('notification_outbox as o')
      .join('bookings as b', 'b.id', 'o.booking_id')
      .where('b.specialist_id', w.specialist.id)
      .select('o.id')
    expect(rows).toHaveLength(1)
  })

  it('yields one job per row however often the rows are relayed, and re-adds jobs a Redis flush lost until delivered', async () => {
    const w = await setup()
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 4 }).toISODate()!
    const ids: number[] = []
    for (const time of ['10:00', '14:00']) {
      const res = await post(
        w.client.headers,
        '/api/bookings',
        { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time } },
        `n-twice-${time}`,
      )
      expect(res.statusCode, res.body).toBe(201)
      ids.push(res.json().id)
    }
    for (const id of ids) await relayedJobs(id, 1)
    const total = await notifyJobCount()
    const rows = await env.db('notification_outbox').orderBy('id').select('id')
    expect(total).toBe(rows.length)

    // As after a relay that added its jobs and died before its commit: the rows look unrelayed.
    const relay = new OutboxRelay(env.db, queue, { resendEveryMs: 0, resendAfterMs: 0 })
    await env.db('notification_outbox').update({ relayed_at: null })
    await Promise.all([relay.relay(), relay.relay(), relay.relay()])
    expect(await env.db('notification_outbox').whereNull('relayed_at').count('* as n').first()).toEqual({
      n: 0,
    })
    expect(await notifyJobCount()).toBe(rows.length)

    // Redis loses the queue: the sweep brings back the job of every row not delivered.
    const raw = new Redis(env.config.redisUrl)
    const pattern = `${bullPrefix(env.config)}:${NOTIFY_QUEUE}:*`
    let cursor = '0'
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
      cursor = next
      if (keys.length) await raw.del(...keys)
    } while (cursor !== '0')
    raw.disconnect()
    expect(await notifyJobCount()).toBe(0)
    const delivered = rows[0]!.id as number
    await markDelivered(env.db, delivered)
    await relay.resend()
    expect(await notifyJobCount()).toBe(rows.length - 1)
    expect(await queue.getJob(notifyJobId(delivered))).toBeUndefined()
    for (const r of rows.slice(1)) expect((await queue.getJob(notifyJobId(r.id)))?.data.outbox_id).toBe(r.id)
    await relay.resend()
    expect(await notifyJobCount()).toBe(rows.length - 1)
  })

  it('records a due reminder once per booking, offset and start, and none for a cancelled or moved booking', async () => {
    const w = await setup()
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 5 }).toISODate()!
    const res = await post(
      w.client.headers,
      '/api/bookings',
      { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '16:00' } },
      'n-remind',
    )
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id as number
    await relayedJobs(id, 1)
    const startsAt = `${date}T16:00:00+03:00`

    // The real reminder job, due now: the worker records it and the relay queues it.
    const { queues } = await env.startWorkers()
    await queues.reminders.queue.add(
      'remind',
      { bookingId: id, offsetMin: 120, startsAt },
      { jobId: `r-${id}` },
    )
    const { jobs } = await relayedJobs(id, 2)
    expect(jobs[1]!.data).toMatchObject({
      event: 'booking.reminder',
      reminder: { offset_minutes: 120 },
      booking: { id, status: 'confirmed', starts_at: startsAt, service: { name: 'Массаж' } },
      recipients: [{ role: 'client', tg_id: w.tg, language: 'en' }, { role: 'specialist' }],
    })

    // The same reminder running again records nothing new.
    expect(await recordDueReminder(env.db, { bookingId: id, offsetMin: 120, startsAt })).toEqual({
      recorded: true,
      id: null,
    })
    // A reminder of a start the booking no longer has is not recorded.
    const stale = `${date}T09:00:00+03:00`
    expect(
      (await recordDueReminder(env.db, { bookingId: id, offsetMin: 120, startsAt: stale })).recorded,
    ).toBe(false)
    expect(await outboxOf(id)).toHaveLength(2)

    const cancelled = await post(w.client.headers, `/api/bookings/${id}/cancel`, {}, 'n-remind-cancel')
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect((await recordDueReminder(env.db, { bookingId: id, offsetMin: 1440, startsAt })).recorded).toBe(
      false,
    )
    expect((await outboxOf(id)).map((r) => r.event)).toEqual([
      'booking.created',
      'booking.reminder',
      'booking.cancelled',
    ])
  })

  it('sends one recipient when a specialist is their own client', async () => {
    const w = await setup()
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 6 }).toISODate()!
    const self = await createSpecialist(env.db, w.location.id, [w.service.id])
    await env.db('user_roles').insert({ user_id: self.user.id, role: 'client' })
    const res = await post(
      self.user.headers,
      '/api/bookings',
      { service_id: w.service.id, specialist_id: self.id, start: { date, time: '10:00' } },
      'n-self',
    )
    expect(res.statusCode, res.body).toBe(201)
    const { jobs } = await relayedJobs(res.json().id, 1)
    expect(jobs[0]!.data.recipients).toEqual([
      expect.objectContaining({ role: 'client', user_id: self.user.id }),
    ])
  })
})
