// The recalc queue (docs/product.md §4): one job per specialist or room, carrying every date that changed.
//
// Collapsing: the dates wait in a Redis set per target, and at most one *waiting* job exists per
// target. Enqueueing adds the dates and either returns the waiting job's id or reserves a new id,
// atomically. A job, when it starts, first gives up its "waiting" mark and then drains the set, so
// any date added after that point gets a new job. The id returned to a caller therefore always
// names a job that will recalculate the caller's dates.
import { Queue } from 'bullmq'
import type { Redis, Result } from 'ioredis'
import { pendingDatesKey, type RecalcTarget } from '../slots/keys.ts'
import { JOB, QUEUE } from './names.ts'

export const RECALC_QUEUE = QUEUE.recalc

const waitingKey = (t: RecalcTarget) => `recalc_waiting:${t.kind}:${t.id}`
const SEQ_KEY = 'recalc_seq'
/** A reserved id whose job was never added (a crash in between) stops collapsing after this. */
const WAITING_TTL_S = 300

// KEYS: pending set, waiting key, sequence. ARGV: id prefix, ttl, dates… → {jobId, isNew}
const RESERVE = `
redis.call('SADD', KEYS[1], unpack(ARGV, 3))
local waiting = redis.call('GET', KEYS[2])
if waiting then return {waiting, 0} end
local id = ARGV[1] .. redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
return {id, 1}
`

// KEYS: pending set, waiting key. ARGV: this job's id → the dates to recalculate
const CLAIM = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
local dates = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
return dates
`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    recalcReserve(...args: (string | number)[]): Result<[string, number], Context>
    recalcClaim(...args: (string | number)[]): Result<string[], Context>
  }
}

function defineScripts(redis: Redis) {
  if (!(redis as Partial<Redis>).recalcReserve) {
    redis.defineCommand('recalcReserve', { numberOfKeys: 3, lua: RESERVE })
    redis.defineCommand('recalcClaim', { numberOfKeys: 2, lua: CLAIM })
  }
}

export class RecalcQueue {
  constructor(
    readonly queue: Queue<RecalcTarget>,
    private readonly redis: Redis,
  ) {
    defineScripts(redis)
  }

  /** Schedules `dates` of `target` for recalculation; returns the id of the job that will do it. */
  async enqueue(target: RecalcTarget, dates: string[]): Promise<string | null> {
    if (!dates.length) return null
    const [jobId, isNew] = await this.redis.recalcReserve(
      pendingDatesKey(target),
      waitingKey(target),
      SEQ_KEY,
      `${target.kind}-${target.id}-`,
      WAITING_TTL_S,
      ...dates,
    )
    if (isNew) {
      await this.queue.add(JOB.recalc, target, {
        jobId,
        attempts: 5,
        backoff: { type: 'exponential', delay: 200 },
        removeOnComplete: { age: 3600, count: 10_000 },
        removeOnFail: { age: 24 * 3600 },
      })
    }
    return jobId
  }

  /** Called by the job when it starts: the dates it must recalculate. */
  claim(target: RecalcTarget, jobId: string): Promise<string[]> {
    return this.redis.recalcClaim(pendingDatesKey(target), waitingKey(target), jobId)
  }
}
