// Lua scripts sent by their SHA1 (EVALSHA), not their whole text on every call: each script is
// defined once per connection as an ioredis command, which sends EVALSHA and, on NOSCRIPT (a
// restarted or flushed Redis), loads the script and repeats the call. The connection's key prefix
// applies to KEYS as with EVAL.
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

type Arg = string | number

export interface RedisScript {
  (redis: Redis, keys: readonly string[], args?: readonly Arg[]): Promise<unknown>
}

export function redisScript(lua: string): RedisScript {
  const name = `script_${createHash('sha1').update(lua).digest('hex')}`
  const defined = new WeakSet<Redis>()
  return (redis, keys, args = []) => {
    if (!defined.has(redis)) {
      // Without numberOfKeys the call passes the count first, so one script serves any number.
      redis.defineCommand(name, { lua })
      defined.add(redis)
    }
    const command = (redis as unknown as Record<string, (...a: Arg[]) => Promise<unknown>>)[name]!
    return command.call(redis, keys.length, ...keys, ...args)
  }
}
