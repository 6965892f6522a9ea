// Processes one intent job (docs/product.md §5): lock the specialists it concerns in Redis (when it
// concerns more than its own queue's one, see `lockedSpecialists`), let the handler of its kind
// re-check against PostgreSQL, run the booking machine, carry out its effects and record the
// intent's outcome in one transaction, then update the grids, release the locks and publish the
// events.
//
// Exactly once: the intent row is the record. A job that finds its intent finished returns the
// stored outcome (a retry after a crash, or a duplicate job); a crash before the commit leaves the
// intent pending and the retried job does the work again from the start. The outcome is written by
// `UPDATE … WHERE status = 'pending'` in the transaction of the work itself, and a row count of 0
// (another run decided it meanwhile: a stalled job taken over while the first still ran) rolls that
// transaction back, so an intent never commits two bookings or two debits.
import { finishIntent, getIntent, type IntentKind, type IntentRow } from '../intents/intent-store.ts'
import type { IntentJob, IntentJobResult } from '../jobs/booking-queues.ts'
import type { Publication } from '../slots/grid-store.ts'
import { refreshBookingGrids, runAfterCommit, type AfterCommit } from './after-commit.ts'
import { processingFailed, settledAnswerOf } from './intent-outcomes.ts'
import { chainHandler } from './intents/chain.ts'
import { createHandler } from './intents/create.ts'
import {
  IntentAlreadyFinished,
  type IntentHandler,
  type Outcome,
  type ProcessorDeps,
} from './intents/handler.ts'
import { lifecycleHandler } from './intents/lifecycle.ts'
import { intentLogger } from './log.ts'
import { specialistLocks } from './specialist-lock.ts'

export type { ProcessorDeps } from './intents/handler.ts'

const HANDLERS: Record<IntentKind, IntentHandler> = {
  create: createHandler,
  chain: chainHandler,
  cancel: lifecycleHandler,
  reschedule: lifecycleHandler,
  complete: lifecycleHandler,
  no_show: lifecycleHandler,
}

type FinalResult = Extract<IntentJobResult, { final: true }>

/** Which attempt of its job a run is (from BullMQ's `attemptsMade` and `opts.attempts`). */
export interface IntentAttempt {
  /** 1 for the first run. */
  number: number
  /** No retry follows a failure of this run. */
  last: boolean
}

type Log = ReturnType<typeof intentLogger>

const DECIDED_ELSEWHERE = Symbol('decided elsewhere')

/**
 * The specialists whose Redis locks a run takes: none when the run concerns only its job's
 * specialist (a create, a cancel, a move with the same specialist), every one otherwise (a chain,
 * a move to another specialist), ascending as the handler gives them.
 *
 * Why a run of one specialist needs no lock: that specialist's intents all run on one partition
 * queue with global concurrency 1, so no other intent of theirs runs meanwhile except a
 * several-specialist run from another partition (which holds its locks among its peers only), or a
 * stalled job's second run of the same intent. Against those the lock never was the guarantee:
 * PostgreSQL's exclusion constraints refuse any overlap (the later commit gets slot_taken, its whole
 * transaction, money included, rolled back), and the outcome's `UPDATE … WHERE status = 'pending'`
 * lets only one run of an intent commit. The lock only spared such a run its re-check; it cost two
 * Redis round trips on every booking.
 */
export function lockedSpecialists(specialists: number[], jobSpecialistId: number): number[] {
  return specialists.length === 1 && specialists[0] === jobSpecialistId ? [] : specialists
}

export class IntentProcessor {
  constructor(private readonly deps: ProcessorDeps) {}

  /**
   * Runs one attempt of an intent's job. `attempt.last` says whether BullMQ would give up after a
   * failure of this one: then an unexpected error settles the intent instead of being rethrown.
   */
  async process(
    job: IntentJob,
    attempt: IntentAttempt = { number: 1, last: false },
    reply?: (result: FinalResult) => Publication | null,
  ): Promise<IntentJobResult> {
    const intent = await getIntent(this.deps.db, job.intentId)
    if (!intent)
      return { final: true, status: 404, body: { error: 'not_found', message: 'Intent not found.' } }
    const log = intentLogger(this.deps.log, { ...intent, specialist_id: job.specialistId })
    const handler = HANDLERS[intent.kind]
    if (intent.status !== 'pending') return this.finished(handler, intent, log)
    const done = await this.settle(handler, intent, job, attempt, log)
    if (!done) return { final: false }
    if (done === DECIDED_ELSEWHERE) {
      const decided = await getIntent(this.deps.db, job.intentId)
      return this.finished(handler, decided!, log)
    }
    const result: FinalResult = { final: true, status: done.outcome.status, body: done.outcome.body }
    // The answer follows the last grid write and events, in their round trip (runAfterCommit).
    const answer = done.after.length ? reply?.(result) : null
    for (const [i, a] of done.after.entries())
      await runAfterCommit(this.deps, a, answer && i === done.after.length - 1 ? [answer] : [])
    log.info({ status: done.outcome.status }, 'intent finished')
    return result
  }

  /**
   * The stored outcome of a finished intent. A retry after a crash between the commit and the job's
   * completion: the grids may not have been written yet. Rewriting them is idempotent (and refused
   * where a newer one is stored).
   */
  private async finished(handler: IntentHandler, intent: IntentRow, log: Log): Promise<IntentJobResult> {
    const ids = handler.bookingIds
      ? await handler.bookingIds(this.deps, intent)
      : intent.booking_id !== null
        ? [intent.booking_id]
        : []
    for (const id of ids) await refreshBookingGrids(this.deps, id)
    log.info({ status: intent.result_status }, 'intent already finished')
    return { final: true, status: intent.result_status!, body: intent.result }
  }

  /**
   * Runs the handler under the specialists' locks and, when it refuses, records the refusal as the
   * outcome before the locks go. Null when the intent was handed on to another job;
   * DECIDED_ELSEWHERE when another run recorded its outcome first (nothing of this run committed).
   */
  private async settle(
    handler: IntentHandler,
    intent: IntentRow,
    job: IntentJob,
    attempt: IntentAttempt,
    log: Log,
  ): Promise<{ outcome: Outcome; after: AfterCommit[] } | typeof DECIDED_ELSEWHERE | null> {
    const locks = specialistLocks(this.deps.redis)
    try {
      await locks.take(lockedSpecialists(handler.specialists(intent, job), job.specialistId))
      const result = await handler.run(this.deps, intent, job)
      return { outcome: result.outcome, after: [result.after].flat() }
    } catch (err) {
      if (err instanceof IntentAlreadyFinished) return DECIDED_ELSEWHERE
      let known = settledAnswerOf(err)
      if (!known) {
        if (!attempt.last) {
          log.error({ err, attempt: attempt.number }, 'intent failed unexpectedly; the job will be retried')
          throw err // BullMQ retries the job; the intent stays pending
        }
        // Nothing was committed (the transaction rolled back), so settling says exactly that; the
        // sweeper only revives pending intents, so this is the end of it.
        log.error({ err, attempt: attempt.number }, 'intent failed on its last attempt; settled as failed')
        known = processingFailed()
      } else if (known.status >= 500) {
        log.error({ err, code: known.code }, 'intent cannot be processed; settled as failed')
      }
      if (known.status >= 500) this.deps.metrics?.intentsFailed.inc({ kind: intent.kind, code: known.code })
      if (handler.refused) {
        const answer = await handler.refused(this.deps, intent, job, known)
        if (!answer) {
          log.info({ refusal: known.code }, 'not free: handed to the next specialist')
          return null
        }
        known = answer
      }
      const outcome: Outcome = {
        status: known.status,
        body: { error: known.code, message: known.message, ...known.details },
      }
      if (!(await finishIntent(this.deps.db, intent.id, outcome))) return DECIDED_ELSEWHERE
      return { outcome, after: [] }
    } finally {
      await locks.release()
    }
  }
}
