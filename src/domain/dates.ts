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
  if (!Number.isFinite(ms)) return DateTime.fromMillis(ms, { zone: 'utc' }).toISO()!
  const { offsetMin, suffix } = offsetAt(zone, ms)
  const wall = new Date(ms + offsetMin * 60_000).toISOString() // YYYY-MM-DDTHH:mm:ss.sssZ
  return `${ms % 1000 === 0 ? wall.slice(0, 19) : wall.slice(0, 23)}${suffix}`
}

// A zone's offset changes only on whole minutes, so it is memoised per (zone, minute): answers
// carry many instants, and asking luxon for each costs microseconds. The suffix is luxon's own
// ("+03:00", "Z" for UTC), so the text is exactly what luxon would write.
const offsetMemo = new Map<string, { offsetMin: number; suffix: string }>()

function offsetAt(zone: string, ms: number): { offsetMin: number; suffix: string } {
  const minute = Math.floor(ms / 60_000)
  const key = `${zone}|${minute}`
  let found = offsetMemo.get(key)
  if (found === undefined) {
    let local = DateTime.fromMillis(minute * 60_000, { zone })
    // An unknown zone (a misconfigured row) must not lose the instant: fall back to UTC.
    if (!local.isValid) local = DateTime.fromMillis(minute * 60_000, { zone: 'utc' })
    const text = local.toISO({ suppressMilliseconds: true })!
    found = { offsetMin: local.offset, suffix: text.slice(19) }
    if (offsetMemo.size >= 8192) offsetMemo.clear()
    offsetMemo.set(key, found)
  }
  return found
}

// The instant of a wall time, memoised per (zone, date, time): a booking request names one, and
// the same few times are asked again and again. Null when the wall time does not exist in the
// zone (the spring change) or the zone is unknown.
const wallMemo = new Map<string, number | null>()

/** The instant (epoch ms) of `date` `time` on the wall in `zone`, or null when there is none. */
export function wallTimeInstant(date: string, time: string, zone: string): number | null {
  const key = `${zone}|${date}T${time}`
  let found = wallMemo.get(key)
  if (found === undefined) {
    const t = DateTime.fromISO(`${date}T${time}`, { zone })
    found = t.isValid && t.toFormat('yyyy-MM-dd HH:mm') === `${date} ${time}` ? t.toMillis() : null
    if (wallMemo.size >= 8192) wallMemo.clear()
    wallMemo.set(key, found)
  }
  return found
}

export const isValidDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date, { zone: 'UTC' }).isValid
