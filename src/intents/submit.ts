// API side of an intent: record it durably, enqueue it on its specialist's queue, wait a bounded
// time for the outcome. The reply is the outcome (201/200/402/409/422…) or 202 with a status URL.
import type { Db } from '../data/db.ts'
import type { BookingQueues } from '../queues/booking-queues.ts'
import { getIntent, recordIntent, type IntentRow, type NewIntent } from './intent-store.ts'
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

const outcomeOf = (row: IntentRow): SubmitResult | null =>
  row.status === 'pending' ? null : { kind: 'outcome', status: row.result_status!, body: row.result }

export async function submitIntent(deps: SubmitDeps, intent: NewIntent): Promise<SubmitResult> {
  const { row, isNew } = await recordIntent(deps.db, intent)
  const finished = outcomeOf(row)
  if (finished) return finished // a retry with the same Idempotency-Key: the first outcome

  const wait = deps.waiter.wait(row.id, deps.waitMs)
  try {
    // A repeated request for a pending intent re-adds its job: a no-op if it is queued, a rescue if
    // Redis lost it.
    const job = { intentId: row.id, uid: row.uid, specialistId: row.specialist_id ?? intent.specialistId }
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
