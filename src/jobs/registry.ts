// Every job of the system in one table: its queue, who consumes it and (through JobPayloads) what
// it carries. The worker builds its BullMQ workers from this table and a handler map
// (src/workers/handlers.ts) and refuses to start unless the two match exactly: a job nobody
// handles would pile up unseen, a handler nobody feeds is dead code that looks alive.
//
// Adding a job: its name in names.ts, a row below, its payload in JobPayloads, its producer next to
// its queue, and a handler in src/workers/handlers.ts (or `consumer` naming the process that takes
// it; the worker then expects no handler for it).
import type { Job } from 'bullmq'
import type { RecalcTarget } from '../slots/keys.ts'
import type { IntentJob } from './booking-queues.ts'
import type { BulkParent, OverrideItem, ScheduleItem } from './bulk-queue.ts'
import type { MaintenanceJob } from './maintenance-queue.ts'
import { JOB, type JobName, type QueueKey } from './names.ts'
import type { NotifyJob } from './notify-queue.ts'
import type { ReminderJob } from './reminder-queue.ts'

/** The processes that consume jobs: the worker (src/workers/main.ts) and the notifier (src/notifier/main.ts). */
export type Consumer = 'worker' | 'notifier'

export interface JobDefinition {
  queue: QueueKey
  /** Who takes the job off its queue; `worker` when absent. */
  consumer?: Consumer
}

/** What each job carries (BullMQ's `job.data`). */
export interface JobPayloads {
  [JOB.intent]: IntentJob
  [JOB.recalc]: RecalcTarget
  [JOB.remind]: ReminderJob
  [JOB.horizonRoll]: MaintenanceJob
  [JOB.refreshGrids]: MaintenanceJob
  [JOB.rebuildReminders]: MaintenanceJob
  [JOB.bulk]: BulkParent
  [JOB.bulkSchedule]: ScheduleItem
  [JOB.bulkOverride]: OverrideItem
  [JOB.notify]: NotifyJob
}

export const JOBS = {
  [JOB.intent]: { queue: 'bookings' },
  [JOB.recalc]: { queue: 'recalc' },
  [JOB.remind]: { queue: 'reminders' },
  [JOB.horizonRoll]: { queue: 'maintenance' },
  [JOB.refreshGrids]: { queue: 'maintenance' },
  [JOB.rebuildReminders]: { queue: 'maintenance' },
  [JOB.bulk]: { queue: 'bulk' },
  [JOB.bulkSchedule]: { queue: 'bulk' },
  [JOB.bulkOverride]: { queue: 'bulk' },
  // Added by the outbox relay (src/workers/outbox-relay.ts), one per notification outbox row.
  [JOB.notify]: { queue: 'notify', consumer: 'notifier' },
} as const satisfies Record<JobName, JobDefinition>

// A name without a payload type, or a payload type without a name, stops the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _payloadsMatchNames: Same<keyof JobPayloads, JobName> = true

/** The jobs the worker process handles: every job whose definition names no other consumer. */
export type WorkerJobName = {
  [N in JobName]: (typeof JOBS)[N] extends { consumer: Exclude<Consumer, 'worker'> } ? never : N
}[JobName]

export type JobHandler<N extends JobName = JobName> = (job: Job<JobPayloads[N]>) => Promise<unknown>

/** One handler per job the worker consumes. */
export type JobHandlers = { [N in WorkerJobName]: JobHandler<N> }

/** The table and the handlers disagree; the message is one line saying what to add or remove. */
export class JobRegistryError extends Error {
  override name = 'JobRegistryError'
}

/**
 * Refuses (throws JobRegistryError) unless `handlers` has exactly one function for every job of
 * `jobs` that `consumer` takes, and nothing else.
 */
export function checkJobRegistry(
  jobs: Readonly<Record<string, JobDefinition>>,
  handlers: Readonly<Record<string, unknown>>,
  consumer: Consumer = 'worker',
): void {
  const consumerOf = (name: string) => jobs[name]!.consumer ?? 'worker'
  const expected = Object.keys(jobs).filter((name) => consumerOf(name) === consumer)
  const missing = expected.filter((name) => typeof handlers[name] !== 'function')
  const extra = Object.keys(handlers).filter((name) => !expected.includes(name))
  const problems = [
    ...missing.map((name) => `job "${name}" (queue ${jobs[name]!.queue}) has no handler`),
    ...extra.map((name) =>
      name in jobs
        ? `handler "${name}" is for a job the ${consumerOf(name)} consumes, not the ${consumer}`
        : `handler "${name}" has no job in src/jobs/registry.ts`,
    ),
  ]
  if (problems.length) {
    throw new JobRegistryError(
      `The ${consumer} refuses to start: ${problems.join('; ')}. Every job needs exactly one handler.`,
    )
  }
}

/** The jobs of one queue that `consumer` handles, for building that queue's BullMQ worker. */
export function jobsOfQueue(queue: QueueKey, consumer: Consumer = 'worker'): JobName[] {
  const jobs: Record<string, JobDefinition> = JOBS
  return (Object.keys(jobs) as JobName[]).filter(
    (name) => jobs[name]!.queue === queue && (jobs[name]!.consumer ?? 'worker') === consumer,
  )
}
