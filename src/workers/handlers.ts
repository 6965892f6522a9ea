// The worker's half of the job registry (src/jobs/registry.ts): which function handles each job.
// Entries are factories, so the registry can be checked before any connection is opened; the
// worker builds them once its dependencies exist.
import type { Job } from 'bullmq'
import type { Db } from '../data/db.ts'
import type { Repositories } from '../data/repositories.ts'
import type { Queues } from '../jobs/index.ts'
import type { IntentJob, IntentJobResult } from '../jobs/booking-queues.ts'
import { isReplyId, replyChannel, type IntentReply } from '../intents/intent-waiter.ts'
import { JOB, type JobName } from '../jobs/names.ts'
import type { JobHandler, WorkerJobName } from '../jobs/registry.ts'
import type { GridStore, Publication } from '../slots/grid-store.ts'
import type { RecalcPlanner } from '../slots/recalc-planner.ts'
import type { Redis } from 'ioredis'
import { bulkHandlers } from './bulk-processor.ts'
import type { IntentProcessor } from './intent-processor.ts'
import { recalcProcessor } from './recalc-processor.ts'
import { reminderProcessor } from './reminder-processor.ts'
import { rebuildReminders } from './reminder-rebuild.ts'

export interface HandlerContext {
  db: Db
  /** Built once per process, on `db`. */
  repos: Repositories
  redis: Redis
  redisPrefix: string
  store: GridStore
  planner: RecalcPlanner
  queues: Queues
  intents: IntentProcessor
  /** The attempt an intent job is on, and whether it is its last (then a failure settles it). */
  attemptOf: (job: Job<IntentJob>) => { number: number; last: boolean }
}

/** The message that tells the API process waiting for the intent its outcome, on its own channel. */
function replyMessage(
  ctx: HandlerContext,
  job: IntentJob,
  result: Extract<IntentJobResult, { final: true }>,
): Publication | null {
  if (!isReplyId(job.replyTo)) return null
  const reply: IntentReply = { intentId: job.intentId, status: result.status, body: result.body }
  return [replyChannel(ctx.redisPrefix, job.replyTo), JSON.stringify(reply)]
}

export type HandlerFactory<N extends JobName = JobName> = (ctx: HandlerContext) => JobHandler<N>
export type HandlerFactories = { [N in WorkerJobName]: HandlerFactory<N> }

export const WORKER_HANDLERS: HandlerFactories = {
  [JOB.intent]: (ctx) => async (job) => {
    // A booking's answer goes out with its grid and events (IntentProcessor.process); any other
    // final result is answered here. A lost reply only delays the answer (the API reads the intent
    // row), so a failure to send it fails nothing.
    let replied = false
    const result = await ctx.intents.process(job.data, ctx.attemptOf(job), (r) => {
      const message = replyMessage(ctx, job.data, r)
      replied = message !== null
      return message
    })
    const message = result.final && !replied ? replyMessage(ctx, job.data, result) : null
    if (message) await ctx.redis.publish(...message).catch(() => undefined)
    return result
  },
  [JOB.recalc]: (ctx) => recalcProcessor({ db: ctx.db, store: ctx.store, recalc: ctx.queues.recalc }),
  [JOB.remind]: (ctx) => reminderProcessor(ctx),
  [JOB.horizonRoll]: (ctx) => async () => ({ targets: await ctx.planner.everything(Date.now(), true) }),
  [JOB.refreshGrids]: (ctx) => async () => ({ targets: await ctx.planner.everything() }),
  [JOB.rebuildReminders]: (ctx) => () =>
    rebuildReminders({ repos: ctx.repos, reminders: ctx.queues.reminders }),
  [JOB.bulk]: (ctx) => bulkHandlers(ctx)[JOB.bulk],
  [JOB.bulkSchedule]: (ctx) => bulkHandlers(ctx)[JOB.bulkSchedule],
  [JOB.bulkOverride]: (ctx) => bulkHandlers(ctx)[JOB.bulkOverride],
}
