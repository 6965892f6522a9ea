// Day grids in Redis. A value is "<version>:<24 hex chars>"; a write is refused for any key that
// already holds a grid of a newer version, atomically, in one script call for a whole batch.
import type { Redis, Result } from 'ioredis'
import { encodeGrid, type Grid } from '../domain/grid.ts'
import type { ComputedGrids } from './grid-source.ts'
import { locationEpochKey, roomDayKey, specialistDayKey } from './keys.ts'

/** Grids live 12–24 h (SPEC §4); the spread keeps them from expiring all at once. */
const TTL_MIN_S = 12 * 3600
const TTL_SPREAD_S = 12 * 3600

// KEYS: the location's epoch key, then the grid keys; ARGV: version, then one value per grid key,
// then the TTL. Returns how many grids it wrote. Any write moves the epoch on; a missing epoch (a
// new or flushed Redis) starts from the server's clock, so it never repeats an epoch seen before.
const WRITE_IF_NEWER = `
local version = tonumber(ARGV[1])
local ttl = ARGV[#ARGV]
local written = 0
for i = 2, #KEYS do
  local current = redis.call('GET', KEYS[i])
  local stored = current and tonumber(string.match(current, '^(%d+):')) or -1
  if stored <= version then
    redis.call('SET', KEYS[i], ARGV[i], 'EX', ttl)
    written = written + 1
  end
end
if written > 0 then
  if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('INCR', KEYS[1])
  else
    -- Concatenated as text: a Lua number this large would be written as 1.7e+15.
    local t = redis.call('TIME')
    redis.call('SET', KEYS[1], t[1] .. string.format('%06d', tonumber(t[2])))
  end
end
return written
`

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeGridsIfNewer(...args: (string | number)[]): Result<number, Context>
  }
}

export class GridStore {
  constructor(private readonly redis: Redis) {
    if (!(redis as Partial<Redis>).writeGridsIfNewer)
      redis.defineCommand('writeGridsIfNewer', { lua: WRITE_IF_NEWER })
  }

  private async write(keys: string[], computed: ComputedGrids, grids: Grid[]) {
    if (!keys.length) return 0
    const ttl = TTL_MIN_S + Math.floor(Math.random() * TTL_SPREAD_S)
    const values = grids.map((g) => `${computed.version}:${encodeGrid(g)}`)
    const epoch = locationEpochKey(computed.locationId)
    return this.redis.writeGridsIfNewer(keys.length + 1, epoch, ...keys, computed.version, ...values, ttl)
  }

  /** Stores a specialist's computed days unless a newer version is already stored; returns writes. */
  writeSpecialist(computed: ComputedGrids) {
    const dates = [...computed.grids.keys()]
    return this.write(
      dates.map((d) => specialistDayKey(computed.id, d)),
      computed,
      dates.map((d) => computed.grids.get(d)!),
    )
  }

  writeRoom(computed: ComputedGrids) {
    const dates = [...computed.grids.keys()]
    return this.write(
      dates.map((d) => roomDayKey(computed.id, d)),
      computed,
      dates.map((d) => computed.grids.get(d)!),
    )
  }

  /** Raw values of many keys in one round trip (null where missing). */
  async readRaw(keys: string[]): Promise<(string | null)[]> {
    return keys.length ? this.redis.mget(keys) : []
  }
}
