// Reminders survive a Redis loss (issue 14, item 7): their delayed jobs are rebuilt from PostgreSQL by
// the maintenance job `rebuild-reminders`, which runs at once when the worker re-creates its lost
// schedulers. FLUSHALL would hit every test on the shared server, so the test deletes every key under
// its environment's prefix, which for this deployment is exactly what FLUSHALL does (see flush.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { createTestEnv, deleteKeys, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { createRepositories } from '../../src/data/repositories.ts'
import { reminderJobId } from '../../src/jobs/reminder-queue.ts'
import { rebuildReminders } from '../../src/workers/reminder-rebuild.ts'
import type { startWorkers } from '../../src/workers/main.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const MINUTE = 60_000
// 4 days, 3 days, 24 h and 2 h before the start.
const OFFSETS = [5760, 4320, 1440, 120]

describe('flushing Redis: reminders', () => {
  let env: TestEnv
  let app: FastifyInstance
  let runtime: Awaited<ReturnType<typeof startWorkers>>
  beforeAll(async () => {
    env = await createTestEnv()
    app = await env.app()
    runtime = await env.startWorkers({ sweepEveryMs: 200 })
  })
  afterAll(async () => env?.close())

  /** Every delayed reminder job: its id and when it is due (BullMQ: timestamp + delay). */
  const delayedReminders = async () =>
    new Map(
      (await runtime.queues.reminders.queue.getDelayed()).map((j) => [j.id!, j.timestamp + j.opts.delay!]),
    )
  const reminderRows = async (bookingId: number) =>
    (
      await env
        .db('notification_outbox')
        .where({ booking_id: bookingId, event: 'booking.reminder' })
        .orderBy('id')
        .select('payload')
    ).map((r) => (r.payload as { reminder: { offset_minutes: number } }).reminder.offset_minutes)
  /** Polls `read` until `done` holds of its value (at most ~20 s), and returns the last value. */
  const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean) => {
    let v = await read()
    for (let i = 0; i < 200 && !done(v); i++) {
      await sleep(100)
      v = await read()
    }
    return v
  }
  const sameKeys = (a: Map<string, number>, b: Map<string, number>) =>
    a.size === b.size && [...a.keys()].every((k) => b.has(k))

  it('brings back every reminder ahead with its id and due time, none of a cancelled booking, and sends a missed one once', async () => {
    const w = await createWorld(env.db, { n: 2, settings: { reminder_offsets_minutes: OFFSETS } })
    const zone = w.location.timezone
    const [s0, s1] = w.specialists as [(typeof w.specialists)[0], (typeof w.specialists)[0]]
    const day = (days: number) => DateTime.now().setZone(zone).plus({ days }).toISODate()!
    const book = async (specialistId: number, date: string, time: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: w.client.headers,
        payload: { service_id: w.service.id, specialist_id: specialistId, start: { date, time } },
      })
      expect(res.statusCode, res.body).toBe(201)
      const startsAt = DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO()!
      return { id: res.json().id as number, startsAt, startMs: Date.parse(startsAt) }
    }
    const idOf = (b: { id: number; startsAt: string }, offset: number) =>
      reminderJobId(b.id, offset, b.startsAt)

    // Far ahead: all four reminders are scheduled.
    const ahead = await book(s0.id, day(10), '10:00')
    // Cancelled: its reminders are removed, and must not come back.
    const cancelled = await book(s1.id, day(10), '12:00')
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${cancelled.id}/cancel`,
      headers: w.client.headers,
      payload: {},
    })
    expect(cancel.statusCode, cancel.body).toBe(200)
    // In two days: the 4-day and 3-day reminders were already past when it was booked, so only the
    // 24 h and 2 h ones are scheduled.
    const soon = await book(s1.id, day(2), '10:00')

    const expected = new Map([
      ...OFFSETS.map((o) => [idOf(ahead, o), ahead.startMs - o * MINUTE] as const),
      ...[1440, 120].map((o) => [idOf(soon, o), soon.startMs - o * MINUTE] as const),
    ])
    const before = await until(delayedReminders, (m) => sameKeys(m, expected))
    expect(before).toEqual(expected)

    // As if `soon` had been booked five days before its start: then its 4-day and 3-day reminders were
    // scheduled too, and they fell due while Redis was empty. The later one (3 days) is sent late,
    // once; the earlier one is superseded by it and skipped.
    await env
      .db('booking_history')
      .where({ booking_id: soon.id })
      .update({ at: new Date(soon.startMs - 5 * 1440 * MINUTE) })
    expect(await reminderRows(soon.id)).toEqual([])

    await deleteKeys(env.redis, env.config.redisPrefix)
    expect((await delayedReminders()).size).toBe(0)

    // The worker's next tick re-creates the maintenance schedulers; the rebuild's first run is at once.
    const after = await until(delayedReminders, (m) => sameKeys(m, expected))
    expect(after).toEqual(expected)
    expect([...after.keys()].filter((id) => id.startsWith(`reminder-${cancelled.id}-`))).toEqual([])
    expect(
      await until(
        () => reminderRows(soon.id),
        (r) => r.length > 0,
      ),
    ).toEqual([4320])
    expect(await reminderRows(ahead.id)).toEqual([])
    expect(await reminderRows(cancelled.id)).toEqual([])

    // A second loss: the reminders ahead come back again, the one already sent is not sent again.
    const sentJob = await runtime.queues.reminders.queue.getJob(idOf(soon, 4320))
    expect(await sentJob?.getState()).toBe('completed')
    await deleteKeys(env.redis, env.config.redisPrefix)
    expect(await until(delayedReminders, (m) => sameKeys(m, expected))).toEqual(expected)
    // Its rebuild is over once the jobs ahead are back (one page, one round trip): nothing was re-added.
    expect(await runtime.queues.reminders.queue.getJob(idOf(soon, 4320))).toBeUndefined()
    expect(await runtime.queues.reminders.queue.getJob(idOf(soon, 5760))).toBeUndefined()
    expect(await reminderRows(soon.id)).toEqual([4320])

    // Read page by page (here one booking a page): every page counts, the last short one ends it.
    await deleteKeys(env.redis, env.config.redisPrefix)
    const deps = { repos: createRepositories(env.db), reminders: runtime.queues.reminders }
    expect(await rebuildReminders(deps, { pageSize: 1 })).toEqual({ bookings: 2, ahead: 6, late: 0 })
    expect(await delayedReminders()).toEqual(expected)
    expect(await reminderRows(soon.id)).toEqual([4320])
  })
})
