// Maps the 96 wall-time cells of one local date in one IANA zone to real (UTC) time.
//
// DST rules:
// - a wall time that does not exist that day (spring forward) has no instant: `exists[i] = 0`, and
//   every grid built on the day keeps that cell closed;
// - a wall time that occurs twice (fall back) maps to its FIRST occurrence only, so no start time is
//   ever offered twice;
// - every existing cell holds the real time from its own instant up to the instant of the next
//   existing wall cell (looking into the next day). On ordinary days that is [instant, instant +
//   15 min). On a fall-back day the cell just before the repeated wall times also holds the repeated
//   stretch (e.g. Berlin 2026-10-25: cell 02:45 holds 00:45Z–02:00Z), so a booking made during the
//   second occurrence still blocks the grid, and cells s … s+n−1 always cover at least n·15 real
//   minutes from s: a slot can never be offered over a booking it really overlaps.
//
// The zone's offset transitions are found once per (date, zone) with a few calls to luxon's zone
// offset function; results are memoised in a small bounded cache, so the per-specialist hot loops
// only read typed arrays.
import { IANAZone } from 'luxon'
import { CELLS_PER_DAY, CELL_MINUTES, DAY_KEYS, type DayKey } from './schedule.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const CELL_MS = CELL_MINUTES * MINUTE
/** Wall cells of the next day scanned to find where the last cells of the day end (DST gaps ≤ 3 h). */
const LOOKAHEAD_CELLS = 12

export interface DayCells {
  readonly date: string
  readonly zone: string
  /** Weekly-schedule key of the date ("0" = Monday). */
  readonly weekday: DayKey
  /** 1 when the cell's wall time exists on this date. Shared (cached): never write to it. */
  readonly exists: Uint8Array
  /** UTC epoch ms of the cell's first occurrence; NaN when it does not exist. Shared: read only. */
  readonly startMs: Float64Array
  /** UTC epoch ms where the cell's real time ends (see module comment); NaN when it does not exist. */
  readonly endMs: Float64Array
}

const CACHE_LIMIT = 1024
// A memo of a pure function (no I/O, bounded), not shared state: safe as a module-level value.
const cache = new Map<string, DayCells>()

/** Cells of `date` ('YYYY-MM-DD', a local date) in `zone` (IANA name). Memoised per (date, zone). */
export function dayCells(date: string, zone: string): DayCells {
  const key = `${zone}|${date}`
  const hit = cache.get(key)
  if (hit) return hit
  const computed = computeDayCells(date, zone)
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next().value
    // Stryker disable next-line ConditionalExpression: equivalent, a full cache always has an oldest key (the check narrows the type)
    if (oldest !== undefined) cache.delete(oldest)
  }
  cache.set(key, computed)
  return computed
}

/** Weekly-schedule key of a local date: "0" = Monday … "6" = Sunday. */
export function weekdayKey(date: string): DayKey {
  const utcMidnight = parseDate(date)
  const key = DAY_KEYS[(new Date(utcMidnight).getUTCDay() + 6) % 7]
  if (key === undefined) throw new RangeError(`no weekday for ${date}`)
  return key
}

/** 'YYYY-MM-DD' → epoch ms of that date's 00:00 read as if it were UTC ("wall epoch"). */
export function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new RangeError(`date ${JSON.stringify(date)} is not in YYYY-MM-DD format`)
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const ms = Date.UTC(y, mo - 1, d)
  const check = new Date(ms)
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent one at a time, any impossible date changes two of year, month and day (13-01 → next January, 02-30 → March), so each check is implied by the other two
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`date ${JSON.stringify(date)} does not exist`)
  }
  return ms
}

interface Segment {
  /** First UTC ms with this offset (−Infinity for the first segment). */
  from: number
  /** Offset in ms (local = utc + offset). */
  offset: number
}

function computeDayCells(date: string, zone: string): DayCells {
  const z = IANAZone.create(zone)
  if (!z.isValid) throw new RangeError(`unknown time zone ${JSON.stringify(zone)}`)
  const wallMidnight = parseDate(date)
  // Any wall time from 00:00 to 27:00 of this date happens within [midnight − 14 h, midnight + 39 h]
  // in UTC, because real offsets lie within −12 h … +14 h.
  const segments = offsetSegments(z, wallMidnight - 15 * HOUR, wallMidnight + 40 * HOUR)

  const total = CELLS_PER_DAY + LOOKAHEAD_CELLS
  const first = new Float64Array(total)
  for (let i = 0; i < total; i++) first[i] = firstInstant(wallMidnight + i * CELL_MS, segments)

  const exists = new Uint8Array(CELLS_PER_DAY)
  const startMs = new Float64Array(CELLS_PER_DAY)
  const endMs = new Float64Array(CELLS_PER_DAY)
  for (let i = 0; i < CELLS_PER_DAY; i++) {
    const start = first[i] as number
    if (Number.isNaN(start)) {
      startMs[i] = NaN
      endMs[i] = NaN
      continue
    }
    exists[i] = 1
    startMs[i] = start
    let end = start + CELL_MS
    for (let j = i + 1; j < total; j++) {
      const next = first[j] as number
      if (!Number.isNaN(next)) {
        end = next
        break
      }
    }
    endMs[i] = end
  }
  return { date, zone, weekday: weekdayKey(date), exists, startMs, endMs }
}

/** The first UTC instant whose local wall time is `wall` (a wall epoch), or NaN if there is none. */
function firstInstant(wall: number, segments: Segment[]): number {
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k] as Segment
    const t = wall - seg.offset
    const until = k + 1 < segments.length ? (segments[k + 1] as Segment).from : Infinity
    // Segments are in time order, so the first segment containing its candidate gives the earliest.
    if (t >= seg.from && t < until) return t
  }
  return NaN
}

/**
 * Piecewise-constant offsets over [from, to]: sampled hourly, each change located to the
 * millisecond by bisection. Assumes no two transitions within one hour (true of every real zone).
 */
function offsetSegments(z: IANAZone, from: number, to: number): Segment[] {
  const offsetAt = (t: number) => z.offset(t) * MINUTE
  let prevT = from
  let prevOffset = offsetAt(from)
  const segments: Segment[] = [{ from: -Infinity, offset: prevOffset }]
  for (let t = from + HOUR; t <= to; t += HOUR) {
    const o = offsetAt(t)
    if (o !== prevOffset) {
      let lo = prevT // offset(lo) = prevOffset
      let hi = t // offset(hi) = o
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2)
        if (offsetAt(mid) === prevOffset) lo = mid
        else hi = mid
      }
      segments.push({ from: hi, offset: o })
      prevOffset = o
    }
    prevT = t
  }
  return segments
}
