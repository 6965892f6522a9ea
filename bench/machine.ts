// The machine line every benchmark prints first: numbers mean little without it.
import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import type { Redis } from 'ioredis'
import type { Db } from '../src/data/db.ts'

export async function describeMachine(db: Db, redis: Redis): Promise<string> {
  const pgVersion = ((await db.raw('show server_version')).rows[0]?.server_version as string) ?? '?'
  const info = await redis.info('server')
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?'
  return [
    `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'})`,
    `${Math.round(totalmem() / 2 ** 30)} GiB`,
    `Node ${process.version}`,
    `PostgreSQL ${pgVersion}`,
    `Redis ${redisVersion}`,
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  ].join(', ')
}

/** CPU ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const HZ = 100

type Group = 'bench' | 'redis' | 'postgres' | 'other'

function snapshot(ours: Set<number>): Map<number, { group: Group; ticks: number }> {
  const out = new Map<number, { group: Group; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // gone meanwhile
    }
    const close = stat.lastIndexOf(')')
    const comm = stat.slice(stat.indexOf('(') + 1, close)
    const fields = stat.slice(close + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime
    const pid = Number(entry)
    const group: Group = ours.has(pid)
      ? 'bench'
      : comm.startsWith('redis-server')
        ? 'redis'
        : comm === 'postgres'
          ? 'postgres'
          : 'other'
    out.set(pid, { group, ticks })
  }
  return out
}

export type CpuUse = Record<Group, number> & {
  /** Cores used by each of this benchmark's processes, by pid. */
  perPid: Map<number, number>
}

/**
 * Starts measuring CPU use per group of processes (this benchmark and its children, Redis,
 * PostgreSQL, everything else — other people's work on a shared machine); the returned function
 * gives the average number of cores each group used since.
 */
export function measureCpu(ourPids: () => number[]): () => CpuUse {
  const start = snapshot(new Set(ourPids()))
  const t0 = process.hrtime.bigint()
  return () => {
    const end = snapshot(new Set(ourPids()))
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    const use: CpuUse = { bench: 0, redis: 0, postgres: 0, other: 0, perPid: new Map() }
    for (const [pid, e] of end) {
      const cores = Math.max(0, (e.ticks - (start.get(pid)?.ticks ?? 0)) / HZ / seconds)
      use[e.group] += cores
      if (e.group === 'bench') use.perPid.set(pid, cores)
    }
    return use
  }
}

/**
 * Waits (at most `maxWaitMs`) until processes outside this benchmark use less than `threshold`
 * cores over one second; returns the last reading. The machine is shared: a run started while
 * someone's test suite runs measures both.
 */
export async function waitForQuiet(ourPids: () => number[], maxWaitMs = 60_000, threshold = 0.25) {
  const until = Date.now() + maxWaitMs
  let last: CpuUse
  do {
    const stop = measureCpu(ourPids)
    await new Promise((r) => setTimeout(r, 1000))
    last = stop()
    if (last.other + last.postgres < threshold) return { waitedOut: false, use: last }
  } while (Date.now() < until)
  return { waitedOut: true, use: last }
}
