// The worker's re-check of a start against PostgreSQL, inside the caller's transaction: the grid
// rules, the actor's lead time and horizon, and a room. It finds the reason a time cannot be booked
// (src/workers/refusals.ts words it); the exclusion constraints stay the final word.
import { DateTime } from 'luxon'
import type { Db, Trx } from '../data/db.ts'
import type { Repositories } from '../data/repositories.ts'
import { AppError } from '../domain/errors.ts'
import { addDays, todayIn } from '../domain/dates.ts'
import { cellsFor, startCells } from '../domain/day-grid.ts'
import { dayCells } from '../domain/day-cells.ts'
import { timeToCell } from '../domain/schedule.ts'
import type { CompanySettings } from '../domain/settings.ts'
import { computeRoomGrids, computeSpecialistGrids, type RebuildableGrids } from '../slots/grid-builder.ts'
import {
  beyondHorizon,
  dayOff,
  inThePast,
  leadTime,
  noRoomOpen,
  openHoursOf,
  outsideHours,
  roomTaken,
  slotTaken,
} from './refusals.ts'

const CELL_MS = 15 * 60_000

/** What the booking path reads and writes through: the pool (for the grids) and the repositories. */
export interface BookingDeps {
  db: Db
  repos: Repositories
}

/** A start the re-check accepts: the room it picked, and the grids it decided on. */
export interface CheckedStart {
  roomId: number | null
  outOfHours: boolean
  /**
   * The day's grids the check read inside the transaction (not on the out-of-hours path), which the
   * booking writer can build again with its own booking rather than compute them after the commit.
   */
  computed?: { specialist: RebuildableGrids; room: RebuildableGrids | null }
}

/** The lead time and horizon bind clients; the business books for them at any time ahead. */
export const limitsFor = (by: string, settings: CompanySettings, now: number) =>
  by === 'client'
    ? { now, leadMinutes: settings.minLeadMinutes, horizonDays: settings.bookingHorizonDays }
    : { now, leadMinutes: 0, horizonDays: null }

/**
 * Re-checks the slot against PostgreSQL inside the transaction and picks a room. Throws
 * slot_taken when the time is not free. The exclusion constraints stay the final word.
 */
export async function checkAvailability(
  deps: BookingDeps,
  trx: Trx,
  a: {
    specialistId: number
    serviceId: number
    locationId: number
    zone: string
    start: DateTime
    durationMin: number
    breakMin: number
    /** The moment of the check (epoch ms). */
    now: number
    /** The minimum lead time that applies to this actor (0 for the business). */
    leadMinutes: number
    /** How many days ahead this actor may book (null: no limit, the business). */
    horizonDays: number | null
    ignoreHours: boolean
    excludeBookingId?: number
    /** The rooms the service may take there, when the caller has read them already. */
    rooms?: { roomIds: number[]; needsRoom: boolean }
  },
): Promise<CheckedStart> {
  if (!a.start.isValid || a.start.minute % 15 !== 0 || a.start.second !== 0 || a.start.millisecond !== 0) {
    throw new AppError(422, 'invalid_start', 'The start must be on the 15-minute grid of the location.')
  }
  const date = a.start.toISODate()!
  const startMs = a.start.toMillis()
  if (startMs < a.now) throw inThePast(a.start)
  if (startMs < a.now + a.leadMinutes * 60_000) {
    const earliest = Math.ceil((a.now + a.leadMinutes * 60_000) / CELL_MS) * CELL_MS
    throw leadTime(a.leadMinutes, DateTime.fromMillis(earliest, { zone: a.zone }))
  }
  if (a.horizonDays !== null) {
    const last = addDays(todayIn(a.zone, a.now), a.horizonDays - 1)
    if (date > last) throw beyondHorizon(a.horizonDays, last)
  }
  const cell = timeToCell(a.start.toFormat('HH:mm'))
  // A wall time that occurs twice (the autumn change) is offered once, at its first occurrence.
  if (dayCells(date, a.zone).startMs[cell] !== a.start.toMillis()) {
    throw new AppError(
      422,
      'invalid_start',
      `${date} ${a.start.toFormat('HH:mm')} occurs twice in ${a.zone}; only its first occurrence can be booked.`,
    )
  }
  const durationCells = cellsFor(a.durationMin)
  const breakCells = cellsFor(a.breakMin)
  const { db } = deps
  const reads = deps.repos.availability
  const opts = { trx, excludeBookingId: a.excludeBookingId }
  const { roomIds, needsRoom } = a.rooms ?? (await reads.serviceRooms(trx, a.serviceId, a.locationId))
  if (needsRoom && !roomIds.length) throw noRoomOpen(date)

  if (a.ignoreHours) {
    // Out of hours on purpose: only other bookings count, so check overlaps directly.
    const start = a.start.toJSDate()
    const end = new Date(startMs + a.durationMin * 60_000)
    const busyUntil = new Date(end.getTime() + a.breakMin * 60_000)
    const { excludeBookingId } = a
    if (await reads.specialistBusy(trx, { specialistId: a.specialistId, start, busyUntil, excludeBookingId }))
      throw slotTaken()
    for (const roomId of roomIds) {
      if (!(await reads.roomBusy(trx, { roomId, start, end, excludeBookingId })))
        return {
          roomId,
          outOfHours: !(await withinHours(db, trx, a, date, cell, durationCells, breakCells)),
        }
    }
    if (needsRoom) throw roomTaken()
    return {
      roomId: null,
      outOfHours: !(await withinHours(db, trx, a, date, cell, durationCells, breakCells)),
    }
  }

  const specialist = await computeSpecialistGrids(db, a.specialistId, [date], opts)
  if (!startCells(specialist.grids.get(date)!, { durationCells, breakCells }).includes(cell)) {
    throw await whyNotFree(deps, trx, a, date, cell, durationCells, breakCells)
  }
  for (const roomId of roomIds) {
    const room = await computeRoomGrids(db, roomId, [date], opts)
    if (startCells(room.grids.get(date)!, { durationCells, breakCells: 0 }).includes(cell))
      return { roomId, outOfHours: false, computed: { specialist, room } }
  }
  if (!needsRoom) return { roomId: null, outOfHours: false, computed: { specialist, room: null } }
  // Taken (it may free up) or closed (it will not): the room grids without their bookings say which.
  for (const roomId of roomIds) {
    const hours = (await computeRoomGrids(db, roomId, [date], { trx, ignoreBookings: true })).grids.get(date)!
    if (startCells(hours, { durationCells, breakCells: 0 }).includes(cell)) throw roomTaken()
  }
  throw noRoomOpen(date)
}

/**
 * Why the specialist cannot take a start their grid refuses: no hours that day, a start outside
 * them, or (the hours allow it) another booking.
 */
async function whyNotFree(
  { db, repos }: BookingDeps,
  trx: Trx,
  a: { specialistId: number; start: DateTime; durationMin: number; breakMin: number },
  date: string,
  cell: number,
  durationCells: number,
  breakCells: number,
): Promise<AppError> {
  const hours = (
    await computeSpecialistGrids(db, a.specialistId, [date], { trx, ignoreBookings: true })
  ).grids.get(date)!
  if (startCells(hours, { durationCells, breakCells }).includes(cell)) return slotTaken()
  const name =
    (await repos.availability.specialistName(trx, a.specialistId)) || `Specialist ${a.specialistId}`
  if (!hours.some((open) => open)) return dayOff(name, date)
  return outsideHours(name, date, openHoursOf(hours), {
    time: a.start.toFormat('HH:mm'),
    durationMin: a.durationMin,
    breakMin: a.breakMin,
  })
}

async function withinHours(
  db: Db,
  trx: Trx,
  a: { specialistId: number; excludeBookingId?: number },
  date: string,
  cell: number,
  durationCells: number,
  breakCells: number,
) {
  const grid = (
    await computeSpecialistGrids(db, a.specialistId, [date], {
      trx,
      excludeBookingId: a.excludeBookingId,
    })
  ).grids.get(date)!
  return startCells(grid, { durationCells, breakCells }).includes(cell)
}
