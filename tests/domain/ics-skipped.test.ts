// What an .ics file skips inside the window, as the import preview lists it: an EXDATE of a busy
// series, a cancelled instance (RECURRENCE-ID with STATUS:CANCELLED), a transparent series counted
// by its instances in the window, and nothing of what lies outside the window.
import { describe, expect, it } from 'vitest'
import { readIcs, type BusyWindow } from '../../src/domain/ics-busy.ts'

const BERLIN: BusyWindow = { zone: 'Europe/Berlin', from: '2026-10-12', to: '2026-11-30' }

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR'].join('\r\n')

describe('readIcs: skipped events', () => {
  it('lists excluded and cancelled instances and free series with their counts, by start', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:weekly@test',
      'SUMMARY:Weekly',
      'DTSTART;TZID=Europe/Berlin:20261015T100000',
      'DTEND;TZID=Europe/Berlin:20261015T110000',
      'RRULE:FREQ=WEEKLY;COUNT=5',
      'EXDATE;TZID=Europe/Berlin:20261022T100000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:weekly@test',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261029T100000',
      'STATUS:CANCELLED',
      'DTSTART;TZID=Europe/Berlin:20261029T100000',
      'DTEND;TZID=Europe/Berlin:20261029T110000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:free@test',
      'SUMMARY:Lunch',
      'TRANSP:TRANSPARENT',
      'DTSTART;TZID=Europe/Berlin:20261126T130000',
      'DTEND;TZID=Europe/Berlin:20261126T140000',
      'RRULE:FREQ=DAILY;COUNT=10',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:old@test',
      'STATUS:CANCELLED',
      'DTSTART:20200101T100000Z',
      'DTEND:20200101T110000Z',
      'END:VEVENT',
    )
    const { busy, skipped } = readIcs(ics, BERLIN)
    expect(busy.map((b) => b.localStart)).toEqual([
      '2026-10-15T10:00:00+02:00',
      '2026-11-05T10:00:00+01:00',
      '2026-11-12T10:00:00+01:00',
    ])
    expect(skipped).toEqual([
      {
        uid: 'weekly@test',
        summary: 'Weekly',
        reason: 'excluded',
        localStart: '2026-10-22T10:00:00+02:00',
        instances: 1,
      },
      {
        uid: 'weekly@test',
        summary: '',
        reason: 'cancelled',
        localStart: '2026-10-29T10:00:00+01:00',
        instances: 1,
      },
      // 26–30 November are inside the window, the rest of the ten days are not.
      {
        uid: 'free@test',
        summary: 'Lunch',
        reason: 'transparent',
        localStart: '2026-11-26T13:00:00+01:00',
        instances: 5,
      },
    ])
  })

  it('does not refuse a free event for a zone it cannot read', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:free@test',
      'TRANSP:TRANSPARENT',
      'DTSTART;TZID=Nowhere/Special:20261020T090000',
      'DTEND;TZID=Nowhere/Special:20261020T100000',
      'END:VEVENT',
    )
    expect(readIcs(ics, BERLIN).skipped).toMatchObject([{ reason: 'transparent', instances: 1 }])
  })
})
