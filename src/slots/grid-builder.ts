// Computes specialist and room day grids from PostgreSQL, the source of truth. Each computation is
// one statement (the owner with its overrides and busy times as JSON), so it reads one consistent
// snapshot and the version it reports is exactly the version of the data its grids were built from;
// inside the worker's transaction it is one round trip, not three.
import type { Knex } from 'knex'
import type { Db } from '../data/db.ts'
import { prepared } from '../data/prepared.ts'
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

/** Busy times as the statement gives them: [start, until] in epoch milliseconds. */
const busyOf = (rows: [number, number][]): BusyInterval[] =>
  rows.map(([start, end]) => ({ start: Number(start), end: Number(end) }))

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
  /** Read inside this transaction (the worker's re-check) instead of on the pool. */
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
  const q: Knex = trx ?? db
  const { from, to, start, end } = span(dates)
  // Prepared by name: every booking's re-check and every recalculation starts with it.
  const owner = (await prepared(
    q(`${kind.table} as o`)
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
        q.raw(
          `(select coalesce(jsonb_agg(jsonb_build_object('location_id', c.location_id,
            'specialist_id', c.specialist_id, 'room_id', c.room_id, 'date_from', c.date_from,
            'date_to', c.date_to, 'kind', c.kind, 'intervals', c.intervals) order by c.id), '[]'::jsonb)
           from calendar_overrides c
          where (c.location_id = o.location_id or c.${kind.overrideColumn} = o.id)
            and c.date_from <= ? and c.date_to >= ?) as overrides`,
          [to, from],
        ),
        q.raw(
          `(select coalesce(jsonb_agg(jsonb_build_array(floor(extract(epoch from b.starts_at) * 1000),
            floor(extract(epoch from b.${kind.heldUntil}) * 1000))), '[]'::jsonb)
           from bookings b
          where b.${kind.bookingColumn} = o.id and ${ignoreBookings ? 'false' : 'true'}
            and b.id <> ? and b.status not in ('cancelled', 'rejected')
            and b.starts_at < ? and b.${kind.heldUntil} > ?) as busy`,
          [excludeBookingId ?? 0, end, start],
        ),
      ),
  )) as (OwnerRow & { overrides: OverrideRow[]; busy: [number, number][] }) | undefined
  if (!owner) {
    const closed = () => new Map(dates.map((d) => [d, CLOSED()]))
    return { id, locationId: 0, version: 0, zone: 'UTC', grids: closed(), withBusy: closed }
  }
  const { overrides } = owner
  const open = owner.active && owner.location_active
  const build = (busy: BusyInterval[]) => {
    const grids = new Map<string, Grid>()
    for (const date of dates) {
      grids.set(date, open ? kind.build(owner, date, overridesOn(overrides, date), busy) : CLOSED())
    }
    return grids
  }
  const busy = busyOf(owner.busy)
  return {
    id,
    locationId: owner.location_id,
    version: Number(owner.grid_version),
    zone: owner.timezone,
    grids: build(busy),
    withBusy: (extra) => build([...busy, ...extra]),
  }
}

export const computeSpecialistGrids = (
  db: Db,
  specialistId: number,
  dates: string[],
  opts: ComputeOptions = {},
) => computeGrids(SPECIALIST, db, specialistId, dates, opts)

export const computeRoomGrids = (db: Db, roomId: number, dates: string[], opts: ComputeOptions = {}) =>
  computeGrids(ROOM, db, roomId, dates, opts)
