// API side of an intent: record it durably, enqueue it on its specialist's queue, wait a bounded
// time for the outcome. The reply is the outcome (201/200/402/409/422…) or 202 with a status URL.
//
// A request with an Idempotency-Key is answered from what that key already holds before anything
// else is checked (`replayIntent`): what the catalogue, the grids or the booking look like now must
// not change the answer to a request that was already decided, or is being decided.
import type { Db } from '../data/db.ts'
import type { AppError } from '../domain/errors.ts'
import type { BookingQueues } from '../jobs/booking-queues.ts'
import {
  getIntent,
  intentByKey,
  recordIntent,
  recordRefusedIntent,
  type FollowedIntent,
  type NewIntent,
  type RefusedIntent,
} from './intent-store.ts'
import type { IntentWaiter } from './intent-waiter.ts'

export interface SubmitDeps {
  db: Db
  queues: BookingQueues
  waiter: IntentWaiter
  waitMs: number
}

export type SubmitResult =
  | { kind: 'outcome'; status: number; body: unknown }
  | { kind: 'accepted'; intentId: number; statusUrl: string }

/** What identifies a keyed request: who sent it, under which key, asking for what. */
export type KeyedRequest = Pick<NewIntent, 'kind' | 'userId' | 'idempotencyKey' | 'request'>

const outcomeOf = (row: FollowedIntent): SubmitResult | null =>
  row.status === 'pending' ? null : { kind: 'outcome', status: row.result_status!, body: row.result }

/**
 * The answer an Idempotency-Key already holds: its outcome, or (while it is pending) the outcome
 * awaited like the first request's, its job re-added in case Redis lost it. Null when the request
 * has no key or the key is new; 422 `idempotency_key_reused` when the key holds another request.
 * Call it first in every keyed handler, with the same `request` that `submitIntent` will hash.
 */
export async function replayIntent(deps: SubmitDeps, request: KeyedRequest): Promise<SubmitResult | null> {
  if (!request.idempotencyKey) return null
  const row = await intentByKey(deps.db, request)
  return row ? follow(deps, row, false) : null
}

export async function submitIntent(deps: SubmitDeps, intent: NewIntent): Promise<SubmitResult> {
  const { row, isNew } = await recordIntent(deps.db, intent)
  return follow(deps, row, isNew)
}

/**
 * Records a refusal the API decides itself from the state of things at that moment (no specialist
 * free at that time), so that it is the key's outcome like a refusal by the worker: a retry answers
 * it even when the time has been freed since. Without a key there is nothing to record.
 */
export async function refuseIntent(
  deps: SubmitDeps,
  intent: RefusedIntent,
  error: AppError,
): Promise<SubmitResult> {
  if (!intent.idempotencyKey) throw error
  const body = { error: error.code, message: error.message, ...(error.details ?? {}) }
  const { row, isNew } = await recordRefusedIntent(deps.db, intent, { status: error.status, body })
  // A concurrent duplicate may have been queued first: its outcome is this request's too.
  return follow(deps, row, isNew)
}

async function follow(deps: SubmitDeps, row: FollowedIntent, isNew: boolean): Promise<SubmitResult> {
  const finished = outcomeOf(row)
  if (finished) return finished // a retry with the same Idempotency-Key: the first outcome

  const wait = deps.waiter.wait(row.id, deps.waitMs)
  try {
    // A repeated request for a pending intent re-adds its job: a no-op if it is queued, a rescue if
    // Redis lost it.
    const job = {
      intentId: row.id,
      uid: row.uid,
      specialistId: row.specialist_id!,
      replyTo: deps.waiter.replyTo,
    }
    await (isNew ? deps.queues.add(job) : deps.queues.rescue(job))
  } catch (err) {
    wait.cancel()
    if (isNew) throw err
  }
  const outcome = await wait.promise
  if (outcome) return { kind: 'outcome', ...outcome }
  // The event may have been missed (a reconnect): the intent row has the last word.
  const latest = await getIntent(deps.db, row.id)
  return (
    (latest && outcomeOf(latest)) ?? {
      kind: 'accepted',
      intentId: row.id,
      statusUrl: `/api/intents/${row.id}`,
    }
  )
}
