// The `notifier` process (Procfile `notifier`): the consumer of the `notify` queue, which the
// worker's outbox relay fills with one job per notification outbox row (docs/notifications.md).
// One BullMQ Worker with BullMQ's rate limiter (25 jobs a second, kept in Redis and so shared by
// every notifier process of the deployment; a Telegram 429 holds it for its `retry_after`), the Telegram sender (off without TELEGRAM_BOT_TOKEN;
// TELEGRAM_API_ROOT says where the Bot API is) and the Web Push sender (off without VAPID keys).
// Its pool, Redis connections and deployment binding are built here, once. Shuts down gracefully
// on SIGTERM/SIGINT: running jobs finish, nothing new is taken.
import { Queue, Worker } from 'bullmq'
import { loadConfig, type Config } from '../config.ts'
import { runQueueProcess } from '../infra/process-main.ts'
import { createDb, type Db } from '../data/db.ts'
import { notificationRecordsRepository } from '../data/notification-records-repository.ts'
import { pushSubscriptionsRepository } from '../data/push-subscriptions-repository.ts'
import { bindToDeployment } from '../infra/deployment.ts'
import { bullPrefix, createBullConnection, createRedis } from '../infra/redis.ts'
import { NOTIFY_JOB, NOTIFY_QUEUE, type NotifyJob } from '../jobs/notify-queue.ts'
import { checkJobRegistry, JOBS } from '../jobs/registry.ts'
import { createWorkerLogger } from '../workers/log.ts'
import { notifyProcessor, type NotifyResult } from './processor.ts'
import { TelegramSender } from './telegram.ts'

export interface NotifierOptions {
  /** Jobs taken at once by this process. */
  concurrency?: number
  /** BullMQ's limiter, shared by all notifier processes of the queue. */
  limiter?: { max: number; duration: number }
  /** At most one message per Telegram chat in this long. */
  perChatMs?: number
  fetch?: typeof fetch
}

export const NOTIFIER_LIMITER = { max: 25, duration: 1000 }

export async function startNotifier(configured: Config, opts: NotifierOptions = {}, injected?: { db?: Db }) {
  const handlers = { [NOTIFY_JOB]: () => undefined }
  // Before any connection: the notifier handles exactly the jobs the registry gives it.
  checkJobRegistry(JOBS, handlers, 'notifier')
  const db = injected?.db ?? createDb(configured.databaseUrl, { pool: 5 })
  const log = createWorkerLogger({ level: configured.logLevel, name: 'notifier' })
  const config = await bindToDeployment(configured, db, (line) => log.warn(line))
  const redis = createRedis(config, 'notifier')
  // One connection for both (the worker makes its own blocking one); ours to close.
  const bull = { connection: createBullConnection(config, 'notifier'), prefix: bullPrefix(config) }
  // Only for its rate limit: a 429 holds every notifier process's worker of the queue.
  const queue = new Queue<NotifyJob>(NOTIFY_QUEUE, bull)
  const telegram = config.telegramBotToken
    ? new TelegramSender(config.telegramBotToken, { apiRoot: config.telegramApiRoot, fetch: opts.fetch })
    : null
  const processor = notifyProcessor({
    db,
    redis,
    records: notificationRecordsRepository(db),
    subscriptions: pushSubscriptionsRepository(db),
    log,
    telegram,
    vapid: config.vapid,
    miniAppUrl: config.miniAppUrl,
    perChatMs: opts.perChatMs,
    holdQueue: (ms) => queue.rateLimit(ms),
    fetch: opts.fetch,
  })
  const worker = new Worker<NotifyJob, NotifyResult>(NOTIFY_QUEUE, processor, {
    ...bull,
    concurrency: opts.concurrency ?? 8,
    limiter: opts.limiter ?? NOTIFIER_LIMITER,
  })
  worker.on('error', (err) => log.error({ err }, 'notifier worker error'))
  worker.on('failed', (job, err) =>
    log.error({ err, outbox_id: job?.data.outbox_id, attempts: job?.attemptsMade }, 'notify job failed'),
  )
  await worker.waitUntilReady()
  return {
    worker,
    telegram: telegram !== null,
    push: config.vapid !== null,
    close: async () => {
      await worker.close()
      await queue.close()
      bull.connection.disconnect()
      redis.disconnect()
      if (!injected?.db) await db.destroy()
    },
  }
}

/**
 * The `notifier` process: starts the runtime and stops it on SIGINT/SIGTERM. A refusal a person
 * can act on (configuration, a database not migrated) is one line on stderr and exit code 1.
 */
export const runNotifierProcess = (
  start: () => ReturnType<typeof startNotifier> = () => startNotifier(loadConfig()),
) =>
  runQueueProcess(
    'notifier',
    start,
    (runtime) =>
      `running: Telegram ${runtime.telegram ? 'on' : 'off (no TELEGRAM_BOT_TOKEN)'}, ` +
      `Web Push ${runtime.push ? 'on' : 'off (no VAPID keys)'}`,
  )

if (import.meta.url === `file://${process.argv[1]}`) await runNotifierProcess()
