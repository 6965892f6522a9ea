// The names of every queue and every job, in one leaf module: producers, the registry and the
// worker all take them from here, so no name is typed twice.

/** BullMQ queue names. The booking queue is partitioned: `bookings-<n>`, see booking-queues.ts. */
export const QUEUE = {
  bookings: 'bookings',
  recalc: 'recalc',
  reminders: 'reminders',
  maintenance: 'maintenance',
  bulk: 'bulk',
  notify: 'notify',
} as const
export type QueueKey = keyof typeof QUEUE

/**
 * Job names, unique across queues, so one name says which handler runs. The values are what
 * BullMQ stores (and what the queue board shows), so they never change.
 */
export const JOB = {
  intent: 'intent',
  recalc: 'recalc',
  remind: 'remind',
  horizonRoll: 'horizon-roll',
  refreshGrids: 'refresh-grids',
  rebuildReminders: 'rebuild-reminders',
  bulk: 'bulk',
  bulkSchedule: 'schedule',
  bulkOverride: 'override',
  notify: 'notify',
} as const
export type JobName = (typeof JOB)[keyof typeof JOB]
