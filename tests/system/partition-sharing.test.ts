// Worker processes share the booking partitions (src/workers/partition-leases.ts, docs/jobs.md):
// two real worker processes each take their share of the partition queues and of the jobs, and
// when one is SIGKILLed — while a booking transaction of it is blocked half-way — the other takes
// its partitions and its stalled job: every intent gets exactly one outcome, nothing is doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Knex } from 'knex'
import type { Redis } from 'ioredis'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { workerChildren, type WorkerChild } from '../helpers/worker-children.ts'
import { createUser, createWorld, overlappingBookings } from '../helpers/fixtures.ts'
import { BookingQueues, parseIntentJobId, partitionOf } from '../../src/jobs/booking-queues.ts'
import { bullPrefix, createBullConnection } from '../../src/infra/redis.ts'
import { assignPartitions } from '../../src/workers/partition-leases.ts'

const PARTITIONS = 8

let env: TestEnv
const { spawnWorker, stop, stopAll } = workerChildren(() => env)
let connection: Redis
let queues: BookingQueues
let blocker: Knex.Transaction | undefined

beforeAll(async () => {
  // A short wait: most requests are answered 202 and followed in the database.
  env = await createTestEnv({ INTENT_WAIT_MS: '200', QUEUE_PARTITIONS: String(PARTITIONS) })
  connection = createBullConnection(env.config, 'test')
  queues = new BookingQueues(PARTITIONS, connection, bullPrefix(env.config))
})
afterAll(async () => {
  await stopAll()
  await blocker?.commit().catch(() => undefined)
  await queues?.close()
  connection?.disconnect()
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `check` until it answers true; fails naming `what` (and the children's output) if it never does. */
async function eventually(what: string, check: () => Promise<boolean>, children: WorkerChild[]) {
  for (let i = 0; i < 300; i++) {
    if (await check()) return
    await sleep(100)
  }
  const held = JSON.stringify(await holders())
  throw new Error(
    `never: ${what}\nholders by partition: ${held}\n${children.map((c) => c.output.join('')).join('\n')}`,
  )
}

/** The worker names (member ids) holding a BullMQ worker on each partition queue, from Redis. */
async function holders() {
  return Promise.all(
    queues.queues.map(async (q) =>
      (await q.getWorkers()).map((c) => String(c.rawname).split(':w:')[1] ?? '?').sort(),
    ),
  )
}

/** The pid inside a member id (`host:pid:tail`). */
const pidOf = (member: string) => Number(member.split(':')[1])

/** Each partition held by exactly one worker, and that worker the one the assignment names. */
async function settled(expectedPids: number[]) {
  const held = await holders()
  if (held.some((h) => h.length !== 1)) return false
  const members = [...new Set(held.flat())]
  if (members.map(pidOf).sort().join() !== [...expectedPids].sort().join()) return false
  const assigned = assignPartitions(members, PARTITIONS)
  return held.every((h, p) => assigned.get(h[0]!)!.includes(p))
}

async function pendingCount() {
  const row = await env.db('intents').where({ status: 'pending' }).count('* as n').first()
  return Number(row?.n)
}

/** Backends of this database (other than ours) waiting for a lock: the blocked worker transaction. */
async function lockWaiters() {
  const { rows } = await env.db.raw(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
  )
  return rows[0].n as number
}

/** Completed intent jobs of every partition: who ran each (its BullMQ `processedBy`). */
async function completedJobs() {
  const jobs = (await Promise.all(queues.queues.map((q) => q.getJobs(['completed'])))).flat()
  return jobs.map((j) => ({ intent: parseIntentJobId(j.id!)!, by: j.processedBy ?? '' }))
}

describe('two worker processes sharing the partitions', () => {
  let w: Awaited<ReturnType<typeof createWorld>>
  let date: string
  let client: Awaited<ReturnType<typeof createUser>>
  let a: WorkerChild
  let b: WorkerChild

  /**
   * POSTs each booking through the API (all at once); a request answered 201 or 202, or 409
   * slot_taken when a repeat of a slot lost and its refusal came back within the API's wait.
   */
  async function submit(prefix: string, requests: { specialistId: number; time: string }[]) {
    const app = await env.app()
    await Promise.all(
      requests.map(async (r, i) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/bookings',
          headers: { ...client.headers, 'idempotency-key': `${prefix}-${i}` },
          payload: { service_id: w.service.id, specialist_id: r.specialistId, start: { date, time: r.time } },
        })
        if (res.statusCode === 409) expect(res.json().error).toBe('slot_taken')
        else expect([201, 202], res.body).toContain(res.statusCode)
      }),
    )
  }

  /** Every intent of `prefix` finished once: a booking per distinct slot, the repeats refused. */
  async function expectOneOutcomeEach(prefix: string, requests: { specialistId: number; time: string }[]) {
    const intents = await env.db('intents').where('idempotency_key', 'like', `${prefix}-%`)
    expect(intents).toHaveLength(requests.length)
    const bookings = await env.db('bookings').whereIn(
      'intent_id',
      intents.map((i) => i.id),
    )
    const winners = new Set<string>()
    for (const intent of intents) {
      const r = requests[Number(String(intent.idempotency_key).slice(prefix.length + 1))]!
      const mine = bookings.filter((bk) => bk.intent_id === intent.id)
      const key = `${r.specialistId} ${r.time}`
      if (intent.status === 'succeeded') {
        expect(intent.result_status).toBe(201)
        expect(mine).toHaveLength(1)
        expect(mine[0]).toMatchObject({ id: intent.booking_id, specialist_id: r.specialistId })
        expect(intent.result).toMatchObject({ id: mine[0].id, date, time: r.time })
        expect(winners.has(key), `two winners for ${key}`).toBe(false)
        winners.add(key)
      } else {
        expect(intent).toMatchObject({ status: 'failed', result_status: 409 })
        expect(intent.result).toMatchObject({ error: 'slot_taken' })
        expect(mine).toHaveLength(0)
      }
    }
    expect(winners.size).toBe(new Set(requests.map((r) => `${r.specialistId} ${r.time}`)).size)
    expect(bookings).toHaveLength(winners.size)
    expect(await overlappingBookings(env.db)).toEqual([])
  }

  beforeAll(async () => {
    // Two specialists per partition (ids are dense, the partition is id mod 8).
    w = await createWorld(env.db, { n: 2 * PARTITIONS })
    client = await createUser(env.db, ['client'])
    date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
    a = spawnWorker()
    b = spawnWorker()
    await eventually(
      'each partition held by one of the two, as assigned',
      () => settled([a.proc.pid!, b.proc.pid!]),
      [a, b],
    )
  })

  it('each process runs the jobs of its own partitions: a fair share each', { timeout: 90_000 }, async () => {
    const times = ['10:00', '11:15', '12:30', '13:45'] // 60 + 15 min: never overlapping
    const requests = w.specialists.flatMap((s) => times.map((time) => ({ specialistId: s.id, time })))
    await submit('share', requests)
    await eventually('every intent finished', async () => (await pendingCount()) === 0, [a, b])
    await expectOneOutcomeEach('share', requests)

    const jobs = await completedJobs()
    expect(jobs).toHaveLength(requests.length)
    const byPid = new Map<number, number>()
    for (const j of jobs) byPid.set(pidOf(j.by), (byPid.get(pidOf(j.by)) ?? 0) + 1)
    expect([...byPid.keys()].sort()).toEqual([a.proc.pid, b.proc.pid].sort())
    for (const [pid, n] of byPid) expect(n / jobs.length, `share of ${pid}`).toBeGreaterThanOrEqual(0.35)
    // And each job ran on the process that owns its partition.
    const held = await holders()
    for (const j of jobs) expect(held[partitionOf(j.intent.specialistId, PARTITIONS)]).toEqual([j.by])
  })

  it(
    'a killed process hands its partitions and its stalled job to the other',
    { timeout: 90_000 },
    async () => {
      const held = await holders()
      const victimMember = held.flat().find((m) => pidOf(m) === a.proc.pid)!
      const victimPartitions = held.flatMap((h, p) => (h[0] === victimMember ? [p] : []))
      expect(victimPartitions).toHaveLength(PARTITIONS / 2)
      const times = ['15:00', '16:15', '17:30']
      const slots = w.specialists.flatMap((s) => times.map((time) => ({ specialistId: s.id, time })))
      // Two slots asked for twice: exactly one of each pair may win.
      const requests = [...slots, slots[4]!, slots[slots.length - 2]!]

      // Block one of the victim's specialists at its booking transaction's last write (the grid
      // version bump on its row), after the booking insert.
      const blocked = w.specialists.find((s) => victimPartitions.includes(partitionOf(s.id, PARTITIONS)))!
      blocker = await env.db.transaction()
      // FOR NO KEY UPDATE: the API's intent insert (its foreign key takes FOR KEY SHARE) passes.
      await blocker.raw('select id from specialists where id = ? for no key update', [blocked.id])

      await submit('kill', requests)
      await eventually('the victim blocked mid-transaction', async () => (await lockWaiters()) > 0, [a, b])
      expect(await stop(a)).toBe('SIGKILL')
      await blocker.commit()
      blocker = undefined
      // The half-done transaction died with its process.
      const blockedIntents = env
        .db('intents')
        .where({ specialist_id: blocked.id })
        .where('idempotency_key', 'like', 'kill-%')
      expect(
        await blockedIntents.clone().whereNot({ status: 'pending' }).count('* as n').first(),
      ).toMatchObject({ n: 0 })

      await eventually('every partition held by the survivor', () => settled([b.proc.pid!]), [b])
      await eventually('every intent finished', async () => (await pendingCount()) === 0, [b])
      await expectOneOutcomeEach('kill', requests)
      // The blocked specialist's jobs, the stalled one included, were finished by the survivor.
      const survivor = (await holders())[0]![0]!
      const ids = new Set((await blockedIntents.clone().select('id')).map((r) => r.id as number))
      const blockedJobs = (await completedJobs()).filter((j) => ids.has(j.intent.intentId))
      expect(blockedJobs).toHaveLength(ids.size)
      for (const j of blockedJobs) expect(j.by).toBe(survivor)
    },
  )
})
