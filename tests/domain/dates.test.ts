import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DateTime } from 'luxon'
import { isoInZone, wallTimeInstant } from '../../src/domain/dates.ts'
import { runs } from './fast-check-seed.ts'

// Zones with DST both ways, half-hour and 45-minute offsets, UTC under two names, and one unknown.
const ZONES = [
  'Europe/Berlin',
  'Europe/Moscow',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'UTC',
  'Etc/UTC',
  'Mars/Olympus',
]
const zone = fc.constantFrom(...ZONES)
// 2000–2040, to the millisecond, and often at the very minutes a zone changes its offset.
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
  fc
    .tuple(
      fc.integer({ min: 2020, max: 2030 }),
      fc.constantFrom(2, 3, 9, 10, 3),
      fc.integer({ min: 0, max: 31 * 1440 }),
    )
    .map(([y, m, minutes]) => Date.UTC(y, m, 1) + minutes * 60_000),
)

describe('isoInZone', () => {
  it('shows an instant with the offset its zone has at that instant', () => {
    const instant = new Date('2026-03-01T07:00:00Z')
    expect(isoInZone(instant, 'Europe/Moscow')).toBe('2026-03-01T10:00:00+03:00')
    expect(isoInZone(instant.getTime(), 'Asia/Yekaterinburg')).toBe('2026-03-01T12:00:00+05:00')
  })

  it('follows daylight saving time', () => {
    expect(isoInZone(new Date('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-01-15T13:00:00+01:00')
    expect(isoInZone(new Date('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-15T14:00:00+02:00')
  })

  it('keeps milliseconds when there are some, and names the same instant', () => {
    const instant = new Date('2026-03-01T07:00:00.123Z')
    const shown = isoInZone(instant, 'Europe/Moscow')
    expect(shown).toBe('2026-03-01T10:00:00.123+03:00')
    expect(Date.parse(shown)).toBe(instant.getTime())
  })

  it('writes exactly what luxon writes, for any instant in any zone, asked twice (memoised)', () => {
    fc.assert(
      fc.property(instant, zone, (ms, z) => {
        const local = DateTime.fromMillis(ms, { zone: z })
        const expected = (local.isValid ? local : DateTime.fromMillis(ms, { zone: 'utc' })).toISO({
          suppressMilliseconds: true,
        })
        expect(isoInZone(ms, z)).toBe(expected)
        expect(isoInZone(new Date(ms), z)).toBe(expected)
      }),
      { numRuns: runs(3000, 300) },
    )
  })

  it('falls back to UTC for an unknown zone instead of losing the instant', () => {
    const shown = isoInZone(new Date('2026-03-01T07:00:00Z'), 'Mars/Olympus')
    expect(Date.parse(shown)).toBe(Date.parse('2026-03-01T07:00:00Z'))
  })
})

describe('wallTimeInstant', () => {
  it('is the instant of the wall time, or null where the wall time does not exist (asked twice)', () => {
    const wall = fc.record({
      date: fc
        .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
        .map((ms) => new Date(ms).toISOString().slice(0, 10)),
      time: fc.integer({ min: 0, max: 95 }).map((q) => {
        const m = q * 15
        return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
      }),
    })
    fc.assert(
      fc.property(wall, zone, ({ date, time }, z) => {
        const t = DateTime.fromISO(`${date}T${time}`, { zone: z })
        const exists = t.isValid && t.toFormat('yyyy-MM-dd HH:mm') === `${date} ${time}`
        for (let i = 0; i < 2; i++) expect(wallTimeInstant(date, time, z)).toBe(exists ? t.toMillis() : null)
      }),
      { numRuns: runs(3000, 300) },
    )
  })

  it('refuses the hour Berlin skips in spring, and a zone that does not exist', () => {
    expect(wallTimeInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBeNull()
    expect(wallTimeInstant('2026-03-29', '03:00', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:00:00Z'))
    expect(wallTimeInstant('2026-03-01', '10:00', 'Mars/Olympus')).toBeNull()
  })
})
