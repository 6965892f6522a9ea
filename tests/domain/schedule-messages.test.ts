// The schedule parser's messages, word for word: they are what an admin reads when a schedule is
// refused, so a changed description (a list, a string, a truncated value, a day's name) is a change.

import { describe, expect, it } from 'vitest'
import { cellToTime, parseIntervals, parseWeeklySchedule, timeToCell } from '../../src/domain/schedule.ts'
import { cellsFor, startCells } from '../../src/domain/day-grid.ts'

const message = (result: { ok: boolean; message?: string }) => (result.ok ? 'ok' : result.message)

describe('schedule messages', () => {
  it('describe what was given', () => {
    expect(message(parseIntervals('9-18', 'day'))).toBe(
      'day: expected a list of ["HH:MM","HH:MM"] intervals, got the string "9-18"',
    )
    expect(message(parseIntervals(null, 'day'))).toBe(
      'day: expected a list of ["HH:MM","HH:MM"] intervals, got null',
    )
    expect(message(parseIntervals({}, 'day'))).toBe(
      'day: expected a list of ["HH:MM","HH:MM"] intervals, got an object',
    )
    expect(message(parseIntervals(5, 'day'))).toBe(
      'day: expected a list of ["HH:MM","HH:MM"] intervals, got number 5',
    )
    expect(message(parseIntervals([['09:00']], 'day'))).toBe(
      'day, interval 1: expected ["HH:MM","HH:MM"], got a list ["09:00"]',
    )
    expect(message(parseIntervals([['09:00', 5]], 'day'))).toBe(
      'day, interval 1: expected ["HH:MM","HH:MM"], got a list ["09:00",5]',
    )
    expect(message(parseIntervals([[9, '10:00']], 'day'))).toBe(
      'day, interval 1: expected ["HH:MM","HH:MM"], got a list [9,"10:00"]',
    )
    expect(message(parseIntervals([['09:00', '10:00', '11:00']], 'day'))).toMatch(
      /expected \["HH:MM","HH:MM"\]/,
    )
    expect(message(parseIntervals('x'.repeat(50), 'day'))).toBe(
      `day: expected a list of ["HH:MM","HH:MM"] intervals, got the string "${'x'.repeat(36)}...`,
    )
    expect(message(parseIntervals('x'.repeat(38), 'day'))).toBe(
      `day: expected a list of ["HH:MM","HH:MM"] intervals, got the string "${'x'.repeat(38)}"`,
    )
    expect(message(parseIntervals('x'.repeat(39), 'day'))).toBe(
      `day: expected a list of ["HH:MM","HH:MM"] intervals, got the string "${'x'.repeat(36)}...`,
    )
  })

  it('name the day and the problem', () => {
    for (const [key, name] of [
      ['0', 'Monday'],
      ['1', 'Tuesday'],
      ['2', 'Wednesday'],
      ['3', 'Thursday'],
      ['4', 'Friday'],
      ['5', 'Saturday'],
      ['6', 'Sunday'],
    ] as const) {
      expect(message(parseWeeklySchedule({ [key]: 'x' }))).toBe(
        `day "${key}" (${name}): expected a list of ["HH:MM","HH:MM"] intervals, got the string "x"`,
      )
    }
    expect(message(parseWeeklySchedule([]))).toMatch(/^schedule: expected an object .* got a list \[\]$/)
    expect(message(parseWeeklySchedule(Object.create(null) as object))).toBe('ok')
    expect(message(parseWeeklySchedule(new Date(0)))).toMatch(/^schedule: expected an object/)
    expect(message(parseIntervals([[' 09:00', '10:00']], 'd'))).toMatch(/is not a time in HH:MM format/)
    expect(message(parseIntervals([['09:00', '10:00 ']], 'd'))).toMatch(/is not a time in HH:MM format/)
    expect(message(parseIntervals([['09:00', '10:59']], 'd'))).toMatch(/not on the 15-minute grid/)
    expect(message(parseIntervals([['09:00', '10:60']], 'd'))).toMatch(/is not a valid time/)
    expect(
      message(
        parseIntervals(
          [
            ['10:00', '11:00'],
            ['10:00', '12:00'],
          ],
          'd',
        ),
      ),
    ).toMatch(/overlaps interval 1/)
    expect(
      message(
        parseIntervals(
          [
            ['10:00', '11:00'],
            ['09:00', '09:30'],
          ],
          'd',
        ),
      ),
    ).toMatch(/starts before interval 1/)
  })

  it('cells: bounds and messages', () => {
    expect(() => cellToTime(97)).toThrow('cell 97 is outside 0…96')
    expect(() => cellToTime(-1)).toThrow('cell -1 is outside 0…96')
    expect(() => cellToTime(1.5)).toThrow('cell 1.5 is outside 0…96')
    expect(cellToTime(96)).toBe('24:00')
    expect(cellToTime(0)).toBe('00:00')
    expect(timeToCell('09:15')).toBe(37)
    expect(timeToCell('09:15')).toBe(37) // memoised
    expect(() => timeToCell('9:15')).toThrow(RangeError)
    expect(() => cellsFor(-1)).toThrow('invalid number of minutes: -1')
    expect(() => startCells(new Uint8Array(96), { durationCells: 0, breakCells: 0 })).toThrow(
      'durationCells must be an integer ≥ 1, got 0',
    )
    expect(() => startCells(new Uint8Array(96), { durationCells: 1, breakCells: -1 })).toThrow(
      'breakCells must be an integer ≥ 0, got -1',
    )
    expect(startCells(new Uint8Array(96).fill(1), { durationCells: 90, breakCells: 7 })).toEqual([])
    expect(startCells(new Uint8Array(96).fill(1), { durationCells: 90, breakCells: 6 })).toEqual([0])
  })
})
