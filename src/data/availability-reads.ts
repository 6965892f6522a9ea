// What the worker's re-check of a start (src/workers/availability.ts) reads besides the grids,
// inside the caller's transaction: the rooms a service may take, the bookings an out-of-hours
// booking would overlap, and a specialist's name for a refusal. Plain Knex (the hot booking path).
import type { Knex } from 'knex'

/** Bookings that hold their time (a cancelled or rejected one holds nothing). */
const HOLDING = (q: Knex.QueryBuilder, excludeBookingId: number | undefined) =>
  q.whereNot('id', excludeBookingId ?? 0).whereNotIn('status', ['cancelled', 'rejected'])

export const availabilityReads = {
  /**
   * The active rooms at the location the service may take, by id, and whether it needs a room at
   * all (a service that lists rooms needs one even where none of them is open).
   */
  async serviceRooms(
    trx: Knex.Transaction,
    serviceId: number,
    locationId: number,
  ): Promise<{ roomIds: number[]; needsRoom: boolean }> {
    const roomIds: number[] = await trx('service_rooms as sr')
      .join('rooms as r', 'r.id', 'sr.room_id')
      .where({ 'sr.service_id': serviceId, 'r.location_id': locationId, 'r.active': true })
      .orderBy('r.id')
      .pluck('r.id')
    const needsRoom = (await trx('service_rooms').where({ service_id: serviceId }).first()) !== undefined
    return { roomIds, needsRoom }
  },

  /** Whether another booking holds the specialist (with its break) somewhere in [start, busyUntil). */
  async specialistBusy(
    trx: Knex.Transaction,
    a: { specialistId: number; start: Date; busyUntil: Date; excludeBookingId?: number },
  ): Promise<boolean> {
    const clash = await HOLDING(trx('bookings').where('specialist_id', a.specialistId), a.excludeBookingId)
      .where('starts_at', '<', a.busyUntil)
      .where('busy_until', '>', a.start)
      .first('id')
    return clash !== undefined
  },

  /** Whether another booking holds the room somewhere in [start, end). */
  async roomBusy(
    trx: Knex.Transaction,
    a: { roomId: number; start: Date; end: Date; excludeBookingId?: number },
  ): Promise<boolean> {
    const held = await HOLDING(trx('bookings').where('room_id', a.roomId), a.excludeBookingId)
      .where('starts_at', '<', a.end)
      .where('ends_at', '>', a.start)
      .first('id')
    return held !== undefined
  },

  /** The specialist's name as a refusal shows it; empty when they have none. */
  async specialistName(trx: Knex.Transaction, specialistId: number): Promise<string> {
    const who = await trx('specialists as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id', specialistId)
      .first('u.name')
    return (who?.name as string | undefined) ?? ''
  },
}

export type AvailabilityReads = typeof availabilityReads
