// An open-loop load generator for "latency at a fixed rate": request i is due at start + i/rate,
// whatever happened to the earlier ones, and its latency is counted from that due time (so time
// spent queued behind a slow server is included). autocannon's `overallRate` instead gives each
// connection a per-second budget that it spends back to back at the start of every second, so what
// it reports is the latency of bursts of `connections` concurrent requests; both are printed.
import http from 'node:http'
import { ourPids } from './lifecycle.ts'
import { measureCpu, waitForQuiet } from './machine.ts'
import type { LoadResult } from './load.ts'

export interface PacedRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface PacedOptions {
  title: string
  /** http://127.0.0.1:port */
  url: string
  rate: number
  durationS: number
  /** The i-th request to send. */
  request: (i: number) => PacedRequest
  /** Keep-alive connections at most (requests wait for a free one, and that wait counts). */
  maxSockets?: number
  timeoutMs?: number
  /** Runs once the machine is quiet, just before the first request (e.g. a cost snapshot). */
  onStart?: () => Promise<void>
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export async function pacedLoad(o: PacedOptions): Promise<LoadResult> {
  const quiet = await waitForQuiet(ourPids)
  if (quiet.waitedOut) console.log('  (machine busy with other processes; running anyway)')
  await o.onStart?.()
  const target = new URL(o.url)
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 })
  const total = Math.round(o.rate * o.durationS)
  const latencies = new Float64Array(total)
  const statuses: Record<string, number> = {}
  let done = 0
  let errors = 0
  let timeouts = 0
  let bytes = 0
  let sent = 0
  let lastAt = 0
  const cpu = measureCpu(ourPids)
  const start = performance.now()

  let finished!: () => void
  const allDone = new Promise<void>((r) => (finished = r))
  const complete = () => {
    if (++done + errors + timeouts === total) finished()
  }
  const send = (i: number) => {
    const due = start + (i * 1000) / o.rate
    const r = o.request(i)
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: r.method,
        path: r.path,
        agent,
        headers: r.body ? { ...r.headers, 'content-length': Buffer.byteLength(r.body) } : r.headers,
        timeout: o.timeoutMs ?? 30_000,
      },
      (res) => {
        res.on('data', (chunk: Buffer) => (bytes += chunk.length))
        res.on('end', () => {
          lastAt = performance.now()
          latencies[done] = lastAt - due
          statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1
          complete()
        })
      },
    )
    let timedOut = false
    req.on('timeout', () => {
      timedOut = true
      req.destroy()
      timeouts++
      if (done + errors + timeouts === total) finished()
    })
    req.on('error', () => {
      if (timedOut) return
      errors++
      if (done + errors + timeouts === total) finished()
    })
    req.end(r.body)
  }

  // A 1 ms tick sends whatever has fallen due (timers cannot fire more precisely than that).
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * o.rate) / 1000) + 1)
      while (sent < due) send(sent++)
      if (sent === total) {
        clearInterval(tick)
        resolve()
      }
    }, 1)
  })
  const sendingS = (performance.now() - start) / 1000
  await Promise.race([allDone, new Promise((r) => setTimeout(r, (o.timeoutMs ?? 30_000) + 1000))])
  const used = cpu()
  agent.destroy()
  const sorted = latencies.slice(0, done).sort()
  // Past capacity, answers keep coming after the last send: the rate is answers over that span.
  const spanS = Math.max(sendingS, (lastAt - start) / 1000)
  return {
    title: o.title,
    connections: o.maxSockets ?? 64,
    durationS: spanS,
    targetRate: o.rate,
    responses: done,
    rps: done / spanS,
    statuses,
    errors,
    timeouts,
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: done ? sorted[done - 1]! : NaN,
    },
    bytesPerResponse: done ? Math.round(bytes / done) : 0,
    cpu: used,
  }
}
