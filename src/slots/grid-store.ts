// Day grids in Redis. A value is "<version>:<24 hex chars>"; a write is refused for any key that
// already holds a grid of a newer version, atomically, in one script call for a whole batch. The
// days whose cells a batch changed (or that were missing) are announced in one Pub/Sub message.
import type { Redis, Result } from 'ioredis'
import { encodeGrid } from '../domain/day-grid.ts'
import type { ComputedGrids } from './grid-builder.ts'
import { GRID_CHANGES_CHANNEL, locationEpochKey, roomDayKey, specialistDayKey } from './keys.ts'

/** Grids live 12–24 h (docs/product.md §4); the spread keeps them from expiring all at once. */
const TTL_MIN_S = 12 * 3600
const TTL_SPREAD_S = 12 * 3600

// KEYS: the location's epoch key, then the grid keys; ARGV: version, then one value per grid key,
// then the TTL, the announcement's channel, the announcement's JSON up to its dates array, and one
// date per grid key (as JSON strings), then any number of (channel, message) pairs the caller wants
// published after the write, whatever it changed (a booking's events and its answer: one round
// trip with the grids they follow, and in that order). Returns how many grids it wrote, followed by the positions
// (1-based, among the grid keys) of those whose cells changed: a rewrite with the same cells (the
// periodic refresh) is not a change, a key that was missing is (what a page showed from it is
// unknown). The changed days are announced from the script itself, so a write and its announcement
// are one round trip. Any write moves the epoch on; a missing epoch (a new or flushed Redis) starts
// from the server's clock, so it never repeats an epoch seen before.
const WRITE_IF_NEWER = `
local version = tonumber(ARGV[1])
local n = #KEYS - 1
local ttl = ARGV[n + 2]
local written = 0
local changed = {}
for i = 2, #KEYS do
  local current = redis.call('GET', KEYS[i])
  local stored = current and tonumber(string.match(current, '^(%d+):')) or -1
  if stored <= version then
    redis.call('SET', KEYS[i], ARGV[i], 'EX', ttl)
    written = written + 1
    if not current or string.match(current, ':(.*)$') ~= string.match(ARGV[i], ':(.*)$') then
      changed[#changed + 1] = i - 1
    end
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
if #changed > 0 then
  local dates = {}
  for j, i in ipairs(changed) do dates[j] = ARGV[n + 4 + i] end
  redis.call('PUBLISH', ARGV[n + 3], ARGV[n + 4] .. table.concat(dates, ',') .. ']}')
end
for k = 2 * n + 5, #ARGV - 1, 2 do
  redis.call('PUBLISH', ARGV[k], ARGV[k + 1])
end
return { written, unpack(changed) }
`

/** A message on GRID_CHANGES_CHANNEL: days of one specialist's or room's grid that changed. */
export interface GridChange {
  kind: 'specialist' | 'room'
  id: number
  location_id: number
  /** Local dates (YYYY-MM-DD) in the location's zone. */
  dates: string[]
}

/** A Pub/Sub message: its channel (with the deployment's prefix) and its text. */
export type Publication = readonly [channel: string, message: string]

/** Publishes the messages in order, in one round trip (none when there are none). */
export async function publishAll(redis: Redis, messages: readonly Publication[]): Promise<void> {
  if (messages.length === 1) await redis.publish(...messages[0]!)
  else if (messages.length) await messages.reduce((p, m) => p.publish(...m), redis.pipeline()).exec()
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    writeGridsIfNewer(...args: (string | number)[]): Result<number[], Context>
  }
}

export class GridStore {
  constructor(private readonly redis: Redis) {
    if (!(redis as Partial<Redis>).writeGridsIfNewer)
      redis.defineCommand('writeGridsIfNewer', { lua: WRITE_IF_NEWER })
  }

  private async write(kind: GridChange['kind'], computed: ComputedGrids, then: Publication[]) {
    const dates = [...computed.grids.keys()]
    if (!dates.length) {
      await publishAll(this.redis, then)
      return 0
    }
    const keys = dates.map((d) => (kind === 'specialist' ? specialistDayKey : roomDayKey)(computed.id, d))
    const ttl = TTL_MIN_S + Math.floor(Math.random() * TTL_SPREAD_S)
    const values = dates.map((d) => `${computed.version}:${encodeGrid(computed.grids.get(d)!)}`)
    const epoch = locationEpochKey(computed.locationId)
    // Channel names get no keyPrefix from ioredis: add this deployment's prefix ourselves.
    const channel = (this.redis.options.keyPrefix ?? '') + GRID_CHANGES_CHANNEL
    const head = JSON.stringify({ kind, id: computed.id, location_id: computed.locationId, dates: [] })
    const [written = 0] = await this.redis.writeGridsIfNewer(
      keys.length + 1,
      epoch,
      ...keys,
      computed.version,
      ...values,
      ttl,
      channel,
      head.slice(0, -2), // without the closing `]}`
      ...dates.map((d) => JSON.stringify(d)),
      ...then.flat(),
    )
    return written
  }

  /**
   * Stores a specialist's computed days unless a newer version is already stored; returns writes.
   * `then`: messages published right after, in the same round trip.
   */
  writeSpecialist(computed: ComputedGrids, then: Publication[] = []) {
    return this.write('specialist', computed, then)
  }

  writeRoom(computed: ComputedGrids, then: Publication[] = []) {
    return this.write('room', computed, then)
  }

  /** Raw values of many keys in one round trip (null where missing). */
  async readRaw(keys: string[]): Promise<(string | null)[]> {
    return keys.length ? this.redis.mget(keys) : []
  }
}
