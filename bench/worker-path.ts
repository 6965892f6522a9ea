// What ONE booking costs the worker, statement by statement: a throw-away world (bench/setup.ts), the
// worker runtime started in this process on a pool of its own, and create intents recorded and
// queued the way the API does it (outside the worker's pool and connections). Every SQL statement
// the worker's pool sends while the intent's job runs is printed (knex's 'query' event: BEGIN,
// COMMIT and ROLLBACK included), with every Redis command the worker's connections send (ioredis'
// sendCommand; a pipeline or MULTI is one round trip). Background timers (lease heartbeat, sweeper,
// outbox relay) are slowed down so they do not land inside the window.
//
//   npx tsx bench/worker-path.ts            # one booking paid on site, one paid from the wallet
//   npx tsx bench/worker-path.ts --quiet    # the counts only
import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import PipelineModule from 'ioredis/built/Pipeline.js'
import { createDb } from '../src/data/db.ts'
import { addDays, todayIn } from '../src/domain/dates.ts'
import { weekdayKey } from '../src/domain/day-cells.ts'
import { recordIntent } from '../src/intents/intent-store.ts'
import { bookingQueueName, intentJobId, partitionOf, type IntentJob } from '../src/jobs/booking-queues.ts'
import { JOB } from '../src/jobs/names.ts'
import { createBullConnection, bullPrefix } from '../src/infra/redis.ts'
import { startWorkers } from '../src/workers/main.ts'
import { runBench, sleep } from './lifecycle.ts'
import { createBenchEnv } from './setup.ts'

const quiet = process.argv.includes('--quiet')

/** The connection names of the worker's own clients (src/infra/redis.ts, src/jobs/index.ts). */
const WORKER_CONNECTIONS = new Set(['worker', 'queues', 'blocking'])

interface Recording {
  sql: string[]
  redis: string[]
  /** Redis round trips: commands sent alone, plus one per pipeline or MULTI. */
  redisTrips: number
}

let recording: Recording | null = null

function hookRedis() {
  const proto = Redis.prototype as unknown as { sendCommand: (...args: unknown[]) => unknown }
  const send = proto.sendCommand
  proto.sendCommand = function (this: Redis, ...args: unknown[]) {
    const r = recording
    if (r && WORKER_CONNECTIONS.has(this.options.connectionName ?? '')) {
      const cmd = args[0] as { name: string; args: unknown[] }
      const first = cmd.args[0] === undefined ? '' : String(cmd.args[0]).slice(0, 60)
      const inPipeline = args[1] !== undefined
      if (!inPipeline) r.redisTrips++
      // An EVALSHA names its script by SHA: show the first key instead.
      const shown =
        cmd.name === 'evalsha' ? `evalsha <sha> ${String(cmd.args[2] ?? '')}` : `${cmd.name} ${first}`
      r.redis.push(`${inPipeline ? '  | ' : ''}[${this.options.connectionName}] ${shown}`)
    }
    return send.apply(this, args)
  }
  const Pipeline = (PipelineModule as unknown as { default?: unknown }).default ?? PipelineModule
  const pproto = (Pipeline as { prototype: { exec: (...args: unknown[]) => unknown } }).prototype
  const exec = pproto.exec
  pproto.exec = function (this: { redis?: Redis }, ...args: unknown[]) {
    const r = recording
    if (r && WORKER_CONNECTIONS.has(this.redis?.options.connectionName ?? '')) r.redisTrips++
    return exec.apply(this, args)
  }
}

runBench('worker-path', 180_000, async (scope) => {
  hookRedis()
  const env = await createBenchEnv({ specialists: 10, clients: 2, bookingsPerSpecialist: 0 })
  scope.defer('world', () => env.cleanup())
  const { config, db, seed } = env
  // The worker's own pool: only its statements reach the listener.
  const workerDb = createDb(config.databaseUrl, { pool: 5 })
  scope.defer('worker pool', () => workerDb.destroy())
  workerDb.on('query', (q: { sql: string; bindings?: unknown[] }) => {
    recording?.sql.push(q.sql.replace(/\s+/g, ' ').trim())
  })
  const runtime = await startWorkers(
    config,
    { sweepEveryMs: 600_000, sweepAfterMs: 600_000, leaseEveryMs: 30_000, leaseTtlMs: 120_000 },
    { db: workerDb },
  )
  scope.defer('workers', () => runtime.close())
  const connection = createBullConnection(config, 'bench')
  scope.defer('bench connection', () => connection.disconnect())
  const queues = new Map<number, Queue>()
  const queueOf = (specialistId: number) => {
    const p = partitionOf(specialistId, config.queuePartitions)
    let q = queues.get(p)
    if (!q) {
      q = new Queue(bookingQueueName(p), { connection, prefix: bullPrefix(config) })
      queues.set(p, q)
    }
    return q
  }
  scope.defer('queues', () => Promise.all([...queues.values()].map((q) => q.close())))
  // Until every partition is owned (the lease's first assignment).
  for (let i = 0; i < 100 && runtime.workers.length < config.queuePartitions; i++) await sleep(50)

  const working = seed.specialists.filter((s) => s.schedule[weekdayKey(addDays(todayIn(s.zone), 1))])
  const firstHourOf = (s: (typeof working)[number]) =>
    Number(s.schedule[weekdayKey(addDays(todayIn(s.zone), 1))]![0]![0].slice(0, 2))
  const [client, walletClient] = seed.clients
  await db('client_wallets')
    .insert({ client_id: walletClient!.id, balance: 10_000_000 })
    .onConflict('client_id')
    .merge()

  async function book(
    specialist: (typeof working)[number],
    label: string,
    clientId: number,
    hour: number,
    payment: 'auto' | 'wallet',
    print = true,
  ) {
    const date = addDays(todayIn(specialist.zone), 1)
    const startsAt = DateTime.fromISO(`${date}T${String(hour).padStart(2, '0')}:00`, {
      zone: specialist.zone,
    })
      .toUTC()
      .toISO()!
    const { row } = await recordIntent(db, {
      kind: 'create',
      userId: clientId,
      specialistId: specialist.id,
      idempotencyKey: randomUUID(),
      request: { label, startsAt },
      payload: {
        client_id: clientId,
        service_id: seed.haircut.id,
        starts_at: startsAt,
        payment,
        candidates: [specialist.id],
        source: 'web',
        by: 'client',
        actor_id: clientId,
      },
    })
    const job: IntentJob = { intentId: row.id, uid: row.uid, specialistId: specialist.id }
    const rec: Recording = { sql: [], redis: [], redisTrips: 0 }
    recording = rec
    const added = await queueOf(specialist.id).add(JOB.intent, job, { jobId: intentJobId(job) })
    let state = ''
    for (let i = 0; i < 400 && state !== 'completed' && state !== 'failed'; i++) {
      await sleep(10)
      state = await added.getState()
    }
    await sleep(50) // the worker's completion of the job
    recording = null
    if (!print) return
    const intent = await db('intents').where({ id: row.id }).first('status', 'result_status')
    const statements = rec.sql.length
    const transactions =
      rec.sql.filter((s) => /^begin/i.test(s)).length +
      rec.sql.filter((s, i) => !/^(begin|commit|rollback)/i.test(s) && !insideTransaction(rec.sql, i)).length
    console.log(
      `\n== ${label}: intent ${intent.status} ${intent.result_status}, job ${state}: ` +
        `${statements} SQL statements, ${transactions} transactions, ` +
        `${rec.redis.filter((c) => !c.startsWith('  |')).length + rec.redis.filter((c) => c.startsWith('  |')).length} Redis commands, ` +
        `${rec.redisTrips} Redis round trips`,
    )
    if (!quiet) {
      console.log('-- SQL')
      rec.sql.forEach((s, i) => console.log(`${String(i + 1).padStart(3)}. ${s.slice(0, 220)}`))
      console.log('-- Redis')
      rec.redis.forEach((c) => console.log(`     ${c}`))
    }
  }

  // The start-up's grid refresh and a first booking (cold caches, first EVALSHA loads) out of the way.
  await sleep(3_000)
  const [measured, other] = working
  await book(other!, 'warm-up', client!.id, firstHourOf(other!), 'auto', false)
  await sleep(500)
  await book(measured!, 'create, paid on site', client!.id, firstHourOf(measured!), 'auto')
  await sleep(500)
  await book(
    measured!,
    'create, paid from the wallet',
    walletClient!.id,
    firstHourOf(measured!) + 2,
    'wallet',
  )
})

/** Whether statement `i` was sent between a BEGIN and its COMMIT/ROLLBACK (one pool connection at a time here). */
function insideTransaction(sql: string[], i: number): boolean {
  let open = false
  for (let k = 0; k < i; k++) {
    if (/^begin/i.test(sql[k]!)) open = true
    else if (/^(commit|rollback)/i.test(sql[k]!)) open = false
  }
  return open
}
