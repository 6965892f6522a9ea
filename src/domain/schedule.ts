// Weekly schedule JSON (docs/product.md §3): strict parsing with messages an admin can act on, and the
// conversion between "HH:MM" wall times and the 15-minute cells of the slot grid.
//
// Rules (parseWeeklySchedule / parseIntervals):
// - a schedule is a plain object whose only keys are "0" … "6" (Monday … Sunday); a missing key or
//   [] is a day off;
// - an interval is ["HH:MM","HH:MM"] in local wall time, HH 00–23, minutes 00/15/30/45; "24:00" is
//   allowed as an END only (end of day);
// - start < end; intervals are listed in ascending order and do not overlap. Touching intervals
//   (["09:00","12:00"],["12:00","14:00"]) are accepted and kept as written: on the cell grid they
//   mean exactly the same as their merge, so there is nothing to gain by rejecting them.
// The parsed value is a fresh copy of the input (no shared arrays with the caller).

export const CELL_MINUTES = 15
export const CELLS_PER_DAY = 96

export const DAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'] as const
export type DayKey = (typeof DAY_KEYS)[number]

const DAY_NAMES: Record<DayKey, string> = {
  '0': 'Monday',
  '1': 'Tuesday',
  '2': 'Wednesday',
  '3': 'Thursday',
  '4': 'Friday',
  '5': 'Saturday',
  '6': 'Sunday',
}

/** `["09:00","18:00"]`: local wall time, start inclusive, end exclusive. */
export type TimeInterval = [string, string]

export type WeeklySchedule = Partial<Record<DayKey, TimeInterval[]>>

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }

const TIME_RE = /^(\d{2}):(\d{2})$/

// Memo for the grid builders' hot loops; holds at most the 97 valid times.
const cellOfTime = new Map<string, number>()

/** "09:15" → 37 (cell index = minutes since local midnight / 15); "24:00" → 96. Throws on bad input. */
export function timeToCell(time: string): number {
  const known = cellOfTime.get(time)
  if (known !== undefined) return known
  const cell = cellOrError(time, true)
  if (typeof cell === 'string') throw new RangeError(cell)
  cellOfTime.set(time, cell)
  return cell
}

/** 37 → "09:15"; 96 → "24:00". */
export function cellToTime(cell: number): string {
  if (!Number.isInteger(cell) || cell < 0 || cell > CELLS_PER_DAY) {
    throw new RangeError(`cell ${cell} is outside 0…${CELLS_PER_DAY}`)
  }
  const minutes = cell * CELL_MINUTES
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`
}

/** Validates one list of intervals; `label` prefixes every message, e.g. `override 3`. */
export function parseIntervals(input: unknown, label: string): ParseResult<TimeInterval[]> {
  if (!Array.isArray(input)) {
    return fail(`${label}: expected a list of ["HH:MM","HH:MM"] intervals, got ${describe(input)}`)
  }
  const out: TimeInterval[] = []
  let prev: { start: number; end: number; n: number } | undefined
  for (let i = 0; i < input.length; i++) {
    const raw: unknown = input[i]
    const n = i + 1
    const at = `${label}, interval ${n}`
    if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[0] !== 'string' || typeof raw[1] !== 'string') {
      return fail(`${at}: expected ["HH:MM","HH:MM"], got ${describe(raw)}`)
    }
    const [from, to] = raw as [string, string]
    const where = `${at} ${JSON.stringify(raw)}`
    const start = cellOrError(from, false)
    if (typeof start === 'string') return fail(`${where}: ${start}`)
    const end = cellOrError(to, true)
    if (typeof end === 'string') return fail(`${where}: ${end}`)
    if (start >= end) return fail(`${where}: start "${from}" must be before end "${to}"`)
    if (prev) {
      if (start < prev.start) {
        return fail(`${where}: starts before interval ${prev.n}; list the intervals in ascending order`)
      }
      if (start < prev.end) {
        return fail(`${where}: overlaps interval ${prev.n} (which ends at ${cellToTime(prev.end)})`)
      }
    }
    prev = { start, end, n }
    out.push([from, to])
  }
  return { ok: true, value: out }
}

export function parseWeeklySchedule(input: unknown): ParseResult<WeeklySchedule> {
  if (!isPlainObject(input)) {
    return fail(`schedule: expected an object with keys "0" (Monday) … "6" (Sunday), got ${describe(input)}`)
  }
  const out: WeeklySchedule = {}
  for (const key of Object.keys(input)) {
    if (!isDayKey(key)) {
      return fail(`schedule: unknown key ${JSON.stringify(key)}; use "0" (Monday) … "6" (Sunday)`)
    }
  }
  for (const key of DAY_KEYS) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) continue
    const parsed = parseIntervals(input[key], `day "${key}" (${DAY_NAMES[key]})`)
    if (!parsed.ok) return parsed
    out[key] = parsed.value
  }
  return { ok: true, value: out }
}

export function isDayKey(key: string): key is DayKey {
  return (DAY_KEYS as readonly string[]).includes(key)
}

/** Returns the cell, or a message saying what is wrong with `time`. */
function cellOrError(time: string, isEnd: boolean): number | string {
  const m = TIME_RE.exec(time)
  if (!m) return `${JSON.stringify(time)} is not a time in HH:MM format (e.g. "09:00")`
  const h = Number(m[1])
  const min = Number(m[2])
  if (h === 24 && min === 0) {
    return isEnd ? CELLS_PER_DAY : `"24:00" can only end an interval; start the day at "00:00"`
  }
  if (h > 23 || min > 59) return `${JSON.stringify(time)} is not a valid time (hours 00–23, minutes 00–59)`
  if (min % CELL_MINUTES !== 0) {
    return `${JSON.stringify(time)} is not on the 15-minute grid (minutes must be 00, 15, 30 or 45)`
  }
  return (h * 60 + min) / CELL_MINUTES
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `a list ${truncate(JSON.stringify(v))}`
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return `the string ${truncate(JSON.stringify(v))}`
  return `${typeof v} ${truncate(String(v))}`
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}
