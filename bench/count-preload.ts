// Bench-only: counts what a process sends to PostgreSQL and Redis, with no change to the product's
// code. Loaded into the API and worker processes with `--import` (bench/lifecycle.ts `counted`), and
// installed in the benchmark's own process by bench/costs.ts. pg_stat_statements would need a server
// restart (shared_preload_libraries), so statements are counted here, in each client:
//
// - statements: every pg `Client#query` (BEGIN, COMMIT and ROLLBACK included);
// - transactions: BEGIN…COMMIT/ROLLBACK blocks, plus each statement sent outside one (its own);
// - Redis commands: every ioredis `sendCommand` (an EVALSHA is one; what its Lua runs is not);
// - Redis round trips: commands sent alone, plus one per pipeline or MULTI.
//
// On SIGUSR2 the process writes its counters to `$BENCH_COUNTS_DIR/<pid>.json` (with a sequence
// number, so the reader knows the answer is fresh).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { Redis } from 'ioredis'
// ioredis has no exports map: its Pipeline class is reachable by path.
import PipelineModule from 'ioredis/built/Pipeline.js'

export interface Counts {
  pid: number
  seq: number
  statements: number
  transactions: number
  redisCommands: number
  redisRoundTrips: number
}

const counts: Counts = {
  pid: process.pid,
  seq: 0,
  statements: 0,
  transactions: 0,
  redisCommands: 0,
  redisRoundTrips: 0,
}

/** The counters of this process, as they are now. */
export const currentCounts = (): Counts => ({ ...counts })

const inTransaction = new WeakSet<object>()

function textOf(config: unknown): string {
  if (typeof config === 'string') return config
  if (config && typeof config === 'object' && 'text' in config) return String(config.text)
  return ''
}

let installed = false

export function installCounters() {
  if (installed) return
  installed = true
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const query = proto.query
  proto.query = function (this: object, ...args: unknown[]) {
    counts.statements++
    const verb = /^\s*(\w+)/.exec(textOf(args[0]))?.[1]?.toUpperCase()
    if (verb === 'BEGIN' || verb === 'START') {
      inTransaction.add(this)
    } else if (verb === 'COMMIT' || verb === 'ROLLBACK' || verb === 'END') {
      if (inTransaction.delete(this)) counts.transactions++
    } else if (!inTransaction.has(this)) {
      counts.transactions++
    }
    return query.apply(this, args)
  }

  const redisProto = Redis.prototype as unknown as { sendCommand: (...args: unknown[]) => unknown }
  const sendCommand = redisProto.sendCommand
  redisProto.sendCommand = function (this: unknown, ...args: unknown[]) {
    counts.redisCommands++
    // A pipeline passes its own stream: its commands go out in the pipeline's one write.
    if (args[1] === undefined) counts.redisRoundTrips++
    return sendCommand.apply(this, args)
  }
  const Pipeline = (PipelineModule as unknown as { default?: unknown }).default ?? PipelineModule
  const pipelineProto = (Pipeline as { prototype: { exec: (...args: unknown[]) => unknown } }).prototype
  const exec = pipelineProto.exec
  pipelineProto.exec = function (this: unknown, ...args: unknown[]) {
    counts.redisRoundTrips++
    return exec.apply(this, args)
  }
}

const dir = process.env.BENCH_COUNTS_DIR
if (dir) {
  installCounters()
  process.on('SIGUSR2', () => {
    counts.seq++
    writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(counts))
  })
}
