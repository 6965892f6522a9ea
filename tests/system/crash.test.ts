// Killing a worker process mid-job (docs/product.md §11): no accepted intent is lost, none is carried out
// twice, no wallet is debited twice. Workers run as real child processes; one is SIGKILLed while a
// booking transaction of it is blocked half-way (booking inserted, wallet debited, not committed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { workerChildren } from '../helpers/worker-children.ts'
import { createUser, createWallet, createWorld, overlappingBookings } from '../helpers/fixtures.ts'

const DEPOSIT = 10_000_000

let env: TestEnv
const { spawnWorker, stop, stopAll } = workerChildren(() => env)
let blocker: Knex.Transaction | undefined

beforeAll(async () => {
  // A short wait: with no worker running the API answers 202 with the intent's id.
  env = await createTestEnv({ INTENT_WAIT_MS: '200' })
})
afterAll(async () => {
  await stopAll()
  await blocker?.commit().catch(() => undefined)
  await env?.close()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function intentCounts() {
  const rows = await env.db('intents').select('status').count('* as n').groupBy('status')
  const by = Object.fromEntries(rows.map((r) => [r.status as string, Number(r.n)]))
  return { pending: by.pending ?? 0, finished: (by.succeeded ?? 0) + (by.failed ?? 0) }
}

/** Backends of this database (other than ours) waiting for a lock: the blocked worker transaction. */
async function lockWaiters() {
  const { rows } = await env.db.raw(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
  )
  return rows[0].n as number
}

describe('a worker killed mid-job', () => {
  it(
    'loses no accepted intent, books each exactly once and debits no wallet twice',
    { timeout: 180_000 },
    async () => {
      const w = await createWorld(env.db, { n: 6 })
      const app = await env.app()
      const date = DateTime.now().setZone(w.location.timezone).plus({ days: 1 }).toISODate()!
      const times = ['10:00', '11:30', '13:00', '14:30', '16:00'] // 60 + 15 min: never overlapping
      const slots: { specialistId: number; time: string }[] = []
      for (const s of w.specialists) for (const time of times) slots.push({ specialistId: s.id, time })
      // Four slots asked for twice: exactly one of each pair may win.
      const requests = [...slots, ...[1, 2, 3, 4].map((i) => slots[i * times.length + i]!)]
      const clients: Awaited<ReturnType<typeof createUser>>[] = []
      for (let i = 0; i < requests.length; i++) {
        const c = await createUser(env.db, ['client'])
        await createWallet(env.db, c.id, DEPOSIT)
        clients.push(c)
      }

      // No worker is running: every request is recorded and queued, and answered 202.
      const accepted = await Promise.all(
        requests.map(async (r, i) => {
          const res = await app.inject({
            method: 'POST',
            url: '/api/bookings',
            headers: { ...clients[i]!.headers, 'idempotency-key': `crash-${i}` },
            payload: {
              service_id: w.service.id,
              specialist_id: r.specialistId,
              start: { date, time: r.time },
              payment: 'wallet',
            },
          })
          expect(res.statusCode, res.body).toBe(202)
          return { ...r, client: clients[i]!, intentId: res.json().intent_id as number }
        }),
      )
      expect(await intentCounts()).toEqual({ pending: requests.length, finished: 0 })

      // Block the first specialist's booking transactions at their last write (the grid version bump
      // on its row), after the booking insert and the wallet debit.
      const blocked = w.specialists[0]!.id
      blocker = await env.db.transaction()
      await blocker('specialists').where({ id: blocked }).forUpdate().first('id')

      const first = spawnWorker()
      let progress = { pending: 0, finished: 0, waiters: 0 }
      for (let i = 0; i < 600; i++) {
        progress = { ...(await intentCounts()), waiters: await lockWaiters() }
        if (progress.finished > 0 && progress.waiters > 0) break
        if (first.proc.exitCode !== null) break
        await sleep(100)
      }
      expect(progress.finished, first.output.join('')).toBeGreaterThan(0)
      expect(progress.waiters, first.output.join('')).toBeGreaterThan(0)

      expect(await stop(first)).toBe('SIGKILL')
      await blocker.commit()
      blocker = undefined
      const atKill = await intentCounts()
      expect(atKill.pending).toBeGreaterThan(0)
      // The half-done transaction died with its process: nothing of the blocked specialist landed.
      expect(
        await env
          .db('intents')
          .where({ specialist_id: blocked })
          .whereNot({ status: 'pending' })
          .count('* as n')
          .first(),
      ).toMatchObject({ n: 0 })
      expect(
        await env.db('bookings').where({ specialist_id: blocked }).count('* as n').first(),
      ).toMatchObject({ n: 0 })

      const second = spawnWorker()
      let pending = atKill.pending
      for (let i = 0; i < 900 && pending > 0; i++) {
        await sleep(100)
        pending = (await intentCounts()).pending
      }
      expect(pending, second.output.join('')).toBe(0)

      // Every accepted intent finished exactly once, with the outcome its slot allows.
      const intents = await env.db('intents').whereIn(
        'id',
        accepted.map((a) => a.intentId),
      )
      expect(intents).toHaveLength(requests.length)
      const bookings = await env.db('bookings').select('*')
      const intentById = new Map(intents.map((i) => [i.id as number, i]))
      const winners = new Map<string, number>()
      for (const a of accepted) {
        const intent = intentById.get(a.intentId)!
        expect(intent.finished_at).not.toBeNull()
        const mine = bookings.filter((b) => b.intent_id === a.intentId)
        if (intent.status === 'succeeded') {
          expect(intent.result_status).toBe(201)
          expect(mine).toHaveLength(1)
          expect(mine[0]).toMatchObject({
            id: intent.booking_id,
            client_id: a.client.id,
            specialist_id: a.specialistId,
          })
          expect(intent.result).toMatchObject({ id: mine[0].id, date, time: a.time })
          const key = `${a.specialistId} ${a.time}`
          expect(winners.has(key), `two winners for ${key}`).toBe(false)
          winners.set(key, a.intentId)
        } else {
          expect(intent.status).toBe('failed')
          expect(intent.result_status).toBe(409)
          expect(intent.result).toMatchObject({ error: 'slot_taken' })
          expect(mine).toHaveLength(0)
        }
      }
      expect(winners.size).toBe(slots.length) // each distinct slot booked once, the duplicates refused
      expect(bookings).toHaveLength(slots.length)
      for (const b of bookings) expect(intentById.get(b.intent_id)?.status).toBe('succeeded')
      expect(await overlappingBookings(env.db)).toEqual([])

      // Wallets: one payment per booking, never two; balances equal their ledgers.
      for (const a of accepted) {
        const booked = bookings.filter((b) => b.client_id === a.client.id)
        const payments = await env
          .db('wallet_transactions')
          .where({ client_id: a.client.id, kind: 'payment' })
        expect(payments.map((p) => p.booking_id).sort()).toEqual(booked.map((b) => b.id).sort())
        const wallet = await env.db('client_wallets').where({ client_id: a.client.id }).first('balance')
        const spent = booked.reduce((sum, b) => sum + Number(b.price), 0)
        expect(wallet.balance).toBe(DEPOSIT - spent)
        const ledger = await env
          .db('wallet_transactions')
          .where({ client_id: a.client.id })
          .sum('amount as s')
          .first()
        expect(Number(ledger?.s)).toBe(wallet.balance)
      }

      // The status URL tells each client exactly what the database holds.
      for (const a of accepted) {
        const intent = intentById.get(a.intentId)!
        const res = await app.inject({ url: `/api/intents/${a.intentId}`, headers: a.client.headers })
        expect(res.statusCode).toBe(200)
        expect(res.json()).toMatchObject({
          id: a.intentId,
          status: intent.status,
          result_status: intent.result_status,
          result: intent.result,
        })
      }
    },
  )
})
