// The day grid of the slot layer (docs/product.md §4): 96 cells of 15 minutes in the location's wall time,
// built from schedules, overrides and bookings, and the start cells a service can be offered at.
//
// Representation: a Grid is a Uint8Array(96), 1 = free/open, 0 = closed. Building a day is a
// handful of linear passes over 96 bytes, and the start-cell check uses "free run lengths", so
// there is no bit twiddling to get wrong and the cost is still O(96) per grid.
// Storage (Redis): `encodeGrid` gives 24 hex characters, one per local hour, cells in time order,
// the earliest cell of each hour in the most significant bit: "000000000fffffffff000000" is a day
// free from 09:00 to 18:00.
//
// Override semantics, for each scope S (location, specialist or room) on one date:
// - base hours: the weekly schedule of S for that weekday (a room has no weekly schedule: its base
//   is the whole day, the location's hours still apply to it);
// - if there is at least one `open` override for S, the base is REPLACED by the union of the
//   intervals of those overrides (the day is opened with its own hours, even on a day off);
// - if there is any `closed` override for S, S has no hours at all that day (closed wins over
//   open, whatever the order: when in doubt we do not sell time);
// - `blocked` intervals of S are then removed from its hours.
// Specialist day = existing cells ∩ location hours ∩ specialist hours − busy − cells before
// `notBefore`. Room day = existing cells ∩ location hours ∩ room hours − busy (the lead time is a
// property of the offer, applied to the specialist grid only; `closeBefore` exists for applying it
// to a cached grid at read time).
// Busy intervals are UTC epoch ms [start, end), end already including duration + break; a cell is
// busy when the interval overlaps the cell's real time [startMs, endMs) from `dayCells` (that is
// [instant, instant + 15 min) except on fall-back days, see day-cells.ts).
import { dayCells } from './day-cells.ts'
import { CELLS_PER_DAY, CELL_MINUTES, cellToTime, timeToCell } from './schedule.ts'
import type { TimeInterval, WeeklySchedule } from './schedule.ts'

// Imported bindings are property reads under module runners (tsx, vitest): keep a local copy
// for the inner loops.
const N = CELLS_PER_DAY

export type Grid = Uint8Array

export type OverrideScope = 'location' | 'specialist' | 'room'

export type DayOverride =
  | { scope: OverrideScope; kind: 'closed' }
  | { scope: OverrideScope; kind: 'blocked'; intervals: TimeInterval[] }
  | { scope: OverrideScope; kind: 'open'; intervals: TimeInterval[] }

/** A stretch of real time that holds the specialist or room: UTC epoch ms, [start, end). */
export interface BusyInterval {
  start: number
  end: number
}

export interface SpecialistDayInput {
  /** Local date, 'YYYY-MM-DD'. */
  date: string
  /** IANA zone of the location. */
  zone: string
  locationSchedule: WeeklySchedule
  specialistSchedule: WeeklySchedule
  /** Overrides of this date for the location and the specialist; `room` ones are ignored here. */
  overrides: DayOverride[]
  /** The specialist's bookings (end = start + duration + break). */
  busy: BusyInterval[]
  /** Epoch ms (now + minimum lead time): cells starting before it are closed. */
  notBefore?: number
}

export interface RoomDayInput {
  date: string
  zone: string
  locationSchedule: WeeklySchedule
  /** Overrides of this date for the location and the room; `specialist` ones are ignored here. */
  overrides: DayOverride[]
  /** Bookings holding the room. */
  busy: BusyInterval[]
}

export interface StartOptions {
  /** Service duration in cells (≥ 1), see `cellsFor`. */
  durationCells: number
  /** Break after the service in cells (≥ 0); the specialist must be free for it, the room need not. */
  breakCells: number
  /** Grids of the rooms the service can use; undefined or [] = the service needs no room. */
  roomDays?: Grid[]
}

/** Minutes → whole cells, rounding up (a 50-minute service takes 4 cells). */
export function cellsFor(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`invalid number of minutes: ${minutes}`)
  return Math.ceil(minutes / CELL_MINUTES)
}

export function buildSpecialistDay(input: SpecialistDayInput): Grid {
  const cells = dayCells(input.date, input.zone)
  const day = cells.weekday
  const grid = Uint8Array.from(cells.exists)
  intersect(grid, hoursOf('location', input.locationSchedule[day], input.overrides))
  intersect(grid, hoursOf('specialist', input.specialistSchedule[day], input.overrides))
  applyBusy(grid, cells.startMs, cells.endMs, input.busy)
  if (input.notBefore !== undefined) closeBeforeInPlace(grid, cells.startMs, input.notBefore)
  return grid
}

export function buildRoomDay(input: RoomDayInput): Grid {
  const cells = dayCells(input.date, input.zone)
  const grid = Uint8Array.from(cells.exists)
  intersect(grid, hoursOf('location', input.locationSchedule[cells.weekday], input.overrides))
  intersect(grid, hoursOf('room', undefined, input.overrides))
  applyBusy(grid, cells.startMs, cells.endMs, input.busy)
  return grid
}

/** A copy of `grid` with the cells of `date` in `zone` that start before `notBefore` closed. */
export function closeBefore(grid: Grid, date: string, zone: string, notBefore: number): Grid {
  const out = Uint8Array.from(grid)
  closeBeforeInPlace(out, dayCells(date, zone).startMs, notBefore)
  return out
}

/**
 * Start cells (ascending) where the service fits: the specialist is free for duration + break
 * cells without running past the end of the day and, if the service needs a room, one of its
 * rooms is free for the duration.
 */
export function startCells(specialistDay: Grid, opts: StartOptions): number[] {
  const { durationCells, breakCells } = opts
  if (!Number.isInteger(durationCells) || durationCells < 1) {
    throw new RangeError(`durationCells must be an integer ≥ 1, got ${durationCells}`)
  }
  if (!Number.isInteger(breakCells) || breakCells < 0) {
    throw new RangeError(`breakCells must be an integer ≥ 0, got ${breakCells}`)
  }
  const need = durationCells + breakCells
  const out: number[] = []
  if (need > N) return out
  const specialistRun = freeRuns(specialistDay)
  const rooms = opts.roomDays && opts.roomDays.length > 0 ? opts.roomDays.map(freeRuns) : undefined
  for (let s = 0; s + need <= N; s++) {
    if ((specialistRun[s] as number) < need) continue
    if (rooms && !rooms.some((run) => (run[s] as number) >= durationCells)) continue
    out.push(s)
  }
  return out
}

/** Start cells as a grid: 1 where the service can start. */
export function startGrid(specialistDay: Grid, opts: StartOptions): Grid {
  const out = new Uint8Array(N)
  for (const s of startCells(specialistDay, opts)) out[s] = 1
  return out
}

/** "Any specialist": the sorted union of several start-cell lists. */
export function anyOf(startCellLists: readonly (readonly number[])[]): number[] {
  const seen = new Uint8Array(N)
  for (const list of startCellLists) for (const s of list) seen[s] = 1
  return gridToCells(seen)
}

/** Indices of the set cells of a grid, ascending. */
export function gridToCells(grid: Grid): number[] {
  const out: number[] = []
  for (let i = 0; i < N; i++) if (grid[i]) out.push(i)
  return out
}

/** [37, 38] → ["09:15", "09:30"] (local wall times). */
export function cellsToTimes(cells: readonly number[]): string[] {
  return cells.map(cellToTime)
}

/** 24 lowercase hex characters: hour h is character h, its 00-minute cell in the high bit. */
export function encodeGrid(grid: Grid): string {
  if (grid.length !== N) throw new RangeError(`a grid has ${N} cells, got ${grid.length}`)
  let s = ''
  for (let h = 0; h < 24; h++) {
    const i = h * 4
    const nibble = (grid[i] ? 8 : 0) | (grid[i + 1] ? 4 : 0) | (grid[i + 2] ? 2 : 0) | (grid[i + 3] ? 1 : 0)
    s += nibble.toString(16)
  }
  return s
}

export function decodeGrid(s: string): Grid {
  if (!/^[0-9a-fA-F]{24}$/.test(s)) throw new RangeError(`not an encoded grid: ${JSON.stringify(s)}`)
  const grid = new Uint8Array(N)
  for (let h = 0; h < 24; h++) {
    const nibble = parseInt(s.charAt(h), 16)
    const i = h * 4
    grid[i] = (nibble >> 3) & 1
    grid[i + 1] = (nibble >> 2) & 1
    grid[i + 2] = (nibble >> 1) & 1
    grid[i + 3] = nibble & 1
  }
  return grid
}

/** The hours of one scope on the day, as a grid (see the override semantics above). */
function hoursOf(scope: OverrideScope, weekly: TimeInterval[] | undefined, overrides: DayOverride[]): Grid {
  let closed = false
  let opened: TimeInterval[] | undefined
  for (const o of overrides) {
    if (o.scope !== scope) continue
    if (o.kind === 'closed') closed = true
    else if (o.kind === 'open') (opened ??= []).push(...o.intervals)
  }
  const hours = new Uint8Array(N)
  if (closed) return hours
  const base = opened ?? (scope === 'room' ? ([['00:00', '24:00']] as TimeInterval[]) : (weekly ?? []))
  setIntervals(hours, base, 1)
  for (const o of overrides) {
    if (o.scope === scope && o.kind === 'blocked') setIntervals(hours, o.intervals, 0)
  }
  return hours
}

function setIntervals(grid: Grid, intervals: readonly TimeInterval[], value: 0 | 1): void {
  for (const [from, to] of intervals) grid.fill(value, timeToCell(from), timeToCell(to))
}

function intersect(grid: Grid, other: Grid): void {
  for (let i = 0; i < N; i++) grid[i] = (grid[i] as number) & (other[i] as number)
}

function applyBusy(
  grid: Grid,
  startMs: Float64Array,
  endMs: Float64Array,
  busy: readonly BusyInterval[],
): void {
  for (const b of busy) {
    if (!(b.end > b.start)) continue
    for (let i = 0; i < N; i++) {
      // NaN bounds (cells that do not exist) compare false: those cells are closed already.
      if (b.start < (endMs[i] as number) && b.end > (startMs[i] as number)) grid[i] = 0
    }
  }
}

function closeBeforeInPlace(grid: Grid, startMs: Float64Array, notBefore: number): void {
  for (let i = 0; i < N; i++) {
    if (!((startMs[i] as number) >= notBefore)) grid[i] = 0
  }
}

/** run[i] = number of consecutive free cells starting at i. */
function freeRuns(grid: Grid): Int32Array {
  const run = new Int32Array(N + 1)
  for (let i = N - 1; i >= 0; i--) run[i] = grid[i] ? (run[i + 1] as number) + 1 : 0
  return run
}
