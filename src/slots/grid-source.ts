// Computes specialist and room day grids from PostgreSQL, the source of truth. Each computation
// reads one consistent snapshot (REPEATABLE READ), so the version it reports is exactly the version
// of the data its grids were built from.
import type { Knex } from 'knex'
import type { Db } from '../data/db.ts'
import { utcSpanOf } from '../domain/dates.ts'
import {
  buildRoomDay,
  buildSpecialistDay,
  type BusyInterval,
  type DayOverride,
  type Grid,
} from '../domain/grid.ts'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'

export interface ComputedGrids {
  id: number
  version: number
  zone: string
  /** One grid per requested date; a missing or inactive specialist/room gets all-closed days. */
  grids: Map<string, Grid>
}

interface OverrideRow {
  location_id: number | null
  specialist_id: number | null
  room_id: number | null
  date_from: string
  date_to: string
  kind: 'closed' | 'blocked' | 'open'
  intervals: TimeInterval[]
}

const CLOSED = () => new Uint8Array(96)

function overridesOn(rows: OverrideRow[], date: string): DayOverride[] {
  const out: DayOverride[] = []
  for (const r of rows) {
    if (r.date_from > date || r.date_to < date) continue
    const scope = r.location_id !== null ? 'location' : r.specialist_id !== null ? 'specialist' : 'room'
    out.push(
      r.kind === 'closed' ? { scope, kind: 'closed' } : { scope, kind: r.kind, intervals: r.intervals },
    )
  }
  return out
}

const busyOf = (rows: { starts_at: Date; until: Date }[]): BusyInterval[] =>
  rows.map((r) => ({ start: r.starts_at.getTime(), end: r.until.getTime() }))

/** Runs `fn` in a read-only REPEATABLE READ transaction (or inside the caller's transaction). */
async function snapshot<T>(
  db: Db,
  trx: Knex.Transaction | undefined,
  fn: (q: Knex) => Promise<T>,
): Promise<T> {
  if (trx) return fn(trx)
  return db.transaction(fn, { isolationLevel: 'repeatable read', readOnly: true })
}

const span = (dates: string[]) => {
  const sorted = [...dates].sort()
  return {
    from: sorted[0]!,
    to: sorted[sorted.length - 1]!,
    ...utcSpanOf(sorted[0]!, sorted[sorted.length - 1]!),
  }
}

/** Options of a grid computation. */
export interface ComputeOptions {
  /** Read inside this transaction (the worker's re-check) instead of a snapshot of its own. */
  trx?: Knex.Transaction
  /** Leave this booking out (a reschedule checks the new time as if the booking were not there). */
  excludeBookingId?: number
}

export async function computeSpecialistGrids(
  db: Db,
  specialistId: number,
  dates: string[],
  { trx, excludeBookingId }: ComputeOptions = {},
): Promise<ComputedGrids> {
  return snapshot(db, trx, async (q) => {
    const s = await q('specialists as s')
      .join('locations as l', 'l.id', 's.location_id')
      .where('s.id', specialistId)
      .first(
        's.id',
        's.grid_version',
        's.active',
        's.location_id',
        's.work_schedule',
        'l.timezone',
        'l.active as location_active',
        'l.work_schedule as location_schedule',
      )
    if (!s)
      return { id: specialistId, version: 0, zone: 'UTC', grids: new Map(dates.map((d) => [d, CLOSED()])) }
    const { from, to, start, end } = span(dates)
    const [overrides, bookings] = await Promise.all([
      q<OverrideRow>('calendar_overrides')
        .where((w) => w.where('location_id', s.location_id).orWhere('specialist_id', specialistId))
        .where('date_from', '<=', to)
        .where('date_to', '>=', from),
      q('bookings')
        .where('specialist_id', specialistId)
        .whereNot('id', excludeBookingId ?? 0)
        .whereNotIn('status', ['cancelled', 'rejected'])
        .where('starts_at', '<', end)
        .where('busy_until', '>', start)
        .select('starts_at', 'busy_until as until'),
    ])
    const open = s.active && s.location_active
    const busy = busyOf(bookings)
    const grids = new Map<string, Grid>()
    for (const date of dates) {
      grids.set(
        date,
        open
          ? buildSpecialistDay({
              date,
              zone: s.timezone,
              locationSchedule: s.location_schedule as WeeklySchedule,
              specialistSchedule: s.work_schedule as WeeklySchedule,
              overrides: overridesOn(overrides, date),
              busy,
            })
          : CLOSED(),
      )
    }
    return { id: specialistId, version: Number(s.grid_version), zone: s.timezone, grids }
  })
}

export async function computeRoomGrids(
  db: Db,
  roomId: number,
  dates: string[],
  { trx, excludeBookingId }: ComputeOptions = {},
): Promise<ComputedGrids> {
  return snapshot(db, trx, async (q) => {
    const r = await q('rooms as r')
      .join('locations as l', 'l.id', 'r.location_id')
      .where('r.id', roomId)
      .first(
        'r.id',
        'r.grid_version',
        'r.active',
        'r.location_id',
        'l.timezone',
        'l.active as location_active',
        'l.work_schedule as location_schedule',
      )
    if (!r) return { id: roomId, version: 0, zone: 'UTC', grids: new Map(dates.map((d) => [d, CLOSED()])) }
    const { from, to, start, end } = span(dates)
    const [overrides, bookings] = await Promise.all([
      q<OverrideRow>('calendar_overrides')
        .where((w) => w.where('location_id', r.location_id).orWhere('room_id', roomId))
        .where('date_from', '<=', to)
        .where('date_to', '>=', from),
      q('bookings')
        .where('room_id', roomId)
        .whereNot('id', excludeBookingId ?? 0)
        .whereNotIn('status', ['cancelled', 'rejected'])
        .where('starts_at', '<', end)
        .where('ends_at', '>', start)
        .select('starts_at', 'ends_at as until'),
    ])
    const open = r.active && r.location_active
    const busy = busyOf(bookings)
    const grids = new Map<string, Grid>()
    for (const date of dates) {
      grids.set(
        date,
        open
          ? buildRoomDay({
              date,
              zone: r.timezone,
              locationSchedule: r.location_schedule as WeeklySchedule,
              overrides: overridesOn(overrides, date),
              busy,
            })
          : CLOSED(),
      )
    }
    return { id: roomId, version: Number(r.grid_version), zone: r.timezone, grids }
  })
}
