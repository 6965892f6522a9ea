// What PostgreSQL knows about reminders, for rebuilding the delayed reminder jobs a Redis loss took
// (src/workers/reminder-rebuild.ts): the confirmed bookings still ahead, the offsets each was made
// with, when its reminders were last scheduled, and which reminders the outbox already holds.
import type { Knex } from 'knex'
import { reminderDedupeKey, type DueReminder } from './outbox-repository.ts'

export interface UpcomingReminderBooking {
  id: number
  startsAt: Date
  /** The offsets the booking was made with (its machine context); null when its snapshot has none. */
  offsetsMin: number[] | null
  /**
   * When its reminders were last scheduled: the moment it became confirmed at its current start
   * (made confirmed, confirmed from a request, or moved). Only reminders due after it were scheduled.
   */
  scheduledAt: Date
}

export function remindersRepository(db: Knex) {
  return {
    /**
     * One page of confirmed bookings starting after `now`, by id after `afterId` (keyset paging on
     * the primary key, so a company with 100k upcoming bookings is read in bounded pages).
     */
    async upcomingConfirmed(p: { afterId: number; now: number; limit: number }) {
      const { rows } = await db.raw<{
        rows: { id: number; starts_at: Date; offsets: unknown; scheduled_at: Date }[]
      }>(
        `SELECT b.id, b.starts_at,
                b.machine_snapshot #> '{snapshot,context,reminderOffsetsMin}' AS offsets,
                coalesce((SELECT max(h.at) FROM booking_history h
                           WHERE h.booking_id = b.id AND h.to_state = 'confirmed'),
                         b.created_at) AS scheduled_at
           FROM bookings b
          WHERE b.status = 'confirmed' AND b.starts_at > ? AND b.id > ?
          ORDER BY b.id
          LIMIT ?`,
        [new Date(p.now), p.afterId, p.limit],
      )
      return rows.map((r): UpcomingReminderBooking => ({
        id: r.id,
        startsAt: r.starts_at,
        offsetsMin: Array.isArray(r.offsets)
          ? r.offsets.filter((m): m is number => Number.isInteger(m) && (m as number) > 0)
          : null,
        scheduledAt: r.scheduled_at,
      }))
    },

    /** The reminders of `candidates` that have no outbox row yet (were never recorded as due). */
    async notRecorded<R extends DueReminder>(candidates: R[]): Promise<R[]> {
      if (!candidates.length) return []
      const keyOf = (r: R) => reminderDedupeKey(r.bookingId, r.offsetMin, Date.parse(r.startsAt))
      const rows: { dedupe_key: string }[] = await db('notification_outbox')
        .whereIn('dedupe_key', candidates.map(keyOf))
        .select('dedupe_key')
      const recorded = new Set(rows.map((r) => r.dedupe_key))
      return candidates.filter((r) => !recorded.has(keyOf(r)))
    },
  }
}
