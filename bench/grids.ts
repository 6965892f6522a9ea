// The benchmark's view of the slot layer's queues and grids: the planner and queues as the API
// builds them, waiting until the recalc queue is drained, and counting/measuring the grid keys.
import type { Redis } from 'ioredis'
import type { Config } from '../src/config.ts'
import type { Db } from '../src/data/db.ts'
import { createRedis } from '../src/infra/redis.ts'
import { createQueues, type Queues } from '../src/jobs/index.ts'
import { RecalcPlanner } from '../src/slots/recalc-planner.ts'
import { sleep } from './lifecycle.ts'

export interface EngineHandle {
  planner: RecalcPlanner
  queues: Queues
  redis: Redis
  close: () => Promise<void>
}

/** The recalc planner and queues, built the way the API process builds them. */
export function openEngine(config: Config, db: Db): EngineHandle {
  const redis = createRedis(config, 'bench')
  const queues = createQueues(config, redis)
  return {
    planner: new RecalcPlanner(db, redis, config.redisPrefix, queues.recalc),
    queues,
    redis,
    close: async () => {
      await queues.close()
      redis.disconnect()
    },
  }
}

/** Jobs of the recalc queue not finished yet. */
export async function recalcBacklog(q: Queues) {
  const c = await q.recalc.queue.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'prioritized',
    'paused',
    'waiting-children',
  )
  return Object.values(c).reduce((a, b) => a + b, 0)
}

/** Polls until the recalc queue holds no unfinished job; returns when it saw it drained (epoch ms). */
export async function waitForRecalcDrained(q: Queues, timeoutMs: number, everyMs = 20): Promise<number> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if ((await recalcBacklog(q)) === 0) return Date.now()
    await sleep(everyMs)
  }
  throw new Error(`the recalc queue was not drained within ${timeoutMs / 1000} s`)
}

/**
 * A fresh worker process schedules its maintenance jobs and runs them at once (BullMQ runs an
 * `every` scheduler immediately): "refresh-grids" enqueues a recalc of everything. Waits for those
 * to finish so that a measurement starts from a quiet system.
 */
export async function waitForStartupRefresh(q: Queues, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const c = await q.maintenance.queue.getJobCounts('completed', 'failed', 'waiting', 'active')
    if ((c.completed ?? 0) + (c.failed ?? 0) >= 2 && !c.waiting && !c.active) break
    await sleep(100)
  }
  await waitForRecalcDrained(q, Math.max(1000, until - Date.now()), 100)
}

async function scanKeys(raw: Redis, pattern: string, each: (keys: string[]) => Promise<void>) {
  let cursor = '0'
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', pattern, 'COUNT', 2000)
    cursor = next
    if (keys.length) await each(keys)
  } while (cursor !== '0')
}

export const GRID_PATTERNS = ['slots_preview:*', 'room_preview:*'] as const

/** Number of specialist and room grid keys under the prefix (raw client, no keyPrefix). */
export async function countGridKeys(raw: Redis, prefix: string) {
  const out = { specialist: 0, room: 0 }
  await scanKeys(raw, `${prefix}slots_preview:*`, async (k) => void (out.specialist += k.length))
  await scanKeys(raw, `${prefix}room_preview:*`, async (k) => void (out.room += k.length))
  return out
}

export async function deleteGridKeys(raw: Redis, prefix: string) {
  for (const p of GRID_PATTERNS)
    await scanKeys(raw, prefix + p, async (keys) => void (await raw.unlink(...keys)))
}

/** `MEMORY USAGE` summed over the grid keys, per kind. */
export async function gridMemory(raw: Redis, prefix: string) {
  const out: Record<'specialist' | 'room', { keys: number; bytes: number; valueBytes: number }> = {
    specialist: { keys: 0, bytes: 0, valueBytes: 0 },
    room: { keys: 0, bytes: 0, valueBytes: 0 },
  }
  for (const [kind, pattern] of [
    ['specialist', 'slots_preview:*'],
    ['room', 'room_preview:*'],
  ] as const) {
    await scanKeys(raw, prefix + pattern, async (keys) => {
      const p = raw.pipeline()
      for (const k of keys) {
        p.call('MEMORY', 'USAGE', k, 'SAMPLES', '0')
        p.strlen(k)
      }
      const res = (await p.exec()) ?? []
      for (let i = 0; i < keys.length; i++) {
        out[kind].bytes += Number(res[2 * i]?.[1] ?? 0)
        out[kind].valueBytes += Number(res[2 * i + 1]?.[1] ?? 0)
      }
      out[kind].keys += keys.length
    })
  }
  return out
}
