// Exactly one outcome per intent when two runs of its job overlap (a stalled job taken over while the
// first run still works): the outcome is written by `UPDATE … WHERE status = 'pending'` in the
// transaction of the booking, and a run that finds no pending row rolls its booking and debit back
// and answers with what the other run recorded. Real PostgreSQL, Redis and BullMQ queues.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWallet, createWorld, overlappingBookings } from '../helpers/fixtures.ts'
import { finishIntent, getIntent, recordIntent } from '../../src/intents/intent-store.ts'
import { IntentProcessor, type ProcessorDeps } from '../../src/workers/intent-processor.ts'
import { intentProcessorDeps, pendingCreate } from '../helpers/intent-processor-deps.ts'
import { createHandler } from '../../src/workers/intents/create.ts'
import { IntentAlreadyFinished } from '../../src/workers/intents/handler.ts'

let env: TestEnv
let deps: ProcessorDeps
let closeQueues: () => Promise<void>
beforeAll(async () => {
  env = await createTestEnv()
  ;({ deps, close: closeQueues } = intentProcessorDeps(env))
})
afterAll(async () => {
  await closeQueues?.()
  await env?.close()
})

/** A pending create intent for a wallet-paid booking tomorrow at `time`. */
async function walletIntent(time: string) {
  const w = await createWorld(env.db)
  await createWallet(env.db, w.client.id, 1_000_000)
  const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
  const startsAt = DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Moscow' }).toUTC().toISO()!
  const job = await pendingCreate(env, w, startsAt, 'wallet')
  return { w, job }
}

const ledger = (clientId: number) =>
  env.db('wallet_transactions').where({ client_id: clientId, kind: 'payment' }).select('amount', 'booking_id')

describe('exactly once', () => {
  it('two overlapping runs of one intent: one booking, one debit, both answer its 201', async () => {
    const { w, job } = await walletIntent('12:00')
    const processor = new IntentProcessor(deps)
    const [a, b] = await Promise.all([processor.process(job), processor.process(job)])
    expect(a).toMatchObject({ final: true, status: 201 })
    expect(b).toEqual(a)
    const bookings = await env.db('bookings').where({ client_id: w.client.id }).select('id')
    expect(bookings).toHaveLength(1)
    const debits = await ledger(w.client.id)
    expect(debits).toEqual([{ amount: -150000, booking_id: bookings[0]!.id }])
    const intent = await getIntent(env.db, job.intentId)
    expect(intent).toMatchObject({ status: 'succeeded', result_status: 201, booking_id: bookings[0]!.id })
  })

  it('a run whose intent was decided meanwhile rolls its booking and debit back', async () => {
    const { w, job } = await walletIntent('15:00')
    const stale = (await getIntent(env.db, job.intentId))!
    // Another run decided it (here: refused it) after this run read the intent as pending.
    const refusal = { status: 409, body: { error: 'slot_taken', message: 'taken' } }
    expect(await finishIntent(env.db, job.intentId, refusal)).toBe(true)
    expect(await finishIntent(env.db, job.intentId, refusal)).toBe(false)
    await expect(createHandler.run(deps, stale, job)).rejects.toBeInstanceOf(IntentAlreadyFinished)
    expect(await env.db('bookings').where({ client_id: w.client.id }).select('id')).toEqual([])
    expect(await ledger(w.client.id)).toEqual([])
    // The dispatcher answers with the recorded outcome.
    expect(await new IntentProcessor(deps).process(job)).toEqual({ final: true, ...refusal })
  })

  it('a chain and an unlocked create for the same time: one of them books it, the other is refused whole', async () => {
    // The create runs without the specialist's Redis lock (its partition queue serialises it); the
    // chain runs on another specialist's partition and locks both. The exclusion constraint decides.
    const w = await createWorld(env.db, { n: 2 })
    await createWallet(env.db, w.client.id, 1_000_000)
    const admin = await createUser(env.db, ['admin'])
    const [first, second] = w.specialists
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
    const at = (time: string) =>
      DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Moscow' }).toUTC().toISO()!
    const processor = new IntentProcessor(deps)
    // Two hours apart: a booking with its break never reaches the next round's time.
    for (const hour of [10, 12, 14, 16]) {
      const create = await recordIntent(env.db, {
        kind: 'create',
        userId: w.client.id,
        specialistId: second!.id,
        idempotencyKey: randomUUID(),
        request: { hour, create: true },
        payload: {
          client_id: w.client.id,
          service_id: w.service.id,
          starts_at: at(`${hour}:00`),
          payment: 'wallet',
          candidates: [second!.id],
          source: 'web',
          by: 'client',
          actor_id: w.client.id,
        },
      })
      // Item 1 with the first specialist an hour earlier, out of hours on purpose; item 2, with the
      // second, starts where item 1 ends (no break between two specialists): at the create's time.
      const chain = await recordIntent(env.db, {
        kind: 'chain',
        userId: admin.id,
        specialistId: first!.id,
        idempotencyKey: randomUUID(),
        request: { hour, chain: true },
        payload: {
          chain_id: randomUUID(),
          client_id: w.client.id,
          starts_at: at(`${String(hour - 1).padStart(2, '0')}:00`),
          items: [
            { service_id: w.service.id, specialist_id: first!.id },
            { service_id: w.service.id, specialist_id: second!.id },
          ],
          payment: 'wallet',
          actor_id: admin.id,
          allow_out_of_hours: true,
        },
      })
      const [c, k] = await Promise.all([
        processor.process({ intentId: create.row.id, uid: create.row.uid, specialistId: second!.id }),
        processor.process({ intentId: chain.row.id, uid: chain.row.uid, specialistId: first!.id }),
      ])
      const statuses = [c, k].map((r) => (r.final ? r.status : 0)).sort()
      expect(statuses).toEqual([201, 409])
    }
    expect(await overlappingBookings(env.db)).toEqual([])
    // Every committed booking paid once, nothing else debited.
    const bookings = await env.db('bookings').where({ client_id: w.client.id }).pluck('id')
    const debits = await ledger(w.client.id)
    expect(debits.map((d) => d.booking_id).sort()).toEqual([...bookings].sort())
  })
})
