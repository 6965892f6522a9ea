// POST /api/bookings end to end (docs/product.md §5, §11): the real API process and real worker process(es),
// each request a different specialist or a different free slot (taken from GET /api/slots and
// spaced so that no two requests can conflict), a different client token and Idempotency-Key.
// Measures the maximum rate of 201s and the latency at a fixed 300 requests/s.
//
// Usage: npx tsx bench/bookings.ts [--duration=10] [--connections=50] [--rate=300]
//        [--rate-connections=30] [--workers=1] [--specialists=1000] [--clients=200] [--profile]
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Request } from 'autocannon'
import { DateTime } from 'luxon'
import { createBenchEnv } from './setup.ts'
import {
  flag,
  nameOfPid,
  numberOption,
  runBench,
  sleep,
  startApi,
  startWorker,
  tempDir,
  type Child,
} from './lifecycle.ts'
import { openEngine, waitForStartupRefresh } from './grids.ts'
import {
  describeCpu,
  describeStatuses,
  load,
  mapLimit,
  printTable,
  quietRun,
  type LoadResult,
} from './load.ts'
import { describeMachine } from './machine.ts'
import { createDb } from '../src/data/db.ts'
import { startWorkers } from '../src/workers/main.ts'
import { pacedLoad, type PacedRequest } from './paced-load.ts'
import { summariseProfile } from './profile-summary.ts'

const DURATION_S = numberOption('duration', 10)
const CONNECTIONS = numberOption('connections', 50)
const RATE = numberOption('rate', 300)
const RATE_CONNECTIONS = numberOption('rate-connections', 30)
const WORKERS = numberOption('workers', 1)
const SPECIALISTS = numberOption('specialists', 1000)
const CLIENTS = numberOption('clients', 200)
const PROFILE = flag('profile')
/** The booked service takes the specialist for 60 + 15 minutes. */
const HOLD_MINUTES = 75

interface Slots {
  locations: { days: { date: string; times: string[] }[] }[]
}

/** Start times of one day, greedily spaced so that no two bookings of them overlap. */
function spaced(times: string[]): string[] {
  const out: string[] = []
  let free = -Infinity
  for (const t of times) {
    const [h, m] = t.split(':').map(Number)
    const minute = h! * 60 + m!
    if (minute >= free) {
      out.push(t)
      free = minute + HOLD_MINUTES
    }
  }
  return out
}

runBench('bookings', 15 * 60_000, async (scope) => {
  const t0 = Date.now()
  const env = await createBenchEnv({ specialists: SPECIALISTS, clients: CLIENTS })
  scope.defer('database and Redis keys', env.cleanup)
  console.log(`machine: ${await describeMachine(env.db, env.rawRedis)}`)
  const { seed, db } = env
  console.log(
    `seeded ${seed.specialists.length} specialists, ${seed.clients.length} clients with sessions, ` +
      `${seed.bookings} bookings in ${((Date.now() - t0) / 1000).toFixed(1)} s (database ${env.databaseName})`,
  )

  const runtime = openEngine(env.config, db)
  scope.defer('queues', runtime.close)
  const profDir = PROFILE ? tempDir('bookings-prof') : undefined
  const workers: Child[] = []
  for (let i = 0; i < WORKERS; i++) {
    const w = await startWorker(`worker-${i + 1}`, env.env, { cpuProfDir: profDir })
    scope.defer(`worker ${i + 1}`, () => w.stop())
    workers.push(w)
  }
  // A fresh worker recalculates every grid at start; let that finish before measuring.
  await waitForStartupRefresh(runtime.queues)
  const api = await startApi(env.env, { cpuProfDir: profDir })
  scope.defer('api', () => api.child.stop())

  // Free starts per specialist from the day after tomorrow (no reminder falls due during the run).
  const perSpecialist = await mapLimit(seed.specialists, 8, async (s) => {
    const from = DateTime.now().setZone(s.zone).plus({ days: 2 }).toISODate()!
    const res = await fetch(
      `${api.base}/api/slots?service_id=${seed.haircut.id}&specialist_id=${s.id}&from=${from}`,
    )
    if (res.status !== 200) throw new Error(`slots of ${s.id}: ${res.status} ${await res.text()}`)
    const body = (await res.json()) as Slots
    return (body.locations[0]?.days ?? []).flatMap((d) =>
      spaced(d.times).map((time) => ({ date: d.date, time })),
    )
  })
  // Round robin over specialists: consecutive requests never share a specialist.
  const bodies: string[] = []
  for (let k = 0; ; k++) {
    let any = false
    for (const [i, s] of seed.specialists.entries()) {
      const slot = perSpecialist[i]![k]
      if (!slot) continue
      any = true
      bodies.push(JSON.stringify({ service_id: seed.haircut.id, specialist_id: s.id, start: slot }))
    }
    if (!any) break
  }
  console.log(`${bodies.length} non-conflicting bookable slots prepared`)

  let next = 0
  const runTag = Date.now().toString(36)
  const requests: Request[] = [
    {
      method: 'POST',
      path: '/api/bookings',
      setupRequest: (req) => {
        // Past the prepared slots, requests repeat earlier slots and get 409s (visible in the table).
        const i = next++
        const client = seed.clients[i % seed.clients.length]!
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${client.token}`,
            'idempotency-key': `bench-${runTag}-${i}`,
          },
          body: bodies[i % bodies.length],
        }
      },
    },
  ]

  const pacedRequest = (): PacedRequest => {
    const i = next++
    const client = seed.clients[i % seed.clients.length]!
    return {
      method: 'POST',
      path: '/api/bookings',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${client.token}`,
        'idempotency-key': `bench-${runTag}-${i}`,
      },
      body: bodies[i % bodies.length],
    }
  }

  /** Waits until every intent sent so far is finished (the queues are empty again). */
  const settle = async () => {
    const until = Date.now() + 120_000
    while (Date.now() < until) {
      const row = await db('intents').where({ status: 'pending' }).count<{ n: string }[]>('* as n').first()
      if (Number(row?.n ?? 0) === 0) return
      await sleep(200)
    }
    throw new Error('intents still pending after 120 s')
  }

  console.log('warming up (JIT): 3 s at 20 connections')
  await load({ title: 'warm-up', url: api.base, requests, connections: 20, durationS: 3, timeoutS: 30 })
  await settle()

  const results: LoadResult[] = []
  const before = Number((await db('bookings').count<{ n: string }[]>('* as n').first())?.n)
  const max = await quietRun(
    'max throughput',
    () =>
      load({
        title: 'max throughput',
        url: api.base,
        requests,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        timeoutS: 30,
      }),
    settle,
  )
  results.push(max)
  console.log(`  max: ${((max.statuses['201'] ?? 0) / max.durationS).toFixed(0)} bookings/s`)
  await settle()
  const fixed = await quietRun(
    `${RATE}/s autocannon`,
    () =>
      load({
        title: `${RATE}/s autocannon`,
        url: api.base,
        requests,
        connections: RATE_CONNECTIONS,
        durationS: DURATION_S,
        overallRate: RATE,
        timeoutS: 30,
      }),
    settle,
  )
  results.push(fixed)
  console.log(`  ${fixed.title}: p99 ${fixed.latencyMs.p99.toFixed(1)} ms`)
  await settle()
  const paced = await quietRun(
    `${RATE}/s paced`,
    () =>
      pacedLoad({
        title: `${RATE}/s paced`,
        url: api.base,
        rate: RATE,
        durationS: DURATION_S,
        maxSockets: 256,
        request: pacedRequest,
      }),
    settle,
  )
  results.push(paced)
  console.log(`  ${paced.title}: p99 ${paced.latencyMs.p99.toFixed(1)} ms`)
  await settle()
  // The same path below saturation: what one booking costs when nothing queues.
  const halfRate = Math.max(10, Math.round((max.statuses['201'] ?? 0) / max.durationS / 2))
  const half = await quietRun(
    `${halfRate}/s paced`,
    () =>
      pacedLoad({
        title: `${halfRate}/s paced (half of max)`,
        url: api.base,
        rate: halfRate,
        durationS: DURATION_S,
        maxSockets: 256,
        request: pacedRequest,
      }),
    settle,
  )
  results.push(half)
  console.log(`  ${half.title}: p99 ${half.latencyMs.p99.toFixed(1)} ms`)
  await settle()
  const after = Number((await db('bookings').count<{ n: string }[]>('* as n').first())?.n)
  const intents = await db('intents')
    .select('status', 'result_status')
    .count('* as n')
    .groupBy('status', 'result_status')

  console.log('\nevery run:')
  printTable(
    [
      'run',
      'conns',
      'rate',
      'sent/s',
      '201/s',
      '201',
      'non-2xx',
      'other',
      'errors',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
      'CPU cores used',
    ],
    results.map((r) => {
      const created = r.statuses['201'] ?? 0
      const non2xx = Object.entries(r.statuses)
        .filter(([c]) => !c.startsWith('2'))
        .reduce((a, [, n]) => a + n, 0)
      return [
        r.title,
        r.connections,
        r.targetRate ?? 'max',
        Math.round(r.rps),
        Math.round(created / r.durationS),
        created,
        non2xx,
        describeStatuses(Object.fromEntries(Object.entries(r.statuses).filter(([c]) => c !== '201'))),
        r.errors,
        r.latencyMs.p50,
        r.latencyMs.p90,
        r.latencyMs.p99,
        r.latencyMs.p999,
        r.latencyMs.max,
        describeCpu(r.cpu),
      ]
    }),
  )
  if (next > bodies.length) console.log(`note: ${next - bodies.length} requests reused slots (expect 409s)`)
  console.log(
    `\nbookings rows created during the measured runs (incl. requests still in flight when a run ended): ${after - before}`,
  )
  console.log(
    `intents by outcome: ${intents.map((r) => `${r.status}/${r.result_status ?? '-'}×${r.n}`).join(', ')}`,
  )

  // Anatomy of one booking: the worker now runs in this process on a counting connection pool, and
  // bookings go one at a time, so statements, transactions and commands divide by their number.
  // CPU per booking comes from the max-throughput run (cores used / bookings per second).
  const ANATOMY = 100
  for (const w of workers) await w.stop()
  const countingDb = createDb(env.config.databaseUrl, { pool: 20 })
  let statements = 0
  countingDb.on('query', () => statements++)
  const inProcess = await startWorkers(env.config, {}, { db: countingDb })
  let inProcessOpen = true
  const closeInProcess = async () => {
    if (!inProcessOpen) return
    inProcessOpen = false
    await inProcess.close()
    await countingDb.destroy()
  }
  scope.defer('in-process worker', closeInProcess)
  const pgStats = async () => {
    // An idle backend publishes its counters within 10 s (PGSTAT_IDLE_INTERVAL): wait that out.
    await sleep(11_000)
    return (
      await db.raw(
        'select xact_commit + xact_rollback as xacts from pg_stat_database where datname = current_database()',
      )
    ).rows[0].xacts as number
  }
  const redisCommands = async () =>
    [...(await env.rawRedis.info('commandstats')).matchAll(/calls=(\d+)/g)].reduce(
      (a, m) => a + Number(m[1]),
      0,
    )
  const sendOne = async () => {
    const r = pacedRequest()
    const t = performance.now()
    const res = await fetch(api.base + r.path, { method: 'POST', headers: r.headers, body: r.body })
    await res.arrayBuffer()
    if (res.status !== 201) throw new Error(`anatomy booking answered ${res.status}`)
    return performance.now() - t
  }
  for (let k = 0; k < 50; k++) await sendOne() // warm the in-process worker's JIT
  await settle()
  const xactsBefore = Number(await pgStats())
  const commandsBefore = await redisCommands()
  statements = 0
  const single: number[] = []
  for (let k = 0; k < ANATOMY; k++) single.push(await sendOne())
  const workerStatements = statements / ANATOMY
  const commands = (await redisCommands()) - commandsBefore
  const xacts = Number(await pgStats()) - xactsBefore
  single.sort((a, b) => a - b)
  const perSecondMax = (max.statuses['201'] ?? 0) / max.durationS
  const cpuPer = (cores: number) => `${((1000 * cores) / perSecondMax).toFixed(2)} ms`
  const workerCores = [...max.cpu.perPid].filter(([pid]) => nameOfPid(pid).startsWith('worker'))
  console.log(`\nanatomy of one booking (${ANATOMY} bookings one after another, after 50 to warm up):`)
  printTable(
    ['figure', 'per booking'],
    [
      [
        'latency p50 / p99, one booking at a time',
        `${single[Math.floor(ANATOMY / 2)]!.toFixed(1)} / ${single[Math.ceil(ANATOMY * 0.99) - 1]!.toFixed(1)} ms`,
      ],
      ['SQL statements sent by the worker (BEGIN/COMMIT included)', workerStatements.toFixed(1)],
      ['PostgreSQL transactions, API + worker', (xacts / ANATOMY).toFixed(1)],
      ['Redis commands, API + worker (inside Lua included; whole server)', (commands / ANATOMY).toFixed(1)],
      [
        'CPU of the worker process(es), at max throughput',
        cpuPer(workerCores.reduce((a, [, c]) => a + c, 0)),
      ],
      ['CPU of the API process, at max throughput', cpuPer(max.cpu.perPid.get(api.child.process.pid!) ?? 0)],
      ['CPU of PostgreSQL, at max throughput', cpuPer(max.cpu.postgres)],
      ['CPU of Redis, at max throughput', cpuPer(max.cpu.redis)],
    ],
  )
  await closeInProcess()

  const perSecond = (max.statuses['201'] ?? 0) / max.durationS
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
  console.log(
    `\nsummary (${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}, ${env.config.queuePartitions} partitions):`,
  )
  printTable(
    ['figure', 'measured', 'target', 'verdict'],
    [
      ['max bookings/s (201s)', Math.round(perSecond), '≥ 1000', verdict(perSecond >= 1000)],
      ...[fixed, paced].map((r) => [
        `p99 at ${RATE}/s, ${r === fixed ? `autocannon overallRate, ${RATE_CONNECTIONS} conns` : 'paced open loop'} (achieved ${r.rps.toFixed(0)}/s)`,
        `${r.latencyMs.p99.toFixed(1)} ms`,
        '≤ 50 ms',
        verdict(r.latencyMs.p99 <= 50 && r.rps >= 0.95 * RATE),
      ]),
      [
        `p99 at ${half.targetRate}/s, paced (half of max; for reference)`,
        `${half.latencyMs.p99.toFixed(1)} ms`,
        '—',
        '',
      ],
    ],
  )

  if (profDir) {
    await api.child.stop()
    for (const w of workers) await w.stop()
    for (const f of readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'))) {
      const pid = Number(f.split('.')[3])
      const who = [api.child, ...workers].find((c) => c.process.pid === pid)?.name ?? 'helper thread'
      console.log(`\n[${who}] ${summariseProfile(join(profDir, f))}`)
    }
    console.log(`(profiles kept in ${profDir})`)
  }
})
