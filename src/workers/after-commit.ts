// What an intent does once its transaction has committed, never inside it: rebuild the grids of
// the days it touched, schedule or remove reminders, publish its events. Rewriting a grid is
// idempotent (and refused where a newer one is stored), so a retried job may do it again.
import type { Redis } from 'ioredis'
import type { Db } from '../data/db.ts'
import type { Repositories } from '../data/repositories.ts'
import { localDatesOf } from '../domain/dates.ts'
import type { BookingAction } from '../machines/index.ts'
import type { ReminderQueue } from '../jobs/reminder-queue.ts'
import { computeRoomGrids, computeSpecialistGrids, type ComputedGrids } from '../slots/grid-builder.ts'
import { publishAll, type GridStore, type Publication } from '../slots/grid-store.ts'
import { BOOKING_EVENTS_CHANNEL } from '../slots/keys.ts'

export interface AfterCommit {
  actions: BookingAction[]
  specialistId: number
  /** A second specialist whose grids change too (a booking moved from one to the other). */
  alsoSpecialistId?: number
  zone: string
  /** Real-time spans whose local dates need their grids rebuilt. */
  spans: { start: number; end: number; roomId: number | null }[]
  /**
   * Grids the transaction already built as it committed them (the re-check's reads with the new
   * booking added, at the version the transaction bumped to): stored as they are, not computed
   * again. Used only where they cover every touched day.
   */
  built?: { specialists: ComputedGrids[]; rooms: ComputedGrids[] }
}

export interface AfterCommitDeps {
  db: Db
  /** Built once per process (src/workers/main.ts). */
  repos: Repositories
  redis: Redis
  redisPrefix: string
  store: GridStore
  reminders: ReminderQueue
}

/**
 * Grids of the touched days, reminders and events. `then`: more messages for after the events (the
 * intent's answer to the API process waiting for it). Messages follow the grids they announce:
 * with one grid to write they go in its script call, one round trip for all; otherwise after every
 * write. Reminders are scheduled or removed meanwhile, in their actions' order.
 */
export async function runAfterCommit(
  deps: AfterCommitDeps,
  a: AfterCommit,
  then: readonly Publication[] = [],
): Promise<void> {
  const { db, store, redis, redisPrefix, reminders } = deps
  const dates = [...new Set(a.spans.flatMap((s) => localDatesOf(s.start, s.end, a.zone)))]
  const rooms = [...new Set(a.spans.map((s) => s.roomId).filter((r): r is number => r !== null))]
  const specialists = [a.specialistId, a.alsoSpecialistId].filter((s): s is number => s !== undefined)
  const covers = (g: ComputedGrids) => g.grids.size === dates.length && dates.every((d) => g.grids.has(d))
  const built = (kind: 'specialists' | 'rooms', id: number) =>
    a.built?.[kind].find((g) => g.id === id && covers(g))
  const messages: Publication[] = [
    ...a.actions.flatMap((action): Publication[] =>
      action.type === 'publishEvent'
        ? [[redisPrefix + BOOKING_EVENTS_CHANNEL, JSON.stringify(action.params)]]
        : [],
    ),
    ...then,
  ]
  const withWrite = specialists.length === 1 && rooms.length === 0 ? messages : []
  const remindersDone = (async () => {
    for (const action of a.actions) {
      if (action.type === 'scheduleReminders') await reminders.schedule(action.params)
      else if (action.type === 'removeReminders') await reminders.remove(action.params.bookingId)
    }
  })()
  await Promise.all([
    ...specialists.map(async (s) =>
      store.writeSpecialist(
        built('specialists', s) ?? (await computeSpecialistGrids(db, s, dates)),
        withWrite,
      ),
    ),
    ...rooms.map(async (r) => store.writeRoom(built('rooms', r) ?? (await computeRoomGrids(db, r, dates)))),
    remindersDone,
  ])
  if (withWrite !== messages) await publishAll(redis, messages)
  // releaseSlot: done above, with every touched day's grid.
}

/** The grids of a booking as it is stored now (a finished intent's job that runs again). */
export async function refreshBookingGrids(deps: AfterCommitDeps, bookingId: number): Promise<void> {
  const b = await deps.repos.bookings.gridSpan(bookingId)
  if (!b) return
  await runAfterCommit(deps, {
    actions: [],
    specialistId: b.specialist_id,
    zone: b.timezone,
    spans: [{ start: b.starts_at.getTime(), end: b.busy_until.getTime(), roomId: b.room_id }],
  })
}
