import { describe, it, expect } from 'vitest'
import {
  anyOf,
  buildRoomDay,
  buildSpecialistDay,
  cellsFor,
  cellsToTimes,
  closeBefore,
  decodeGrid,
  encodeGrid,
  gridToCells,
  startCells,
  startGrid,
  type DayOverride,
  type Grid,
  type SpecialistDayInput,
} from '../../src/domain/day-grid.ts'
import { dayCells } from '../../src/domain/day-cells.ts'
import { cellToTime, timeToCell, type WeeklySchedule } from '../../src/domain/schedule.ts'

const MONDAY = '2026-03-02'
const BERLIN = 'Europe/Berlin'
const MIN = 60_000

/** Free stretches of a grid, e.g. ["09:00-12:00", "14:00-18:00"]. */
function ranges(grid: Grid): string[] {
  const out: string[] = []
  let i = 0
  while (i < 96) {
    if (!grid[i]) {
      i++
      continue
    }
    const start = i
    while (i < 96 && grid[i]) i++
    out.push(`${cellToTime(start)}-${cellToTime(i)}`)
  }
  return out
}

/** UTC ms of a wall time on a date in a zone (first occurrence). */
function at(date: string, time: string, zone = BERLIN): number {
  return dayCells(date, zone).startMs[timeToCell(time)] as number
}

const weekdays: WeeklySchedule = {
  '0': [['09:00', '18:00']],
  '1': [['09:00', '18:00']],
  '2': [['09:00', '18:00']],
  '3': [['09:00', '18:00']],
  '4': [['09:00', '18:00']],
}
const allWeek: WeeklySchedule = Object.fromEntries(
  ['0', '1', '2', '3', '4', '5', '6'].map((k) => [k, [['00:00', '24:00']]]),
)

function day(partial: Partial<SpecialistDayInput>): Grid {
  return buildSpecialistDay({
    date: MONDAY,
    zone: BERLIN,
    locationSchedule: weekdays,
    specialistSchedule: weekdays,
    overrides: [],
    busy: [],
    ...partial,
  })
}

describe('cellsFor', () => {
  it('rounds up to whole cells', () => {
    expect([0, 1, 14, 15, 16, 30, 45, 50, 60, 61].map(cellsFor)).toEqual([0, 1, 1, 1, 2, 2, 3, 4, 4, 5])
    expect(() => cellsFor(-1)).toThrow(RangeError)
    expect(() => cellsFor(NaN)).toThrow(RangeError)
  })
})

describe('weekly schedules', () => {
  it('intersect the location and the specialist', () => {
    const grid = day({
      specialistSchedule: {
        '0': [
          ['08:00', '14:00'],
          ['15:00', '20:00'],
        ],
      },
    })
    expect(ranges(grid)).toEqual(['09:00-14:00', '15:00-18:00'])
  })

  it('a day off of either one closes the day', () => {
    expect(ranges(day({ locationSchedule: { '1': [['09:00', '18:00']] } }))).toEqual([])
    expect(ranges(day({ specialistSchedule: { '0': [] } }))).toEqual([])
    expect(ranges(day({ date: '2026-03-07' }))).toEqual([]) // Saturday
  })

  it('uses the weekday of the date', () => {
    const grid = day({ date: '2026-03-04', specialistSchedule: { '2': [['12:00', '13:00']] } })
    expect(ranges(grid)).toEqual(['12:00-13:00'])
  })
})

describe('overrides', () => {
  it('closed closes the whole day, for the location or the specialist', () => {
    expect(ranges(day({ overrides: [{ scope: 'location', kind: 'closed' }] }))).toEqual([])
    expect(ranges(day({ overrides: [{ scope: 'specialist', kind: 'closed' }] }))).toEqual([])
  })

  it('blocked removes intervals', () => {
    const overrides: DayOverride[] = [
      { scope: 'location', kind: 'blocked', intervals: [['12:00', '13:00']] },
      { scope: 'specialist', kind: 'blocked', intervals: [['08:00', '09:30']] },
      { scope: 'specialist', kind: 'blocked', intervals: [['17:45', '24:00']] },
    ]
    expect(ranges(day({ overrides }))).toEqual(['09:30-12:00', '13:00-17:45'])
  })

  it('open replaces the weekly schedule of its own scope only', () => {
    const sunday = '2026-03-08'
    // location opens on Sunday, but the specialist is off on Sundays
    expect(
      ranges(
        day({
          date: sunday,
          overrides: [{ scope: 'location', kind: 'open', intervals: [['10:00', '14:00']] }],
        }),
      ),
    ).toEqual([])
    const both: DayOverride[] = [
      { scope: 'location', kind: 'open', intervals: [['10:00', '14:00']] },
      { scope: 'specialist', kind: 'open', intervals: [['11:00', '16:00']] },
    ]
    expect(ranges(day({ date: sunday, overrides: both }))).toEqual(['11:00-14:00'])
    // on a working day, open REPLACES (not extends) the weekly hours
    expect(
      ranges(day({ overrides: [{ scope: 'specialist', kind: 'open', intervals: [['07:00', '10:00']] }] })),
    ).toEqual(['09:00-10:00'])
  })

  it('several open overrides of one scope add up; blocked applies on top', () => {
    const overrides: DayOverride[] = [
      { scope: 'specialist', kind: 'open', intervals: [['09:00', '10:00']] },
      { scope: 'specialist', kind: 'open', intervals: [['15:00', '17:00']] },
      { scope: 'specialist', kind: 'blocked', intervals: [['16:00', '16:30']] },
    ]
    expect(ranges(day({ overrides }))).toEqual(['09:00-10:00', '15:00-16:00', '16:30-17:00'])
  })

  it('closed wins over open whatever the order', () => {
    const open: DayOverride = { scope: 'location', kind: 'open', intervals: [['09:00', '12:00']] }
    const closed: DayOverride = { scope: 'location', kind: 'closed' }
    expect(ranges(day({ overrides: [open, closed] }))).toEqual([])
    expect(ranges(day({ overrides: [closed, open] }))).toEqual([])
  })

  it('room overrides do not touch the specialist day', () => {
    expect(ranges(day({ overrides: [{ scope: 'room', kind: 'closed' }] }))).toEqual(['09:00-18:00'])
  })
})

describe('bookings', () => {
  it('close every cell they overlap (duration + break, rounded up)', () => {
    // 50-minute service + 10-minute break from 10:00: 10:00–11:00 is busy
    const start = at(MONDAY, '10:00')
    const grid = day({ busy: [{ start, end: start + (50 + 10) * MIN }] })
    expect(ranges(grid)).toEqual(['09:00-10:00', '11:00-18:00'])
    // 50 + 5 minutes still ends inside the 10:45 cell
    const g2 = day({ busy: [{ start, end: start + 55 * MIN }] })
    expect(ranges(g2)).toEqual(['09:00-10:00', '11:00-18:00'])
  })

  it('half-open intervals: touching does not overlap, a millisecond does', () => {
    const ten = at(MONDAY, '10:00')
    expect(ranges(day({ busy: [{ start: ten - 60 * MIN, end: ten }] }))).toEqual(['10:00-18:00'])
    expect(ranges(day({ busy: [{ start: ten - 1, end: ten + 1 }] }))).toEqual(['09:00-09:45', '10:15-18:00'])
    expect(ranges(day({ busy: [{ start: ten, end: ten }] }))).toEqual(['09:00-18:00']) // empty
    expect(ranges(day({ busy: [{ start: ten + 1, end: ten + 1 }] }))).toEqual(['09:00-18:00'])
    expect(ranges(day({ busy: [{ start: ten + 1, end: ten - 1 }] }))).toEqual(['09:00-18:00'])
  })

  it('a booking from the previous evening reaching past midnight closes the early cells', () => {
    const midnight = at(MONDAY, '00:00')
    const grid = day({
      locationSchedule: allWeek,
      specialistSchedule: allWeek,
      busy: [{ start: midnight - 30 * MIN, end: midnight + 20 * MIN }],
    })
    expect(ranges(grid)).toEqual(['00:30-24:00'])
  })
})

describe('startCells', () => {
  it('needs duration + break free cells and stays inside the day', () => {
    const grid = day({ specialistSchedule: { '0': [['09:00', '10:30']] } })
    // 45 min + 15 min break = 4 cells
    expect(cellsToTimes(startCells(grid, { durationCells: 3, breakCells: 1 }))).toEqual([
      '09:00',
      '09:15',
      '09:30',
    ])
    expect(startCells(grid, { durationCells: 6, breakCells: 1 })).toEqual([])
    const full = day({ locationSchedule: allWeek, specialistSchedule: allWeek })
    const late = startCells(full, { durationCells: 4, breakCells: 1 })
    expect(cellToTime(late[late.length - 1] as number)).toBe('22:45') // 22:45 + 75 min = 24:00
    expect(startCells(full, { durationCells: 96, breakCells: 0 })).toEqual([0])
    expect(startCells(full, { durationCells: 96, breakCells: 1 })).toEqual([])
  })

  it('rejects nonsense durations', () => {
    const grid = day({})
    expect(() => startCells(grid, { durationCells: 0, breakCells: 0 })).toThrow(RangeError)
    expect(() => startCells(grid, { durationCells: 2, breakCells: -1 })).toThrow(RangeError)
    expect(() => startCells(grid, { durationCells: 1.5, breakCells: 0 })).toThrow(RangeError)
  })

  it('with rooms: one room must be free for the duration (not the break)', () => {
    const grid = day({})
    const roomA = buildRoomDay({
      date: MONDAY,
      zone: BERLIN,
      locationSchedule: weekdays,
      overrides: [{ scope: 'room', kind: 'open', intervals: [['09:00', '10:00']] }],
      busy: [],
    })
    const roomB = buildRoomDay({
      date: MONDAY,
      zone: BERLIN,
      locationSchedule: weekdays,
      overrides: [{ scope: 'room', kind: 'blocked', intervals: [['09:00', '17:00']] }],
      busy: [{ start: at(MONDAY, '17:30'), end: at(MONDAY, '17:45') }],
    })
    expect(ranges(roomA)).toEqual(['09:00-10:00'])
    expect(ranges(roomB)).toEqual(['17:00-17:30', '17:45-18:00'])
    const opts = { durationCells: 2, breakCells: 2 }
    expect(cellsToTimes(startCells(grid, { ...opts, roomDays: [roomA] }))).toEqual([
      '09:00',
      '09:15',
      '09:30',
    ])
    expect(cellsToTimes(startCells(grid, { ...opts, roomDays: [roomA, roomB] }))).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '17:00',
    ])
    // no room given = the service needs none
    expect(startCells(grid, { ...opts, roomDays: [] })).toEqual(startCells(grid, opts))
    // startGrid agrees with startCells
    expect(gridToCells(startGrid(grid, { ...opts, roomDays: [roomA, roomB] }))).toEqual(
      startCells(grid, { ...opts, roomDays: [roomA, roomB] }),
    )
  })

  it('room days follow the location hours and its overrides, not the specialist ones', () => {
    const room = buildRoomDay({
      date: MONDAY,
      zone: BERLIN,
      locationSchedule: weekdays,
      overrides: [
        { scope: 'location', kind: 'blocked', intervals: [['13:00', '14:00']] },
        { scope: 'specialist', kind: 'closed' },
      ],
      busy: [],
    })
    expect(ranges(room)).toEqual(['09:00-13:00', '14:00-18:00'])
    const closed = buildRoomDay({
      date: MONDAY,
      zone: BERLIN,
      locationSchedule: weekdays,
      overrides: [{ scope: 'room', kind: 'closed' }],
      busy: [],
    })
    expect(ranges(closed)).toEqual([])
  })
})

describe('anyOf', () => {
  it('is the sorted union without duplicates', () => {
    expect(anyOf([[40, 41, 50], [], [36, 41, 95]])).toEqual([36, 40, 41, 50, 95])
    expect(anyOf([])).toEqual([])
  })
})

describe('lead time', () => {
  it('closes cells that start before notBefore', () => {
    const notBefore = at(MONDAY, '11:00') + 1 // 11:00 has started: not offered
    expect(ranges(day({ notBefore }))).toEqual(['11:15-18:00'])
    expect(ranges(day({ notBefore: at(MONDAY, '11:00') }))).toEqual(['11:00-18:00'])
    expect(ranges(day({ notBefore: at(MONDAY, '00:00') + 24 * 3_600_000 }))).toEqual([])
  })

  it('closeBefore applies it to a cached grid', () => {
    const grid = day({})
    const later = closeBefore(grid, MONDAY, BERLIN, at(MONDAY, '16:00'))
    expect(ranges(later)).toEqual(['16:00-18:00'])
    expect(ranges(grid)).toEqual(['09:00-18:00']) // untouched
  })
})

describe('daylight saving time', () => {
  const open = { locationSchedule: allWeek, specialistSchedule: allWeek }

  it('spring forward: missing cells are closed and no slot spans the gap (Berlin)', () => {
    const grid = day({ ...open, date: '2026-03-29' })
    expect(ranges(grid)).toEqual(['00:00-02:00', '03:00-24:00'])
    const starts = cellsToTimes(startCells(grid, { durationCells: 4, breakCells: 0 }))
    expect(starts).toContain('01:00')
    expect(starts).not.toContain('01:15')
    expect(starts).toContain('03:00')
    expect(starts.some((t) => t.startsWith('02:'))).toBe(false)
  })

  it('spring forward (New York)', () => {
    const grid = day({ ...open, date: '2026-03-08', zone: 'America/New_York' })
    expect(ranges(grid)).toEqual(['00:00-02:00', '03:00-24:00'])
  })

  it('fall back: every start time once, at its first occurrence (Berlin)', () => {
    const date = '2026-10-25'
    const grid = day({ ...open, date })
    const starts = startCells(grid, { durationCells: 1, breakCells: 0 })
    expect(starts).toHaveLength(96)
    const times = cellsToTimes(starts)
    expect(new Set(times).size).toBe(96)
    const instants = starts.map((s) => dayCells(date, BERLIN).startMs[s])
    expect(new Set(instants).size).toBe(96)
    expect(new Date(instants[timeToCell('02:30')] as number).toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('fall back: a booking in the repeated hour still blocks the grid (New York)', () => {
    const date = '2026-11-01'
    const zone = 'America/New_York'
    // 01:15–01:45 EST (the second 01:15): 06:15Z–06:45Z
    const busy = [{ start: Date.UTC(2026, 10, 1, 6, 15), end: Date.UTC(2026, 10, 1, 6, 45) }]
    const grid = day({ ...open, date, zone, busy })
    expect(ranges(grid)).toEqual(['00:00-01:45', '02:00-24:00'])
  })

  it('no DST: Asia/Yekaterinburg behaves like any other day', () => {
    const grid = day({ ...open, date: '2026-03-29', zone: 'Asia/Yekaterinburg' })
    expect(ranges(grid)).toEqual(['00:00-24:00'])
    const busy = [{ start: Date.UTC(2026, 2, 29, 4, 0), end: Date.UTC(2026, 2, 29, 5, 0) }] // 09:00–10:00 local
    expect(ranges(day({ ...open, date: '2026-03-29', zone: 'Asia/Yekaterinburg', busy }))).toEqual([
      '00:00-09:00',
      '10:00-24:00',
    ])
  })
})

describe('encodeGrid / decodeGrid', () => {
  it('uses one hex character per hour, earliest cell in the high bit', () => {
    expect(encodeGrid(day({}))).toBe('000000000fffffffff000000')
    const g = new Uint8Array(96)
    g[0] = 1
    g[95] = 1
    expect(encodeGrid(g)).toBe('800000000000000000000001')
    expect(decodeGrid('800000000000000000000001')).toEqual(g)
  })

  it('round-trips and rejects garbage', () => {
    const g = day({ busy: [{ start: at(MONDAY, '10:15'), end: at(MONDAY, '10:45') }] })
    expect(decodeGrid(encodeGrid(g))).toEqual(g)
    expect(decodeGrid(encodeGrid(g).toUpperCase())).toEqual(g)
    expect(() => decodeGrid('fff')).toThrow(RangeError)
    expect(() => decodeGrid('g00000000fffffffff000000')).toThrow(RangeError)
    expect(() => encodeGrid(new Uint8Array(95))).toThrow(RangeError)
  })
})
