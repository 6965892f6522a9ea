// The `start` of a booking request: an instant with its UTC offset, or a local {date, time} read
// in the location's zone. JSON schema's `oneOf` can only report the first branch's failure ("must
// be string" for an object with a bad date), so the schema accepts any value and `readStart` checks
// it, naming exactly what is wrong and what to send instead.
import { DateTime } from 'luxon'
import { invalid } from '../../domain/errors.ts'
import { wallTimeInstant } from '../../domain/dates.ts'

export type Start = string | { date: string; time: string }

const EXAMPLE = 'e.g. 2026-12-07T12:00:00+03:00, or {"date": "2026-12-07", "time": "12:00"}'

/** For the OpenAPI document only: what `readStart` accepts. */
export const startSchema = {
  description:
    'ISO 8601 with a UTC offset ("2026-12-07T12:00:00+03:00"), or {date, time} as the local date ' +
    'and wall time in the location’s zone ({"date": "2026-12-07", "time": "12:00"}).',
} as const

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

const badStart = (message: string) => invalid(message, 'invalid_start')

const dateExists = (date: string) => DateTime.fromISO(date, { zone: 'utc' }).isValid

/** Checks a request's `start` (any JSON value) and returns it typed; 422 `invalid_start` saying why. */
export function readStart(value: unknown, field = 'start'): Start {
  if (typeof value === 'string') {
    const text = value.length > 40 ? `${value.slice(0, 40)}…` : value
    if (ISO_WITHOUT_OFFSET.test(value))
      throw badStart(`${field} needs an offset, ${EXAMPLE}; "${text}" has none.`)
    const m = ISO_WITH_OFFSET.exec(value)
    if (!m) throw badStart(`${field} needs a date and time with an offset, ${EXAMPLE}; got "${text}".`)
    if (!dateExists(m[1]!)) throw badStart(`${field}: the date ${m[1]} does not exist.`)
    if (!DateTime.fromISO(value, { setZone: true }).isValid)
      throw badStart(`${field}: "${text}" is not a valid time of day or offset.`)
    return value
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badStart(`${field} needs a date and time with an offset, ${EXAMPLE}.`)
  const o = value as Record<string, unknown>
  const unknown = Object.keys(o).find((k) => k !== 'date' && k !== 'time')
  if (unknown !== undefined) throw badStart(`${field} has an unknown field "${unknown}"; give {date, time}.`)
  const { date, time } = o
  if (date === undefined) throw badStart(`${field} is missing "date" (YYYY-MM-DD, ${EXAMPLE}).`)
  if (typeof date !== 'string' || !DATE.test(date))
    throw badStart(`${field}.date must be a date as YYYY-MM-DD, e.g. 2026-12-07.`)
  if (!dateExists(date)) throw badStart(`${field}.date: the date ${date} does not exist.`)
  if (time === undefined) throw badStart(`${field} is missing "time" (HH:MM, e.g. 12:00).`)
  if (typeof time !== 'string' || !TIME.test(time))
    throw badStart(`${field}.time must be a time from 00:00 to 23:59 as HH:MM, e.g. 12:00.`)
  return { date, time }
}

/**
 * A checked `start` as an instant. `{date, time}` is read in the zone of the specialist(s) it may
 * go to, so it needs them to share one zone; a wall time that does not exist there (the spring
 * change) is refused rather than moved.
 */
export function instantOf(start: Start, zones: string[]): number {
  if (typeof start === 'string') {
    const t = DateTime.fromISO(start, { setZone: true })
    if (!t.isValid) throw badStart(`start "${start}" is not a valid date and time.`)
    return t.toMillis()
  }
  const unique = [...new Set(zones)]
  if (unique.length !== 1) {
    throw invalid(
      'With start as {date, time}, name a specialist_id or a location_id: the time zone depends on it.',
      'location_required',
    )
  }
  const t = wallTimeInstant(start.date, start.time, unique[0]!)
  if (t === null) {
    throw badStart(`${start.date} ${start.time} does not exist in ${unique[0]} (a daylight-saving gap?).`)
  }
  return t
}
