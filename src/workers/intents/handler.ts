// What every intent kind's handler looks like to the dispatcher (src/workers/intent-processor.ts).
import type { AppError } from '../../domain/errors.ts'
import type { IntentRow } from '../../intents/intent-store.ts'
import type { BookingQueues, IntentJob } from '../../jobs/booking-queues.ts'
import type { AfterCommit, AfterCommitDeps } from '../after-commit.ts'
import type { WorkerLogger } from '../log.ts'
import type { WorkerMetrics } from '../metrics.ts'

export interface ProcessorDeps extends AfterCommitDeps {
  queues: BookingQueues
  log: WorkerLogger
  metrics?: WorkerMetrics
}

/** The answer an intent records, and the booking it is about. */
export interface Outcome {
  status: number
  body: unknown
  bookingId?: number
}

export interface HandlerResult {
  outcome: Outcome
  after: AfterCommit | AfterCommit[]
}

export interface IntentHandler {
  /** The specialists whose locks the run holds, in the order they are taken. */
  specialists(intent: IntentRow, job: IntentJob): number[]
  /** Does the intent in one transaction that also records its outcome; throws a refusal unwritten. */
  run(deps: ProcessorDeps, intent: IntentRow, job: IntentJob): Promise<HandlerResult>
  /**
   * A refusal before it settles the intent: the answer to record, or null when the intent was
   * handed on to another job instead. Without it the refusal is the answer.
   */
  refused?(
    deps: ProcessorDeps,
    intent: IntentRow,
    job: IntentJob,
    refusal: AppError,
  ): Promise<AppError | null>
  /** The bookings a finished intent of this kind wrote (their grids are rewritten on a rerun). */
  bookingIds?(deps: ProcessorDeps, intent: IntentRow): Promise<number[]>
}
