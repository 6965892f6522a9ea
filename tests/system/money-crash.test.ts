// A worker process SIGKILLed between a booking's money movement and its commit leaves no debit
// without its booking, no booking without its debit, and no refund twice. The worker runs as a real
// child process (tests/helpers/worker-child.ts); the test holds a lock on the intent's row, which
// the worker's transaction updates last (`finishIntent`, after the booking insert and the wallet
// debit or refund; a new booking's writes and its outcome are one statement, a CTE whose last part
// is that update), waits until that transaction is blocked by the test's lock, and kills the process.
//
// The lock is FOR NO KEY UPDATE, not FOR UPDATE: inserting the booking checks its foreign key to the
// intent with FOR KEY SHARE, which FOR UPDATE would block — before the debit, which is not the point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { workerChildren, type WorkerChild } from '../helpers/worker-children.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

const DEPOSIT = 1_000_000

let env: TestEnv
const { spawnWorker, stop, stopAll } = workerChildren(() => env)
let app: FastifyInstance
let blocker: Knex.Transaction | undefined

beforeAll(async () => {
  // A short wait: with no worker running the API answers 202 with the intent's id.
  env = await createTestEnv({ INTENT_WAIT_MS: '200' })
  app = await env.app()
})
afterAll(async () => {
  await stopAll()
  await blocker?.rollback().catch(() => undefined)
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The backend blocked by the session `blockerPid` (which holds only the intent's row), with the
 * relations it writes: the worker's transaction waiting at the intent's update.
 */
async function blockedIntentUpdate(blockerPid: number) {
  const { rows } = await env.db.raw(
    `select a.pid,
            array(select l.relation::regclass::text from pg_locks l
                   where l.pid = a.pid and l.granted and l.locktype = 'relation'
                     and l.mode = 'RowExclusiveLock') as writes
       from pg_stat_activity a
      where a.datname = current_database() and a.wait_event_type = 'Lock'
        and ? = any(pg_blocking_pids(a.pid))`,
    [blockerPid],
  )
  return rows[0] as { pid: number; writes: string[] } | undefined
}

async function intentStatus(id: number) {
  return (await env.db('intents').where({ id }).first('status', 'result_status')) as {
    status: string
    result_status: number | null
  }
}

/**
 * Holds the intent's row, starts a worker, waits until its transaction is blocked finishing the
 * intent, kills it, releases the row; returns what the blocked transaction had written (uncommitted).
 */
async function killMidTransaction(intentId: number): Promise<string[]> {
  blocker = await env.db.transaction()
  await blocker('intents').where({ id: intentId }).forNoKeyUpdate().first('id')
  const blockerPid = (await blocker.raw('select pg_backend_pid() as pid')).rows[0].pid as number
  const worker = spawnWorker()
  let blocked: Awaited<ReturnType<typeof blockedIntentUpdate>>
  for (let i = 0; i < 600 && !blocked && worker.proc.exitCode === null; i++) {
    await sleep(100)
    blocked = await blockedIntentUpdate(blockerPid)
  }
  expect(blocked, worker.output.join('')).toBeDefined()
  expect(await stop(worker)).toBe('SIGKILL')
  await blocker.commit()
  blocker = undefined
  expect((await intentStatus(intentId)).status).toBe('pending')
  return blocked!.writes
}

async function waitFinished(intentId: number, worker: WorkerChild) {
  for (let i = 0; i < 900; i++) {
    const s = await intentStatus(intentId)
    if (s.status !== 'pending') return s
    await sleep(100)
  }
  throw new Error(`intent ${intentId} still pending; worker output: ${worker.output.join('')}`)
}

async function checkLedger(clientId: number) {
  const wallet = await env.db('client_wallets').where({ client_id: clientId }).first('balance')
  const sum = await env.db('wallet_transactions').where({ client_id: clientId }).sum({ s: 'amount' }).first()
  expect(Number(sum?.s)).toBe(Number(wallet.balance))
  // Every wallet-paid booking has exactly one payment row; no payment row lacks a booking.
  const paid = await env.db('bookings').where({ client_id: clientId, payment_method: 'wallet' }).pluck('id')
  const payments = await env
    .db('wallet_transactions')
    .where({ client_id: clientId, kind: 'payment' })
    .whereNull('client_package_id')
    .pluck('booking_id')
  expect(payments.sort()).toEqual(paid.sort())
  const orphans = await env
    .db('wallet_transactions as t')
    .leftJoin('bookings as b', 'b.id', 't.booking_id')
    .whereIn('t.kind', ['payment', 'refund'])
    .whereNull('t.client_package_id')
    .whereNull('b.id')
    .count({ n: '*' })
  expect(Number(orphans[0]!.n)).toBe(0)
  return Number(wallet.balance)
}

describe('a worker killed between the money and the commit', () => {
  it('debits once per booking and refunds once per cancel', { timeout: 240_000 }, async () => {
    const w = await createWorld(env.db)
    const admin = await createUser(env.db, ['admin'])
    const price = w.service.price
    const dep = await app.inject({
      method: 'POST',
      url: `/api/admin/clients/${w.client.id}/wallet/deposits`,
      headers: { ...admin.headers, 'idempotency-key': 'crash-deposit' },
      payload: { amount: DEPOSIT },
    })
    expect(dep.statusCode).toBe(201)
    const date = DateTime.now().setZone(w.location.timezone).plus({ days: 3 }).toISODate()!

    // 1. The booking: accepted with no worker running, then killed after its debit.
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'crash-book' },
      payload: {
        service_id: w.service.id,
        specialist_id: w.specialist.id,
        start: { date, time: '12:00' },
        payment: 'wallet',
      },
    })
    expect(res.statusCode, res.body).toBe(202)
    const bookIntent = res.json().intent_id as number
    const written = await killMidTransaction(bookIntent)
    // The killed transaction had inserted the booking and the debit when it died.
    expect(written).toEqual(expect.arrayContaining(['bookings', 'wallet_transactions']))
    expect(await env.db('bookings').where({ client_id: w.client.id })).toHaveLength(0)
    expect(
      await env.db('wallet_transactions').where({ client_id: w.client.id, kind: 'payment' }),
    ).toHaveLength(0)
    expect(await checkLedger(w.client.id)).toBe(DEPOSIT)

    const second = spawnWorker()
    expect(await waitFinished(bookIntent, second)).toEqual({ status: 'succeeded', result_status: 201 })
    const bookings = await env.db('bookings').where({ client_id: w.client.id })
    expect(bookings).toHaveLength(1)
    const booking = bookings[0]
    expect(booking).toMatchObject({
      intent_id: bookIntent,
      payment_method: 'wallet',
      price,
      status: 'confirmed',
    })
    const payments = await env.db('wallet_transactions').where({ booking_id: booking.id })
    expect(payments.map((p) => [p.kind, Number(p.amount)])).toEqual([['payment', -price]])
    expect(await checkLedger(w.client.id)).toBe(DEPOSIT - price)
    expect(await env.db('booking_history').where({ booking_id: booking.id })).toHaveLength(1)
    expect(await stop(second)).toBe('SIGKILL')

    // 2. The cancel: killed after its refund, then carried out again by a fresh worker.
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${booking.id}/cancel`,
      headers: { ...w.client.headers, 'idempotency-key': 'crash-cancel' },
      payload: {},
    })
    expect(cancel.statusCode, cancel.body).toBe(202)
    const cancelIntent = cancel.json().intent_id as number
    expect(await killMidTransaction(cancelIntent)).toEqual(
      expect.arrayContaining(['bookings', 'wallet_transactions', 'booking_history']),
    )
    expect(
      await env.db('wallet_transactions').where({ booking_id: booking.id, kind: 'refund' }),
    ).toHaveLength(0)
    expect((await env.db('bookings').where({ id: booking.id }).first()).status).toBe('confirmed')

    const third = spawnWorker()
    expect(await waitFinished(cancelIntent, third)).toEqual({ status: 'succeeded', result_status: 200 })
    const refunds = await env.db('wallet_transactions').where({ booking_id: booking.id, kind: 'refund' })
    expect(refunds.map((r) => Number(r.amount))).toEqual([price])
    expect((await env.db('bookings').where({ id: booking.id }).first()).status).toBe('cancelled')
    expect(
      (await env.db('booking_history').where({ booking_id: booking.id }).orderBy('id')).map(
        (h) => h.to_state,
      ),
    ).toEqual(['confirmed', 'cancelled'])
    expect(await checkLedger(w.client.id)).toBe(DEPOSIT)

    // A retry of either request now answers with the recorded outcome and moves no money.
    const retry = await app.inject({
      method: 'POST',
      url: `/api/bookings/${booking.id}/cancel`,
      headers: { ...w.client.headers, 'idempotency-key': 'crash-cancel' },
      payload: {},
    })
    expect(retry.statusCode).toBe(200)
    expect(retry.json().status).toBe('cancelled')
    expect(await env.db('wallet_transactions').where({ client_id: w.client.id })).toHaveLength(3)
  })
})
