// A deliberately naive slot layer, written from docs/product.md §4 and the rules in src/domain/day-grid.ts's
// header, sharing no code with it: wall times come from stepping through real time with luxon, and
// every rule is checked minute by minute with plain loops. Slow on purpose; only for tests.
import { DateTime } from 'luxon'

export type RefInterval = [string, string]
export type RefWeekly = Partial<Record<string, RefInterval[]>>
export type RefOverride =
  | { scope: 'location' | 'specialist' | 'room'; kind: 'closed' }
  | { scope: 'location' | 'specialist' | 'room'; kind: 'blocked' | 'open'; intervals: RefInterval[] }
export interface RefBusy {
  start: number
  end: number
}

export interface RefCell {
  /** "HH:MM" wall time of the cell. */
  wall: string
  exists: boolean
  start: number
  end: number
}

const QUARTER = 15 * 60_000

const cellsCache = new Map<string, RefCell[]>()

/** The 96 cells of `date` in `zone`: first occurrence of each wall quarter, end = next existing one. */
export function refDayCells(date: string, zone: string): RefCell[] {
  const key = `${zone}|${date}`
  const hit = cellsCache.get(key)
  if (hit) return hit

  const day = DateTime.fromISO(date, { zone: 'utc' })
  const next = day.plus({ days: 1 }).toISODate()
  // Walk real time in quarter hours over a window wide enough for any offset and remember when each
  // local "date HH:MM" is first seen. Exact when offsets are multiples of 15 minutes (asserted).
  const firstSeen = new Map<string, number>()
  const from = day.toMillis() - 15 * 3_600_000
  const to = day.toMillis() + 52 * 3_600_000
  for (let t = from; t <= to; t += QUARTER) {
    const local = DateTime.fromMillis(t, { zone })
    if (!local.isValid) throw new Error(`bad zone ${zone}`)
    if (local.offset % 15 !== 0)
      throw new Error(`reference needs 15-minute offsets, ${zone} has ${local.offset}`)
    const label = local.toFormat('yyyy-MM-dd HH:mm')
    if (!firstSeen.has(label)) firstSeen.set(label, t)
  }
  const walls: string[] = []
  for (let h = 0; h < 24; h++) for (let m = 0; m < 60; m += 15) walls.push(`${pad(h)}:${pad(m)}`)
  const sequence = [...walls.map((w) => `${date} ${w}`), ...walls.map((w) => `${next} ${w}`)]

  const cells: RefCell[] = []
  for (let i = 0; i < 96; i++) {
    const start = firstSeen.get(sequence[i]!)
    if (start === undefined) {
      cells.push({ wall: walls[i]!, exists: false, start: NaN, end: NaN })
      continue
    }
    let end = start + QUARTER
    for (let j = i + 1; j < sequence.length; j++) {
      const later = firstSeen.get(sequence[j]!)
      if (later !== undefined) {
        end = later
        break
      }
    }
    cells.push({ wall: walls[i]!, exists: true, start, end })
  }
  cellsCache.set(key, cells)
  return cells
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

const minutesMemo = new Map<string, number>()
function minutesOf(hhmm: string): number {
  let v = minutesMemo.get(hhmm)
  if (v === undefined) {
    const [h, m] = hhmm.split(':').map(Number)
    v = h! * 60 + m!
    minutesMemo.set(hhmm, v)
  }
  return v
}

function inAny(minute: number, intervals: RefInterval[]): boolean {
  return intervals.some(([a, b]) => minutesOf(a) <= minute && minute < minutesOf(b))
}

/** Is every minute of the wall cell inside the hours of `scope`? */
function scopeOpen(
  scope: 'location' | 'specialist' | 'room',
  weekly: RefInterval[] | undefined,
  overrides: RefOverride[],
  cellIndex: number,
): boolean {
  const mine = overrides.filter((o) => o.scope === scope)
  if (mine.some((o) => o.kind === 'closed')) return false
  const opens = mine.filter((o) => o.kind === 'open')
  let hours: RefInterval[]
  if (opens.length > 0) hours = opens.flatMap((o) => (o.kind === 'open' ? o.intervals : []))
  else if (scope === 'room') hours = [['00:00', '24:00']]
  else hours = weekly ?? []
  const blocked = mine.flatMap((o) => (o.kind === 'blocked' ? o.intervals : []))
  for (let minute = cellIndex * 15; minute < cellIndex * 15 + 15; minute++) {
    if (!inAny(minute, hours)) return false
    if (inAny(minute, blocked)) return false
  }
  return true
}

function weekdayOf(date: string): string {
  return String(DateTime.fromISO(date, { zone: 'utc' }).weekday - 1)
}

/** Busy when some instant lies in both the cell and a booking (an empty booking holds nothing). */
function busyAt(cell: RefCell, busy: RefBusy[]): boolean {
  return busy.some((b) => Math.max(b.start, cell.start) < Math.min(b.end, cell.end))
}

export interface RefSpecialistInput {
  date: string
  zone: string
  locationSchedule: RefWeekly
  specialistSchedule: RefWeekly
  overrides: RefOverride[]
  busy: RefBusy[]
  notBefore?: number
}

export function refSpecialistDay(input: RefSpecialistInput): boolean[] {
  const cells = refDayCells(input.date, input.zone)
  const wd = weekdayOf(input.date)
  return cells.map((cell, i) => {
    if (!cell.exists) return false
    if (!scopeOpen('location', input.locationSchedule[wd], input.overrides, i)) return false
    if (!scopeOpen('specialist', input.specialistSchedule[wd], input.overrides, i)) return false
    if (busyAt(cell, input.busy)) return false
    if (input.notBefore !== undefined && cell.start < input.notBefore) return false
    return true
  })
}

export interface RefRoomInput {
  date: string
  zone: string
  locationSchedule: RefWeekly
  overrides: RefOverride[]
  busy: RefBusy[]
}

export function refRoomDay(input: RefRoomInput): boolean[] {
  const cells = refDayCells(input.date, input.zone)
  const wd = weekdayOf(input.date)
  return cells.map((cell, i) => {
    if (!cell.exists) return false
    if (!scopeOpen('location', input.locationSchedule[wd], input.overrides, i)) return false
    if (!scopeOpen('room', undefined, input.overrides, i)) return false
    return !busyAt(cell, input.busy)
  })
}

/** Start cells for a service of `durationMinutes` + `breakMinutes`, rounded up to quarters. */
export function refStartCells(
  specialist: boolean[],
  durationMinutes: number,
  breakMinutes: number,
  rooms: boolean[][],
): number[] {
  let duration = 0
  while (duration * 15 < durationMinutes) duration++
  let pause = 0
  while (pause * 15 < breakMinutes) pause++
  const out: number[] = []
  for (let s = 0; s < 96; s++) {
    let ok = true
    for (let c = s; c < s + duration + pause; c++) if (c >= 96 || !specialist[c]) ok = false
    if (!ok) continue
    if (rooms.length > 0) {
      const someRoom = rooms.some((room) => {
        for (let c = s; c < s + duration; c++) if (!room[c]) return false
        return true
      })
      if (!someRoom) continue
    }
    out.push(s)
  }
  return out
}
