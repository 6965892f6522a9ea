// redisScript against the real Redis: the script goes by its SHA (EVALSHA, counted in the server's
// own command statistics), the connection's key prefix applies to its keys, and a Redis that lost
// its scripts (SCRIPT FLUSH) runs it again without an error.
import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { Redis } from 'ioredis'
import { redisScript } from '../../src/infra/redis-script.ts'

const prefix = `test:script:${randomUUID()}:`
const redis = new Redis(inject('redisUrl'), { keyPrefix: prefix })
const plain = new Redis(inject('redisUrl'))
afterAll(async () => {
  const keys = await plain.keys(`${prefix}*`)
  if (keys.length) await plain.del(...keys)
  redis.disconnect()
  plain.disconnect()
})

/** Sets every key to its argument and answers how many keys it was given. */
const SET_ALL = redisScript(`
for i, key in ipairs(KEYS) do redis.call('SET', key, ARGV[i]) end
return #KEYS
`)

/** How many calls of `command` this Redis has served (INFO commandstats). */
async function calls(command: string): Promise<number> {
  const info = await plain.info('commandstats')
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0)
}

describe('redisScript', () => {
  it('runs by SHA with the key prefix, any number of keys, and after the scripts were flushed', async () => {
    expect(await SET_ALL(redis, ['a'], ['1'])).toBe(1)
    const shaBefore = await calls('evalsha')
    expect(await SET_ALL(redis, ['b', 'c'], ['2', '3'])).toBe(2)
    // Other tests share this Redis, so EVAL's count proves nothing; ours went by SHA.
    expect(await calls('evalsha')).toBeGreaterThan(shaBefore)
    expect(await plain.mget(`${prefix}a`, `${prefix}b`, `${prefix}c`)).toEqual(['1', '2', '3'])
    expect(await plain.exists('a', 'b', 'c')).toBe(0)

    await plain.script('FLUSH')
    expect(await SET_ALL(redis, ['d'], ['4'])).toBe(1)
    expect(await plain.get(`${prefix}d`)).toBe('4')
  })
})
