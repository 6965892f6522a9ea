// What a stretch of a benchmark cost, per process: SQL statements, transactions, Redis commands and
// round trips (counted inside each process by bench/count-preload.ts), CPU time (/proc/<pid>/stat
// utime + stime of the benchmark, its children, the database's PostgreSQL backends and Redis), and
// PostgreSQL's own transaction counter for the database (pg_stat_database). Take a snapshot before
// and after, and divide the difference by what was done in between.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Redis } from 'ioredis'
import type { Db } from '../src/data/db.ts'
import { currentCounts, installCounters, type Counts } from './count-preload.ts'
import { ROOT, sleep, type Child } from './lifecycle.ts'

/** The module a child process gets with `--import` (after tsx) to count its statements and commands. */
export const COUNT_PRELOAD = join(ROOT, 'bench/count-preload.ts')

/** CPU ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const HZ = 100

function ticksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return null // gone
  }
}

/** The redis-server processes of this machine. */
export function redisServerPids(): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('redis-server')) out.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return out
}

/** utime + stime ticks of each of `pids` that still exists. */
export function pidTicks(pids: number[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const pid of pids) {
    const t = ticksOf(pid)
    if (t !== null) out.set(pid, t)
  }
  return out
}

type Tally = Omit<Counts, 'pid' | 'seq'>

export interface CostSnapshot {
  at: bigint
  /** By process name (bench, api, worker-1, …). */
  counts: Map<string, Tally>
  ticks: Map<number, number>
  processes: Map<string, number>
  backends: number[]
  redisPids: number[]
  redisServerCalls: number
  /** xact_commit + xact_rollback of the database, or null when not asked for (it takes 11 s). */
  serverTransactions: number | null
  bookings: number
}

export interface Costs {
  seconds: number
  bookings: number
  /** Per process name: its counts, and its CPU in ms, over the stretch. */
  perProcess: Map<string, Tally & { cpuMs: number }>
  postgresCpuMs: number
  redisCpuMs: number
  /** Commands Redis executed, those inside Lua included: the whole server (shared with other users). */
  redisServerCalls: number
  serverTransactions: number | null
}

export interface CostProbe {
  dir: string
  /** Environment for a counted child process. */
  env: Record<string, string>
  /**
   * `pgCounter` also reads PostgreSQL's transaction counter, which takes 11 s: `first` waits and reads
   * it before the rest (the start of a stretch), `last` after the rest (its end), so the wait stays
   * outside the stretch either way.
   */
  snapshot: (opts?: { pgCounter?: 'first' | 'last' }) => Promise<CostSnapshot>
  diff: (a: CostSnapshot, b: CostSnapshot) => Costs
  close: () => void
}

/**
 * A probe for the children `children()` lists (each started with COUNT_PRELOAD and `probe.env`),
 * this process, and the database `databaseName`'s backends.
 */
export function costProbe(deps: {
  db: Db
  databaseName: string
  rawRedis: Redis
  children: () => Child[]
}): CostProbe {
  installCounters()
  const dir = mkdtempSync(join(tmpdir(), 'bench-counts-'))
  const seqs = new Map<number, number>()

  const childCounts = async (child: Child): Promise<Counts> => {
    const pid = child.process.pid!
    const file = join(dir, `${pid}.json`)
    const last = seqs.get(pid) ?? 0
    child.process.kill('SIGUSR2')
    for (let i = 0; i < 500; i++) {
      try {
        const c = JSON.parse(readFileSync(file, 'utf8')) as Counts
        if (c.seq > last) {
          seqs.set(pid, c.seq)
          return c
        }
      } catch {
        // not written yet, or being written
      }
      await sleep(10)
    }
    throw new Error(`${child.name} did not report its counts (started without ${COUNT_PRELOAD}?)`)
  }
  const tally = (c: Counts): Tally => ({
    statements: c.statements,
    transactions: c.transactions,
    redisCommands: c.redisCommands,
    redisRoundTrips: c.redisRoundTrips,
  })

  return {
    dir,
    env: { BENCH_COUNTS_DIR: dir },
    async snapshot(opts = {}) {
      const pgCounter = async () => {
        // An idle backend publishes its counters within 10 s (PGSTAT_IDLE_INTERVAL): wait that out.
        await sleep(11_000)
        const { rows } = await deps.db.raw(
          'select xact_commit + xact_rollback as n from pg_stat_database where datname = ?',
          [deps.databaseName],
        )
        return Number(rows[0].n)
      }
      const first = opts.pgCounter === 'first' ? await pgCounter() : null
      const children = deps.children()
      const backends = (
        await deps.db.raw('select pid from pg_stat_activity where datname = ?', [deps.databaseName])
      ).rows.map((r: { pid: number }) => r.pid)
      const bookings = Number((await deps.db('bookings').count<{ n: string }[]>('* as n').first())?.n ?? 0)
      const redisServerCalls = [
        ...(await deps.rawRedis.info('commandstats')).matchAll(/calls=(\d+)/g),
      ].reduce((a, m) => a + Number(m[1]), 0)
      const counts = new Map<string, Tally>([['bench', tally(currentCounts())]])
      for (const c of children) counts.set(c.name, tally(await childCounts(c)))
      const processes = new Map<string, number>([
        ['bench', process.pid],
        ...children.map((c) => [c.name, c.process.pid!] as [string, number]),
      ])
      const redisPids = redisServerPids()
      const ticks = pidTicks([...processes.values(), ...backends, ...redisPids])
      const at = process.hrtime.bigint()
      const last = opts.pgCounter === 'last' ? await pgCounter() : null
      return {
        at,
        counts,
        ticks,
        processes,
        backends,
        redisPids,
        redisServerCalls,
        serverTransactions: first ?? last,
        bookings,
      }
    },
    diff(a, b) {
      const ms = (pid: number) => (((b.ticks.get(pid) ?? 0) - (a.ticks.get(pid) ?? 0)) * 1000) / HZ
      const perProcess = new Map<string, Tally & { cpuMs: number }>()
      for (const [name, end] of b.counts) {
        const start = a.counts.get(name)
        if (!start) continue
        perProcess.set(name, {
          statements: end.statements - start.statements,
          transactions: end.transactions - start.transactions,
          redisCommands: end.redisCommands - start.redisCommands,
          redisRoundTrips: end.redisRoundTrips - start.redisRoundTrips,
          cpuMs: ms(b.processes.get(name)!),
        })
      }
      // A backend that started meanwhile counts from zero; one that ended meanwhile is lost.
      const backends = new Set([...a.backends, ...b.backends])
      const sum = (pids: Iterable<number>) => [...pids].reduce((s, pid) => s + Math.max(0, ms(pid)), 0)
      return {
        seconds: Number(b.at - a.at) / 1e9,
        bookings: b.bookings - a.bookings,
        perProcess,
        postgresCpuMs: sum(backends),
        redisCpuMs: sum(new Set([...a.redisPids, ...b.redisPids])),
        redisServerCalls: b.redisServerCalls - a.redisServerCalls,
        serverTransactions:
          a.serverTransactions !== null && b.serverTransactions !== null
            ? b.serverTransactions - a.serverTransactions
            : null,
      }
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  }
}

const per = (v: number, n: number) => (n > 0 ? v / n : NaN)

/**
 * One table, a column per stretch and a row per figure, every figure per booking: statements,
 * transactions, Redis commands and round trips for each process under test, then CPU ms per process.
 */
export function costRows(columns: { title: string; costs: Costs }[]): {
  headers: string[]
  rows: unknown[][]
} {
  const names = [
    ...new Set(columns.flatMap((c) => [...c.costs.perProcess.keys()].filter((n) => n !== 'bench'))),
  ]
  const rows: unknown[][] = []
  const row = (label: string, value: (c: Costs) => number | null) =>
    rows.push([label, ...columns.map((c) => value(c.costs) ?? '—')])
  const field = (c: Costs, name: string, f: keyof Tally) => c.perProcess.get(name)?.[f] ?? 0
  row('bookings made', (c) => c.bookings)
  row('bookings/s over the stretch (settling included)', (c) => c.bookings / c.seconds)
  for (const [label, f] of [
    ['SQL statements', 'statements'],
    ['transactions', 'transactions'],
    ['Redis commands sent', 'redisCommands'],
    ['Redis round trips', 'redisRoundTrips'],
  ] as const) {
    for (const name of names) row(`${label}, ${name}`, (c) => per(field(c, name, f), c.bookings))
    row(`${label}, all of them`, (c) =>
      per(
        names.reduce((s, n) => s + field(c, n, f), 0),
        c.bookings,
      ),
    )
  }
  row("transactions, PostgreSQL's counter (database; the bench's own taken out)", (c) =>
    c.serverTransactions === null
      ? null
      : per(c.serverTransactions - field(c, 'bench', 'transactions'), c.bookings),
  )
  row('Redis commands executed, Lua included (whole server, shared)', (c) =>
    per(c.redisServerCalls, c.bookings),
  )
  for (const name of names) row(`CPU ms, ${name}`, (c) => per(c.perProcess.get(name)?.cpuMs ?? 0, c.bookings))
  row('CPU ms, PostgreSQL backends of the database', (c) => per(c.postgresCpuMs, c.bookings))
  row('CPU ms, Redis (whole server, shared)', (c) => per(c.redisCpuMs, c.bookings))
  row('CPU ms, bench (load generator)', (c) => per(c.perProcess.get('bench')?.cpuMs ?? 0, c.bookings))
  row('CPU ms, all', (c) => per(totalCpuMs(c), c.bookings))
  return { headers: ['per booking', ...columns.map((c) => c.title)], rows }
}

/** CPU of every process measured (the children, this process, PostgreSQL backends, Redis). */
export const totalCpuMs = (c: Costs) =>
  [...c.perProcess.values()].reduce((s, p) => s + p.cpuMs, 0) + c.postgresCpuMs + c.redisCpuMs
