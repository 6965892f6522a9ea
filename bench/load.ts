// One load run with autocannon, summarised the same way everywhere: throughput from the responses
// that came back, latency percentiles computed from every response's own time (autocannon's
// histogram has 1 ms buckets and, at a fixed rate, adds synthetic samples), and a count per status.
import autocannon, { type Request } from 'autocannon'
import { nameOfPid, ourPids } from './lifecycle.ts'
import { measureCpu, waitForQuiet, type CpuUse } from './machine.ts'

export interface LoadOptions {
  title: string
  url: string
  requests: Request[]
  connections: number
  durationS: number
  /** Fixed total rate (requests/s); absent = as fast as the server answers. */
  overallRate?: number
  timeoutS?: number
  /** Runs once the machine is quiet, just before the first request (e.g. a cost snapshot). */
  onStart?: () => Promise<void>
}

export interface LoadResult {
  title: string
  connections: number
  durationS: number
  targetRate: number | null
  responses: number
  /** Responses per second over the whole run. */
  rps: number
  statuses: Record<string, number>
  errors: number
  timeouts: number
  latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number }
  bytesPerResponse: number
  /** Average cores used during the run: this benchmark (client + API/worker/bare), Redis, PostgreSQL, others. */
  cpu: CpuUse
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const quiet = await waitForQuiet(ourPids)
  if (quiet.waitedOut) {
    console.log(
      `  (machine busy: other processes used ${(quiet.use.other + quiet.use.postgres).toFixed(2)} cores; running anyway)`,
    )
  }
  await o.onStart?.()
  const cpu = measureCpu(ourPids)
  let times = new Float64Array(1 << 16)
  let n = 0
  let bytes = 0
  const instance = autocannon({
    url: o.url,
    requests: o.requests,
    connections: o.connections,
    pipelining: 1,
    duration: o.durationS,
    timeout: o.timeoutS ?? 10,
    ...(o.overallRate ? { overallRate: o.overallRate, ignoreCoordinatedOmission: true } : {}),
  })
  instance.on('response', (_client, _status, resBytes, responseTime) => {
    if (n === times.length) {
      const bigger = new Float64Array(times.length * 2)
      bigger.set(times)
      times = bigger
    }
    times[n++] = responseTime
    bytes += resBytes
  })
  const result = await instance
  const used = cpu()
  const sorted = times.slice(0, n).sort()
  const statuses: Record<string, number> = {}
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statuses[code] = count
  return {
    title: o.title,
    connections: o.overallRate ? Math.min(o.connections, o.overallRate) : o.connections,
    durationS: result.duration,
    targetRate: o.overallRate ?? null,
    responses: n,
    rps: n / result.duration,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: n ? sorted[n - 1]! : NaN,
    },
    bytesPerResponse: n ? Math.round(bytes / n) : 0,
    cpu: used,
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const fmt = (v: unknown) =>
  typeof v === 'number'
    ? Number.isInteger(v)
      ? String(v)
      : v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)
    : String(v)

/** Prints rows as an aligned text table (and a Markdown one is easy to paste from it). */
export function printTable(headers: string[], rows: unknown[][]) {
  const cells = [headers, ...rows.map((r) => r.map(fmt))]
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(cells[0]!))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of cells.slice(1)) console.log(line(r))
}

/** "bench 0.9 api 1.0 redis 0.1 pg 0.0 other 0.0" (cores; processes using under 0.05 left out). */
export const describeCpu = (c: CpuUse) =>
  [
    ...[...c.perPid].filter(([, v]) => v >= 0.05).map(([pid, v]) => `${nameOfPid(pid)} ${v.toFixed(2)}`),
    `redis ${c.redis.toFixed(2)}`,
    `pg ${c.postgres.toFixed(2)}`,
    `other ${c.other.toFixed(2)}`,
  ].join(', ')

export const describeStatuses = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ') || '—'

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!, i)
      }
    }),
  )
  return out
}

/** Cores that processes outside the system under test may use during a run before it is redone. */
export const FOREIGN_CPU_LIMIT = 0.3

/**
 * Runs `run` and, when other people's processes took more than FOREIGN_CPU_LIMIT cores meanwhile
 * (this machine is shared), runs it again — at most `attempts` times in all; the last run counts.
 * `between` runs before each repeat (e.g. let queued work finish).
 */
export async function quietRun<T extends { cpu: CpuUse }>(
  label: string,
  run: () => Promise<T>,
  between?: () => Promise<unknown>,
  attempts = 4,
): Promise<T> {
  for (let i = 1; ; i++) {
    const result = await run()
    if (result.cpu.other <= FOREIGN_CPU_LIMIT || i === attempts) {
      if (result.cpu.other > FOREIGN_CPU_LIMIT)
        console.log(`  ${label}: other processes still used ${result.cpu.other.toFixed(2)} cores; kept`)
      return result
    }
    console.log(
      `  ${label}: other processes used ${result.cpu.other.toFixed(2)} cores meanwhile; running it again`,
    )
    await between?.()
  }
}
