import { describe, it, expect } from 'vitest'
import { dayCells, parseDate, weekdayKey } from '../../src/domain/day-cells.ts'
import { timeToCell } from '../../src/domain/schedule.ts'

const iso = (ms: number | undefined) => new Date(ms as number).toISOString()

function missing(date: string, zone: string): number[] {
  const c = dayCells(date, zone)
  const out: number[] = []
  for (let i = 0; i < 96; i++) if (!c.exists[i]) out.push(i)
  return out
}

describe('weekdayKey / parseDate', () => {
  it('maps dates to "0" = Monday … "6" = Sunday', () => {
    expect(weekdayKey('2026-03-02')).toBe('0')
    expect(weekdayKey('2026-03-03')).toBe('1')
    expect(weekdayKey('2026-03-08')).toBe('6')
    expect(weekdayKey('2024-02-29')).toBe('3')
  })

  it('rejects malformed and impossible dates', () => {
    expect(() => parseDate('2026-3-2')).toThrow(/YYYY-MM-DD/)
    expect(() => parseDate('2026-02-30')).toThrow(/does not exist/)
  })
})

describe('dayCells', () => {
  it('an ordinary day: 96 cells, 15 minutes apart', () => {
    const c = dayCells('2026-06-15', 'Europe/Berlin')
    expect(missing('2026-06-15', 'Europe/Berlin')).toEqual([])
    expect(iso(c.startMs[0])).toBe('2026-06-14T22:00:00.000Z')
    expect(iso(c.startMs[timeToCell('09:15')])).toBe('2026-06-15T07:15:00.000Z')
    for (let i = 0; i < 96; i++) expect((c.endMs[i] as number) - (c.startMs[i] as number)).toBe(15 * 60_000)
  })

  it('a zone without DST (Asia/Yekaterinburg, UTC+5) on the Berlin change dates', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      const c = dayCells(date, 'Asia/Yekaterinburg')
      expect(missing(date, 'Asia/Yekaterinburg')).toEqual([])
      expect(c.startMs[0]).toBe(parseDate(date) - 5 * 3_600_000)
      expect(c.startMs[95]).toBe(parseDate(date) + (23 * 60 + 45 - 5 * 60) * 60_000)
    }
  })

  it('Europe/Berlin spring forward (2026-03-29): 02:00–02:45 do not exist', () => {
    const c = dayCells('2026-03-29', 'Europe/Berlin')
    expect(missing('2026-03-29', 'Europe/Berlin')).toEqual([8, 9, 10, 11])
    expect(c.startMs[8]).toBeNaN()
    expect(iso(c.startMs[7])).toBe('2026-03-29T00:45:00.000Z')
    expect(iso(c.endMs[7])).toBe('2026-03-29T01:00:00.000Z')
    expect(iso(c.startMs[12])).toBe('2026-03-29T01:00:00.000Z')
  })

  it('Europe/Berlin fall back (2026-10-25): repeated times map to their first occurrence', () => {
    const c = dayCells('2026-10-25', 'Europe/Berlin')
    expect(missing('2026-10-25', 'Europe/Berlin')).toEqual([])
    expect(iso(c.startMs[timeToCell('02:00')])).toBe('2026-10-25T00:00:00.000Z') // CEST, not CET
    expect(iso(c.startMs[timeToCell('02:45')])).toBe('2026-10-25T00:45:00.000Z')
    // the cell before 03:00 holds the repeated hour too
    expect(iso(c.endMs[timeToCell('02:45')])).toBe('2026-10-25T02:00:00.000Z')
    expect(iso(c.startMs[timeToCell('03:00')])).toBe('2026-10-25T02:00:00.000Z')
    const instants = new Set(Array.from(c.startMs))
    expect(instants.size).toBe(96)
  })

  it('America/New_York spring forward (2026-03-08) and fall back (2026-11-01)', () => {
    expect(missing('2026-03-08', 'America/New_York')).toEqual([8, 9, 10, 11])
    const c = dayCells('2026-11-01', 'America/New_York')
    expect(iso(c.startMs[timeToCell('01:00')])).toBe('2026-11-01T05:00:00.000Z') // EDT
    expect(iso(c.endMs[timeToCell('01:45')])).toBe('2026-11-01T07:00:00.000Z')
    expect(iso(c.startMs[timeToCell('02:00')])).toBe('2026-11-01T07:00:00.000Z') // EST
  })

  it('changes at midnight (America/Santiago) and 30-minute DST (Australia/Lord_Howe)', () => {
    expect(missing('2026-09-06', 'America/Santiago')).toEqual([0, 1, 2, 3])
    const santiago = dayCells('2026-04-04', 'America/Santiago')
    expect(iso(santiago.endMs[95])).toBe('2026-04-05T04:00:00.000Z') // 23:xx repeats after midnight
    expect(missing('2026-10-04', 'Australia/Lord_Howe')).toEqual([8, 9])
    const lh = dayCells('2026-04-05', 'Australia/Lord_Howe')
    expect((lh.endMs[timeToCell('01:45')] as number) - (lh.startMs[timeToCell('01:45')] as number)).toBe(
      45 * 60_000,
    )
  })

  it('memoises per (date, zone) and rejects unknown zones', () => {
    expect(dayCells('2026-06-15', 'Europe/Berlin')).toBe(dayCells('2026-06-15', 'Europe/Berlin'))
    expect(() => dayCells('2026-06-15', 'Mars/Olympus')).toThrow(/unknown time zone/)
  })
})
