// POST /api/bookings end to end (docs/product.md §5, §11): the real API process and real worker process(es),
// each request a different specialist or a different free slot (taken from GET /api/slots and
// spaced so that no two requests can conflict), a different client token and Idempotency-Key.
// Measures the maximum rate of 201s and the latency at a fixed 300 requests/s, and what each booking
// costs in every run: SQL statements, transactions, Redis commands and round trips per process
// (counted inside the API and worker processes by bench/count-preload.ts), PostgreSQL's own
// transaction counter, and CPU ms per process (API, workers, PostgreSQL backends, Redis, this load
// generator). `--skeleton` also runs bench/skeleton.ts and prints the ratio to it.
//
// Usage: npx tsx bench/bookings.ts [--duration=10] [--connections=50] [--rate=300]
//        [--rate-connections=30] [--workers=1] [--specialists=1000] [--clients=200] [--profile]
//        [--skeleton] [--attempts=4]
// (--attempts: how often a run is redone when other processes used the CPU meanwhile; 1 on a machine
// known to be busy, where redoing cannot help.)
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Request } from 'autocannon'
import { DateTime } from 'luxon'
import { createBenchEnv } from './setup.ts'
import {
  flag,
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
import { COUNT_PRELOAD, costProbe, costRows, totalCpuMs, type CostSnapshot, type Costs } from './costs.ts'
import { printSkeleton, runSkeleton } from './skeleton.ts'
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
const SKELETON = flag('skeleton')
const ATTEMPTS = numberOption('attempts', 4)
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
  const apiChildren: Child[] = []
  const probe = costProbe({
    db,
    databaseName: env.databaseName,
    rawRedis: env.rawRedis,
    children: () => [...workers, ...apiChildren],
  })
  scope.defer('counts folder', probe.close)
  const counted = { ...env.env, ...probe.env }
  for (let i = 0; i < WORKERS; i++) {
    const w = await startWorker(`worker-${i + 1}`, counted, { cpuProfDir: profDir, imports: [COUNT_PRELOAD] })
    scope.defer(`worker ${i + 1}`, () => w.stop())
    workers.push(w)
  }
  // A fresh worker recalculates every grid at start; let that finish before measuring.
  await waitForStartupRefresh(runtime.queues)
  const api = await startApi(counted, { cpuProfDir: profDir, imports: [COUNT_PRELOAD] })
  apiChildren.push(api.child)
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

  /**
   * The run with its costs: a snapshot when it starts (after its wait for a quiet machine) and one
   * once every intent it sent has finished, so the bookings still in flight at its end are counted
   * with what they cost.
   */
  const costed =
    <T extends object>(
      run: (onStart: () => Promise<void>) => Promise<T>,
      opts: { pgCounter?: boolean } = {},
    ) =>
    async (): Promise<T & { costs: Costs }> => {
      let before: CostSnapshot | undefined
      const result = await run(async () => {
        before = await probe.snapshot(opts.pgCounter ? { pgCounter: 'first' } : {})
      })
      await settle()
      const after = await probe.snapshot(opts.pgCounter ? { pgCounter: 'last' } : {})
      return { ...result, costs: probe.diff(before!, after) }
    }

  console.log('warming up (JIT): 3 s at 20 connections')
  await load({ title: 'warm-up', url: api.base, requests, connections: 20, durationS: 3, timeoutS: 30 })
  await settle()

  const results: (LoadResult & { costs: Costs })[] = []
  const before = Number((await db('bookings').count<{ n: string }[]>('* as n').first())?.n)
  const max = await quietRun(
    'max throughput',
    costed(
      (onStart) =>
        load({
          onStart,
          title: 'max throughput',
          url: api.base,
          requests,
          connections: CONNECTIONS,
          durationS: DURATION_S,
          timeoutS: 30,
        }),
      // PostgreSQL's own counter once, here: each reading waits 11 s for idle backends to publish.
      { pgCounter: true },
    ),
    settle,
    ATTEMPTS,
  )
  results.push(max)
  console.log(`  max: ${((max.statuses['201'] ?? 0) / max.durationS).toFixed(0)} bookings/s`)
  await settle()
  const fixed = await quietRun(
    `${RATE}/s autocannon`,
    costed((onStart) =>
      load({
        onStart,
        title: `${RATE}/s autocannon`,
        url: api.base,
        requests,
        connections: RATE_CONNECTIONS,
        durationS: DURATION_S,
        overallRate: RATE,
        timeoutS: 30,
      }),
    ),
    settle,
    ATTEMPTS,
  )
  results.push(fixed)
  console.log(`  ${fixed.title}: p99 ${fixed.latencyMs.p99.toFixed(1)} ms`)
  await settle()
  const paced = await quietRun(
    `${RATE}/s paced`,
    costed((onStart) =>
      pacedLoad({
        onStart,
        title: `${RATE}/s paced`,
        url: api.base,
        rate: RATE,
        durationS: DURATION_S,
        maxSockets: 256,
        request: pacedRequest,
      }),
    ),
    settle,
    ATTEMPTS,
  )
  results.push(paced)
  console.log(`  ${paced.title}: p99 ${paced.latencyMs.p99.toFixed(1)} ms`)
  await settle()
  // The same path below saturation: what one booking costs when nothing queues.
  const halfRate = Math.max(10, Math.round((max.statuses['201'] ?? 0) / max.durationS / 2))
  const half = await quietRun(
    `${halfRate}/s paced`,
    costed((onStart) =>
      pacedLoad({
        onStart,
        title: `${halfRate}/s paced (half of max)`,
        url: api.base,
        rate: halfRate,
        durationS: DURATION_S,
        maxSockets: 256,
        request: pacedRequest,
      }),
    ),
    settle,
    ATTEMPTS,
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

  // One booking at a time, after 50 to warm up: the latency with nothing queued, and the costs
  // without contention (no waits, no retries).
  const ANATOMY = 100
  const sendOne = async () => {
    const r = pacedRequest()
    const t = performance.now()
    const res = await fetch(api.base + r.path, { method: 'POST', headers: r.headers, body: r.body })
    await res.arrayBuffer()
    if (res.status !== 201) throw new Error(`one-at-a-time booking answered ${res.status}`)
    return performance.now() - t
  }
  for (let k = 0; k < 50; k++) await sendOne()
  await settle()
  const single: number[] = []
  const oneAtATime = await costed(async (onStart) => {
    await onStart()
    for (let k = 0; k < ANATOMY; k++) single.push(await sendOne())
    return { sent: ANATOMY }
  })()
  single.sort((a, b) => a - b)
  console.log(
    `\none booking at a time (${ANATOMY}, after 50 to warm up): latency p50 ` +
      `${single[Math.floor(ANATOMY / 2)]!.toFixed(1)} ms, p99 ${single[Math.ceil(ANATOMY * 0.99) - 1]!.toFixed(1)} ms`,
  )

  console.log(
    '\nbooking costs per booking (each run from its start until its last intent finished; ' +
      'statements, transactions and commands counted in each process; CPU from /proc):',
  )
  const table = costRows([
    ...results.map((r) => ({ title: r.title, costs: r.costs })),
    { title: 'one at a time', costs: oneAtATime.costs },
  ])
  printTable(table.headers, table.rows)

  const perSecond = (max.statuses['201'] ?? 0) / max.durationS
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
  const cpuPerBooking = totalCpuMs(max.costs) / max.costs.bookings
  let skeletonMs: number | null = null
  if (SKELETON) {
    // On a quiet machine: the processes under test are stopped first.
    await api.child.stop()
    for (const w of workers) await w.stop()
    console.log(`\nskeleton (bench/skeleton.ts, ${DURATION_S} s, same database and Redis):`)
    const skeleton = await runSkeleton(env, { durationS: DURATION_S })
    printSkeleton(skeleton)
    skeletonMs = skeleton.perBookingMs
  }
  console.log(
    `\nsummary (${WORKERS} worker process${WORKERS > 1 ? 'es' : ''}, ${env.config.queuePartitions} partitions):`,
  )
  printTable(
    ['figure', 'measured', 'target', 'verdict'],
    [
      ['max bookings/s (201s)', Math.round(perSecond), '≥ 500', verdict(perSecond >= 500)],
      [
        'CPU per booking, every process (max throughput run)',
        `${cpuPerBooking.toFixed(2)} ms`,
        '≤ 4 ms',
        verdict(cpuPerBooking <= 4),
      ],
      ...(skeletonMs === null
        ? []
        : [
            [
              `ratio to the skeleton's ${skeletonMs.toFixed(2)} ms`,
              `${(cpuPerBooking / skeletonMs).toFixed(1)}×`,
              '≤ 3×',
              verdict(cpuPerBooking / skeletonMs <= 3),
            ],
          ]),
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
