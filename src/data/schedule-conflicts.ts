// Upcoming bookings that a change of hours or of time zone concerns, read inside the change's own
// transaction (after its UPDATE, under the row lock it took), so the list is exactly what the
// change would do to them. The hours themselves are judged by the pure `withinHours`.
import type { Knex } from 'knex'
import { isoInZone, todayIn } from '../domain/dates.ts'
import { AppError } from '../domain/errors.ts'
import type { DayOverride, OverrideScope } from '../domain/day-grid.ts'
import { withinHours } from '../domain/hours-check.ts'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'

/** A booking as an admin needs to see it to decide: when, who, what. */
export interface BookingSummary {
  id: number
  /** ISO 8601 with the location's offset (its zone after the change, where the zone changes). */
  start: string
  end: string
  specialist_id: number
  specialist_name: string
  client_id: number
  client_name: string
  service_id: number
  service_name: string
}

export type ConflictScope = { specialistId: number } | { locationId: number }

interface Row {
  id: number
  starts_at: Date
  ends_at: Date
  specialist_id: number
  specialist_name: string
  client_id: number
  client_name: string
  service_id: number
  service_name: string
  location_id: number
  timezone: string
  location_schedule: WeeklySchedule
  specialist_schedule: WeeklySchedule
}

interface OverrideRow {
  location_id: number | null
  specialist_id: number | null
  date_from: string
  date_to: string
  kind: DayOverride['kind']
  intervals: TimeInterval[]
}

/** Bookings that still hold time and have not started: the ones a change can strand. */
function upcoming(k: Knex, scope: ConflictScope) {
  const q = k('bookings as b')
    .join('locations as l', 'l.id', 'b.location_id')
    .join('specialists as s', 's.id', 'b.specialist_id')
    .join('users as su', 'su.id', 's.user_id')
    .join('users as c', 'c.id', 'b.client_id')
    .join('services as sv', 'sv.id', 'b.service_id')
    .whereIn('b.status', ['requested', 'confirmed'])
    .where('b.starts_at', '>', k.fn.now())
    .select<Row[]>(
      'b.id',
      'b.starts_at',
      'b.ends_at',
      'b.specialist_id',
      'su.name as specialist_name',
      'b.client_id',
      'c.name as client_name',
      'b.service_id',
      'sv.name as service_name',
      'b.location_id',
      'l.timezone',
      'l.work_schedule as location_schedule',
      's.work_schedule as specialist_schedule',
    )
    .orderBy(['b.starts_at', 'b.id'])
  if ('specialistId' in scope) q.where('b.specialist_id', scope.specialistId)
  else q.where('b.location_id', scope.locationId)
  return q
}

const summary = (r: Row, zone = r.timezone): BookingSummary => ({
  id: r.id,
  start: isoInZone(r.starts_at, zone),
  end: isoInZone(r.ends_at, zone),
  specialist_id: r.specialist_id,
  specialist_name: r.specialist_name,
  client_id: r.client_id,
  client_name: r.client_name,
  service_id: r.service_id,
  service_name: r.service_name,
})

/**
 * Upcoming bookings of the scope that the stored hours (schedules, zone and overrides, as the
 * transaction sees them) leave outside working time, starting on `fromDate` or later (a local
 * date; default: all). Bookings already flagged `out_of_hours` are not listed: an admin put them
 * there on purpose, and this change does not strand them.
 */
export async function bookingsOutsideHours(
  k: Knex,
  scope: ConflictScope,
  opts: { fromDate?: string } = {},
): Promise<BookingSummary[]> {
  const rows = (await upcoming(k, scope).where('b.out_of_hours', false)).filter(
    (r) => !opts.fromDate || todayIn(r.timezone, r.starts_at.getTime()) >= opts.fromDate,
  )
  if (!rows.length) return []
  const overrides = await k('calendar_overrides')
    .where((w) =>
      w
        .whereIn('location_id', [...new Set(rows.map((r) => r.location_id))])
        .orWhereIn('specialist_id', [...new Set(rows.map((r) => r.specialist_id))]),
    )
    // Every booking starts after now; a day before today in UTC is before today in every zone.
    .where('date_to', '>=', k.raw("(now() - interval '1 day')::date"))
    .select<OverrideRow[]>('location_id', 'specialist_id', 'date_from', 'date_to', 'kind', 'intervals')
  return rows
    .filter(
      (r) =>
        !withinHours(r.starts_at.getTime(), r.ends_at.getTime(), {
          zone: r.timezone,
          locationSchedule: r.location_schedule ?? {},
          specialistSchedule: r.specialist_schedule ?? {},
          overridesOn: (date) => overridesOn(overrides, r, date),
        }),
    )
    .map((r) => summary(r))
}

function overridesOn(all: OverrideRow[], r: Row, date: string): DayOverride[] {
  const out: DayOverride[] = []
  for (const o of all) {
    if (o.date_from > date || o.date_to < date) continue
    let scope: OverrideScope
    if (o.location_id === r.location_id) scope = 'location'
    else if (o.specialist_id === r.specialist_id) scope = 'specialist'
    else continue
    out.push(
      o.kind === 'closed' ? { scope, kind: 'closed' } : { scope, kind: o.kind, intervals: o.intervals },
    )
  }
  return out
}

/** Flags bookings that an admin chose to keep outside the new hours, as an admin booking would be. */
export async function flagOutOfHours(k: Knex, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await k('bookings').whereIn('id', ids).update({ out_of_hours: true, updated_at: k.fn.now() })
}

/**
 * Upcoming bookings at a location after its zone changed from `previousZone`: `start` and `end` as
 * they were (the old zone's wall time), `new_start` the same instant in the stored, new zone.
 */
export async function bookingsMovedByZone(
  k: Knex,
  locationId: number,
  previousZone: string,
): Promise<(BookingSummary & { new_start: string })[]> {
  return (await upcoming(k, { locationId })).map((r) => ({
    ...summary(r, previousZone),
    new_start: isoInZone(r.starts_at, r.timezone),
  }))
}

/** What an admin may ask for when a change of hours strands bookings. */
export type OnConflict = 'refuse' | 'keep'

const listed = (bookings: readonly BookingSummary[], max = 5) =>
  bookings
    .slice(0, max)
    .map((b) => `#${b.id} at ${b.start} (${b.client_name}, ${b.service_name})`)
    .join('; ') + (bookings.length > max ? `; and ${bookings.length - max} more` : '')

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The refusal of a change that would leave `bookings` outside the new hours. */
export function outsideHoursError(bookings: BookingSummary[]): AppError {
  return new AppError(
    409,
    'bookings_outside_hours',
    `The new hours leave ${count(bookings.length, 'upcoming booking', 'upcoming bookings')} outside ` +
      `working time: ${listed(bookings)}. Nothing was changed. Move or cancel them first, or send ` +
      `on_conflict: "keep" to apply the change and keep them (flagged out_of_hours).`,
    { bookings },
  )
}

/**
 * Run inside the transaction of a change of hours, after its UPDATE: with `refuse` (the default) a
 * stranded booking makes the change 409 `bookings_outside_hours` (the caller's transaction rolls
 * back); with `keep` they are flagged `out_of_hours` and returned, for the answer to list.
 */
export async function guardHours(
  k: Knex,
  scope: ConflictScope,
  onConflict: OnConflict = 'refuse',
  opts: { fromDate?: string } = {},
): Promise<BookingSummary[]> {
  const outside = await bookingsOutsideHours(k, scope, opts)
  if (!outside.length) return []
  if (onConflict !== 'keep') throw outsideHoursError(outside)
  await flagOutOfHours(
    k,
    outside.map((b) => b.id),
  )
  return outside
}

/** The refusal of a time-zone change while upcoming bookings would change their local times. */
export function timezoneChangeError(
  bookings: (BookingSummary & { new_start: string })[],
  zones: { from: string; to: string },
): AppError {
  const moves = bookings
    .slice(0, 5)
    .map((b) => `#${b.id} ${b.start} → ${b.new_start} (${b.client_name})`)
    .join('; ')
  return new AppError(
    409,
    'has_future_bookings',
    `Changing the time zone from ${zones.from} to ${zones.to} keeps the instants of ` +
      `${count(bookings.length, 'upcoming booking', 'upcoming bookings')} but changes their local ` +
      `times: ${moves}${bookings.length > 5 ? `; and ${bookings.length - 5} more` : ''}. Nothing was ` +
      'changed. Send confirm_timezone_change: true to change it anyway.',
    { bookings },
  )
}
