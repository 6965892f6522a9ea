// The first outcome of a keyed money request answers every retry, refusals included. A request
// that moved money has its key on its ledger row (src/data/wallet-repository.ts); one refused by
// the state of things at that moment (402 not enough money, 409 not on sale or below zero) has it
// here, with the refusal. A request refused for what it says (404 unknown client or package, 422)
// stores nothing: asked again it gets the same answer, and a corrected request may keep its key.
import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { Db } from './db.ts'
import { AppError } from '../domain/errors.ts'

/** Refusals that depend on the moment, not on the request: the key is spent on them. */
const SPENDS_KEY = new Set([402, 409])

interface RefusalRow {
  idempotency_key: string
  request_hash: string
  status: number
  body: { error: string; message: string } & Record<string, unknown>
}

const hashOf = (request: readonly unknown[]) =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex')

const keyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  )

const asError = (row: RefusalRow) => {
  const { error, message, ...details } = row.body
  return new AppError(row.status, error, message, Object.keys(details).length ? details : undefined)
}

/**
 * Throws the refusal stored under `key`, if any. The wallet repository calls it wherever it looks
 * for a ledger row under the key, so that a duplicate that waited for the wallet's lock while the
 * first request was refused answers that refusal rather than acting on a newer balance.
 */
export async function throwStoredRefusal(k: Knex | Knex.Transaction, key: string): Promise<void> {
  const row = (await k('money_refusals').where({ idempotency_key: key }).first()) as RefusalRow | undefined
  if (row) throw asError(row)
}

export interface KeyedMoneyRequest<T> {
  /** The scoped key (`u<user>:<key>`, as on the ledger). */
  key: string
  /** Whose wallet the request is about: its row lock orders a refusal against a concurrent write. */
  clientId: number
  /** What the request asks for, in a fixed order, e.g. `['deposit', clientId, amount, comment]`. */
  request: readonly unknown[]
  /** Refusals of the request itself, judged only while the key holds nothing. */
  check?: () => Promise<void>
  /** The keyed ledger write; it replays the ledger row stored under the key (or 422s). */
  run: () => Promise<T>
}

/**
 * Answers a keyed money request from what its key holds before judging anything: the stored
 * ledger write, or the stored refusal. A new key runs the request; a 402/409 refusal is then stored
 * under the key, unless a concurrent duplicate moved the money first (then that is the answer).
 */
export async function keyedMoneyRequest<T>(db: Db, a: KeyedMoneyRequest<T>): Promise<T> {
  const hash = hashOf(a.request)
  const moved = async (k: Knex | Knex.Transaction) =>
    !!(await k('wallet_transactions').where({ idempotency_key: a.key }).first('id'))
  if (await moved(db)) return a.run()
  const stored = (await db('money_refusals').where({ idempotency_key: a.key }).first()) as
    RefusalRow | undefined
  if (stored) throw stored.request_hash === hash ? asError(stored) : keyReused()

  await a.check?.()
  try {
    return await a.run()
  } catch (err) {
    if (!(err instanceof AppError) || !SPENDS_KEY.has(err.status)) throw err
    const replay = await db.transaction(async (trx) => {
      // Under the wallet's lock, as the ledger write was: a duplicate either committed its ledger
      // row before this (and that is the outcome) or finds this refusal once it gets the lock.
      await trx('client_wallets').where({ client_id: a.clientId }).forUpdate().first('client_id')
      if (await moved(trx)) return true
      await trx('money_refusals')
        .insert({
          idempotency_key: a.key,
          request_hash: hash,
          status: err.status,
          body: JSON.stringify({ error: err.code, message: err.message, ...(err.details ?? {}) }),
        })
        .onConflict('idempotency_key')
        .ignore()
      return false
    })
    if (replay) return a.run()
    // The first refusal stored under the key, this one or a duplicate's.
    await throwStoredRefusal(db, a.key)
    throw err
  }
}
