// The `worker` process: booking intents (a Worker, concurrency 1, on each partition queue this
// process owns by its partition lease, partition-leases.ts; the queues' global concurrency 1),
// recalc jobs, reminders, bulk changes and maintenance (sweeper of pending intents, horizon roll,
// periodic grid refresh) on every process. Its BullMQ workers are built from the job registry
// (src/jobs/registry.ts) and its handlers (handlers.ts), and it refuses to start when the two
// disagree. Its one pool and the repositories on it (src/data/repositories.ts) are built here,
// once, and handed to every handler. Shuts down gracefully on SIGTERM/SIGINT: it leaves the lease,
// running jobs finish, nothing new is taken.
import { UnrecoverableError, Worker, type Job, type WorkerOptions as BullWorkerOptions } from 'bullmq'
import type { Redis } from 'ioredis'
import { loadConfig, type Config } from '../config.ts'
import { runQueueProcess } from '../infra/process-main.ts'
import { createDb, type Db } from '../data/db.ts'
import { createRepositories } from '../data/repositories.ts'
import { createRedis } from '../infra/redis.ts'
import { bindToDeployment, recordWatermark } from '../infra/deployment.ts'
import { createQueues } from '../jobs/index.ts'
import { bookingQueueName, type IntentJob } from '../jobs/booking-queues.ts'
import { QUEUE, type QueueKey } from '../jobs/names.ts'
import { checkJobRegistry, JOBS, jobsOfQueue } from '../jobs/registry.ts'
import { GridStore } from '../slots/grid-store.ts'
import { RecalcPlanner } from '../slots/recalc-planner.ts'
import { stalePendingIntents } from '../intents/intent-store.ts'
import { IntentProcessor } from './intent-processor.ts'
import { createWorkerLogger } from './log.ts'
import { createWorkerMetrics } from './metrics.ts'
import { newMemberId, PartitionOwner } from './partition-leases.ts'
import { WORKER_HANDLERS, type HandlerContext, type HandlerFactories } from './handlers.ts'
import { startOutboxRelay } from './outbox-relay.ts'

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
  /** How often this process renews its partition lease and re-evaluates its share. */
  leaseEveryMs?: number
  /** A process whose lease is not renewed for this long is gone: the others take its partitions. */
  leaseTtlMs?: number
}

export async function startWorkers(
  configured: Config,
  opts: WorkerOptions = {},
  injected?: { db?: Db; handlers?: Partial<HandlerFactories> },
) {
  // Before any connection, so a refusal leaves nothing open.
  const factories = injected?.handlers ?? WORKER_HANDLERS
  checkJobRegistry(JOBS, factories)
  const db = injected?.db ?? createDb(configured.databaseUrl, { pool: 20 })
  const repos = createRepositories(db)
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
    repos,
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
  // The member id names this process' workers too, so a job's `processedBy` says who ran it.
  const member = newMemberId()
  const common = {
    prefix: queues.prefix,
    lockDuration,
    stalledInterval: Math.min(lockDuration, 5_000),
    name: member,
  }

  const ctx: HandlerContext = {
    db,
    repos,
    redis,
    redisPrefix: config.redisPrefix,
    store,
    planner,
    queues,
    intents: processor,
    attemptOf,
  }
  // Each handler takes the payload of its own job; the dispatcher below only calls it with one.
  const handlers = new Map<string, (job: Job) => Promise<unknown>>(
    Object.entries(factories).map(([name, factory]) => [
      name,
      factory(ctx) as (job: Job) => Promise<unknown>,
    ]),
  )
  // What each queue's BullMQ worker needs beyond the common options.
  const perQueue: Partial<Record<QueueKey, Partial<BullWorkerOptions>>> = {
    // One job at a time per partition, and a stalled intent job is taken over, never failed: the
    // intent's outcome row makes a second run harmless.
    bookings: { concurrency: 1, maxStalledCount: 100 },
    recalc: { concurrency: opts.recalcConcurrency ?? 8 },
    // The children of a bulk flow, one specialist each, then the parent.
    bulk: { concurrency: 8 },
  }
  const dispatcher = (queue: QueueKey) => {
    const names = new Set<string>(jobsOfQueue(queue))
    return (job: Job) => {
      // A job of another queue's name, or of a release that had more jobs, would fail the same way
      // every time: fail it at once.
      if (!names.has(job.name))
        throw new UnrecoverableError(`No handler for job "${job.name}" on this queue.`)
      return handlers.get(job.name)!(job)
    }
  }
  const newWorker = (queue: QueueKey, name: string, connection = queues.connection()) => {
    const w = new Worker(name, dispatcher(queue), { ...common, connection, ...perQueue[queue] })
    w.on('error', (err) => log.error({ err, queue: w.name }, 'worker error'))
    return w
  }

  await queues.bookings.enforceSerialisation()
  // Every queue but the booking partitions on every process; the partitions by lease, below.
  const fixed: Worker[] = []
  for (const queue of Object.keys(QUEUE) as QueueKey[]) {
    if (queue !== 'bookings' && jobsOfQueue(queue).length) fixed.push(newWorker(queue, QUEUE[queue]))
  }
  const partitions = new PartitionOwner<{ worker: Worker; connection: Redis }>({
    redis,
    partitions: config.queuePartitions,
    member,
    everyMs: opts.leaseEveryMs,
    ttlMs: opts.leaseTtlMs,
    open: (p) => {
      const connection = queues.connection()
      return { worker: newWorker('bookings', bookingQueueName(p), connection), connection }
    },
    // A worker does not close a connection it was handed: closed here, so handovers leak none.
    close: async ({ worker, connection }) => {
      await worker.close()
      connection.disconnect()
    },
    onError: (err) => log.error({ err }, 'partition lease'),
  })
  if (jobsOfQueue('bookings').length) await partitions.start()

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
    /** The BullMQ workers open now: the fixed queues' and those of the partitions this process owns. */
    get workers() {
      return [...fixed, ...partitions.consumers().map((c) => c.worker)]
    },
    partitions,
    queues,
    planner,
    metrics,
    close: async () => {
      clearInterval(timer)
      await Promise.all([partitions.stop(), ...fixed.map((w) => w.close())])
      await outbox.close()
      await queues.close()
      redis.disconnect()
      if (!injected?.db) await db.destroy()
    },
  }
}

/**
 * The `worker` process: starts the runtime and stops it on SIGINT/SIGTERM. A refusal a person can
 * act on (configuration, a database not migrated, a job registry that does not match its
 * handlers) is one line on stderr and exit code 1; anything else is printed in full.
 */
export const runWorkerProcess = (
  start: () => ReturnType<typeof startWorkers> = () => startWorkers(loadConfig()),
) => runQueueProcess('worker', start, (runtime) => `running ${runtime.workers.length} workers`)

if (import.meta.url === `file://${process.argv[1]}`) await runWorkerProcess()
