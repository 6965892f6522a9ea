// The schedule editor's pure grid (web/src/admin/schedules/paint-grid.ts): work_schedule to grid and
// back, rectangles painted either way, the first cell's rule, copying days, presets, the result in
// words and where a booking sits over the week.
import { describe, expect, it } from 'vitest'
import {
  bookingPlace,
  copyDay,
  emptyGrid,
  fromSchedule,
  mondayOf,
  paint,
  presetGrid,
  sameGrid,
  scheduleLines,
  strokeAdds,
  timeSlot,
  toSchedule,
} from '../../web/src/admin/schedules/paint-grid.ts'

const NAMES = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс']
const off = { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] }

describe('the schedule grid', () => {
  it('reads a work_schedule and writes it back with every day, [] for a day off, 24:00 at midnight', () => {
    const schedule = {
      '0': [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      '4': [['20:00', '24:00']],
      '6': [],
    }
    expect(toSchedule(fromSchedule(schedule))).toEqual({
      ...off,
      '0': [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
      '4': [['20:00', '24:00']],
    })
    expect(toSchedule(fromSchedule(undefined))).toEqual(off)
  })

  it('paints the rectangle between two cells whichever way it was drawn, and removes with false', () => {
    const down = paint(
      emptyGrid(),
      { day: 1, slot: timeSlot('10:00') },
      { day: 2, slot: timeSlot('13:45') },
      true,
    )
    const up = paint(
      emptyGrid(),
      { day: 2, slot: timeSlot('13:45') },
      { day: 1, slot: timeSlot('10:00') },
      true,
    )
    expect(sameGrid(down, up)).toBe(true)
    expect(toSchedule(down)).toEqual({ ...off, '1': [['10:00', '14:00']], '2': [['10:00', '14:00']] })
    const cut = paint(down, { day: 1, slot: timeSlot('11:00') }, { day: 1, slot: timeSlot('11:45') }, false)
    expect(toSchedule(cut)['1']).toEqual([
      ['10:00', '11:00'],
      ['12:00', '14:00'],
    ])
    expect(toSchedule(cut)['2']).toEqual([['10:00', '14:00']])
  })

  it('a stroke removes when its first cell is working and adds when it is not', () => {
    const g = fromSchedule({ '0': [['09:00', '10:00']] })
    expect(strokeAdds(g, { day: 0, slot: timeSlot('09:15') })).toBe(false)
    expect(strokeAdds(g, { day: 0, slot: timeSlot('10:00') })).toBe(true)
  })

  it('copies a day onto others, leaving the rest', () => {
    const g = fromSchedule({
      '0': [['09:00', '18:00']],
      '3': [['12:00', '13:00']],
      '6': [['10:00', '11:00']],
    })
    const s = toSchedule(copyDay(g, 0, [1, 2, 6]))
    expect(s).toEqual({
      ...off,
      '0': [['09:00', '18:00']],
      '1': [['09:00', '18:00']],
      '2': [['09:00', '18:00']],
      '3': [['12:00', '13:00']],
      '6': [['09:00', '18:00']],
    })
  })

  it('has presets for weekdays, every day and nothing', () => {
    expect(toSchedule(presetGrid('weekdays'))).toEqual({
      ...off,
      ...Object.fromEntries(['0', '1', '2', '3', '4'].map((d) => [d, [['09:00', '18:00']]])),
    })
    expect(toSchedule(presetGrid('everyDay'))['6']).toEqual([['10:00', '20:00']])
    expect(toSchedule(presetGrid('clear'))).toEqual(off)
  })

  it('says each day in words', () => {
    const g = fromSchedule({
      '1': [
        ['10:00', '14:00'],
        ['15:00', '18:00'],
      ],
    })
    expect(scheduleLines(g, NAMES, 'выходной').slice(0, 2)).toEqual([
      'Пн выходной',
      'Вт 10:00–14:00, 15:00–18:00',
    ])
  })

  it('places a booking on its day and rows of the week, clipped at midnight, none outside the week', () => {
    expect(mondayOf('2025-03-13')).toBe('2025-03-10')
    expect(mondayOf('2025-03-16')).toBe('2025-03-10')
    const week = '2025-03-10'
    expect(
      bookingPlace(week, { date: '2025-03-11', time: '10:00', end_date: '2025-03-11', end_time: '11:30' }),
    ).toEqual({ day: 1, slot: 40, span: 6 })
    expect(
      bookingPlace(week, { date: '2025-03-16', time: '23:00', end_date: '2025-03-17', end_time: '01:00' }),
    ).toEqual({ day: 6, slot: 92, span: 4 })
    expect(
      bookingPlace(week, { date: '2025-03-17', time: '10:00', end_date: '2025-03-17', end_time: '11:00' }),
    ).toBe(null)
  })
})
