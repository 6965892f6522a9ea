// The producers of every queue in one table, built once per process (the API and the worker each
// build one). Queue and job names are in names.ts; which handler runs each job is in registry.ts.
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import { bullPrefix, createBullConnection } from '../infra/redis.ts'
import { BookingQueues } from './booking-queues.ts'
import { BulkQueue } from './bulk-queue.ts'
import { RECALC_QUEUE, RecalcQueue } from './recalc-queue.ts'
import { REMINDER_QUEUE, ReminderQueue } from './reminder-queue.ts'
import { MAINTENANCE_QUEUE, MaintenanceQueue } from './maintenance-queue.ts'
import { createNotifyQueue } from './notify-queue.ts'

export { MAINTENANCE_QUEUE }

export interface Queues {
  bookings: BookingQueues
  recalc: RecalcQueue
  reminders: ReminderQueue
  maintenance: MaintenanceQueue
  /** Admin bulk changes as flows: a parent per request, a child per specialist. */
  bulk: BulkQueue
  /** Notification jobs waiting for the notifier (added by the worker's outbox relay). */
  notify: ReturnType<typeof createNotifyQueue>
  /** A new connection for a blocking client (Worker, QueueEvents). */
  connection: () => Redis
  prefix: string
  close: () => Promise<void>
}

export function createQueues(config: Config, redis: Redis): Queues {
  const shared = createBullConnection(config, 'queues')
  const prefix = bullPrefix(config)
  const bookings = new BookingQueues(config.queuePartitions, shared, prefix)
  const recalc = new RecalcQueue(new Queue(RECALC_QUEUE, { connection: shared, prefix }), redis)
  const reminders = new ReminderQueue(new Queue(REMINDER_QUEUE, { connection: shared, prefix }))
  const maintenance = new MaintenanceQueue(new Queue(MAINTENANCE_QUEUE, { connection: shared, prefix }))
  const bulk = new BulkQueue(shared, prefix)
  const notify = createNotifyQueue(shared, prefix)
  return {
    bookings,
    recalc,
    reminders,
    maintenance,
    bulk,
    notify,
    connection: () => createBullConnection(config, 'blocking'),
    prefix,
    close: async () => {
      await Promise.all([
        bookings.close(),
        recalc.queue.close(),
        reminders.queue.close(),
        maintenance.queue.close(),
        bulk.close(),
        notify.close(),
      ])
      shared.disconnect()
    },
  }
}
