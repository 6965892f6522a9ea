// Reminders (docs/product.md §6) as delayed jobs with ids made from the booking and the offset, so scheduling
// twice is harmless and a cancel or move can remove exactly the booking's reminders.
import { Queue } from 'bullmq'
import type { ScheduleRemindersParams } from '../machines/index.ts'
import { JOB, QUEUE } from './names.ts'

export const REMINDER_QUEUE = QUEUE.reminders

export interface ReminderJob {
  bookingId: number
  offsetMin: number
  startsAt: string
}

/** One reminder of a booking and when it is due. */
export interface DueReminderJob extends ReminderJob {
  atMs: number
}

export const reminderJobId = (bookingId: number, offsetMin: number, startsAt: string) =>
  `reminder-${bookingId}-${offsetMin}-${Date.parse(startsAt)}`

/**
 * The job of one reminder. Its timestamp is `now`, so it is due exactly at `atMs` (BullMQ's due time
 * is timestamp + delay) whoever adds it: the booking's commit or a rebuild after a Redis loss.
 */
const reminderJob = (r: DueReminderJob, now: number) => ({
  name: JOB.remind,
  data: { bookingId: r.bookingId, offsetMin: r.offsetMin, startsAt: r.startsAt },
  opts: {
    jobId: reminderJobId(r.bookingId, r.offsetMin, r.startsAt),
    timestamp: now,
    delay: Math.max(0, r.atMs - now),
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
})

export class ReminderQueue {
  constructor(readonly queue: Queue<ReminderJob>) {}

  async schedule(p: ScheduleRemindersParams, now = Date.now()) {
    await Promise.all(
      p.reminders.map((r) => {
        const job = reminderJob(
          { bookingId: p.bookingId, offsetMin: r.offsetMin, startsAt: p.startsAt, atMs: Date.parse(r.at) },
          now,
        )
        return this.queue.add(job.name, job.data, job.opts)
      }),
    )
  }

  /**
   * Adds the reminders in one round trip. A reminder whose job is still in Redis (waiting, delayed,
   * done or failed) keeps it: the id is taken, so this only brings back what Redis lost.
   */
  async restore(reminders: DueReminderJob[], now = Date.now()) {
    if (reminders.length) await this.queue.addBulk(reminders.map((r) => reminderJob(r, now)))
  }

  /** Removes every waiting reminder of the booking (its job ids all start with its prefix). */
  async remove(bookingId: number) {
    const delayed = await this.queue.getDelayed()
    await Promise.all(
      delayed.filter((j) => j.data.bookingId === bookingId).map((j) => j.remove().catch(() => undefined)),
    )
  }
}
