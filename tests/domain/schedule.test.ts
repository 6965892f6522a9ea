import { describe, it, expect } from 'vitest'
import { cellToTime, parseIntervals, parseWeeklySchedule, timeToCell } from '../../src/domain/schedule.ts'

function messageOf(input: unknown): string {
  const r = parseWeeklySchedule(input)
  if (r.ok) throw new Error(`expected a rejection of ${JSON.stringify(input)}`)
  return r.message
}

describe('timeToCell / cellToTime', () => {
  it('converts both ways', () => {
    expect(timeToCell('09:15')).toBe(37)
    expect(cellToTime(37)).toBe('09:15')
    expect(timeToCell('00:00')).toBe(0)
    expect(timeToCell('23:45')).toBe(95)
    expect(timeToCell('24:00')).toBe(96)
    expect(cellToTime(0)).toBe('00:00')
    expect(cellToTime(96)).toBe('24:00')
  })

  it('round-trips every cell', () => {
    for (let c = 0; c <= 96; c++) expect(timeToCell(cellToTime(c))).toBe(c)
  })

  it('throws on bad input', () => {
    expect(() => timeToCell('9:15')).toThrow(RangeError)
    expect(() => timeToCell('09:10')).toThrow(/15-minute grid/)
    expect(() => cellToTime(97)).toThrow(RangeError)
    expect(() => cellToTime(1.5)).toThrow(RangeError)
  })
})

describe('parseWeeklySchedule', () => {
  it('accepts the SPEC example', () => {
    const input = {
      '0': [['09:00', '18:00']],
      '1': [
        ['09:00', '12:00'],
        ['14:00', '20:00'],
      ],
      '6': [],
    }
    const r = parseWeeklySchedule(input)
    expect(r).toEqual({ ok: true, value: input })
    // a copy, not the caller's arrays
    if (r.ok) expect(r.value['0']).not.toBe(input['0'])
  })

  it('accepts an empty object, touching intervals and 24:00 as an end', () => {
    expect(parseWeeklySchedule({}).ok).toBe(true)
    expect(
      parseWeeklySchedule({
        '2': [
          ['09:00', '12:00'],
          ['12:00', '14:00'],
        ],
      }).ok,
    ).toBe(true)
    expect(parseWeeklySchedule({ '5': [['00:00', '24:00']] }).ok).toBe(true)
  })

  it('rejects what is not a plain object', () => {
    expect(messageOf(null)).toMatch(/^schedule: expected an object/)
    expect(messageOf([])).toMatch(/expected an object/)
    expect(messageOf('09:00-18:00')).toMatch(/expected an object.*string/)
    expect(messageOf(new Date())).toMatch(/expected an object/)
  })

  it('rejects unknown keys', () => {
    expect(messageOf({ '7': [] })).toBe('schedule: unknown key "7"; use "0" (Monday) … "6" (Sunday)')
    expect(messageOf({ monday: [] })).toMatch(/unknown key "monday"/)
  })

  it('rejects a day that is not a list', () => {
    expect(messageOf({ '1': '09:00-18:00' })).toMatch(/^day "1" \(Tuesday\): expected a list/)
    expect(messageOf({ '1': null })).toMatch(/^day "1" \(Tuesday\): expected a list.*null/)
  })

  it('rejects malformed intervals, naming day and interval', () => {
    expect(messageOf({ '0': [['09:00']] })).toMatch(
      /^day "0" \(Monday\), interval 1: expected \["HH:MM","HH:MM"\]/,
    )
    expect(messageOf({ '0': [['09:00', 18]] })).toMatch(/interval 1: expected/)
    expect(messageOf({ '0': ['09:00-18:00'] })).toMatch(/interval 1: expected/)
  })

  it('rejects bad times with an actionable message', () => {
    expect(
      messageOf({
        '1': [
          ['09:00', '12:00'],
          ['14:10', '18:00'],
        ],
      }),
    ).toBe(
      'day "1" (Tuesday), interval 2 ["14:10","18:00"]: "14:10" is not on the 15-minute grid (minutes must be 00, 15, 30 or 45)',
    )
    expect(messageOf({ '0': [['9:00', '18:00']] })).toMatch(/"9:00" is not a time in HH:MM format/)
    expect(messageOf({ '0': [['09:00', '25:00']] })).toMatch(/"25:00" is not a valid time/)
    expect(messageOf({ '0': [['09:60', '18:00']] })).toMatch(/"09:60" is not a valid time/)
    expect(messageOf({ '0': [['24:00', '24:00']] })).toMatch(/"24:00" can only end an interval/)
    expect(messageOf({ '0': [['09:00', '24:15']] })).toMatch(/"24:15" is not a valid time/)
  })

  it('rejects start >= end', () => {
    expect(messageOf({ '3': [['18:00', '09:00']] })).toBe(
      'day "3" (Thursday), interval 1 ["18:00","09:00"]: start "18:00" must be before end "09:00"',
    )
    expect(messageOf({ '3': [['09:00', '09:00']] })).toMatch(/must be before end/)
  })

  it('rejects unsorted and overlapping intervals', () => {
    expect(
      messageOf({
        '4': [
          ['14:00', '18:00'],
          ['09:00', '12:00'],
        ],
      }),
    ).toMatch(
      /^day "4" \(Friday\), interval 2 \["09:00","12:00"\]: starts before interval 1; list the intervals/,
    )
    expect(
      messageOf({
        '4': [
          ['09:00', '12:00'],
          ['11:45', '13:00'],
        ],
      }),
    ).toMatch(/interval 2 \["11:45","13:00"\]: overlaps interval 1 \(which ends at 12:00\)/)
  })
})

describe('parseIntervals', () => {
  it('uses the label given', () => {
    expect(parseIntervals([['10:00', '11:00']], 'override 3')).toEqual({
      ok: true,
      value: [['10:00', '11:00']],
    })
    expect(parseIntervals({}, 'override 3')).toEqual({
      ok: false,
      message: 'override 3: expected a list of ["HH:MM","HH:MM"] intervals, got an object',
    })
    const r = parseIntervals([['10:00', '10:20']], 'override 3')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/^override 3, interval 1 \["10:00","10:20"\]: "10:20" is not on/)
  })
})
