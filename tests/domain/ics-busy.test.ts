// The busy times of an .ics file and the blocks they become: recurrence across DST, EXDATE, moved
// and cancelled instances, transparent events, all-day events, zones (VTIMEZONE, IANA, unknown),
// the expansion cap, and properties over random weekly series.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { runs } from './fast-check-seed.ts'
import { DateTime } from 'luxon'
import { blocksOf, busyTimesOf, type BusyWindow } from '../../src/domain/ics-busy.ts'
import { AppError } from '../../src/domain/errors.ts'
import { dayCells } from '../../src/domain/day-cells.ts'
import { timeToCell } from '../../src/domain/schedule.ts'

const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: runs(numRuns),
})

const BERLIN: BusyWindow = { zone: 'Europe/Berlin', from: '2026-10-12', to: '2026-11-30' }

/** A VCALENDAR around the given VEVENT (and VTIMEZONE) lines. */
const calendar = (...components: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...components, 'END:VCALENDAR'].join('\r\n')

const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n')

/** Thursdays 10:00–11:00 in Berlin from 15 October 2026: the 25th (last Sunday) falls between. */
const weekly = (...extra: string[]) =>
  event(
    'UID:weekly@test',
    'SUMMARY:Weekly meeting',
    'DTSTART;TZID=Europe/Berlin:20261015T100000',
    'DTEND;TZID=Europe/Berlin:20261015T110000',
    'RRULE:FREQ=WEEKLY;COUNT=4',
    ...extra,
  )

const spans = (ics: string, window = BERLIN) =>
  busyTimesOf(ics, window).map((b) => [b.localStart, b.localEnd])

function refusal(fn: () => unknown): AppError {
  try {
    fn()
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('a weekly RRULE across the end of summer time (Europe/Berlin, 25 October 2026)', () => {
  it('keeps the local time at 10:00–11:00 while the UTC instant moves by an hour', () => {
    const busy = busyTimesOf(calendar(weekly()), BERLIN)
    expect(busy.map((b) => [b.localStart, b.localEnd])).toEqual([
      ['2026-10-15T10:00:00+02:00', '2026-10-15T11:00:00+02:00'],
      ['2026-10-22T10:00:00+02:00', '2026-10-22T11:00:00+02:00'],
      ['2026-10-29T10:00:00+01:00', '2026-10-29T11:00:00+01:00'],
      ['2026-11-05T10:00:00+01:00', '2026-11-05T11:00:00+01:00'],
    ])
    expect(busy.map((b) => b.start)).toEqual([
      '2026-10-15T08:00:00Z',
      '2026-10-22T08:00:00Z',
      '2026-10-29T09:00:00Z',
      '2026-11-05T09:00:00Z',
    ])
    expect(busy.every((b) => b.uid === 'weekly@test' && b.summary === 'Weekly meeting')).toBe(true)
  })

  it('blocks 10:00–11:00 local on each of those days, and nothing else', () => {
    const blocks = blocksOf(busyTimesOf(calendar(weekly()), BERLIN), BERLIN)
    expect(blocks).toEqual(
      ['2026-10-15', '2026-10-22', '2026-10-29', '2026-11-05'].map((date) => ({
        dateFrom: date,
        dateTo: date,
        intervals: [['10:00', '11:00']],
      })),
    )
  })

  it('reads the same from the VTIMEZONE in the file, under a name that is not IANA', () => {
    const vtimezone = [
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n')
    const outlook = event(
      'UID:outlook@test',
      'DTSTART;TZID=W. Europe Standard Time:20261015T100000',
      'DTEND;TZID=W. Europe Standard Time:20261015T110000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
    )
    expect(busyTimesOf(calendar(vtimezone, outlook), BERLIN).map((b) => b.start)).toEqual([
      '2026-10-15T08:00:00Z',
      '2026-10-22T08:00:00Z',
      '2026-10-29T09:00:00Z',
      '2026-11-05T09:00:00Z',
    ])
  })

  it('shows the instants in the location zone when the file is in another one', () => {
    const riga = { ...BERLIN, zone: 'Europe/Riga' }
    expect(spans(calendar(weekly()), riga)[2]).toEqual([
      '2026-10-29T11:00:00+02:00',
      '2026-10-29T12:00:00+02:00',
    ])
  })
})

describe('exceptions to a series', () => {
  it('EXDATE removes an instance', () => {
    const ics = calendar(weekly('EXDATE;TZID=Europe/Berlin:20261022T100000'))
    expect(spans(ics).map(([s]) => s!.slice(0, 10))).toEqual(['2026-10-15', '2026-10-29', '2026-11-05'])
  })

  it('EXDATE in UTC matches an instance written in a zone', () => {
    const ics = calendar(weekly('EXDATE:20261029T090000Z'))
    expect(spans(ics).map(([s]) => s!.slice(0, 10))).toEqual(['2026-10-15', '2026-10-22', '2026-11-05'])
  })

  it('a RECURRENCE-ID moves one instance (in UTC or in the zone)', () => {
    const moved = event(
      'UID:weekly@test',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261022T100000',
      'DTSTART;TZID=Europe/Berlin:20261023T150000',
      'DTEND;TZID=Europe/Berlin:20261023T163000',
    )
    const movedUtc = event(
      'UID:weekly@test',
      'RECURRENCE-ID:20261105T090000Z',
      'DTSTART:20261105T150000Z',
      'DTEND:20261105T160000Z',
    )
    expect(spans(calendar(weekly(), moved, movedUtc))).toEqual([
      ['2026-10-15T10:00:00+02:00', '2026-10-15T11:00:00+02:00'],
      ['2026-10-23T15:00:00+02:00', '2026-10-23T16:30:00+02:00'],
      ['2026-10-29T10:00:00+01:00', '2026-10-29T11:00:00+01:00'],
      ['2026-11-05T16:00:00+01:00', '2026-11-05T17:00:00+01:00'],
    ])
  })

  it('a cancelled instance is dropped; a cancelled series takes its moved instances along', () => {
    const cancelledOne = event(
      'UID:weekly@test',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261029T100000',
      'DTSTART;TZID=Europe/Berlin:20261029T100000',
      'DTEND;TZID=Europe/Berlin:20261029T110000',
      'STATUS:CANCELLED',
    )
    expect(spans(calendar(weekly(), cancelledOne)).map(([s]) => s!.slice(0, 10))).toEqual([
      '2026-10-15',
      '2026-10-22',
      '2026-11-05',
    ])
    const moved = event(
      'UID:weekly@test',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261022T100000',
      'DTSTART;TZID=Europe/Berlin:20261023T150000',
      'DTEND;TZID=Europe/Berlin:20261023T160000',
    )
    expect(spans(calendar(weekly('STATUS:CANCELLED'), moved))).toEqual([])
  })

  it('a transparent (free) event blocks nothing, nor does a cancelled one', () => {
    const free = event(
      'UID:free@test',
      'DTSTART:20261020T080000Z',
      'DTEND:20261020T090000Z',
      'TRANSP:TRANSPARENT',
    )
    const cancelled = event(
      'UID:c@test',
      'DTSTART:20261021T080000Z',
      'DTEND:20261021T090000Z',
      'STATUS:CANCELLED',
    )
    const busy = event('UID:b@test', 'DTSTART:20261021T100000Z', 'DTEND:20261021T103000Z', 'TRANSP:OPAQUE')
    expect(spans(calendar(free, cancelled, busy))).toEqual([
      ['2026-10-21T12:00:00+02:00', '2026-10-21T12:30:00+02:00'],
    ])
    expect(spans(calendar(weekly('TRANSP:TRANSPARENT')))).toEqual([])
  })
})

describe('days, zones and lengths', () => {
  it('an all-day event blocks whole local days of the location', () => {
    const ics = calendar(
      event('UID:holiday@test', 'DTSTART;VALUE=DATE:20261020', 'DTEND;VALUE=DATE:20261022'),
    )
    const busy = busyTimesOf(ics, BERLIN)
    expect(busy.map((b) => [b.localStart, b.localEnd, b.allDay])).toEqual([
      ['2026-10-20T00:00:00+02:00', '2026-10-22T00:00:00+02:00', true],
    ])
    expect(blocksOf(busy, BERLIN)).toEqual([
      { dateFrom: '2026-10-20', dateTo: '2026-10-21', intervals: [['00:00', '24:00']] },
    ])
  })

  it('the day summer time ends is still a whole day (25 hours)', () => {
    const ics = calendar(event('UID:d@test', 'DTSTART;VALUE=DATE:20261025'))
    const [busy] = busyTimesOf(ics, BERLIN)
    expect(busy!.endMs - busy!.startMs).toBe(25 * 3_600_000)
    expect(blocksOf([busy!], BERLIN)).toEqual([
      { dateFrom: '2026-10-25', dateTo: '2026-10-25', intervals: [['00:00', '24:00']] },
    ])
  })

  it('rounds a busy time out to the 15-minute cells it touches, and splits it at midnight', () => {
    const ics = calendar(
      event(
        'UID:a@test',
        'DTSTART;TZID=Europe/Berlin:20261020T100500',
        'DTEND;TZID=Europe/Berlin:20261020T105000',
      ),
      event('UID:b@test', 'DTSTART;TZID=Europe/Berlin:20261020T230000', 'DURATION:PT2H30M'),
    )
    expect(blocksOf(busyTimesOf(ics, BERLIN), BERLIN)).toEqual([
      {
        dateFrom: '2026-10-20',
        dateTo: '2026-10-20',
        intervals: [
          ['10:00', '11:00'],
          ['23:00', '24:00'],
        ],
      },
      { dateFrom: '2026-10-21', dateTo: '2026-10-21', intervals: [['00:00', '01:30']] },
    ])
  })

  it('a DURATION in days keeps the wall time across the change', () => {
    const ics = calendar(event('UID:a@test', 'DTSTART;TZID=Europe/Berlin:20261024T120000', 'DURATION:P1D'))
    expect(spans(ics)).toEqual([['2026-10-24T12:00:00+02:00', '2026-10-25T12:00:00+01:00']])
  })

  it('times without a zone are read in X-WR-TIMEZONE, else in the location zone', () => {
    const floating = event('UID:f@test', 'DTSTART:20261020T100000', 'DTEND:20261020T110000')
    expect(spans(calendar(floating))).toEqual([['2026-10-20T10:00:00+02:00', '2026-10-20T11:00:00+02:00']])
    expect(spans(calendar('X-WR-TIMEZONE:Europe/London', floating))).toEqual([
      ['2026-10-20T11:00:00+02:00', '2026-10-20T12:00:00+02:00'],
    ])
  })

  it('keeps only what overlaps the window, with the events that reach into it', () => {
    const ics = calendar(
      event('UID:old@test', 'DTSTART:20250101T100000Z', 'DTEND:20250101T110000Z'),
      event('UID:late@test', 'DTSTART:20270101T100000Z', 'DTEND:20270101T110000Z'),
      event(
        'UID:edge@test',
        'DTSTART;TZID=Europe/Berlin:20261011T220000',
        'DTEND;TZID=Europe/Berlin:20261012T010000',
      ),
    )
    const busy = busyTimesOf(ics, BERLIN)
    expect(busy.map((b) => b.uid)).toEqual(['edge@test'])
    expect(blocksOf(busy, BERLIN)).toEqual([
      { dateFrom: '2026-10-12', dateTo: '2026-10-12', intervals: [['00:00', '01:00']] },
    ])
  })

  it('an IANA name with a path prefix is understood', () => {
    const ics = calendar(
      event(
        'UID:p@test',
        'DTSTART;TZID=/citadel.org/20190914_1/Europe/Berlin:20261020T100000',
        'DTEND;TZID=/citadel.org/20190914_1/Europe/Berlin:20261020T110000',
      ),
    )
    expect(spans(ics)).toEqual([['2026-10-20T10:00:00+02:00', '2026-10-20T11:00:00+02:00']])
  })
})

describe('refusals', () => {
  it('an unknown zone is refused with a message naming it and the event', () => {
    const ics = calendar(
      event('UID:x@test', 'SUMMARY:Yoga', 'DTSTART;TZID=Mars/Olympus:20261020T100000', 'DURATION:PT1H'),
    )
    const err = refusal(() => busyTimesOf(ics, BERLIN))
    expect(err.status).toBe(422)
    expect(err.code).toBe('unknown_time_zone')
    expect(err.message).toContain('"Mars/Olympus"')
    expect(err.message).toContain('"Yoga"')
    expect(err.details).toEqual({ time_zone: 'Mars/Olympus' })
  })

  it('an unknown zone on an event long past does not refuse the file', () => {
    const ics = calendar(
      event('UID:x@test', 'DTSTART;TZID=Mars/Olympus:20200101T100000', 'DURATION:PT1H'),
      weekly(),
    )
    expect(busyTimesOf(ics, BERLIN)).toHaveLength(4)
  })

  it('text that is not iCalendar is refused', () => {
    expect(refusal(() => busyTimesOf('hello', BERLIN)).code).toBe('invalid_ics')
    expect(refusal(() => busyTimesOf('BEGIN:VEVENT\r\nEND:VEVENT', BERLIN)).code).toBe('invalid_ics')
    expect(
      refusal(() => busyTimesOf(calendar(event('UID:n@test', 'SUMMARY:No start')), BERLIN)).message,
    ).toContain('DTSTART')
  })

  it('caps the busy times inside the window, and the instances walked to reach it', () => {
    const every10 = calendar(
      event('UID:m@test', 'DTSTART:20261012T000000Z', 'DURATION:PT5M', 'RRULE:FREQ=MINUTELY;INTERVAL=10'),
    )
    const many = refusal(() => busyTimesOf(every10, BERLIN))
    expect(many.code).toBe('too_many_occurrences')
    expect(many.message).toContain('5000')
    expect(busyTimesOf(every10, { ...BERLIN, to: '2026-10-13' }, { maxOccurrences: 500 })).toHaveLength(
      46 * 6, // from 00:00Z on the 12th (02:00 in Berlin) to the end of the 13th in Berlin
    )
    const ancient = calendar(
      event('UID:h@test', 'DTSTART:19900101T000000Z', 'DURATION:PT5M', 'RRULE:FREQ=HOURLY'),
    )
    const walked = refusal(() => busyTimesOf(ancient, BERLIN))
    expect(walked.code).toBe('too_many_occurrences')
    expect(walked.message).toContain('(no summary) (UID h@test)')
  })
})

describe('properties', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'UTC']

  it('a weekly series keeps its wall time on every instance, and blocks exactly those cells', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 300 }), // first day, from 2026-01-05
        fc.integer({ min: 4 * 4, max: 23 * 4 }), // start cell, 04:00 … 23:00 (no DST gap)
        fc.integer({ min: 1, max: 4 }), // length in cells
        fc.integer({ min: 1, max: 12 }), // COUNT
        (zone, dayOffset, cell, length, count) => {
          const first = DateTime.fromISO('2026-01-05', { zone }).plus({ days: dayOffset })
          const start = first.set({ hour: Math.floor(cell / 4), minute: (cell % 4) * 15 })
          const end = start.plus({ minutes: length * 15 })
          const fmt = (d: DateTime) => d.toFormat("yyyyMMdd'T'HHmmss")
          const ics = calendar(
            event(
              'UID:p@test',
              `DTSTART;TZID=${zone}:${fmt(start)}`,
              `DTEND;TZID=${zone}:${fmt(end)}`,
              `RRULE:FREQ=WEEKLY;COUNT=${count}`,
            ),
          )
          const window = { zone, from: '2026-01-01', to: '2027-06-30' }
          const busy = busyTimesOf(ics, window)
          expect(busy).toHaveLength(count)
          for (const [i, b] of busy.entries()) {
            const local = DateTime.fromMillis(b.startMs, { zone })
            expect(local.toFormat('HH:mm')).toBe(start.toFormat('HH:mm'))
            expect(local.toISODate()).toBe(start.plus({ weeks: i }).toISODate())
          }
          const blocks = blocksOf(busy, window)
          const from = start.toFormat('HH:mm')
          const to = end.day === start.day ? end.toFormat('HH:mm') : '24:00'
          expect(blocks.flatMap((b) => b.intervals)).toEqual(busy.map(() => [from, to]))
        },
      ),
      params(200),
    )
  })

  it('the blocks cover every busy instant, and every blocked cell overlaps a busy time', () => {
    const window: BusyWindow = { zone: 'Europe/Berlin', from: '2026-03-27', to: '2026-03-31' }
    const startMs = DateTime.fromISO('2026-03-27', { zone: 'Europe/Berlin' }).toMillis()
    const busyArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }), fc.integer({ min: 1, max: 300 })), {
        maxLength: 8,
      })
      .map((list) =>
        list.map(([m, len]) => ({ startMs: startMs + m * 60_000, endMs: startMs + (m + len) * 60_000 })),
      )
    fc.assert(
      fc.property(busyArb, (busy) => {
        const blocks = blocksOf(busy, window)
        const blocked = new Set<number>() // cell start instants
        for (const b of blocks) {
          for (let d = DateTime.fromISO(b.dateFrom); d.toISODate()! <= b.dateTo; d = d.plus({ days: 1 })) {
            const day = dayCells(d.toISODate()!, window.zone)
            for (const [from, to] of b.intervals) {
              for (let c = timeToCell(from); c < timeToCell(to); c++) {
                if (!day.exists[c]) continue
                blocked.add(day.startMs[c]!)
                // Minimal: this cell's real time overlaps some busy time.
                expect(busy.some((x) => x.startMs < day.endMs[c]! && x.endMs > day.startMs[c]!)).toBe(true)
              }
            }
          }
        }
        // Complete: every minute of every busy time lies in a blocked cell.
        for (const x of busy) {
          for (let t = x.startMs; t < x.endMs; t += 60_000) {
            const date = DateTime.fromMillis(t, { zone: window.zone }).toISODate()!
            if (date > window.to) continue
            const day = dayCells(date, window.zone)
            const cell = [...day.startMs.keys()].find((c) => day.startMs[c]! <= t && t < day.endMs[c]!)
            expect(cell === undefined ? false : blocked.has(day.startMs[cell]!)).toBe(true)
          }
        }
      }),
      params(100),
    )
  })
})
