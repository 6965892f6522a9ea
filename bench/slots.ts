// GET /api/slots under load (docs/product.md §4, §11): the real API in its own process, grids warmed by a real
// worker, autocannon in this process. Measures (a) one specialist, 60 days; (b) "any of 10
// specialists" of one location; (c) the ceiling — a bare Fastify process that only MGETs the same
// 60 keys and sends the same bytes — and the ratio (a)/(c).
//
// Usage: npx tsx bench/slots.ts [--duration=10] [--connections=50] [--rate=1000]
//        [--rate-connections=10] [--repeat=3] [--specialists=1000] [--cases=one,any,bare] [--profile]
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Request } from 'autocannon'
import { createBenchEnv } from './setup.ts'
import {
  flag,
  freePort,
  numberOption,
  runBench,
  spawnNode,
  startApi,
  startWorker,
  tempDir,
  waitForHttp,
} from './lifecycle.ts'
import { countGridKeys, openEngine, waitForStartupRefresh } from './grids.ts'
import {
  describeCpu,
  describeStatuses,
  load,
  mapLimit,
  median,
  printTable,
  quietRun,
  type LoadResult,
} from './load.ts'
import { describeMachine } from './machine.ts'
import { pacedLoad } from './paced-load.ts'
import { summariseProfile } from './profile-summary.ts'

const DURATION_S = numberOption('duration', 10)
const CONNECTIONS = numberOption('connections', 50)
const RATE = numberOption('rate', 1000)
const RATE_CONNECTIONS = numberOption('rate-connections', 10)
const REPEAT = numberOption('repeat', 3)
const SPECIALISTS = numberOption('specialists', 1000)
const PROFILE = flag('profile')
const CASES = (process.argv.find((a) => a.startsWith('--cases='))?.slice(8) ?? 'one,any,bare').split(',') as (
  'one' | 'any' | 'bare'
)[]

const get = (paths: string[]): Request[] => paths.map((path) => ({ method: 'GET', path }))

runBench('slots', 20 * 60_000, async (scope) => {
  const t0 = Date.now()
  const env = await createBenchEnv({ specialists: SPECIALISTS })
  scope.defer('database and Redis keys', env.cleanup)
  console.log(`machine: ${await describeMachine(env.db, env.rawRedis)}`)
  const { seed } = env
  console.log(
    `seeded ${seed.specialists.length} specialists, ${seed.groups.length} "any of 10" services, ` +
      `${seed.bookings} bookings in ${((Date.now() - t0) / 1000).toFixed(1)} s (database ${env.databaseName})`,
  )

  // Warm every grid with a real worker, then stop it so that it does not share the CPUs.
  const runtime = openEngine(env.config, env.db)
  scope.defer('queues', runtime.close)
  const worker = await startWorker('worker', env.env)
  scope.defer('worker', () => worker.stop())
  const tWarm = Date.now()
  await runtime.planner.everything()
  await waitForStartupRefresh(runtime.queues)
  const keys = await countGridKeys(env.rawRedis, env.config.redisPrefix)
  console.log(
    `grids warmed: ${keys.specialist} specialist-day + ${keys.room} room-day keys in ` +
      `${((Date.now() - tWarm) / 1000).toFixed(1)} s`,
  )
  await worker.stop()

  const profDir = PROFILE ? tempDir('slots-prof') : undefined
  const api = await startApi(env.env, { cpuProfDir: profDir })
  scope.defer('api', () => api.child.stop())

  const onePaths = seed.specialists.map(
    (s) => `/api/slots?service_id=${seed.haircut.id}&specialist_id=${s.id}`,
  )
  const anyPaths = seed.groups.map((g) => `/api/slots?service_id=${g.serviceId}&location_id=${g.locationId}`)

  // Every URL once: checks the answers and keeps each specialist's body for the bare server.
  const bodies: Record<number, { zone: string; body: string }> = {}
  let totalDays = 0
  await mapLimit(seed.specialists, 8, async (s, i) => {
    const res = await fetch(api.base + onePaths[i]!)
    const body = await res.text()
    if (res.status !== 200) throw new Error(`${onePaths[i]} → ${res.status} ${body}`)
    totalDays += (JSON.parse(body) as { locations: { days: unknown[] }[] }).locations[0]?.days.length ?? 0
    bodies[s.id] = { zone: s.zone, body }
  })
  for (const path of anyPaths) {
    const res = await fetch(api.base + path)
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`)
  }
  const sizes = Object.values(bodies).map((b) => b.body.length)
  console.log(
    `one-specialist answers: ${Math.round(median(sizes))} bytes median (${Math.min(...sizes)}–${Math.max(...sizes)}), ` +
      `${(totalDays / seed.specialists.length).toFixed(1)} days with slots on average`,
  )

  const dir = tempDir('slots')
  scope.defer('temp files', () => rmSync(dir, { recursive: true, force: true }))
  const bodiesFile = join(dir, 'bodies.json')
  writeFileSync(bodiesFile, JSON.stringify(bodies))
  const barePort = await freePort()
  const bare = spawnNode('bare', 'bench/bare-server.ts', {
    ...env.env,
    PORT: String(barePort),
    BENCH_BARE_FILE: bodiesFile,
  })
  scope.defer('bare server', () => bare.stop())
  const bareBase = `http://127.0.0.1:${barePort}`
  await waitForHttp(`${bareBase}/healthz`, bare)
  const barePaths = seed.specialists.map((s) => `/bare?specialist_id=${s.id}`)

  type CaseName = 'one' | 'any' | 'bare'
  const allCases: Record<CaseName, { title: string; url: string; paths: string[] }> = {
    one: { title: '(a) one specialist, 60 days', url: api.base, paths: onePaths },
    any: { title: '(b) any of 10 specialists, 60 days', url: api.base, paths: anyPaths },
    bare: { title: '(c) bare: MGET 60 keys + same body', url: bareBase, paths: barePaths },
  }
  const cases = CASES.map((name) => [name, allCases[name]] as const)

  console.log('warming up (JIT): 3 s per case')
  for (const [, c] of cases) {
    await load({ ...c, requests: get(c.paths), connections: CONNECTIONS, durationS: 3 })
  }

  const results: LoadResult[] = []
  const maxRuns: Record<CaseName, LoadResult[]> = { one: [], any: [], bare: [] }
  for (let r = 0; r < REPEAT; r++) {
    for (const [name, c] of cases) {
      const res = await quietRun(`${c.title} — max`, () =>
        load({
          title: `${c.title} — max`,
          url: c.url,
          requests: get(c.paths),
          connections: CONNECTIONS,
          durationS: DURATION_S,
        }),
      )
      console.log(
        `  ${res.title} run ${r + 1}: ${res.rps.toFixed(0)} req/s, p99 ${res.latencyMs.p99.toFixed(2)} ms`,
      )
      maxRuns[name].push(res)
      results.push(res)
    }
  }
  const atRate: Partial<Record<CaseName, LoadResult>> = {}
  const paced: Partial<Record<CaseName, LoadResult>> = {}
  for (const [name, c] of cases) {
    const res = await quietRun(`${c.title} — ${RATE}/s autocannon`, () =>
      load({
        title: `${c.title} — ${RATE}/s autocannon`,
        url: c.url,
        requests: get(c.paths),
        connections: RATE_CONNECTIONS,
        durationS: DURATION_S,
        overallRate: RATE,
      }),
    )
    console.log(`  ${res.title}: ${res.rps.toFixed(0)} req/s, p99 ${res.latencyMs.p99.toFixed(2)} ms`)
    atRate[name] = res
    results.push(res)
    if (median(maxRuns[name].map((r) => r.rps)) < 0.9 * RATE) {
      // Open loop past capacity only measures how long the queue grew; skip it.
      console.log(`  ${c.title} — ${RATE}/s paced: skipped, the maximum is below ${RATE}/s`)
      continue
    }
    const open = await quietRun(`${c.title} — ${RATE}/s paced`, () =>
      pacedLoad({
        title: `${c.title} — ${RATE}/s paced`,
        url: c.url,
        rate: RATE,
        durationS: DURATION_S,
        request: (i) => ({ method: 'GET', path: c.paths[i % c.paths.length]! }),
      }),
    )
    console.log(`  ${open.title}: ${open.rps.toFixed(0)} req/s, p99 ${open.latencyMs.p99.toFixed(2)} ms`)
    paced[name] = open
    results.push(open)
  }

  console.log('\nevery run:')
  printTable(
    [
      'run',
      'conns',
      'rate',
      'req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'p99.9 ms',
      'max ms',
      'statuses',
      'errors',
      'bytes',
      'CPU cores used',
    ],
    results.map((r) => [
      r.title,
      r.connections,
      r.targetRate ?? 'max',
      Math.round(r.rps),
      r.latencyMs.p50,
      r.latencyMs.p90,
      r.latencyMs.p99,
      r.latencyMs.p999,
      r.latencyMs.max,
      describeStatuses(r.statuses),
      r.errors + r.timeouts,
      r.bytesPerResponse,
      describeCpu(r.cpu),
    ]),
  )

  const med = (name: CaseName) => median(maxRuns[name].map((r) => r.rps))
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED')
  const ms = (r: LoadResult | undefined) => (r ? `${r.latencyMs.p99.toFixed(2)} ms` : '—')
  const rows: unknown[][] = []
  const targets: Record<CaseName, { rps: number; p99: number } | null> = {
    one: { rps: 5000, p99: 5 },
    any: { rps: 3000, p99: 10 },
    bare: null,
  }
  for (const [name, c] of cases) {
    const t = targets[name]
    rows.push([
      `${c.title}: max req/s`,
      Math.round(med(name)),
      t ? `≥ ${t.rps}` : '—',
      t ? verdict(med(name) >= t.rps) : '',
    ])
    for (const [how, r] of [
      [`autocannon overallRate, ${RATE_CONNECTIONS} conns`, atRate[name]],
      ['paced open loop', paced[name]],
    ] as const) {
      rows.push([
        `${c.title}: p99 at ${RATE}/s (${how})`,
        r ? ms(r) : `not run: max < ${RATE}/s`,
        t ? `≤ ${t.p99} ms` : '—',
        t ? (r ? verdict(r.latencyMs.p99 <= t.p99 && r.rps >= 0.95 * RATE) : 'MISSED') : '',
      ])
    }
  }
  if (CASES.includes('one') && CASES.includes('bare')) {
    const ratio = med('one') / med('bare')
    rows.push([
      '(a)/(c) slots vs bare, max req/s',
      `${(100 * ratio).toFixed(0)}%`,
      '≥ 70%',
      verdict(ratio >= 0.7),
    ])
  }
  console.log(
    `\nsummary (max throughput: median of ${REPEAT} runs of ${DURATION_S} s, ${CONNECTIONS} connections):`,
  )
  printTable(['figure', 'measured', 'target', 'verdict'], rows)

  if (profDir) {
    await api.child.stop()
    for (const f of readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'))) {
      console.log(`\n${summariseProfile(join(profDir, f))}`)
    }
    console.log(`(profile kept in ${profDir})`)
  }
})
