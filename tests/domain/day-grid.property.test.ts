// Property tests: the slot layer against the naive reference over random schedules, overrides,
// bookings, services, rooms, lead times, zones and DST change dates.
// Reproduce a failure with FC_SEED=<seed> (printed by fast-check, see fast-check-seed.ts); FC_RUNS scales
// the run counts.
import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { runs } from './fast-check-seed.ts'
import { dayCells } from '../../src/domain/day-cells.ts'
import {
  anyOf,
  buildRoomDay,
  buildSpecialistDay,
  cellsFor,
  decodeGrid,
  encodeGrid,
  startCells,
  type DayOverride,
} from '../../src/domain/day-grid.ts'
import type { TimeInterval, WeeklySchedule } from '../../src/domain/schedule.ts'
import { refDayCells, refRoomDay, refSpecialistDay, refStartCells } from './naive-reference.ts'

const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: runs(numRuns),
})
const TIMEOUT = 120_000

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Yekaterinburg',
  'UTC',
  'America/Santiago', // changes at midnight
  'Australia/Lord_Howe', // 30-minute DST
  'Asia/Kathmandu', // +05:45
]
const DATES = [
  '2026-03-29', // Berlin spring forward
  '2026-10-25', // Berlin fall back
  '2026-03-08', // New York spring forward
  '2026-11-01', // New York fall back
  '2026-04-04', // Santiago: 23:xx repeats after midnight
  '2026-04-05', // Lord Howe fall back
  '2026-09-06', // Santiago spring forward at midnight
  '2026-10-04', // Lord Howe spring forward
  '2026-01-15',
  '2026-06-15',
  '2026-03-02',
  '2027-03-28', // Berlin spring forward
  '2025-11-02', // New York fall back
  '2028-02-29',
]
const MIN = 60_000
const HOUR = 60 * MIN

const pad = (n: number) => String(n).padStart(2, '0')
const timeOf = (cell: number) => `${pad(Math.floor(cell / 4))}:${pad((cell % 4) * 15)}`

/** Sorted, non-overlapping (possibly touching) grid-aligned intervals. */
const intervalsArb: fc.Arbitrary<TimeInterval[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .chain((bounds) =>
    fc.boolean().map((touch) => {
      const sorted = [...bounds].sort((a, b) => a - b)
      const out: TimeInterval[] = []
      for (let i = 0; i + 1 < sorted.length; i += touch ? 1 : 2) {
        out.push([timeOf(sorted[i]!), timeOf(sorted[i + 1]!)])
      }
      return out
    }),
  )

const weeklyArb: fc.Arbitrary<WeeklySchedule> = fc.record(
  {
    '0': intervalsArb,
    '1': intervalsArb,
    '2': intervalsArb,
    '3': intervalsArb,
    '4': intervalsArb,
    '5': intervalsArb,
    '6': intervalsArb,
  },
  { requiredKeys: [] },
)

const overrideArb = (scopes: DayOverride['scope'][]): fc.Arbitrary<DayOverride> =>
  fc.oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(...scopes).map((scope): DayOverride => ({ scope, kind: 'closed' })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...scopes), fc.constantFrom('open' as const, 'blocked' as const), intervalsArb)
        .map(([scope, kind, intervals]): DayOverride => ({ scope, kind, intervals })),
    },
  )

/** Busy intervals around the date: quarter-aligned or arbitrary milliseconds. */
const busyArb = (date: string) => {
  const base = Date.parse(`${date}T00:00:00Z`) - 16 * HOUR
  const aligned = fc
    .tuple(fc.integer({ min: 0, max: 58 * 4 }), fc.integer({ min: 1, max: 24 }))
    .map(([q, len]) => ({ start: base + q * 15 * MIN, end: base + (q + len) * 15 * MIN }))
  const loose = fc
    .tuple(fc.integer({ min: 0, max: 58 * HOUR }), fc.integer({ min: 0, max: 6 * HOUR }))
    .map(([off, len]) => ({ start: base + off, end: base + off + len }))
  const empty = fc.integer({ min: 0, max: 58 * HOUR }).map((off) => ({ start: base + off, end: base + off }))
  return fc.array(fc.oneof({ weight: 4, arbitrary: aligned }, { weight: 4, arbitrary: loose }, empty), {
    maxLength: 5,
  })
}

const notBeforeArb = (date: string) => {
  const base = Date.parse(`${date}T00:00:00Z`) - 16 * HOUR
  return fc.option(
    fc.oneof(
      fc.integer({ min: 0, max: 58 * 4 }).map((q) => base + q * 15 * MIN),
      fc.integer({ min: 0, max: 58 * HOUR }).map((o) => base + o),
    ),
    { nil: undefined },
  )
}

const caseArb = fc
  .record({ date: fc.constantFrom(...DATES), zone: fc.constantFrom(...ZONES) })
  .chain(({ date, zone }) =>
    fc.record({
      date: fc.constant(date),
      zone: fc.constant(zone),
      // Mostly open all day, so DST cells and bookings actually matter.
      locationSchedule: fc.oneof(weeklyArb, fc.constant(fullWeek())),
      specialistSchedule: fc.oneof(weeklyArb, fc.constant(fullWeek())),
      overrides: fc.array(overrideArb(['location', 'specialist']), { maxLength: 3 }),
      busy: busyArb(date),
      notBefore: notBeforeArb(date),
      durationMinutes: fc.integer({ min: 1, max: 240 }),
      breakMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60 })),
      rooms: fc.array(
        fc.record({
          overrides: fc.array(overrideArb(['location', 'room']), { maxLength: 2 }),
          busy: busyArb(date),
        }),
        { maxLength: 3 },
      ),
    }),
  )

function fullWeek(): WeeklySchedule {
  const all: TimeInterval[] = [['00:00', '24:00']]
  return { '0': all, '1': all, '2': all, '3': all, '4': all, '5': all, '6': all }
}

const asBools = (grid: Uint8Array) => Array.from(grid, (v) => v === 1)

describe('slot layer vs naive reference', () => {
  it(
    'dayCells matches the reference on DST dates and on random dates',
    () => {
      const anyDate = fc
        .integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2037, 11, 31) })
        .map((ms) => new Date(ms).toISOString().slice(0, 10))
      fc.assert(
        fc.property(fc.oneof(fc.constantFrom(...DATES), anyDate), fc.constantFrom(...ZONES), (date, zone) => {
          const runtime = dayCells(date, zone)
          const ref = refDayCells(date, zone)
          for (let i = 0; i < 96; i++) {
            const r = ref[i]!
            expect(runtime.exists[i] === 1, `${date} ${zone} ${r.wall} exists`).toBe(r.exists)
            if (!r.exists) continue
            expect(runtime.startMs[i], `${date} ${zone} ${r.wall} start`).toBe(r.start)
            expect(runtime.endMs[i], `${date} ${zone} ${r.wall} end`).toBe(r.end)
          }
        }),
        params(300),
      )
    },
    TIMEOUT,
  )

  it(
    'specialist grids, room grids and start cells match the reference',
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const specialist = buildSpecialistDay(c)
          const refSpecialist = refSpecialistDay(c)
          expect(asBools(specialist)).toEqual(refSpecialist)
          const roomDays = c.rooms.map((r) =>
            buildRoomDay({
              date: c.date,
              zone: c.zone,
              locationSchedule: c.locationSchedule,
              overrides: [...c.overrides.filter((o) => o.scope === 'location'), ...r.overrides],
              busy: r.busy,
            }),
          )
          const refRooms = c.rooms.map((r) =>
            refRoomDay({
              date: c.date,
              zone: c.zone,
              locationSchedule: c.locationSchedule,
              overrides: [...c.overrides.filter((o) => o.scope === 'location'), ...r.overrides],
              busy: r.busy,
            }),
          )
          roomDays.forEach((g, i) => expect(asBools(g)).toEqual(refRooms[i]))
          const got = startCells(specialist, {
            durationCells: cellsFor(c.durationMinutes),
            breakCells: cellsFor(c.breakMinutes),
            roomDays,
          })
          expect(got).toEqual(refStartCells(refSpecialist, c.durationMinutes, c.breakMinutes, refRooms))
        }),
        params(3000),
      )
    },
    TIMEOUT,
  )

  it(
    'an offered start never overlaps a booking in real time, and no instant is offered twice',
    () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const cells = dayCells(c.date, c.zone)
          const duration = cellsFor(c.durationMinutes)
          const pause = cellsFor(c.breakMinutes)
          const starts = startCells(buildSpecialistDay(c), { durationCells: duration, breakCells: pause })
          const instants = starts.map((s) => cells.startMs[s]!)
          expect(new Set(instants).size).toBe(instants.length)
          for (const t of instants) {
            const end = t + (duration + pause) * 15 * MIN
            for (const b of c.busy) expect(Math.max(b.start, t) < Math.min(b.end, end)).toBe(false)
            if (c.notBefore !== undefined) expect(t).toBeGreaterThanOrEqual(c.notBefore)
          }
        }),
        params(1500),
      )
    },
    TIMEOUT,
  )

  it('"any specialist" is the union of the specialists\' start cells', () => {
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 95 }), { maxLength: 96 })
    fc.assert(
      fc.property(fc.array(list, { maxLength: 6 }), (lists) => {
        const union = anyOf(lists)
        const expected: number[] = []
        for (let s = 0; s < 96; s++) if (lists.some((l) => l.includes(s))) expected.push(s)
        expect(union).toEqual(expected)
      }),
      params(500),
    )
  })

  it('encodeGrid / decodeGrid round-trip in 24 hex characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 96, maxLength: 96 }), (bits) => {
        const grid = Uint8Array.from(bits)
        const s = encodeGrid(grid)
        expect(s).toMatch(/^[0-9a-f]{24}$/)
        expect(decodeGrid(s)).toEqual(grid)
        // hour h is character h: its nibble counts the free cells of that hour
        for (let h = 0; h < 24; h++) {
          const nibble = parseInt(s[h]!, 16)
          expect(nibble.toString(2).split('1').length - 1).toBe(
            bits.slice(h * 4, h * 4 + 4).filter(Boolean).length,
          )
        }
      }),
      params(500),
    )
  })
})
