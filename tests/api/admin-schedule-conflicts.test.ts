// Changes of hours and of time zone that concern upcoming bookings: refused with the list of them
// (nothing changed), or applied on request with the list in the answer and the bookings flagged.
import { describe, expect, it } from 'vitest'
import { adminSuite } from '../helpers/admin-suite.ts'
import { createLocation, createService, createSpecialist, createUser, weekdays } from '../helpers/fixtures.ts'

const suite = adminSuite()
const { call } = suite

/** 2031-01-06 is a Monday (schedule key "0"); Moscow is UTC+3 all year. */
const MONDAY = '2031-01-06'

async function world(zone = 'Europe/Moscow') {
  const db = suite.env.db
  const loc = await createLocation(db, { timezone: zone })
  const svc = await createService(db, { name: 'Haircut' })
  const sp = await createSpecialist(db, loc.id, [svc.id])
  const client = await createUser(db, ['client'], { name: 'Anna Petrova' })
  /** A booking of 60 minutes starting at `utc`. */
  const book = async (utc: string, fields: Record<string, unknown> = {}) => {
    const start = new Date(utc)
    const end = new Date(start.getTime() + 3600_000)
    const [row] = await db('bookings')
      .insert({
        client_id: client.id,
        specialist_id: sp.id,
        service_id: svc.id,
        location_id: loc.id,
        starts_at: start,
        duration_minutes: 60,
        ends_at: end,
        busy_until: end,
        price: 100,
        base_price: 100,
        ...fields,
      })
      .returning('id')
    return row.id as number
  }
  return { loc, svc, sp, client, book }
}

const flagged = async (id: number) =>
  (await suite.env.db('bookings').where({ id }).first('out_of_hours')).out_of_hours as boolean

describe('schedule changes that strand upcoming bookings', () => {
  it('refuses a specialist schedule that leaves a booking outside, listing it, and changes nothing', async () => {
    const w = await world()
    const inside = await w.book(`${MONDAY}T11:00:00Z`) // 14:00 local
    const outside = await w.book(`${MONDAY}T07:00:00Z`) // 10:00 local
    await w.book(`${MONDAY}T08:00:00Z`, { status: 'cancelled' }) // 11:00, cancelled: not listed
    await w.book('2020-01-06T07:00:00Z') // past: not listed
    const before = await suite.env.db('specialists').where({ id: w.sp.id }).first()
    const res = await call('PUT', `/api/admin/specialists/${w.sp.id}/schedule`, {
      work_schedule: weekdays([['12:00', '19:00']]),
    })
    expect(res.statusCode, res.body).toBe(409)
    const body = res.json()
    expect(body).toEqual({
      error: 'bookings_outside_hours',
      message: expect.stringContaining(`#${outside} at ${MONDAY}T10:00:00+03:00 (Anna Petrova, Haircut)`),
      bookings: [
        {
          id: outside,
          start: `${MONDAY}T10:00:00+03:00`,
          end: `${MONDAY}T11:00:00+03:00`,
          specialist_id: w.sp.id,
          specialist_name: expect.any(String),
          client_id: w.client.id,
          client_name: 'Anna Petrova',
          service_id: w.svc.id,
          service_name: 'Haircut',
        },
      ],
    })
    expect(body.message).toMatch(/on_conflict: "keep"/)
    expect(await suite.env.db('specialists').where({ id: w.sp.id }).first()).toEqual(before)
    expect(await flagged(outside)).toBe(false)
    expect(await flagged(inside)).toBe(false)
  })

  it('applies it with on_conflict "keep": the booking stays, flagged out_of_hours, and is listed', async () => {
    const w = await world()
    const outside = await w.book(`${MONDAY}T07:00:00Z`)
    const res = await call('PUT', `/api/admin/specialists/${w.sp.id}/schedule`, {
      work_schedule: weekdays([['12:00', '19:00']]),
      on_conflict: 'keep',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      work_schedule: weekdays([['12:00', '19:00']]),
      bookings_outside_hours: [{ id: outside, start: `${MONDAY}T10:00:00+03:00` }],
    })
    expect(await flagged(outside)).toBe(true)
    expect((await suite.env.db('bookings').where({ id: outside }).first()).status).toBe('confirmed')
    // Flagged bookings were put outside on purpose: a later change does not list them again.
    const again = await call('PUT', `/api/admin/specialists/${w.sp.id}/schedule`, {
      work_schedule: weekdays([['13:00', '19:00']]),
    })
    expect(again.statusCode).toBe(200)
    expect(again.json().bookings_outside_hours).toEqual([])
  })

  it('checks PATCH of the schedule the same way, and lets through hours that keep bookings inside', async () => {
    const w = await world()
    const id = await w.book(`${MONDAY}T07:00:00Z`) // 10:00–11:00 local
    const refused = await call('PATCH', `/api/admin/specialists/${w.sp.id}`, {
      work_schedule: { '0': [['10:30', '19:00']] },
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().bookings.map((b: { id: number }) => b.id)).toEqual([id])
    const fine = await call('PATCH', `/api/admin/specialists/${w.sp.id}`, {
      work_schedule: { '0': [['10:00', '11:00']] },
    })
    expect(fine.statusCode, fine.body).toBe(200)
    expect(fine.json().bookings_outside_hours).toEqual([])
    expect(
      (await call('PATCH', `/api/admin/specialists/${w.sp.id}`, { on_conflict: 'keep' })).statusCode,
    ).toBe(422)
  })

  it('counts overrides: a day opened by an override keeps its booking inside', async () => {
    const w = await world()
    await w.book(`${MONDAY}T07:00:00Z`)
    await suite.env.db('calendar_overrides').insert({
      specialist_id: w.sp.id,
      date_from: MONDAY,
      date_to: MONDAY,
      kind: 'open',
      intervals: JSON.stringify([['09:00', '12:00']]),
    })
    const res = await call('PUT', `/api/admin/specialists/${w.sp.id}/schedule`, { work_schedule: {} })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().bookings_outside_hours).toEqual([])
  })

  it('refuses location hours that strand a booking; keeps and flags it on request', async () => {
    const w = await world()
    const id = await w.book(`${MONDAY}T07:00:00Z`)
    const loc = await suite.env.db('locations').where({ id: w.loc.id }).first()
    const hours = weekdays([['11:00', '21:00']])
    const refused = await call('PUT', `/api/admin/locations/${w.loc.id}/schedule`, { work_schedule: hours })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'bookings_outside_hours', bookings: [{ id }] })
    const viaPatch = await call('PATCH', `/api/admin/locations/${w.loc.id}`, { work_schedule: hours })
    expect(viaPatch.statusCode).toBe(409)
    expect(await suite.env.db('locations').where({ id: w.loc.id }).first()).toEqual(loc)

    const kept = await call('PUT', `/api/admin/locations/${w.loc.id}/schedule`, {
      work_schedule: hours,
      on_conflict: 'keep',
    })
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.json()).toMatchObject({
      work_schedule: hours,
      bookings_outside_hours: [{ id }],
      timezone_changed_bookings: [],
    })
    expect(await flagged(id)).toBe(true)
  })
})

describe('time zone changes of a location with upcoming bookings', () => {
  it('refuses without confirmation, listing the local times that would change', async () => {
    const w = await world()
    const id = await w.book(`${MONDAY}T09:00:00Z`) // 12:00 in Moscow, 11:00 in Kaliningrad
    const before = await suite.env.db('locations').where({ id: w.loc.id }).first()
    const res = await call('PATCH', `/api/admin/locations/${w.loc.id}`, { timezone: 'Europe/Kaliningrad' })
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json()).toMatchObject({
      error: 'has_future_bookings',
      message: expect.stringContaining(`#${id} ${MONDAY}T12:00:00+03:00 → ${MONDAY}T11:00:00+02:00`),
      bookings: [{ id, start: `${MONDAY}T12:00:00+03:00`, new_start: `${MONDAY}T11:00:00+02:00` }],
    })
    expect(res.json().message).toMatch(/confirm_timezone_change: true/)
    expect(await suite.env.db('locations').where({ id: w.loc.id }).first()).toEqual(before)

    const done = await call('PATCH', `/api/admin/locations/${w.loc.id}`, {
      timezone: 'Europe/Kaliningrad',
      confirm_timezone_change: true,
    })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json()).toMatchObject({
      timezone: 'Europe/Kaliningrad',
      timezone_changed_bookings: [{ id, new_start: `${MONDAY}T11:00:00+02:00` }],
      bookings_outside_hours: [],
    })
  })

  it('changes the zone of a location without upcoming bookings at once', async () => {
    const w = await world()
    await w.book('2020-01-06T09:00:00Z')
    const res = await call('PATCH', `/api/admin/locations/${w.loc.id}`, { timezone: 'Asia/Yekaterinburg' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().timezone_changed_bookings).toEqual([])
  })

  it('checks the hours in the new zone too: a booking pushed outside them needs on_conflict', async () => {
    const w = await world()
    // 18:30 in Moscow (inside 10:00–19:00), 20:30 in Yekaterinburg (outside).
    const id = await w.book(`${MONDAY}T15:30:00Z`)
    const res = await call('PATCH', `/api/admin/locations/${w.loc.id}`, {
      timezone: 'Asia/Yekaterinburg',
      confirm_timezone_change: true,
    })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'bookings_outside_hours', bookings: [{ id }] })
    const kept = await call('PATCH', `/api/admin/locations/${w.loc.id}`, {
      timezone: 'Asia/Yekaterinburg',
      confirm_timezone_change: true,
      on_conflict: 'keep',
    })
    expect(kept.statusCode).toBe(200)
    expect(kept.json().bookings_outside_hours).toMatchObject([{ id, start: `${MONDAY}T20:30:00+05:00` }])
  })
})
