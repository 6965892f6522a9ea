// What every intent kind's handler looks like to the dispatcher (src/workers/intent-processor.ts).
import type { AppError } from '../../domain/errors.ts'
import { finishIntent, type IntentRow } from '../../intents/intent-store.ts'
import type { Trx } from '../../data/db.ts'
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

/**
 * Thrown inside a handler's transaction when the intent's final `UPDATE … WHERE status = 'pending'`
 * changed no row: another run of the same intent (a stalled job taken over while the first still
 * ran) decided it first. Rolling back leaves that run's booking and money the only ones; the
 * dispatcher then answers with the outcome it recorded.
 */
export class IntentAlreadyFinished extends Error {
  constructor(readonly intentId: number) {
    super(`intent ${intentId} was finished by another run`)
  }
}

/** Records the outcome inside the handler's transaction; throws (rolling it back) if it was decided. */
export async function finishInTransaction(trx: Trx, intentId: number, outcome: Outcome): Promise<void> {
  if (!(await finishIntent(trx, intentId, outcome))) throw new IntentAlreadyFinished(intentId)
}
