// The schedule editor's grid, kept pure (no Vue, no DOM) so it is tested on its own
// (tests/domain/paint-grid.test.ts): a week as 7 days × 96 quarter-hours, read from and written
// to the API's work_schedule ({"0": [["09:00","18:00"]], …}, "0" = Monday), painted by rectangles
// (a drag or a keyboard selection), days copied onto others, presets, and the result in words.

export const DAYS = 7
export const SLOTS = 96
export const STEP_MINUTES = 15

/** grid[day][slot]: true where the quarter-hour is working time. Day 0 is Monday. */
export type Grid = boolean[][]
export interface Cell {
  day: number
  slot: number
}
export type Interval = [string, string]
export type WeeklySchedule = Record<string, Interval[]>

export const emptyGrid = (): Grid => Array.from({ length: DAYS }, () => Array<boolean>(SLOTS).fill(false))

export const cloneGrid = (grid: Grid): Grid => grid.map((day) => [...day])

export const sameGrid = (a: Grid, b: Grid) => a.every((day, d) => day.every((v, s) => v === b[d]?.[s]))

/** "HH:MM" of the start of a slot; slot 96 is "24:00" (the end of a day). */
export function slotTime(slot: number): string {
  const minutes = slot * STEP_MINUTES
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** The slot a "HH:MM" starts; times off the 15-minute grid fall to the slot they are in. */
export function timeSlot(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return Math.min(SLOTS, Math.floor(((h ?? 0) * 60 + (m ?? 0)) / STEP_MINUTES))
}

/** A work_schedule as a grid; a missing day or [] is a day off. */
export function fromSchedule(
  schedule: Record<string, readonly (readonly string[])[]> | null | undefined,
): Grid {
  const grid = emptyGrid()
  for (let day = 0; day < DAYS; day++) {
    for (const interval of schedule?.[String(day)] ?? []) {
      const [from, to] = interval
      if (!from || !to) continue
      const end = to === '00:00' ? SLOTS : timeSlot(to)
      for (let s = timeSlot(from); s < end; s++) grid[day]![s] = true
    }
  }
  return grid
}

/** A day's working slots as ascending, non-overlapping intervals ("24:00" ends a day that runs to midnight). */
export function dayIntervals(day: readonly boolean[]): Interval[] {
  const out: Interval[] = []
  let start: number | null = null
  for (let s = 0; s <= SLOTS; s++) {
    const on = s < SLOTS && day[s] === true
    if (on && start === null) start = s
    if (!on && start !== null) {
      out.push([slotTime(start), slotTime(s)])
      start = null
    }
  }
  return out
}

/** The grid as the API's work_schedule: every day "0"…"6", [] for a day off. */
export function toSchedule(grid: Grid): WeeklySchedule {
  return Object.fromEntries(grid.map((day, d) => [String(d), dayIntervals(day)]))
}

/** The rectangle between two cells (days × slots), both included, whichever way it was drawn. */
export function rectangle(a: Cell, b: Cell) {
  return {
    days: [Math.min(a.day, b.day), Math.max(a.day, b.day)] as const,
    slots: [Math.min(a.slot, b.slot), Math.max(a.slot, b.slot)] as const,
  }
}

export function inRectangle(cell: Cell, a: Cell, b: Cell): boolean {
  const r = rectangle(a, b)
  return cell.day >= r.days[0] && cell.day <= r.days[1] && cell.slot >= r.slots[0] && cell.slot <= r.slots[1]
}

/** A new grid with the rectangle between `a` and `b` set to `working`. */
export function paint(grid: Grid, a: Cell, b: Cell, working: boolean): Grid {
  const out = cloneGrid(grid)
  const r = rectangle(a, b)
  for (let d = r.days[0]; d <= r.days[1]; d++)
    for (let s = r.slots[0]; s <= r.slots[1]; s++) out[d]![s] = working
  return out
}

/**
 * What a stroke starting at `first` does: it removes when the first cell was working, and adds
 * when it was not. A drag and a keyboard selection follow the same rule.
 */
export const strokeAdds = (grid: Grid, first: Cell) => !grid[first.day]?.[first.slot]

/** A new grid where every day of `targets` is a copy of day `source`. */
export function copyDay(grid: Grid, source: number, targets: readonly number[]): Grid {
  const out = cloneGrid(grid)
  for (const t of targets) if (t !== source && t >= 0 && t < DAYS) out[t] = [...grid[source]!]
  return out
}

export type Preset = 'weekdays' | 'everyDay' | 'clear'

/** Mon–Fri 09:00–18:00, every day 10:00–20:00, or nothing. */
export function presetGrid(preset: Preset): Grid {
  const grid = emptyGrid()
  if (preset === 'clear') return grid
  const [days, from, to] = preset === 'weekdays' ? [5, '09:00', '18:00'] : [7, '10:00', '20:00']
  return paint(grid, { day: 0, slot: timeSlot(from) }, { day: days - 1, slot: timeSlot(to) - 1 }, true)
}

/** A cell moved by (dDays, dSlots), kept inside the grid. */
export function moveCell(cell: Cell, dDays: number, dSlots: number): Cell {
  return {
    day: Math.min(DAYS - 1, Math.max(0, cell.day + dDays)),
    slot: Math.min(SLOTS - 1, Math.max(0, cell.slot + dSlots)),
  }
}

/** The days' names in `locale`, Monday first, capitalised (they start a line or a column). */
export function weekdayNames(locale: string, width: 'short' | 'long' = 'short'): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' })
  // 2024-01-01 was a Monday.
  return Array.from({ length: DAYS }, (_, i) => {
    const name = f.format(new Date(Date.UTC(2024, 0, 1 + i)))
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1)
  })
}

/** Each day's intervals as text, e.g. "Вт 10:00–14:00, 15:00–18:00"; `off` for a day off. */
export function scheduleLines(grid: Grid, names: readonly string[], off: string): string[] {
  return grid.map((day, d) => {
    const intervals = dayIntervals(day)
    const text = intervals.length ? intervals.map(([a, b]) => `${a}–${b}`).join(', ') : off
    return `${names[d] ?? d} ${text}`
  })
}

/** A local date plus `days` ("YYYY-MM-DD"). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The Monday of the week of a local date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(date, -weekday)
}

/** Today's local date in a zone. */
export const todayIn = (zone: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now)

/**
 * Where a booking sits over the week: its day column (0 = the week's Monday) and its rows, clipped
 * at midnight; null when it is not in the week.
 */
export function bookingPlace(
  weekStart: string,
  b: { date: string; time: string; end_date: string; end_time: string },
): { day: number; slot: number; span: number } | null {
  const day = Math.round(
    (Date.parse(`${b.date}T00:00:00Z`) - Date.parse(`${weekStart}T00:00:00Z`)) / 86_400_000,
  )
  if (day < 0 || day >= DAYS) return null
  const slot = timeSlot(b.time)
  const end = b.end_date === b.date ? Math.ceil(toMinutes(b.end_time) / STEP_MINUTES) : SLOTS
  return { day, slot, span: Math.max(1, end - slot) }
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}
