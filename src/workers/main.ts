// The `worker` process: booking intents (one Worker per partition queue, concurrency 1, the
// queues' global concurrency 1), recalc jobs, reminders and maintenance (sweeper of pending
// intents, horizon roll, periodic grid refresh). Shuts down gracefully on SIGTERM/SIGINT: running
// jobs finish, nothing new is taken.
import { Worker, type Job } from 'bullmq'
import { loadConfig, ConfigError, type Config } from '../config.ts'
import { createDb, type Db } from '../data/db.ts'
import { createRedis } from '../infra/redis.ts'
import { bindToDeployment, recordWatermark } from '../infra/deployment.ts'
import { MissingDeploymentError } from '../data/deployment-repository.ts'
import { createQueues, MAINTENANCE_QUEUE } from '../queues/index.ts'
import { bookingQueueName, type IntentJob } from '../queues/booking-queues.ts'
import { RECALC_QUEUE } from '../queues/recalc-queue.ts'
import { REMINDER_QUEUE, type ReminderJob } from '../queues/reminder-queue.ts'
import { GridStore } from '../slots/grid-store.ts'
import { RecalcPlanner } from '../slots/recalc-planner.ts'
import { BOOKING_EVENTS_CHANNEL } from '../slots/keys.ts'
import { stalePendingIntents } from '../intents/intent-store.ts'
import { IntentProcessor } from './intent-processor.ts'
import { recalcProcessor } from './recalc-processor.ts'
import { createWorkerLogger } from './log.ts'
import { createWorkerMetrics } from './metrics.ts'
import { BULK_QUEUE } from '../queues/bulk-queue.ts'
import { bulkProcessor } from './bulk-processor.ts'
import { startOutboxRelay } from './outbox-relay.ts'
import { recordDueReminder } from '../data/outbox-repository.ts'

export interface WorkerOptions {
  /** Pending intents older than this are put back on their queue (lost from Redis, or never added). */
  sweepAfterMs?: number
  sweepEveryMs?: number
  recalcConcurrency?: number
  /** How long a job may run without renewing its lock before another worker takes it over. */
  lockDurationMs?: number
  /**
   * At most this many attempts of an intent's job before the intent is settled failed (503); the
   * job's own `attempts` when that is smaller.
   */
  intentAttempts?: number
}

export async function startWorkers(configured: Config, opts: WorkerOptions = {}, injected?: { db?: Db }) {
  const db = injected?.db ?? createDb(configured.databaseUrl, { pool: 20 })
  const log = createWorkerLogger({ level: configured.logLevel })
  const config = await bindToDeployment(configured, db, (line) => log.warn(line))
  const redis = createRedis(config, 'worker')
  const queues = createQueues(config, redis)
  const store = new GridStore(redis)
  const planner = new RecalcPlanner(db, redis, config.redisPrefix, queues.recalc)
  const metrics = createWorkerMetrics()
  const outbox = await startOutboxRelay({
    config,
    db,
    log,
    connection: queues.connection(),
    prefix: queues.prefix,
    opts: { everyMs: opts.sweepEveryMs },
  })
  const processor = new IntentProcessor({
    log,
    metrics,
    db,
    redis,
    redisPrefix: config.redisPrefix,
    store,
    queues: queues.bookings,
    reminders: queues.reminders,
  })
  // A job revived by `rescue` keeps its `attemptsMade`, so its next failure is a last one too.
  const attemptOf = (job: Job<IntentJob>) => {
    const limit = Math.min(job.opts.attempts ?? 1, opts.intentAttempts ?? Infinity)
    return { number: job.attemptsMade + 1, last: job.attemptsMade + 1 >= limit }
  }
  const lockDuration = opts.lockDurationMs ?? 10_000
  const common = { prefix: queues.prefix, lockDuration, stalledInterval: Math.min(lockDuration, 5_000) }

  await queues.bookings.enforceSerialisation()
  const workers: Worker[] = []
  for (let p = 0; p < config.queuePartitions; p++) {
    workers.push(
      new Worker<IntentJob>(bookingQueueName(p), (job) => processor.process(job.data, attemptOf(job)), {
        ...common,
        connection: queues.connection(),
        concurrency: 1,
        maxStalledCount: 100,
      }),
    )
  }
  workers.push(
    new Worker(RECALC_QUEUE, recalcProcessor({ db, store, recalc: queues.recalc }), {
      ...common,
      connection: queues.connection(),
      concurrency: opts.recalcConcurrency ?? 8,
    }),
    // Admin bulk changes (issue 5): the children of a flow, one specialist each, then the parent.
    new Worker(BULK_QUEUE, bulkProcessor({ db, planner }), {
      ...common,
      connection: queues.connection(),
      concurrency: 8,
    }),
    new Worker<ReminderJob>(
      REMINDER_QUEUE,
      async (job: Job<ReminderJob>) => {
        // Recorded in the notification outbox; the notifier delivers it to the client and the specialist.
        if (!(await recordDueReminder(db, job.data)).recorded) return { sent: false }
        await redis.publish(
          config.redisPrefix + BOOKING_EVENTS_CHANNEL,
          JSON.stringify({ type: 'booking.reminder', ...job.data }),
        )
        return { sent: true }
      },
      { ...common, connection: queues.connection() },
    ),
    new Worker(
      MAINTENANCE_QUEUE,
      async (job: Job) => {
        if (job.name === 'horizon-roll') return { targets: await planner.everything(Date.now(), true) }
        if (job.name === 'refresh-grids') return { targets: await planner.everything() }
        throw new Error(`no handler for maintenance job ${job.name}`)
      },
      { ...common, connection: queues.connection() },
    ),
  )
  for (const w of workers) w.on('error', (err) => log.error({ err, queue: w.name }, 'worker error'))

  const schedule = async () => {
    // Schedulers and global concurrency live in Redis: set again on every tick, so a Redis that
    // lost its data is repaired within one tick.
    await queues.bookings.enforceSerialisation()
    await queues.maintenance.schedule()
  }
  const sweep = async () => {
    for (const intent of await stalePendingIntents(db, opts.sweepAfterMs ?? 5_000)) {
      if (intent.specialist_id !== null) {
        await queues.bookings.rescue({
          intentId: intent.id,
          uid: intent.uid,
          specialistId: intent.specialist_id,
        })
      }
    }
  }
  let ticking = false
  const tick = async () => {
    if (ticking) return
    ticking = true
    try {
      await schedule()
      await sweep()
      await recordWatermark(redis, db)
    } catch (err) {
      log.error({ err }, 'maintenance tick failed')
    } finally {
      ticking = false
    }
  }
  await schedule()
  const timer = setInterval(tick, opts.sweepEveryMs ?? 2_000)

  return {
    workers,
    queues,
    planner,
    metrics,
    close: async () => {
      clearInterval(timer)
      await Promise.all(workers.map((w) => w.close()))
      await outbox.close()
      await queues.close()
      redis.disconnect()
      if (!injected?.db) await db.destroy()
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const runtime = await startWorkers(loadConfig())
    console.log(`[worker] running ${runtime.workers.length} workers`)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`[worker] ${signal}: finishing running jobs`)
        runtime.close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      })
    }
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof MissingDeploymentError ? err.message : err)
    process.exit(1)
  }
}
