// Holds specialists in Redis for the length of one intent. The partition queue already serialises
// one specialist's intents; the lock also fences a chain's other specialists and the admin paths
// that book outside the queue.
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { redisScript } from '../infra/redis-script.ts'

/** Longer than any intent takes; short enough that a killed worker's lock soon lapses. */
const LOCK_TTL_MS = 5_000
const RELEASE = redisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
)

const keyOf = (specialistId: number) => `lock:specialist:${specialistId}`

async function lock(redis: Redis, key: string): Promise<string> {
  const token = randomBytes(8).toString('hex')
  for (let i = 0; i < 600; i++) {
    if (await redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) return token
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`could not lock ${key}`)
}

/**
 * The locks one run holds. `take` takes them in the order given (callers that take several pass
 * them ascending, so that two holders never wait on each other in a cycle) and throws when one
 * cannot be had in time; `release` lets go of every lock taken so far, newest first.
 */
export function specialistLocks(redis: Redis) {
  const held: [key: string, token: string][] = []
  return {
    async take(specialistIds: readonly number[]): Promise<void> {
      for (const id of specialistIds) {
        const key = keyOf(id)
        held.push([key, await lock(redis, key)])
      }
    },
    async release(): Promise<void> {
      for (const [key, token] of held.splice(0).reverse()) await RELEASE(redis, [key], [token])
    },
  }
}
