// A create intent: one booking with the job's specialist. "Any specialist" records the candidates
// in order; a refusal that belongs to this specialist hands the intent to the next one's queue.
import type { AppError } from '../../domain/errors.ts'
import { reassignIntent, type IntentRow } from '../../intents/intent-store.ts'
import type { IntentJob } from '../../jobs/booking-queues.ts'
import type { CreatePayload } from '../../jobs/intent-payloads.ts'
import { bookOne } from '../booking-writer.ts'
import { SPECIALIST_REFUSALS, noneFree } from '../refusals.ts'
import { type IntentHandler, type Outcome, type ProcessorDeps } from './handler.ts'

/**
 * Hands the intent to the next candidate's queue (the reply still going to the API process that
 * waits for it); false when none is left.
 */
async function forward(deps: ProcessorDeps, intent: IntentRow, job: IntentJob): Promise<boolean> {
  const candidates = (intent.payload as unknown as CreatePayload).candidates
  const next = candidates[candidates.indexOf(job.specialistId) + 1]
  if (next === undefined) return false
  await reassignIntent(deps.db, intent.id, next)
  await deps.queues.add({ intentId: intent.id, uid: intent.uid, specialistId: next, replyTo: job.replyTo })
  return true
}

export const createHandler: IntentHandler = {
  specialists: (_intent, job) => [job.specialistId],

  run: (deps, intent, job) => {
    const p = intent.payload as unknown as CreatePayload
    return deps.db.transaction(async (trx) => {
      // The outcome is recorded with the booking's own writes (one statement, see bookOne).
      const booked = await bookOne(deps, trx, intent.id, p, job.specialistId, {
        finish: (bookingId, body): Outcome => ({ status: 201, body, bookingId }),
      })
      return { outcome: booked.outcome!, after: booked.after }
    })
  },

  async refused(deps, intent, job, refusal): Promise<AppError | null> {
    if (!SPECIALIST_REFUSALS.has(refusal.code)) return refusal
    if (await forward(deps, intent, job)) return null
    // "Any specialist": the last one's own reason (their day off, say) is not the answer.
    return (intent.payload as unknown as CreatePayload).candidates.length > 1 ? noneFree() : refusal
  },
}
