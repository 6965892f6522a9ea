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
} from '../domain/day-grid.ts'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'

export interface ComputedGrids {
  id: number
  /** The location the specialist or room belongs to (0 when it does not exist). */
  locationId: number
  version: number
  zone: string
  /** One grid per requested date; a missing or inactive specialist/room gets all-closed days. */
  grids: Map<string, Grid>
}

/** Computed grids that can be built again from the same reads. */
export interface RebuildableGrids extends ComputedGrids {
  /**
   * The same days from the same reads with more busy intervals: what the grids are once the
   * caller's transaction has added its booking (the worker stores those, not a second computation).
   */
  withBusy: (extra: BusyInterval[]) => Map<string, Grid>
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
  /** Leave every booking out: the hours alone, to tell a closed time from a taken one. */
  ignoreBookings?: boolean
}

/** What differs between a specialist's grid and a room's: where they live and what holds them. */
interface GridKind {
  table: 'specialists' | 'rooms'
  /** The override column naming the owner (besides the location's own overrides). */
  overrideColumn: 'specialist_id' | 'room_id'
  /** The booking column naming the owner. */
  bookingColumn: 'specialist_id' | 'room_id'
  /** Until when a booking holds the owner: a specialist through the break, a room for the duration. */
  heldUntil: 'busy_until' | 'ends_at'
  build: (owner: OwnerRow, date: string, overrides: DayOverride[], busy: BusyInterval[]) => Grid
}

interface OwnerRow {
  id: number
  grid_version: number
  active: boolean
  location_id: number
  timezone: string
  location_active: boolean
  location_schedule: WeeklySchedule
  work_schedule?: WeeklySchedule
}

const SPECIALIST: GridKind = {
  table: 'specialists',
  overrideColumn: 'specialist_id',
  bookingColumn: 'specialist_id',
  heldUntil: 'busy_until',
  build: (o, date, overrides, busy) =>
    buildSpecialistDay({
      date,
      zone: o.timezone,
      locationSchedule: o.location_schedule,
      specialistSchedule: o.work_schedule ?? {},
      overrides,
      busy,
    }),
}

const ROOM: GridKind = {
  table: 'rooms',
  overrideColumn: 'room_id',
  bookingColumn: 'room_id',
  heldUntil: 'ends_at',
  build: (o, date, overrides, busy) =>
    buildRoomDay({ date, zone: o.timezone, locationSchedule: o.location_schedule, overrides, busy }),
}

async function computeGrids(
  kind: GridKind,
  db: Db,
  id: number,
  dates: string[],
  { trx, excludeBookingId, ignoreBookings }: ComputeOptions,
): Promise<RebuildableGrids> {
  return snapshot(db, trx, async (q) => {
    const owner = (await q(`${kind.table} as o`)
      .join('locations as l', 'l.id', 'o.location_id')
      .where('o.id', id)
      .first(
        'o.id',
        'o.grid_version',
        'o.active',
        'o.location_id',
        ...(kind === SPECIALIST ? ['o.work_schedule'] : []),
        'l.timezone',
        'l.active as location_active',
        'l.work_schedule as location_schedule',
      )) as OwnerRow | undefined
    if (!owner) {
      const closed = () => new Map(dates.map((d) => [d, CLOSED()]))
      return { id, locationId: 0, version: 0, zone: 'UTC', grids: closed(), withBusy: closed }
    }
    const { from, to, start, end } = span(dates)
    // One after the other: `q` is a transaction, one connection, which runs one statement at a time.
    const overrides = await q<OverrideRow>('calendar_overrides')
      .where((w) => w.where('location_id', owner.location_id).orWhere(kind.overrideColumn, id))
      .where('date_from', '<=', to)
      .where('date_to', '>=', from)
    const bookings = await q('bookings')
      .where(kind.bookingColumn, id)
      .modify((b) => (ignoreBookings ? b.whereRaw('false') : b))
      .whereNot('id', excludeBookingId ?? 0)
      .whereNotIn('status', ['cancelled', 'rejected'])
      .where('starts_at', '<', end)
      .where(kind.heldUntil, '>', start)
      .select('starts_at', `${kind.heldUntil} as until`)
    const open = owner.active && owner.location_active
    const build = (busy: BusyInterval[]) => {
      const grids = new Map<string, Grid>()
      for (const date of dates) {
        grids.set(date, open ? kind.build(owner, date, overridesOn(overrides, date), busy) : CLOSED())
      }
      return grids
    }
    const busy = busyOf(bookings)
    return {
      id,
      locationId: owner.location_id,
      version: Number(owner.grid_version),
      zone: owner.timezone,
      grids: build(busy),
      withBusy: (extra) => build([...busy, ...extra]),
    }
  })
}

export const computeSpecialistGrids = (
  db: Db,
  specialistId: number,
  dates: string[],
  opts: ComputeOptions = {},
) => computeGrids(SPECIALIST, db, specialistId, dates, opts)

export const computeRoomGrids = (db: Db, roomId: number, dates: string[], opts: ComputeOptions = {}) =>
  computeGrids(ROOM, db, roomId, dates, opts)
