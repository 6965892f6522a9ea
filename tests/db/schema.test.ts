// The schema's own guarantees, checked straight against PostgreSQL: migrations run both ways,
// double bookings are impossible, and the wallet ledger keeps the balance honest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createService, createSpecialist, createUser } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

const SPEC_TABLES = [
  'users',
  'user_roles',
  'company',
  'locations',
  'rooms',
  'services',
  'service_rooms',
  'service_packages',
  'specialists',
  'specialist_services',
  'calendar_overrides',
  'bookings',
  'booking_discounts',
  'client_packages',
  'client_discounts',
  'client_wallets',
  'wallet_transactions',
  'push_subscriptions',
]

async function tables() {
  const rows = await env.db('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name')
  return rows as string[]
}

describe('migrations', () => {
  it('create every table of docs/product.md §3', async () => {
    expect(await tables()).toEqual(expect.arrayContaining(SPEC_TABLES))
  })

  it('roll back to nothing and forward again', async () => {
    await env.db.migrate.rollback(undefined, true)
    const left = (await tables()).filter((t) => !t.startsWith('knex_'))
    expect(left).toEqual([])
    await env.db.migrate.latest()
    expect(await tables()).toEqual(expect.arrayContaining(SPEC_TABLES))
  })
})

describe('no double booking in the database', () => {
  async function world() {
    const location = await createLocation(env.db)
    const service = await createService(env.db, { duration_minutes: 60, break_minutes: 15 })
    const a = await createSpecialist(env.db, location.id, [service.id])
    const b = await createSpecialist(env.db, location.id, [service.id])
    const client = await createUser(env.db)
    const [room] = await env
      .db('rooms')
      .insert({ location_id: location.id, name: `R${a.id}` })
      .returning('*')
    const booking = (specialistId: number, start: string, extra: Record<string, unknown> = {}) => {
      const s = new Date(start)
      return env.db('bookings').insert({
        client_id: client.id,
        specialist_id: specialistId,
        service_id: service.id,
        location_id: location.id,
        starts_at: s,
        duration_minutes: 60,
        break_minutes: 15,
        ends_at: new Date(s.getTime() + 60 * 60_000),
        busy_until: new Date(s.getTime() + 75 * 60_000),
        price: 1000,
        base_price: 1000,
        ...extra,
      })
    }
    return { a, b, room, booking }
  }

  it('refuses overlapping bookings of one specialist, including the break', async () => {
    const { a, b, booking } = await world()
    await booking(a.id, '2030-01-10T10:00:00Z')
    // 11:00 falls inside the 15-minute break after the first booking.
    await expect(booking(a.id, '2030-01-10T11:00:00Z')).rejects.toMatchObject({ code: '23P01' })
    await expect(booking(a.id, '2030-01-10T10:30:00Z')).rejects.toMatchObject({ code: '23P01' })
    // Another specialist at the same time, and the same specialist after the break, are fine.
    await booking(b.id, '2030-01-10T10:00:00Z')
    await booking(a.id, '2030-01-10T11:15:00Z')
  })

  it('refuses overlapping bookings of one room across specialists', async () => {
    const { a, b, room, booking } = await world()
    await booking(a.id, '2030-01-11T10:00:00Z', { room_id: room.id })
    await expect(booking(b.id, '2030-01-11T10:45:00Z', { room_id: room.id })).rejects.toMatchObject({
      code: '23P01',
      constraint: 'bookings_no_room_overlap',
    })
    // The room is held for the duration only, not the specialist's break.
    await booking(b.id, '2030-01-11T11:00:00Z', { room_id: room.id })
  })

  it('lets a cancelled booking free its time', async () => {
    const { a, booking } = await world()
    await booking(a.id, '2030-01-12T10:00:00Z', { status: 'cancelled' })
    await booking(a.id, '2030-01-12T10:00:00Z')
  })

  it('keeps ends_at and busy_until equal to start + duration (+ break)', async () => {
    const { a, booking } = await world()
    await expect(
      booking(a.id, '2030-01-13T10:00:00Z', { busy_until: new Date('2030-01-13T11:00:00Z') }),
    ).rejects.toMatchObject({ code: '23514' })
  })
})

describe('wallet ledger', () => {
  it('keeps balance = sum of transactions and never below zero', async () => {
    const client = await createUser(env.db)
    await env.db('client_wallets').insert({ client_id: client.id })
    await env.db('wallet_transactions').insert({ client_id: client.id, kind: 'deposit', amount: 5000 })
    await env.db('wallet_transactions').insert({ client_id: client.id, kind: 'payment', amount: -3000 })
    await expect(
      env.db('wallet_transactions').insert({ client_id: client.id, kind: 'payment', amount: -2001 }),
    ).rejects.toMatchObject({ code: '23514' })
    const wallet = await env.db('client_wallets').where({ client_id: client.id }).first()
    const ledger = await env
      .db('wallet_transactions')
      .where({ client_id: client.id })
      .sum('amount as sum')
      .first()
    expect(wallet.balance).toBe(2000)
    expect(Number(ledger?.sum)).toBe(2000)
  })

  it('refuses edits of the ledger and direct balance changes', async () => {
    const client = await createUser(env.db)
    await env.db('client_wallets').insert({ client_id: client.id })
    await env.db('wallet_transactions').insert({ client_id: client.id, kind: 'deposit', amount: 100 })
    await expect(
      env.db('wallet_transactions').where({ client_id: client.id }).update({ amount: 900 }),
    ).rejects.toThrow(/append-only/)
    await expect(env.db('wallet_transactions').where({ client_id: client.id }).del()).rejects.toThrow(
      /append-only/,
    )
    await expect(
      env.db('client_wallets').where({ client_id: client.id }).update({ balance: 1_000_000 }),
    ).rejects.toThrow(/only through wallet_transactions/)
  })
})
