// Fixed-window attempt counters in Redis, shared by every API process. Routes call
// `limitAttempts` with the rules that apply (per IP, per IP + login, …) before doing costly or
// sensitive work; past a limit the request is refused with 429 and a Retry-After header.
import { isIPv4, isIPv6 } from 'node:net'
import type { FastifyReply } from 'fastify'
import type { Redis } from 'ioredis'
import { AppError } from '../../domain/errors.ts'
import { redisScript } from '../../infra/redis-script.ts'

export interface RateLimitRule {
  /** Counter key without the Redis prefix (the client adds it), e.g. `rl:login:ip:1.2.3.4`. */
  key: string
  /** Attempts allowed inside one window; the next one is refused. */
  limit: number
  /** Window length in seconds, counted from the first attempt of the window. */
  windowSeconds: number
}

// Counts one attempt on every key at once (so a refused attempt still counts everywhere) and
// returns 0 when all are within their limit, otherwise the seconds until the latest blocking
// window ends. INCR and EXPIRE run atomically, so no counter is left without a TTL.
const COUNT = redisScript(`
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local n = redis.call('INCR', key)
  local ttl = redis.call('TTL', key)
  if n == 1 or ttl < 0 then
    redis.call('EXPIRE', key, window)
    ttl = window
  end
  if n > limit and ttl > wait then wait = ttl end
end
return wait
`)

/** Counts an attempt against every rule; throws 429 `too_many_requests` when any is exceeded. */
export async function limitAttempts(redis: Redis, reply: FastifyReply, rules: readonly RateLimitRule[]) {
  if (rules.length === 0) return
  const args = rules.flatMap((r) => [String(r.limit), String(r.windowSeconds)])
  const wait = Number(
    await COUNT(
      redis,
      rules.map((r) => r.key),
      args,
    ),
  )
  if (wait > 0) {
    const minutes = Math.max(1, Math.ceil(wait / 60))
    reply.header('retry-after', String(wait))
    throw new AppError(
      429,
      'too_many_requests',
      `Too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    )
  }
}

/** Forgets counters, e.g. the IP + login counter after a successful login. */
export async function resetAttempts(redis: Redis, keys: readonly string[]) {
  if (keys.length) await redis.del(...keys)
}

/**
 * The part of a client address that identifies one client: an IPv4 address as is, an IPv6 one by
 * its /64 (a single host usually owns a whole /64, so per-address counting would be trivial to
 * dodge). IPv4-mapped IPv6 addresses count as IPv4.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  if (isIPv4(ip) || !isIPv6(ip)) return ip
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::')
  const headParts = head ? head.split(':') : []
  // An embedded IPv4 tail (`::ffff:0:1.2.3.4`) stands for two groups.
  const tailParts =
    ip.includes('::') && tail ? tail.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []
  const groups = ip.includes('::')
    ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`
}
