// Reminders (docs/product.md §6) as delayed jobs with ids made from the booking and the offset, so scheduling
// twice is harmless and a cancel or move can remove exactly the booking's reminders.
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
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

  /**
   * The ids of a booking's reminder jobs, kept beside the queue so that a cancel or a move removes
   * exactly those (a scan of every delayed job would cost as much as the company has bookings).
   * It lapses a day after the booking's start; a Redis loss takes it with the jobs, and the
   * rebuild (which adds through `restore`) brings both back.
   */
  private idsKey(bookingId: number) {
    return `${this.queue.qualifiedName}:reminders-of:${bookingId}`
  }

  /** The queue's own connection (no key prefix: the keys carry the queue's). */
  private async client() {
    return (await this.queue.client) as unknown as Redis
  }

  /** Adds the jobs and records their ids per booking, in one round trip. */
  private async add(reminders: DueReminderJob[], now: number) {
    if (!reminders.length) return
    const jobs = reminders.map((r) => reminderJob(r, now))
    const client = await this.client()
    const track = client.multi()
    for (const r of reminders) {
      const key = this.idsKey(r.bookingId)
      track.sadd(key, reminderJobId(r.bookingId, r.offsetMin, r.startsAt))
      track.pexpireat(key, Date.parse(r.startsAt) + 24 * 3600_000)
    }
    await Promise.all([this.queue.addBulk(jobs), track.exec()])
  }

  async schedule(p: ScheduleRemindersParams, now = Date.now()) {
    await this.add(
      p.reminders.map((r) => ({
        bookingId: p.bookingId,
        offsetMin: r.offsetMin,
        startsAt: p.startsAt,
        atMs: Date.parse(r.at),
      })),
      now,
    )
  }

  /**
   * Adds the reminders in one round trip. A reminder whose job is still in Redis (waiting, delayed,
   * done or failed) keeps it: the id is taken, so this only brings back what Redis lost.
   */
  async restore(reminders: DueReminderJob[], now = Date.now()) {
    await this.add(reminders, now)
  }

  /** Removes the booking's waiting reminders (one being sent at this moment is left to finish). */
  async remove(bookingId: number) {
    const client = await this.client()
    const key = this.idsKey(bookingId)
    const ids = await client.smembers(key)
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)))
    await client.del(key)
  }
}
