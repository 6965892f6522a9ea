// Day grid and date behaviours a mutation run showed unpinned: a blocked override of another scope
// leaves the grid alone, a stored grid is decoded only when it is exactly 24 hex characters, and
// impossible dates are refused.

import { describe, expect, it } from 'vitest'
import { dayCells, parseDate, weekdayKey } from '../../src/domain/day-cells.ts'
import {
  type DayOverride,
  buildRoomDay,
  buildSpecialistDay,
  decodeGrid,
  encodeGrid,
  gridToCells,
} from '../../src/domain/day-grid.ts'
import type { WeeklySchedule } from '../../src/domain/schedule.ts'

const WEEK: WeeklySchedule = {
  '0': [['09:00', '18:00']],
  '1': [['09:00', '18:00']],
  '2': [['09:00', '18:00']],
  '3': [['09:00', '18:00']],
  '4': [['09:00', '18:00']],
}
// 2026-03-02 is a Monday.
const DATE = '2026-03-02'
const NINE_TO_SIX = Array.from({ length: 36 }, (_, i) => 36 + i)

const specialistDay = (overrides: DayOverride[]) =>
  gridToCells(
    buildSpecialistDay({
      date: DATE,
      zone: 'Europe/Moscow',
      locationSchedule: WEEK,
      specialistSchedule: WEEK,
      overrides,
      busy: [],
    }),
  )
const roomDay = (overrides: DayOverride[]) =>
  gridToCells(
    buildRoomDay({ date: DATE, zone: 'Europe/Moscow', locationSchedule: WEEK, overrides, busy: [] }),
  )

describe('overrides of another scope', () => {
  const block = (scope: DayOverride['scope']): DayOverride => ({
    scope,
    kind: 'blocked',
    intervals: [['10:00', '11:00']],
  })
  const withoutTen = NINE_TO_SIX.filter((c) => c < 40 || c >= 44)

  it('a blocked room interval does not close the specialist’s cells, nor theirs the room’s', () => {
    expect(specialistDay([block('room')])).toEqual(NINE_TO_SIX)
    expect(roomDay([block('specialist')])).toEqual(NINE_TO_SIX)
  })

  it('a blocked interval of the scope itself (or of the location) does', () => {
    expect(specialistDay([block('specialist')])).toEqual(withoutTen)
    expect(specialistDay([block('location')])).toEqual(withoutTen)
    expect(roomDay([block('room')])).toEqual(withoutTen)
    expect(roomDay([block('location')])).toEqual(withoutTen)
  })

  it('closed and open overrides of another scope change nothing either', () => {
    expect(specialistDay([{ scope: 'room', kind: 'closed' }])).toEqual(NINE_TO_SIX)
    expect(roomDay([{ scope: 'specialist', kind: 'closed' }])).toEqual(NINE_TO_SIX)
    expect(specialistDay([{ scope: 'room', kind: 'open', intervals: [['12:00', '13:00']] }])).toEqual(
      NINE_TO_SIX,
    )
    expect(roomDay([{ scope: 'room', kind: 'open', intervals: [['12:00', '13:00']] }])).toEqual([
      48, 49, 50, 51,
    ])
  })
})

describe('stored grids', () => {
  const stored = '000000000fffffffff000000'

  it('decodes exactly 24 hex characters, either case', () => {
    expect(gridToCells(decodeGrid(stored))).toEqual(NINE_TO_SIX)
    expect(encodeGrid(decodeGrid(stored.toUpperCase()))).toBe(stored)
    expect(encodeGrid(decodeGrid('8421' + '0'.repeat(20)))).toBe('8421' + '0'.repeat(20))
    expect(gridToCells(decodeGrid('8421' + '0'.repeat(20)))).toEqual([0, 5, 10, 15])
  })

  it('refuses anything else rather than decoding a prefix or a suffix', () => {
    for (const bad of [
      `${stored}0`,
      `0${stored}`,
      `${stored}\n`,
      ` ${stored}`,
      stored.slice(1),
      `${stored.slice(0, 23)}g`,
      '',
    ]) {
      expect(() => decodeGrid(bad), JSON.stringify(bad)).toThrow(/not an encoded grid/)
    }
    expect(() => encodeGrid(new Uint8Array(95))).toThrow(RangeError)
  })
})

describe('dates', () => {
  it('refuses a month 13, a day 30 of February and other impossible dates', () => {
    for (const bad of ['2026-13-01', '2026-02-30', '2026-00-10', '2026-04-31', '2025-02-29']) {
      expect(() => parseDate(bad), bad).toThrow(`date "${bad}" does not exist`)
      expect(() => dayCells(bad, 'UTC'), bad).toThrow(RangeError)
      expect(() => weekdayKey(bad), bad).toThrow(RangeError)
    }
    for (const bad of ['2026-1-01', '26-01-01', '2026-01-01T00:00', 'x2026-01-01']) {
      expect(() => parseDate(bad), bad).toThrow('is not in YYYY-MM-DD format')
    }
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    expect(parseDate('2026-12-31')).toBe(Date.UTC(2026, 11, 31))
    expect(weekdayKey('2026-03-02')).toBe('0')
    expect(weekdayKey('2026-03-08')).toBe('6')
  })

  it('refuses an unknown zone', () => {
    expect(() => dayCells('2026-03-02', 'Mars/Olympus')).toThrow('unknown time zone "Mars/Olympus"')
  })
})
