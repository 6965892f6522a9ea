// The `notify` queue: one job per notification outbox row, named `notify-<outbox id>`, so however
// often a row is relayed (a crash before the relay's commit, the sweep after a Redis flush) the
// queue holds one job for it. The notifier process (src/notifier/main.ts: Telegram, Web Push)
// consumes it; while none runs, jobs wait here.
import { Queue, type ConnectionOptions } from 'bullmq'
import type { NotificationPayload } from '../data/outbox-repository.ts'
import { JOB, QUEUE } from './names.ts'

export const NOTIFY_QUEUE = QUEUE.notify
export const NOTIFY_JOB = JOB.notify

export interface NotifyJob extends NotificationPayload {
  /** The outbox row: the notifier passes it to `markDelivered` once the messages are sent. */
  outbox_id: number
}

export const notifyJobId = (outboxId: number) => `notify-${outboxId}`

export const NOTIFY_JOB_OPTIONS = {
  // Retries are the notifier's (Telegram rate limits, a blocked bot): a minute apart at first.
  attempts: 8,
  backoff: { type: 'exponential', delay: 60_000 },
  // Kept a day after completion so a re-add of the same id within that day is ignored.
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const

export const createNotifyQueue = (connection: ConnectionOptions, prefix: string) =>
  new Queue<NotifyJob>(NOTIFY_QUEUE, { connection, prefix })
