// The demo data as a newcomer meets it: one company speaking Russian, in one currency, with a
// location that switches to summer time, and a week of bookings that the slots already show taken.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CURRENCY, seedDemo } from '../../db/seed-demo.ts'
import { normalizePhone } from '../../src/domain/phone.ts'
import { readBooking, type PersistedBooking } from '../../src/machines/index.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'

let env: TestEnv
const now = new Date()
beforeAll(async () => {
  env = await createTestEnv()
  const first = await seedDemo(env.db, { password: 'demo-test-1', now })
  expect(first.created).toBe(true)
})
afterAll(async () => env?.close())

const CYRILLIC = /[А-Яа-яЁё]/
const LATIN = /[A-Za-z]/

interface BookingRow {
  id: number
  client_id: number
  specialist_id: number
  service_id: number
  room_id: number | null
  starts_at: Date
  duration_minutes: number
  break_minutes: number
  price: number
  payment_method: string
  status: string
  timezone: string
  machine_snapshot: PersistedBooking
}

const bookingsOf = (column: 'b.client_id' | 's.user_id', userId: number) =>
  env
    .db('bookings as b')
    .join('specialists as s', 's.id', 'b.specialist_id')
    .join('locations as l', 'l.id', 'b.location_id')
    .where(column, userId)
    .orderBy('b.starts_at')
    .select('b.*', 'l.timezone') as unknown as Promise<BookingRow[]>

const userId = async (email: string) => (await env.db('users').where({ email }).first('id')).id as number

describe('demo data', () => {
  it('is loaded once: a second run writes nothing', async () => {
    const count = async () => Number((await env.db('bookings').count({ n: '*' }))[0]!.n)
    const before = await count()
    expect((await seedDemo(env.db, { password: 'demo-test-2' })).created).toBe(false)
    expect(await count()).toBe(before)
  })

  it('speaks Russian: names of people, places, rooms, services, packages and titles', async () => {
    const names = [
      ...(await env.db('company').pluck('name')),
      ...(await env.db('users').pluck('name')),
      ...(await env.db('locations').pluck('name')),
      ...(await env.db('rooms').pluck('name')),
      ...(await env.db('services').pluck('name')),
      ...(await env.db('services').pluck('description')),
      ...(await env.db('service_packages').pluck('name')),
      ...(await env.db('specialists').pluck('title')),
    ] as string[]
    expect(names.length).toBeGreaterThan(30)
    expect(names.filter((n) => !CYRILLIC.test(n) || LATIN.test(n))).toEqual([])
    expect(await env.db('users').whereNot({ language: 'ru' }).pluck('email')).toEqual([])
  })

  it('gives every user a valid phone in E.164', async () => {
    const users = (await env.db('users').select('email', 'phone')) as Array<{ email: string; phone: string }>
    expect(users.filter((u) => normalizePhone(u.phone) !== u.phone)).toEqual([])
  })

  it('is one company in one currency, with locations in two zones, one of them with summer time', async () => {
    const companies = await env.db('company').select('currency')
    expect(companies).toEqual([{ currency: DEMO_CURRENCY }])
    const zones = (await env.db('locations').pluck('timezone')) as string[]
    const offsets = (zone: string) =>
      [1, 7].map((month) => DateTime.fromObject({ year: 2026, month, day: 15 }, { zone }).offset)
    expect(zones.some((z) => new Set(offsets(z)).size === 2)).toBe(true)
    expect(new Set(zones.map((z) => offsets(z).join())).size).toBeGreaterThanOrEqual(2)
  })

  it('has at least six specialists, rooms that services need, and packages', async () => {
    expect((await env.db('specialists').where({ active: true })).length).toBeGreaterThanOrEqual(6)
    expect((await env.db('service_rooms')).length).toBeGreaterThan(0)
    expect((await env.db('service_packages')).length).toBeGreaterThan(0)
  })

  it('books the demo specialist over the coming week, each booking as the worker writes it', async () => {
    const bookings = await bookingsOf('s.user_id', await userId('specialist@demo.test'))
    expect(bookings.length).toBeGreaterThanOrEqual(4)
    const weekEnd = now.getTime() + 8 * 86_400_000
    for (const b of bookings) {
      expect(b.starts_at.getTime()).toBeGreaterThan(now.getTime())
      expect(b.starts_at.getTime()).toBeLessThan(weekEnd)
      expect(b.status).toBe('confirmed')
      const view = readBooking(b.machine_snapshot)
      expect(view.context).toMatchObject({
        bookingId: b.id,
        specialistId: b.specialist_id,
        serviceId: b.service_id,
        durationMin: b.duration_minutes,
        breakMin: b.break_minutes,
      })
    }
    const service = await env.db('services').where({ id: bookings[0]!.service_id }).first('break_minutes')
    expect(bookings[0]!.break_minutes).toBe(service.break_minutes)
    const history = await env.db('booking_history').whereIn(
      'booking_id',
      bookings.map((b) => b.id),
    )
    expect(new Set(history.map((h) => h.booking_id)).size).toBe(bookings.length)
  })

  it('gives the demo client a wallet, a package, a discount and three upcoming bookings paid each way', async () => {
    const client = await userId('client@demo.test')
    const bookings = await bookingsOf('b.client_id', client)
    expect(bookings.map((b) => b.payment_method).sort()).toEqual(['on_site', 'package', 'wallet'])
    for (const b of bookings) expect(b.starts_at.getTime()).toBeGreaterThan(now.getTime() + 86_400_000 / 2)
    // Never two places at once.
    const days = bookings.map((b) => DateTime.fromJSDate(b.starts_at, { zone: b.timezone }).toISODate())
    expect(new Set(days).size).toBe(3)

    const wallet = bookings.find((b) => b.payment_method === 'wallet')!
    const discount = await env.db('booking_discounts').where({ booking_id: wallet.id }).first('amount')
    expect(discount.amount).toBeGreaterThan(0)
    const { balance } = await env.db('client_wallets').where({ client_id: client }).first('balance')
    const ledger = await env.db('wallet_transactions').where({ client_id: client }).sum({ s: 'amount' })
    expect(Number(balance)).toBe(Number(ledger[0]!.s))
    expect(Number(balance)).toBe(20_000 - wallet.price)
    const items = await env
      .db('client_package_items as i')
      .join('client_packages as p', 'p.id', 'i.client_package_id')
      .where('p.client_id', client)
      .first('i.total', 'i.remaining')
    expect(items).toEqual({ total: 5, remaining: 4 })
    expect(await env.db('client_discounts').where({ client_id: client, active: true })).toHaveLength(1)
  })

  it('shows the booked times as taken in the slots, read from PostgreSQL and after a recalc', async () => {
    const app = await env.app()
    // A booking on a later day than today: late in the day, today may have no bookable time left.
    const booking = (await bookingsOf('s.user_id', await userId('specialist@demo.test'))).find(
      (b) =>
        DateTime.fromJSDate(b.starts_at, { zone: b.timezone }).toISODate()! >
        DateTime.now().setZone(b.timezone).toISODate()!,
    )
    const local = DateTime.fromJSDate(booking!.starts_at, { zone: booking!.timezone })
    const date = local.toISODate()!
    const read = async () => {
      const res = await app.inject({
        url: `/api/slots?service_id=${booking!.service_id}&specialist_id=${booking!.specialist_id}&from=${date}&days=1`,
      })
      expect(res.statusCode).toBe(200)
      return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
    }
    const times = await read()
    // The rest of that working day stays bookable; only the booked time (and what overlaps it) is gone.
    expect(times.length).toBeGreaterThan(0)
    expect(times).not.toContain(local.toFormat('HH:mm'))

    await env.startWorkers()
    const recalc = app.deps.runtime.queues.recalc
    const id = await recalc.enqueue({ kind: 'specialist', id: booking!.specialist_id }, [date])
    expect(id).toBeTruthy()
    for (let i = 0; ; i++) {
      const state = await (await recalc.queue.getJob(id!))?.getState()
      if (state === 'completed') break
      if (state === 'failed' || i > 400) throw new Error(`recalc job ${id} ended ${state}`)
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(await read()).not.toContain(local.toFormat('HH:mm'))
  })
})
