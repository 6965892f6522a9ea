// Local dates ('YYYY-MM-DD' in a location's zone) and the arithmetic on them. Calendar-day steps
// are done on UTC midnights (no zone can shift them); zone questions go through luxon.
import { DateTime } from 'luxon'

const DAY_MS = 86_400_000

// Local dates change only on whole minutes (every zone's offset is a whole number of minutes), so
// the date of a (zone, minute) is memoised: asking luxon costs microseconds on every slot request.
const todayMemo = new Map<string, string>()

/** Today's local date in `zone` at the instant `now` (epoch ms). */
export function todayIn(zone: string, now: number = Date.now()): string {
  const key = `${zone}|${Math.floor(now / 60_000)}`
  let date = todayMemo.get(key)
  if (date === undefined) {
    if (todayMemo.size >= 4096) todayMemo.clear()
    date = DateTime.fromMillis(now, { zone }).toISODate()!
    todayMemo.set(key, date)
  }
  return date
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** `count` consecutive dates starting at `from`. */
export function dateRange(from: string, count: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`)
  return Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10))
}

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS)
}

/** The local dates in `zone` that the real-time interval [startMs, endMs) touches. */
export function localDatesOf(startMs: number, endMs: number, zone: string): string[] {
  const first = todayIn(zone, startMs)
  const last = todayIn(zone, Math.max(startMs, endMs - 1))
  return dateRange(first, daysBetween(first, last) + 1)
}

/** A UTC span surely covering every instant of the local dates from..to in any zone. */
export function utcSpanOf(from: string, to: string): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${from}T00:00:00Z`) - DAY_MS),
    end: new Date(Date.parse(`${to}T00:00:00Z`) + 2 * DAY_MS),
  }
}

/** The instant of a local wall time on a local date in `zone` (the first one, on a fall-back day). */
export function localToInstant(date: string, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone })
}

/**
 * An instant as ISO 8601 with the UTC offset `zone` has at that instant ("2026-03-01T10:00:00+03:00";
 * milliseconds only when there are some). Every instant an answer carries goes through here, so a
 * person reads the wall time of the place it concerns, not UTC.
 */
export function isoInZone(instant: Date | number, zone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  const local = DateTime.fromMillis(ms, { zone })
  // An unknown zone (a misconfigured row) must not lose the instant: fall back to UTC.
  return (local.isValid ? local : DateTime.fromMillis(ms, { zone: 'utc' })).toISO({
    suppressMilliseconds: true,
  })!
}

export const isValidDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid
