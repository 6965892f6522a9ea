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

const reminderJobId = (bookingId: number, offsetMin: number, startsAt: string) =>
  `reminder-${bookingId}-${offsetMin}-${Date.parse(startsAt)}`

export class ReminderQueue {
  constructor(readonly queue: Queue<ReminderJob>) {}

  async schedule(p: ScheduleRemindersParams, now = Date.now()) {
    await Promise.all(
      p.reminders.map((r) =>
        this.queue.add(
          JOB.remind,
          { bookingId: p.bookingId, offsetMin: r.offsetMin, startsAt: p.startsAt },
          {
            jobId: reminderJobId(p.bookingId, r.offsetMin, p.startsAt),
            delay: Math.max(0, Date.parse(r.at) - now),
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        ),
      ),
    )
  }

  /** Removes every waiting reminder of the booking (its job ids all start with its prefix). */
  async remove(bookingId: number) {
    const delayed = await this.queue.getDelayed()
    await Promise.all(
      delayed.filter((j) => j.data.bookingId === bookingId).map((j) => j.remove().catch(() => undefined)),
    )
  }
}
