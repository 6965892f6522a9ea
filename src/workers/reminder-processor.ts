// The reminder job, when due: recorded in the notification outbox (which the notifier delivers to
// the client and the specialist) and announced on the events channel for open pages. A booking
// that was cancelled or moved since the reminder was scheduled is left alone.
import type { Job } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Repositories } from '../data/repositories.ts'
import type { ReminderJob } from '../jobs/reminder-queue.ts'
import { BOOKING_EVENTS_CHANNEL } from '../slots/keys.ts'

export function reminderProcessor(deps: { repos: Repositories; redis: Redis; redisPrefix: string }) {
  return async (job: Job<ReminderJob>) => {
    if (!(await deps.repos.outbox.recordDueReminder(job.data)).recorded) return { sent: false }
    await deps.redis.publish(
      deps.redisPrefix + BOOKING_EVENTS_CHANNEL,
      JSON.stringify({ type: 'booking.reminder', ...job.data }),
    )
    return { sent: true }
  }
}
