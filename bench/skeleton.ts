// The design's bare skeleton (issue 14): what a booking costs at the least on this machine, so the
// real path (bench/bookings.ts) can be read as a ratio to it.
//
// - PostgreSQL: one transaction per booking on the real schema — insert the intent, insert the
//   booking (its exclusion constraints checked), record the outcome (`UPDATE … WHERE status =
//   'pending'`) — with named prepared statements, 16 clients, each its own specialist.
// - BullMQ: 16 queues, global concurrency 1 and a worker of concurrency 1 each, an empty processor;
//   jobs added one by one from 16 producers first, then processed.
//
// Prints throughput and CPU ms per booking of each part (PostgreSQL backends, this process's node
// side, Redis) and their sum.
//
// `--group=N` decides N bookings in each transaction, each in its own SAVEPOINT (what group commit on
// a backlogged partition would need, so that one refusal does not undo the others): the PostgreSQL
// part then shows what grouping could save at the most.
//
// Usage: npx tsx bench/skeleton.ts [--duration=10] [--clients=16] [--queues=16] [--group=1]
import pg from 'pg'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { createBenchEnv, type BenchEnv } from './setup.ts'
import { numberOption, runBench, sleep } from './lifecycle.ts'
import { printTable } from './load.ts'
import { describeMachine } from './machine.ts'
import { pidTicks, redisServerPids } from './costs.ts'

export interface SkeletonResult {
  pg: {
    clients: number
    /** Bookings per transaction. */
    group: number
    transactions: number
    bookings: number
    seconds: number
    tps: number
    pgMs: number
    nodeMs: number
  }
  bull: {
    queues: number
    added: number
    addSeconds: number
    addNodeMs: number
    addRedisMs: number
    processed: number
    processSeconds: number
    processNodeMs: number
    processRedisMs: number
  }
  /** CPU ms per booking in all: one transaction, one job added and processed. */
  perBookingMs: number
}

/** CPU ms of `pids` between two readings (HZ 100: 10 ms a tick). */
const cpuMs = (a: Map<number, number>, b: Map<number, number>) =>
  [...b].reduce((s, [pid, t]) => s + Math.max(0, t - (a.get(pid) ?? t)) * 10, 0)

async function pgSkeleton(env: BenchEnv, clients: number, durationS: number, group = 1) {
  const { seed } = env
  const service = seed.haircut
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: env.config.databaseUrl })
      await c.connect()
      return c
    }),
  )
  const backends = await Promise.all(
    conns.map(async (c) => (await c.query('select pg_backend_pid() as pid')).rows[0].pid as number),
  )
  // Far past the seeded bookings and the horizon: nothing else is there.
  const base = Date.parse('2030-01-07T00:00:00Z')
  const stepMs = (service.durationMinutes + service.breakMinutes) * 60_000
  const insertIntent = {
    name: 'skeleton-intent',
    text: `INSERT INTO intents (kind, user_id, specialist_id, idempotency_key, request_hash, payload)
           VALUES ('create', $1, $2, $3, 'skeleton', $4) RETURNING id`,
  }
  const insertBooking = {
    name: 'skeleton-booking',
    text: `INSERT INTO bookings (client_id, specialist_id, service_id, location_id, starts_at,
             duration_minutes, break_minutes, ends_at, busy_until, price, base_price, intent_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
  }
  const outcome = {
    name: 'skeleton-outcome',
    text: `UPDATE intents SET status = 'succeeded', result_status = 201, result = $2, booking_id = $3,
             finished_at = now()
           WHERE id = $1 AND status = 'pending'`,
  }
  const book = async (c: pg.Client, i: number, k: number) => {
    const specialist = seed.specialists[i % seed.specialists.length]!
    const client = seed.clients[i % seed.clients.length]!
    const startsAt = base + k * stepMs
    const endsAt = startsAt + service.durationMinutes * 60_000
    const busyUntil = endsAt + service.breakMinutes * 60_000
    const payload = JSON.stringify({ service_id: service.id, specialist_id: specialist.id, startsAt })
    const intent = await c.query({
      ...insertIntent,
      values: [client.id, specialist.id, `skeleton-${i}-${k}`, payload],
    })
    const intentId = intent.rows[0].id as number
    const booking = await c.query({
      ...insertBooking,
      values: [
        client.id,
        specialist.id,
        service.id,
        specialist.locationId,
        new Date(startsAt),
        service.durationMinutes,
        service.breakMinutes,
        new Date(endsAt),
        new Date(busyUntil),
        150_000,
        intentId,
      ],
    })
    const bookingId = booking.rows[0].id as number
    const done = await c.query({
      ...outcome,
      values: [intentId, JSON.stringify({ id: bookingId }), bookingId],
    })
    if (done.rowCount !== 1) throw new Error('the outcome was recorded twice')
  }
  /** One transaction of `group` bookings (k, k+1, …), each in a savepoint when there are several. */
  const one = async (c: pg.Client, i: number, k: number) => {
    await c.query('BEGIN')
    try {
      for (let j = 0; j < group; j++) {
        if (group > 1) await c.query('SAVEPOINT b')
        await book(c, i, k * group + j)
        if (group > 1) await c.query('RELEASE SAVEPOINT b')
      }
      await c.query('COMMIT')
    } catch (err) {
      await c.query('ROLLBACK')
      throw err
    }
  }
  // Warm up (plans prepared, JIT), then measure.
  for (const [i, c] of conns.entries()) for (let k = 0; k < 20; k++) await one(c, i, k)
  const pids = [process.pid, ...backends]
  const t0 = pidTicks(pids)
  const started = performance.now()
  const until = started + durationS * 1000
  let transactions = 0
  await Promise.all(
    conns.map(async (c, i) => {
      for (let k = 20; performance.now() < until; k++) {
        await one(c, i, k)
        transactions++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const t1 = pidTicks(pids)
  await Promise.all(conns.map((c) => c.end()))
  const only = (m: Map<number, number>, keep: (pid: number) => boolean) =>
    new Map([...m].filter(([pid]) => keep(pid)))
  const pgMs = cpuMs(
    only(t0, (p) => p !== process.pid),
    only(t1, (p) => p !== process.pid),
  )
  const nodeMs = cpuMs(
    only(t0, (p) => p === process.pid),
    only(t1, (p) => p === process.pid),
  )
  const bookings = transactions * group
  return { clients, group, transactions, bookings, seconds, tps: bookings / seconds, pgMs, nodeMs }
}

async function bullSkeleton(env: BenchEnv, queues: number, durationS: number) {
  const connection = new Redis(env.config.redisUrl, { maxRetriesPerRequest: null })
  const prefix = `${env.config.redisPrefix}skeleton`
  const qs = Array.from({ length: queues }, (_, i) => new Queue(`skeleton-${i}`, { connection, prefix }))
  await Promise.all(qs.map((q) => q.setGlobalConcurrency(1)))
  const opts = { attempts: 10, removeOnComplete: { age: 600, count: 50_000 }, removeOnFail: { age: 3600 } }
  const watched = () => [process.pid, ...redisServerPids()]
  const split = (a: Map<number, number>, b: Map<number, number>) => ({
    node: cpuMs(new Map([[process.pid, a.get(process.pid)!]]), new Map([[process.pid, b.get(process.pid)!]])),
    redis: cpuMs(
      new Map([...a].filter(([p]) => p !== process.pid)),
      new Map([...b].filter(([p]) => p !== process.pid)),
    ),
  })

  // Adding: one job at a time from each of 16 producers, as API requests do.
  let added = 0
  const addFor = async (ms: number) => {
    const until = performance.now() + ms
    await Promise.all(
      qs.map(async (q, i) => {
        while (performance.now() < until) {
          const n = added++
          await q.add('intent', { n, i }, { ...opts, jobId: `j-${n}` })
        }
      }),
    )
  }
  await addFor(500) // warm-up
  const a0 = pidTicks(watched())
  const addStart = performance.now()
  const addedBefore = added
  await addFor((durationS * 1000) / 2)
  const addSeconds = (performance.now() - addStart) / 1000
  const addCpu = split(a0, pidTicks(watched()))
  const addedMeasured = added - addedBefore

  // Processing: every queue drained by its worker, concurrency 1, an empty processor.
  let processed = 0
  const total = added
  const p0 = pidTicks(watched())
  const processStart = performance.now()
  const workers = qs.map(
    (q) =>
      new Worker(
        q.name,
        async () => {
          processed++
        },
        { connection: connection.duplicate(), prefix, concurrency: 1 },
      ),
  )
  const deadline = performance.now() + 120_000
  while (processed < total && performance.now() < deadline) await sleep(20)
  const processSeconds = (performance.now() - processStart) / 1000
  const processCpu = split(p0, pidTicks(watched()))
  await Promise.all(workers.map((w) => w.close()))
  await Promise.all(qs.map((q) => q.obliterate({ force: true }).then(() => q.close())))
  connection.disconnect()
  return {
    queues,
    added: addedMeasured,
    addSeconds,
    addNodeMs: addCpu.node,
    addRedisMs: addCpu.redis,
    processed,
    processSeconds,
    processNodeMs: processCpu.node,
    processRedisMs: processCpu.redis,
  }
}

/** Both parts, one after the other, on `env`'s database and Redis prefix. */
export async function runSkeleton(
  env: BenchEnv,
  opts: { durationS: number; clients?: number; queues?: number; group?: number },
): Promise<SkeletonResult> {
  const pgPart = await pgSkeleton(env, opts.clients ?? 16, opts.durationS, opts.group)
  const bull = await bullSkeleton(env, opts.queues ?? 16, opts.durationS)
  const perBookingMs =
    (pgPart.pgMs + pgPart.nodeMs) / pgPart.bookings +
    (bull.addNodeMs + bull.addRedisMs) / bull.added +
    (bull.processNodeMs + bull.processRedisMs) / bull.processed
  return { pg: pgPart, bull, perBookingMs }
}

export function printSkeleton(r: SkeletonResult) {
  const per = (ms: number, n: number) => `${(ms / n).toFixed(3)} ms`
  printTable(
    ['part', 'count', 'per second', 'CPU per booking'],
    [
      [
        `PostgreSQL, ${r.pg.clients} clients, ${r.pg.group === 1 ? 'a transaction a booking' : `${r.pg.group} bookings a transaction, a savepoint each`}: backends`,
        r.pg.bookings,
        r.pg.tps,
        per(r.pg.pgMs, r.pg.bookings),
      ],
      ['PostgreSQL: node pg (this process)', '', '', per(r.pg.nodeMs, r.pg.bookings)],
      [
        `BullMQ add, ${r.bull.queues} producers: node`,
        r.bull.added,
        r.bull.added / r.bull.addSeconds,
        per(r.bull.addNodeMs, r.bull.added),
      ],
      ['BullMQ add: Redis (whole server, shared)', '', '', per(r.bull.addRedisMs, r.bull.added)],
      [
        `BullMQ process, ${r.bull.queues} queues × concurrency 1, empty processor: node`,
        r.bull.processed,
        r.bull.processed / r.bull.processSeconds,
        per(r.bull.processNodeMs, r.bull.processed),
      ],
      ['BullMQ process: Redis (whole server, shared)', '', '', per(r.bull.processRedisMs, r.bull.processed)],
      [
        'skeleton in all (one transaction + one job added and processed)',
        '',
        '',
        `${r.perBookingMs.toFixed(3)} ms`,
      ],
    ],
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const DURATION_S = numberOption('duration', 10)
  const CLIENTS = numberOption('clients', 16)
  const QUEUES = numberOption('queues', 16)
  const GROUP = numberOption('group', 1)
  runBench('skeleton', 10 * 60_000, async (scope) => {
    const env = await createBenchEnv({
      specialists: Math.max(CLIENTS, 16),
      clients: CLIENTS,
      bookingsPerSpecialist: 0,
    })
    scope.defer('database and Redis keys', env.cleanup)
    console.log(`machine: ${await describeMachine(env.db, env.rawRedis)}`)
    const r = await runSkeleton(env, {
      durationS: DURATION_S,
      clients: CLIENTS,
      queues: QUEUES,
      group: GROUP,
    })
    printSkeleton(r)
  })
}
