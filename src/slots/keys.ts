// Redis key names of the slot layer (the client adds the deployment's prefix).

/** The free cells of one specialist on one local date (docs/product.md §4). */
export const specialistDayKey = (specialistId: number, date: string) =>
  `slots_preview:${specialistId}:${date}`
/** The free cells of one room on one local date. */
export const roomDayKey = (roomId: number, date: string) => `room_preview:${roomId}:${date}`
/**
 * Changes whenever a grid of the location (a specialist's or a room's) is written: answers composed
 * from many grids ("any specialist") are cached under the epochs they were read with.
 */
export const locationEpochKey = (locationId: number) => `grid_epoch:${locationId}`
/** Dates waiting to be recalculated, per specialist or room; drained by the recalc job. */
export const pendingDatesKey = (target: RecalcTarget) => `recalc_pending:${target.kind}:${target.id}`
/** Pub/Sub channel announcing that the catalogue (services, specialists, settings) changed. */
export const SETUP_CHANNEL = 'setup:changed'
/**
 * Pub/Sub channel announcing which days of a grid changed (`GridChange`, JSON), one message per
 * write batch: live pages re-read those days.
 */
export const GRID_CHANGES_CHANNEL = 'grids:changed'
/** Pub/Sub channel of booking events (docs/product.md §6). */
export const BOOKING_EVENTS_CHANNEL = 'events:booking'

export interface RecalcTarget {
  kind: 'specialist' | 'room'
  id: number
}
