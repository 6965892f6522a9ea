// Intents in PostgreSQL: every state-changing booking request is recorded here before it is
// queued, with its idempotency key and the hash of its request; its outcome is written in the
// same transaction as its effects, so a retried job or request finds it and never acts twice.
import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { Db } from '../data/db.ts'
import { prepared } from '../data/prepared.ts'
import { AppError } from '../domain/errors.ts'

/** 'chain': an admin's services back to back, all booked or none (migration 003). */
export type IntentKind = 'create' | 'cancel' | 'reschedule' | 'complete' | 'no_show' | 'chain'

export interface IntentRow {
  id: number
  /** Names the intent's jobs (src/jobs/booking-queues.ts). */
  uid: string
  kind: IntentKind
  user_id: number
  specialist_id: number | null
  booking_id: number | null
  idempotency_key: string | null
  request_hash: string
  payload: Record<string, unknown>
  status: 'pending' | 'succeeded' | 'failed'
  result_status: number | null
  result: unknown
  request_id: string | null
  created_at: Date
}

export interface NewIntent {
  kind: IntentKind
  userId: number
  specialistId: number
  bookingId?: number | null
  idempotencyKey?: string | null
  /** What the request asked for, as validated (hashed to recognise a reused key). */
  request: unknown
  /** What the worker needs. */
  payload: Record<string, unknown>
  requestId?: string
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export const requestHash = (kind: string, request: unknown) =>
  createHash('sha256')
    .update(`${kind}\n${canonical(request)}`)
    .digest('hex')

/** What the API needs of an intent it has just recorded, to queue it and await or answer its outcome. */
const FOLLOWED = ['id', 'uid', 'specialist_id', 'status', 'result_status', 'result'] as const
export type FollowedIntent = Pick<IntentRow, (typeof FOLLOWED)[number]>

/** Records a new intent, or returns the one already recorded under the same idempotency key. */
export async function recordIntent(
  db: Db,
  intent: NewIntent,
): Promise<{ row: FollowedIntent; isNew: boolean }> {
  const hash = requestHash(intent.kind, intent.request)
  // Prepared by name: every booking request records one.
  const inserted = await prepared(
    db('intents')
      .insert({
        kind: intent.kind,
        user_id: intent.userId,
        specialist_id: intent.specialistId,
        booking_id: intent.bookingId ?? null,
        idempotency_key: intent.idempotencyKey ?? null,
        request_hash: hash,
        payload: JSON.stringify(intent.payload),
        request_id: intent.requestId ?? null,
      })
      .onConflict(['user_id', 'idempotency_key'])
      .ignore()
      .returning(FOLLOWED),
  )
  if (inserted[0]) return { row: inserted[0] as FollowedIntent, isNew: true }
  const existing = (await db('intents')
    .where({ user_id: intent.userId, idempotency_key: intent.idempotencyKey })
    .first()) as IntentRow
  if (existing.request_hash !== hash) throw idempotencyKeyReused()
  return { row: existing, isNew: false }
}

const INTENT_COLUMNS = [
  'id',
  'uid',
  'kind',
  'user_id',
  'specialist_id',
  'booking_id',
  'idempotency_key',
  'request_hash',
  'payload',
  'status',
  'result_status',
  'result',
  'request_id',
  'created_at',
] as const satisfies readonly (keyof IntentRow)[]

/** The intent (a prepared statement: every intent job starts with it). */
export const getIntent = (db: Db | Knex.Transaction, id: number) =>
  prepared(
    db('intents')
      .where({ id })
      .first(...INTENT_COLUMNS),
  ) as Promise<IntentRow | undefined>

/** The update that writes an intent's outcome when it is still pending (returning its id then). */
export const finishIntentQuery = (
  db: Db | Knex.Transaction,
  id: number,
  outcome: { status: number; body: unknown; bookingId?: number | null },
) =>
  db('intents')
    .where({ id, status: 'pending' })
    .update({
      status: outcome.status < 400 ? 'succeeded' : 'failed',
      result_status: outcome.status,
      result: JSON.stringify(outcome.body),
      finished_at: db.fn.now(),
      ...(outcome.bookingId ? { booking_id: outcome.bookingId } : {}),
    })

/**
 * Writes the final outcome (inside the caller's transaction when given) of an intent still pending.
 * False when it was not pending any more: another run decided it first, and the caller's
 * transaction must not commit what it did. (In a write batch: `finishIntentQuery` returning `id`.)
 */
export async function finishIntent(
  db: Db | Knex.Transaction,
  id: number,
  outcome: { status: number; body: unknown; bookingId?: number | null },
): Promise<boolean> {
  return (await finishIntentQuery(db, id, outcome)) === 1
}

/** Moves a pending intent to another specialist (the next candidate of an "any specialist" create). */
export async function reassignIntent(db: Db, id: number, specialistId: number): Promise<void> {
  await db('intents').where({ id, status: 'pending' }).update({ specialist_id: specialistId })
}

/** Intents still pending after `olderThanMs`: lost from the queue if nothing else holds them. */
export const stalePendingIntents = (db: Db, olderThanMs: number, limit = 500) =>
  db('intents')
    .where({ status: 'pending' })
    .where('created_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('created_at')
    .limit(limit)
    .select('id', 'uid', 'specialist_id', 'payload') as Promise<
    Pick<IntentRow, 'id' | 'uid' | 'specialist_id' | 'payload'>[]
  >

export const idempotencyKeyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  )

/** The intent recorded under the request's key, if any; 422 when it was recorded for another request. */
export async function intentByKey(
  db: Db,
  q: Pick<NewIntent, 'kind' | 'userId' | 'idempotencyKey' | 'request'>,
): Promise<IntentRow | null> {
  // Prepared by name: every keyed request looks for its replay first.
  const row = (await prepared(
    db('intents')
      .where({ user_id: q.userId, idempotency_key: q.idempotencyKey })
      .first(...INTENT_COLUMNS),
  )) as IntentRow | undefined
  if (!row) return null
  if (row.request_hash !== requestHash(q.kind, q.request)) throw idempotencyKeyReused()
  return row
}

/** An intent refused before it is queued may have no specialist (none was free). */
export type RefusedIntent = Omit<NewIntent, 'specialistId'> & { specialistId?: number | null }

/**
 * Records an intent that is refused before it is queued, finished at once with `outcome`; or, like
 * `recordIntent`, returns the one a concurrent duplicate recorded first under the same key.
 */
export async function recordRefusedIntent(
  db: Db,
  intent: RefusedIntent,
  outcome: { status: number; body: unknown },
): Promise<{ row: FollowedIntent; isNew: boolean }> {
  // Prepared by name: every booking request records one.
  const inserted = await prepared(
    db('intents')
      .insert({
        kind: intent.kind,
        user_id: intent.userId,
        specialist_id: intent.specialistId ?? null,
        booking_id: intent.bookingId ?? null,
        idempotency_key: intent.idempotencyKey ?? null,
        request_hash: requestHash(intent.kind, intent.request),
        payload: JSON.stringify(intent.payload),
        request_id: intent.requestId ?? null,
        status: 'failed',
        result_status: outcome.status,
        result: JSON.stringify(outcome.body),
        finished_at: db.fn.now(),
      })
      .onConflict(['user_id', 'idempotency_key'])
      .ignore()
      .returning(FOLLOWED),
  )
  if (inserted[0]) return { row: inserted[0] as FollowedIntent, isNew: true }
  return { row: (await intentByKey(db, intent))!, isNew: false }
}

/** Intents that ended `failed` with a 5xx (ours, not the client's), by kind: for /metrics. */
export async function failedIntentCounts(db: Db): Promise<{ kind: IntentKind; n: number }[]> {
  const rows = await db('intents')
    .where({ status: 'failed' })
    .where('result_status', '>=', 500)
    .groupBy('kind')
    .select('kind', db.raw('count(*)::int as n'))
  return rows as { kind: IntentKind; n: number }[]
}
