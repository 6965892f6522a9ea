import { describe, expect, it } from 'vitest'
import { isoInZone } from '../../src/domain/dates.ts'

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

  it('falls back to UTC for an unknown zone instead of losing the instant', () => {
    const shown = isoInZone(new Date('2026-03-01T07:00:00Z'), 'Mars/Olympus')
    expect(Date.parse(shown)).toBe(Date.parse('2026-03-01T07:00:00Z'))
  })
})
