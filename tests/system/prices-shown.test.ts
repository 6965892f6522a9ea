// A specialist's own price and duration are what a booking with them is charged and given: every
// list a client chooses from (services, specialists, slots) shows those, and the start times
// offered fit that specialist's own duration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld, createSpecialist, weekdays } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
})
afterAll(async () => env?.close())

describe('the price shown is the price charged', () => {
  it('shows specialists’ own prices and durations, fits slots to them and charges them', async () => {
    const app = await env.app()
    // A women's haircut at 2 500,00 ₽ and 45 minutes; one specialist charges 3 000,00 ₽ and takes 30
    // minutes, one takes 60 at the standard price, one works to the service's terms.
    const w = await createWorld(env.db, {
      service: { name: "Women's haircut", price: 250000, duration_minutes: 45, break_minutes: 0 },
    })
    const hour = { work_schedule: JSON.stringify(weekdays([['10:00', '11:00']])) }
    const own = await createSpecialist(env.db, w.location.id, [], hour)
    const slow = await createSpecialist(env.db, w.location.id, [], hour)
    const standard = await createSpecialist(env.db, w.location.id, [w.service.id], hour)
    await env.db('specialist_services').insert([
      { specialist_id: own.id, service_id: w.service.id, price: 300000, duration_minutes: 30 },
      { specialist_id: slow.id, service_id: w.service.id, duration_minutes: 60 },
    ])
    await env.db('specialists').where({ id: w.specialist.id }).update({ active: false })

    const service = (await app.inject({ url: '/api/services' }))
      .json()
      .items.find((s: { id: number }) => s.id === w.service.id)
    expect(service).toMatchObject({
      price: 250000,
      duration_minutes: 45,
      price_from: 250000,
      price_to: 300000,
      duration_minutes_from: 30,
      duration_minutes_to: 60,
    })

    const specialists = (await app.inject({ url: `/api/specialists?service_id=${w.service.id}` })).json()
      .items as { id: number; price: number; duration_minutes: number; services: unknown[] }[]
    const terms = Object.fromEntries(specialists.map((s) => [s.id, [s.price, s.duration_minutes]]))
    expect(terms).toEqual({
      [own.id]: [300000, 30],
      [slow.id]: [250000, 60],
      [standard.id]: [250000, 45],
    })
    expect(specialists.find((s) => s.id === own.id)!.services).toEqual([
      { service_id: w.service.id, price: 300000, duration_minutes: 30 },
    ])

    const date = DateTime.now().setZone(w.location.timezone).plus({ days: 2 }).toISODate()!
    const slots = async (specialistId?: number) => {
      const who = specialistId === undefined ? '' : `&specialist_id=${specialistId}`
      const res = await app.inject({ url: `/api/slots?service_id=${w.service.id}${who}&from=${date}&days=1` })
      expect(res.statusCode).toBe(200)
      return res.json()
    }
    // One free hour: 30 minutes fit three times, 45 twice, 60 once.
    const ownSlots = await slots(own.id)
    expect(ownSlots).toMatchObject({ price: 300000, duration_minutes: 30 })
    expect(ownSlots.locations[0].days[0].times).toEqual(['10:00', '10:15', '10:30'])
    expect((await slots(standard.id)).locations[0].days[0].times).toEqual(['10:00', '10:15'])
    const slowSlots = await slots(slow.id)
    expect(slowSlots).toMatchObject({ price: 250000, duration_minutes: 60 })
    expect(slowSlots.locations[0].days[0].times).toEqual(['10:00'])
    const any = await slots()
    expect(any).toMatchObject({ price: null, duration_minutes: null })
    expect(any.locations[0]).toMatchObject({
      price_from: 250000,
      price_to: 300000,
      duration_minutes_from: 30,
      duration_minutes_to: 60,
    })
    expect(any.locations[0].days[0].times).toEqual(['10:00', '10:15', '10:30'])

    const booked = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...w.client.headers, 'idempotency-key': 'own-terms' },
      payload: { service_id: w.service.id, specialist_id: own.id, start: { date, time: '10:30' } },
    })
    expect(booked.statusCode).toBe(201)
    const row = await env.db('bookings').where({ id: booked.json().id }).first()
    expect([row.price, row.duration_minutes]).toEqual([ownSlots.price, ownSlots.duration_minutes])
  })
})
