// Every route that takes an Idempotency-Key answers a retry with the first outcome, on every path,
// before any other check: after a success, after a refusal by the state of things (402, 409), for
// two identical requests at once, and from an API process other than the one that answered first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DateTime } from 'luxon'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime } from '../../src/api/runtime.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createService, createUser, createWallet, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
type World = Awaited<ReturnType<typeof createWorld>>

let env: TestEnv
let admin: User
let w: World

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  admin = await createUser(env.db, ['admin'])
  w = await createWorld(env.db, { n: 2 })
})
afterAll(async () => env?.close())

const ZONE = 'Europe/Moscow'
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!
let keys = 0
const newKey = () => `idem-${++keys}-${Date.now()}`

/** A second API process on the same PostgreSQL and Redis: its own runtime, catalogue and waiter. */
async function otherApi() {
  const runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 0 })
  const app = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
  await app.ready()
  return {
    app,
    close: async () => {
      await app.close()
      await runtime.close()
    },
  }
}

const post = (
  app: FastifyInstance,
  who: User,
  url: string,
  payload: Record<string, unknown> | undefined,
  key: string,
) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...who.headers, 'idempotency-key': key },
    ...(payload !== undefined && { payload }),
  })

const same = (a: LightMyRequestResponse, b: LightMyRequestResponse) => {
  expect(b.statusCode).toBe(a.statusCode)
  expect(b.json()).toEqual(a.json())
}

const bookingsOf = (clientId: number) =>
  env.db('bookings').where({ client_id: clientId }).whereNot({ status: 'cancelled' }).select('id')

/** A booking of the world's client made directly (so a test can then act on it). */
async function booked(date: string, time: string, specialist = w.specialists[0]!) {
  const app = await env.app()
  const res = await post(
    app,
    w.client,
    '/api/bookings',
    { service_id: w.service.id, specialist_id: specialist.id, start: { date, time } },
    newKey(),
  )
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number }
}

/** Moves a booking `days` into the past, its machine's memory included (a visit that has begun). */
async function intoThePast(bookingId: number, days: number) {
  await env.db.raw(
    `update bookings set starts_at = starts_at - make_interval(days => ?),
            ends_at = ends_at - make_interval(days => ?), busy_until = busy_until - make_interval(days => ?),
            machine_snapshot = jsonb_set(machine_snapshot, '{snapshot,context,startsAt}',
              to_jsonb(to_char((starts_at - make_interval(days => ?)) at time zone 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      where id = ?`,
    [days, days, days, days, bookingId],
  )
}

describe('POST /api/bookings with one specialist', () => {
  const body = (date: string, time: string, extra: Record<string, unknown> = {}) => ({
    service_id: w.service.id,
    specialist_id: w.specialists[0]!.id,
    start: { date, time },
    ...extra,
  })

  it('answers a retry after a success with it, even once the specialist no longer offers the service', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const first = await post(app, client, '/api/bookings', body(day(3), '10:00'), key)
    expect(first.statusCode).toBe(201)
    // A catalogue change between the two must not turn the booked request into a refusal.
    const link = { specialist_id: w.specialists[0]!.id, service_id: w.service.id }
    await env.db('specialist_services').where(link).delete()
    try {
      same(first, await post(app, client, '/api/bookings', body(day(3), '10:00'), key))
    } finally {
      await env.db('specialist_services').insert(link)
    }
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })

  it('answers a retry after 409 with the 409, even once the time is free', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const other = await booked(day(3), '12:00')
    const key = newKey()
    const first = await post(app, client, '/api/bookings', body(day(3), '12:00'), key)
    expect(first.statusCode).toBe(409)
    await post(app, w.client, `/api/bookings/${other.id}/cancel`, {}, newKey())
    same(first, await post(app, client, '/api/bookings', body(day(3), '12:00'), key))
    expect(await bookingsOf(client.id)).toHaveLength(0)
  })

  it('answers a retry after 402 with the 402, even once the wallet is topped up', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const request = body(day(3), '14:00', { payment: 'wallet' })
    const first = await post(app, client, '/api/bookings', request, key)
    expect(first.statusCode).toBe(402)
    await createWallet(env.db, client.id, 1_000_000)
    same(first, await post(app, client, '/api/bookings', request, key))
    expect(await bookingsOf(client.id)).toHaveLength(0)
  })

  it('books once for two identical requests at once, and answers both alike', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const [a, b] = await Promise.all([
      post(app, client, '/api/bookings', body(day(3), '16:00'), key),
      post(app, client, '/api/bookings', body(day(3), '16:00'), key),
    ])
    expect(a!.statusCode).toBe(201)
    same(a!, b!)
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })

  it('answers a retry sent to another API process after the first one closed', async () => {
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const one = await otherApi()
    const first = await post(one.app, client, '/api/bookings', body(day(3), '17:45'), key)
    await one.close()
    expect(first.statusCode).toBe(201)
    const two = await otherApi()
    try {
      same(first, await post(two.app, client, '/api/bookings', body(day(3), '17:45'), key))
    } finally {
      await two.close()
    }
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })
})

describe('POST /api/bookings with any specialist', () => {
  const body = (date: string, time: string) => ({ service_id: w.service.id, start: { date, time } })

  it('answers a retry after a success with it, though its own booking now holds the time', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    // One specialist is busy: the retry would find nobody free if it were judged afresh.
    await booked(day(4), '10:00', w.specialists[1]!)
    const first = await post(app, client, '/api/bookings', body(day(4), '10:00'), key)
    expect(first.statusCode).toBe(201)
    same(first, await post(app, client, '/api/bookings', body(day(4), '10:00'), key))
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })

  it('answers a retry after "nobody is free" with the 409, even once someone is free', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const a = await booked(day(4), '12:00', w.specialists[0]!)
    await booked(day(4), '12:00', w.specialists[1]!)
    const key = newKey()
    const first = await post(app, client, '/api/bookings', body(day(4), '12:00'), key)
    expect(first.statusCode).toBe(409)
    expect(first.json().error).toBe('slot_taken')
    expect((await post(app, w.client, `/api/bookings/${a.id}/cancel`, {}, newKey())).statusCode).toBe(200)
    same(first, await post(app, client, '/api/bookings', body(day(4), '12:00'), key))
    expect(await bookingsOf(client.id)).toHaveLength(0)
    // A new attempt takes a new key.
    expect((await post(app, client, '/api/bookings', body(day(4), '12:00'), newKey())).statusCode).toBe(201)
  })

  it('books once for two identical requests at once, and answers both alike', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const [a, b] = await Promise.all([
      post(app, client, '/api/bookings', body(day(4), '14:00'), key),
      post(app, client, '/api/bookings', body(day(4), '14:00'), key),
    ])
    expect(a!.statusCode).toBe(201)
    same(a!, b!)
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })

  it('answers a retry sent to another API process after the first one closed', async () => {
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const one = await otherApi()
    const first = await post(one.app, client, '/api/bookings', body(day(4), '16:00'), key)
    await one.close()
    expect(first.statusCode).toBe(201)
    const two = await otherApi()
    try {
      same(first, await post(two.app, client, '/api/bookings', body(day(4), '16:00'), key))
    } finally {
      await two.close()
    }
    expect(await bookingsOf(client.id)).toHaveLength(1)
  })
})

describe('booking lifecycle routes', () => {
  const specialistOf = () => w.specialists[0]!.user
  /** A visit is marked only once it has started: moves a booking's start `hours` into the past. */
  const startedHoursAgo = (id: number, hours: number) =>
    env.db.raw(
      `update bookings set starts_at = t, ends_at = ends_at - (starts_at - t), busy_until = busy_until - (starts_at - t),
         machine_snapshot = jsonb_set(machine_snapshot, '{snapshot,context,startsAt}',
           to_jsonb(to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
       from (select date_trunc('second', now()) - make_interval(hours => ?) as t) x where id = ?`,
      [hours, id],
    )

  it('cancel: the first outcome after a success, for duplicates at once, and across processes', async () => {
    const app = await env.app()
    const b = await booked(day(5), '10:00')
    const key = newKey()
    const url = `/api/bookings/${b.id}/cancel`
    const [first, twin] = await Promise.all([
      post(app, w.client, url, { reason: 'ill' }, key),
      post(app, w.client, url, { reason: 'ill' }, key),
    ])
    expect(first!.statusCode).toBe(200)
    same(first!, twin!)
    same(first!, await post(app, w.client, url, { reason: 'ill' }, key))
    const other = await otherApi()
    try {
      same(first!, await post(other.app, w.client, url, { reason: 'ill' }, key))
    } finally {
      await other.close()
    }
    const history = await env.db('booking_history').where({ booking_id: b.id, to_state: 'cancelled' })
    expect(history).toHaveLength(1)
  })

  it('cancel: a retry after 409 answers the 409', async () => {
    const app = await env.app()
    const b = await booked(day(5), '12:00')
    await startedHoursAgo(b.id, 2)
    expect((await post(app, admin, `/api/bookings/${b.id}/complete`, {}, newKey())).statusCode).toBe(200)
    const key = newKey()
    const first = await post(app, w.client, `/api/bookings/${b.id}/cancel`, {}, key)
    expect(first.statusCode).toBe(409)
    same(first, await post(app, w.client, `/api/bookings/${b.id}/cancel`, {}, key))
  })

  it('reschedule: a retry answers the first move, once, even after a second move', async () => {
    const app = await env.app()
    const b = await booked(day(5), '14:00')
    const key = newKey()
    const url = `/api/bookings/${b.id}/reschedule`
    const to = { start: { date: day(6), time: '10:00' } }
    const [first, twin] = await Promise.all([
      post(app, w.client, url, to, key),
      post(app, w.client, url, to, key),
    ])
    expect(first!.statusCode).toBe(200)
    same(first!, twin!)
    const moved = await post(app, w.client, url, { start: { date: day(6), time: '12:00' } }, newKey())
    expect(moved.statusCode).toBe(200)
    const other = await otherApi()
    try {
      same(first!, await post(other.app, w.client, url, to, key))
    } finally {
      await other.close()
    }
    expect((await env.db('bookings').where({ id: b.id }).first()).starts_at.toISOString()).toBe(
      new Date(moved.json().start).toISOString(),
    )
  })

  it('reschedule: a retry after 409 answers the 409, even once the time is free', async () => {
    const app = await env.app()
    const b = await booked(day(5), '16:00')
    const blocker = await booked(day(6), '14:00')
    const key = newKey()
    const url = `/api/bookings/${b.id}/reschedule`
    const to = { start: { date: day(6), time: '14:00' } }
    const first = await post(app, w.client, url, to, key)
    expect(first.statusCode).toBe(409)
    await post(app, w.client, `/api/bookings/${blocker.id}/cancel`, {}, newKey())
    same(first, await post(app, w.client, url, to, key))
    expect((await env.db('bookings').where({ id: b.id }).first()).starts_at.toISOString()).toBe(
      DateTime.fromISO(`${day(5)}T16:00`, { zone: ZONE })
        .toUTC()
        .toISO(),
    )
  })

  it('complete: the first outcome after a success, for duplicates at once, across processes, and after 409', async () => {
    const app = await env.app()
    const b = await booked(day(7), '10:00')
    await startedHoursAgo(b.id, 5)
    const key = newKey()
    const url = `/api/bookings/${b.id}/complete`
    const [first, twin] = await Promise.all([
      post(app, specialistOf(), url, {}, key),
      post(app, specialistOf(), url, {}, key),
    ])
    expect(first!.statusCode).toBe(200)
    same(first!, twin!)
    const other = await otherApi()
    try {
      same(first!, await post(other.app, specialistOf(), url, {}, key))
    } finally {
      await other.close()
    }
    // A second completion under another key is refused; its retry says so again.
    const refusedKey = newKey()
    const refused = await post(app, specialistOf(), url, {}, refusedKey)
    expect(refused.statusCode).toBe(409)
    same(refused, await post(app, specialistOf(), url, {}, refusedKey))
  })

  it('no-show: a retry after 409 answers the 409 even once the visit has begun; a success likewise', async () => {
    const app = await env.app()
    const b = await booked(day(7), '12:00')
    const url = `/api/bookings/${b.id}/no-show`
    const early = newKey()
    const first = await post(app, specialistOf(), url, {}, early)
    expect(first.statusCode).toBe(409) // it has not begun yet
    await intoThePast(b.id, 8)
    same(first, await post(app, specialistOf(), url, {}, early))

    const key = newKey()
    const [ok, twin] = await Promise.all([
      post(app, specialistOf(), url, {}, key),
      post(app, specialistOf(), url, {}, key),
    ])
    expect(ok!.statusCode).toBe(200)
    same(ok!, twin!)
    const other = await otherApi()
    try {
      same(ok!, await post(other.app, specialistOf(), url, {}, key))
    } finally {
      await other.close()
    }
  })
})

describe('POST /api/admin/bookings/chain', () => {
  let nails: Awaited<ReturnType<typeof createService>>
  beforeAll(async () => {
    nails = await createService(env.db, { name: 'Nails', duration_minutes: 30, break_minutes: 0 })
    await env.db('specialist_services').insert({ specialist_id: w.specialists[1]!.id, service_id: nails.id })
  })
  const chain = (date: string, time: string) => ({
    client_id: w.client.id,
    start: { date, time },
    items: [
      { service_id: w.service.id, specialist_id: w.specialists[0]!.id },
      { service_id: nails.id, specialist_id: w.specialists[1]!.id },
    ],
  })
  const url = '/api/admin/bookings/chain'

  it('answers a retry after a success with it, even once an item is no longer offered', async () => {
    const app = await env.app()
    const key = newKey()
    const [first, twin] = await Promise.all([
      post(app, admin, url, chain(day(9), '10:00'), key),
      post(app, admin, url, chain(day(9), '10:00'), key),
    ])
    expect(first!.statusCode).toBe(201)
    same(first!, twin!)
    const link = { specialist_id: w.specialists[1]!.id, service_id: nails.id }
    await env.db('specialist_services').where(link).delete()
    try {
      same(first!, await post(app, admin, url, chain(day(9), '10:00'), key))
      const other = await otherApi()
      try {
        same(first!, await post(other.app, admin, url, chain(day(9), '10:00'), key))
      } finally {
        await other.close()
      }
    } finally {
      await env.db('specialist_services').insert(link)
    }
    expect(await env.db('bookings').where({ chain_id: first!.json().chain_id })).toHaveLength(2)
  })

  it('answers a retry after 409 with the 409, even once the item is free', async () => {
    const app = await env.app()
    const blocker = await booked(day(9), '14:00', w.specialists[0]!)
    const key = newKey()
    const first = await post(app, admin, url, chain(day(9), '14:00'), key)
    expect(first.statusCode).toBe(409)
    await post(app, w.client, `/api/bookings/${blocker.id}/cancel`, {}, newKey())
    same(first, await post(app, admin, url, chain(day(9), '14:00'), key))
  })
})

describe('money routes', () => {
  async function createPackage(price: number) {
    const [row] = await env
      .db('service_packages')
      .insert({
        name: 'Three haircuts',
        composition: JSON.stringify({ items: [{ service_id: w.service.id, count: 3 }], valid_days: 30 }),
        price,
      })
      .returning('*')
    return row as { id: number }
  }
  const deposit = (app: FastifyInstance, clientId: number, amount: number, key: string) =>
    post(app, admin, `/api/admin/clients/${clientId}/wallet/deposits`, { amount, comment: 'cash' }, key)
  const adjust = (app: FastifyInstance, clientId: number, amount: number, key: string) =>
    post(app, admin, `/api/admin/clients/${clientId}/wallet/adjustments`, { amount, comment: 'fix' }, key)
  const ledger = (clientId: number) => env.db('wallet_transactions').where({ client_id: clientId })
  /** The part of a money answer that is the request's outcome (the balance is read afresh). */
  const outcome = (res: LightMyRequestResponse) => {
    const { balance: _balance, ...rest } = res.json()
    return { status: res.statusCode, ...rest }
  }

  it('purchase: a retry after 402 answers the 402, even once the wallet is topped up', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const pkg = await createPackage(10_000)
    const key = newKey()
    const first = await post(app, client, `/api/packages/${pkg.id}/purchase`, undefined, key)
    expect(first.statusCode).toBe(402)
    await deposit(app, client.id, 50_000, newKey())
    same(first, await post(app, client, `/api/packages/${pkg.id}/purchase`, undefined, key))
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(0)
    // A new attempt takes a new key.
    const again = await post(app, client, `/api/packages/${pkg.id}/purchase`, undefined, newKey())
    expect(again.statusCode).toBe(201)
  })

  it('purchase: a retry after 409 answers the 409, even once the package is on sale again', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    await createWallet(env.db, client.id, 50_000)
    const pkg = await createPackage(10_000)
    await env.db('service_packages').where({ id: pkg.id }).update({ active: false })
    const key = newKey()
    const first = await post(app, client, `/api/packages/${pkg.id}/purchase`, undefined, key)
    expect(first.statusCode).toBe(409)
    await env.db('service_packages').where({ id: pkg.id }).update({ active: true })
    same(first, await post(app, client, `/api/packages/${pkg.id}/purchase`, undefined, key))
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(0)
  })

  it('purchase: once for duplicates at once, the same after a success, across processes', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    await createWallet(env.db, client.id, 25_000)
    const pkg = await createPackage(10_000)
    const key = newKey()
    const purchase = (a: FastifyInstance) =>
      post(a, client, `/api/packages/${pkg.id}/purchase`, undefined, key)
    const [first, twin] = await Promise.all([purchase(app), purchase(app)])
    expect(first!.statusCode).toBe(201)
    expect(outcome(twin!)).toEqual(outcome(first!))
    // Withdrawn from sale since: the retry still answers the purchase it made.
    await env.db('service_packages').where({ id: pkg.id }).update({ active: false })
    expect(outcome(await purchase(app))).toEqual(outcome(first!))
    const other = await otherApi()
    try {
      expect(outcome(await purchase(other.app))).toEqual(outcome(first!))
    } finally {
      await other.close()
    }
    expect(await ledger(client.id).where({ kind: 'payment' })).toHaveLength(1)
  })

  it('deposit: once for duplicates at once, the same after a success, across processes', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const [first, twin] = await Promise.all([
      deposit(app, client.id, 7_000, key),
      deposit(app, client.id, 7_000, key),
    ])
    expect(first!.statusCode).toBe(201)
    expect(outcome(twin!)).toEqual(outcome(first!))
    expect(outcome(await deposit(app, client.id, 7_000, key))).toEqual(outcome(first!))
    const other = await otherApi()
    try {
      expect(outcome(await deposit(other.app, client.id, 7_000, key))).toEqual(outcome(first!))
    } finally {
      await other.close()
    }
    expect(await ledger(client.id)).toHaveLength(1)
  })

  it('adjustment: a retry after 409 answers the 409, even once the balance would cover it', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    const key = newKey()
    const first = await adjust(app, client.id, -3_000, key)
    expect(first.statusCode).toBe(409)
    expect(first.json().error).toBe('negative_balance')
    await deposit(app, client.id, 10_000, newKey())
    same(first, await adjust(app, client.id, -3_000, key))
    expect(await ledger(client.id).where({ kind: 'adjustment' })).toHaveLength(0)
    // The same key with another amount is another request.
    expect((await adjust(app, client.id, -2_000, key)).json().error).toBe('idempotency_key_reused')
  })

  it('adjustment: once for duplicates at once, the same after a success, across processes', async () => {
    const app = await env.app()
    const client = await createUser(env.db, ['client'])
    await createWallet(env.db, client.id, 5_000)
    const key = newKey()
    const [first, twin] = await Promise.all([
      adjust(app, client.id, -5_000, key),
      adjust(app, client.id, -5_000, key),
    ])
    expect(first!.statusCode).toBe(201)
    expect(outcome(twin!)).toEqual(outcome(first!))
    // The balance is 0 now, so judged afresh it would be refused.
    expect(outcome(await adjust(app, client.id, -5_000, key))).toEqual(outcome(first!))
    const other = await otherApi()
    try {
      expect(outcome(await adjust(other.app, client.id, -5_000, key))).toEqual(outcome(first!))
    } finally {
      await other.close()
    }
    expect(await ledger(client.id).where({ kind: 'adjustment' })).toHaveLength(1)
  })
})
