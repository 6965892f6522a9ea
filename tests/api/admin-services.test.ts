import { describe, expect, it } from 'vitest'
import { adminSuite } from '../helpers/admin-suite.ts'
import { createLocation, createService, createSpecialist, createUser } from '../helpers/fixtures.ts'

const suite = adminSuite()
const { call, count, changes } = suite

const valid = { name: 'Haircut', duration_minutes: 45, break_minutes: 15, price: 150000 }

const badBodies: [string, unknown][] = [
  ['a negative price', { ...valid, price: -1 }],
  ['a fractional price', { ...valid, price: 1500.5 }],
  ['a price as a string', { ...valid, price: '1500' }],
  ['an absurd price', { ...valid, price: 1e15 }],
  ['a zero duration', { ...valid, duration_minutes: 0 }],
  ['a duration over a day', { ...valid, duration_minutes: 1441 }],
  ['a fractional duration', { ...valid, duration_minutes: 30.5 }],
  ['a negative break', { ...valid, break_minutes: -5 }],
  ['a break over 8 hours', { ...valid, break_minutes: 481 }],
  ['no duration', { name: 'X', price: 1 }],
  ['an unknown field', { ...valid, room_ids: [1] }],
  ['a description too long', { ...valid, description: 'x'.repeat(2001) }],
  ['a null name', { ...valid, name: null }],
]

describe('admin services', () => {
  it('creates, reads, lists and updates a service; only slot-relevant changes recalc', async () => {
    changes.length = 0
    const created = await call('POST', '/api/admin/services', valid)
    expect(created.statusCode).toBe(201)
    const svc = created.json()
    expect(svc).toEqual({
      id: expect.any(Number),
      ...valid,
      description: '',
      active: true,
      room_ids: [],
      category_id: null,
      recalc: null,
    })
    expect(changes).toEqual([])
    expect((await call('GET', `/api/admin/services/${svc.id}`)).json()).toMatchObject(valid)
    expect(
      (await call('GET', '/api/admin/services')).json().items.map((s: { id: number }) => s.id),
    ).toContain(svc.id)

    const repriced = await call('PATCH', `/api/admin/services/${svc.id}`, { price: 0, description: 'Short' })
    expect(repriced.json()).toMatchObject({ price: 0, description: 'Short', recalc: null })
    expect(changes).toEqual([])

    const longer = await call('PATCH', `/api/admin/services/${svc.id}`, { duration_minutes: 60 })
    expect(longer.json()).toMatchObject({ duration_minutes: 60, recalc: { job_ids: ['job-1'] } })
    expect(changes).toEqual([{ kind: 'service', serviceId: svc.id }])

    const retired = await call('PATCH', `/api/admin/services/${svc.id}`, { active: false })
    expect(retired.json()).toMatchObject({ active: false, recalc: { job_ids: ['job-2'] } })
    const listed = (await suite.app.inject({ url: '/api/services' })).json().items as { id: number }[]
    expect(listed.map((s) => s.id)).not.toContain(svc.id)
  })

  it.each(badBodies)('refuses a service with %s and writes nothing', async (_what, body) => {
    const before = await count('services')
    const res = await call('POST', '/api/admin/services', body)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual({ error: 'invalid_input', message: expect.any(String) })
    expect(await count('services')).toBe(before)
  })

  it.each(badBodies.filter(([what]) => what !== 'no duration'))(
    'refuses a change with %s and changes nothing',
    async (_what, body) => {
      const svc = await createService(suite.env.db)
      const before = await suite.env.db('services').where({ id: svc.id }).first()
      const res = await call('PATCH', `/api/admin/services/${svc.id}`, body)
      expect(res.statusCode).toBe(422)
      expect(await suite.env.db('services').where({ id: svc.id }).first()).toEqual(before)
    },
  )

  it('replaces the rooms of a service and refuses unknown or repeated rooms', async () => {
    const loc = await createLocation(suite.env.db)
    const svc = await createService(suite.env.db)
    const [r1, r2] = await suite.env
      .db('rooms')
      .insert([
        { location_id: loc.id, name: 'A' },
        { location_id: loc.id, name: 'B' },
      ])
      .returning('id')
    changes.length = 0
    const set = await call('PUT', `/api/admin/services/${svc.id}/rooms`, { room_ids: [r2!.id, r1!.id] })
    expect(set.statusCode).toBe(200)
    expect(set.json()).toMatchObject({ room_ids: [r1!.id, r2!.id], recalc: { job_ids: ['job-1'] } })
    expect(changes).toEqual([{ kind: 'service', serviceId: svc.id }])
    const again = await call('PUT', `/api/admin/services/${svc.id}/rooms`, { room_ids: [r1!.id, r2!.id] })
    expect(again.json().recalc).toBeNull()

    const unknown = await call('PUT', `/api/admin/services/${svc.id}/rooms`, { room_ids: [r1!.id, 999999] })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json()).toEqual({ error: 'unknown_room', message: 'There is no room 999999.' })
    for (const body of [
      { room_ids: [r1!.id, r1!.id] },
      { room_ids: ['a'] },
      { room_ids: [0] },
      {},
      { rooms: [] },
    ]) {
      expect(
        (await call('PUT', `/api/admin/services/${svc.id}/rooms`, body)).statusCode,
        JSON.stringify(body),
      ).toBe(422)
    }
    const stored = await suite.env
      .db('service_rooms')
      .where({ service_id: svc.id })
      .orderBy('room_id')
      .pluck('room_id')
    expect(stored).toEqual([r1!.id, r2!.id])

    const cleared = await call('PUT', `/api/admin/services/${svc.id}/rooms`, { room_ids: [] })
    expect(cleared.json().room_ids).toEqual([])
    expect((await call('PUT', '/api/admin/services/999999/rooms', { room_ids: [] })).statusCode).toBe(404)
  })

  it('deletes an unused service with its links and recalcs the specialists who performed it', async () => {
    const loc = await createLocation(suite.env.db)
    const svc = await createService(suite.env.db)
    const sp = await createSpecialist(suite.env.db, loc.id, [svc.id])
    changes.length = 0
    const res = await call('DELETE', `/api/admin/services/${svc.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: svc.id, deleted: true, recalc: { job_ids: ['job-1'] } })
    expect(changes).toEqual([{ kind: 'specialist_schedule', specialistId: sp.id }])
    expect(await suite.env.db('specialist_services').where({ service_id: svc.id })).toEqual([])
    expect((await call('GET', `/api/admin/services/${svc.id}`)).statusCode).toBe(404)
  })

  it('refuses to delete a service a package or a booking refers to (409)', async () => {
    const loc = await createLocation(suite.env.db)
    const inPackage = await createService(suite.env.db)
    await suite.env.db('service_packages').insert({
      name: 'Five',
      composition: { items: [{ service_id: inPackage.id, count: 5 }], valid_days: 30 },
      price: 1,
    })
    const res = await call('DELETE', `/api/admin/services/${inPackage.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'in_use', message: expect.stringMatching(/package/) })
    expect(await suite.env.db('services').where({ id: inPackage.id }).first()).toBeDefined()

    const booked = await createService(suite.env.db)
    const sp = await createSpecialist(suite.env.db, loc.id, [booked.id])
    const client = await createUser(suite.env.db, ['client'])
    await suite.env.db('bookings').insert({
      client_id: client.id,
      specialist_id: sp.id,
      service_id: booked.id,
      location_id: loc.id,
      starts_at: '2030-01-01T10:00:00Z',
      duration_minutes: 60,
      ends_at: '2030-01-01T11:00:00Z',
      busy_until: '2030-01-01T11:00:00Z',
      price: 1,
      base_price: 1,
    })
    const refused = await call('DELETE', `/api/admin/services/${booked.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'in_use' })
    // The refused delete took nothing with it.
    expect(await suite.env.db('specialist_services').where({ service_id: booked.id }).first()).toBeDefined()
  })
})
