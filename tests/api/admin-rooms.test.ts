import { describe, expect, it } from 'vitest'
import type { Db } from '../../src/data/db.ts'
import { adminSuite } from '../helpers/admin-suite.ts'
import { createLocation, createService, createSpecialist, createUser } from '../helpers/fixtures.ts'

const suite = adminSuite()
const { call, count, changes } = suite

let hour = 0
/** A booking straight in the database (bookings are made by the worker, not by these routes). */
async function book(
  db: Db,
  row: { specialist_id: number; service_id: number; location_id: number; room_id?: number },
) {
  const client = await createUser(db, ['client'])
  const starts = new Date(Date.UTC(2030, 0, 7, 0) + hour++ * 3600_000)
  const ends = new Date(starts.getTime() + 3600_000)
  await db('bookings').insert({
    client_id: client.id,
    ...row,
    starts_at: starts,
    duration_minutes: 60,
    break_minutes: 0,
    ends_at: ends,
    busy_until: ends,
    price: 1000,
    base_price: 1000,
  })
}

describe('admin rooms', () => {
  it('adds rooms to a location, lists, renames, deactivates and deletes them', async () => {
    const loc = await createLocation(suite.env.db)
    changes.length = 0
    const created = await call('POST', `/api/admin/locations/${loc.id}/rooms`, { name: 'Cabin 1' })
    expect(created.statusCode).toBe(201)
    const room = created.json()
    expect(room).toEqual({
      id: expect.any(Number),
      location_id: loc.id,
      name: 'Cabin 1',
      active: true,
      recalc: { job_ids: ['job-1'] },
    })
    expect(changes).toEqual([{ kind: 'room', roomId: room.id }])

    const listed = await call('GET', `/api/admin/locations/${loc.id}/rooms`)
    expect(listed.json().items).toEqual([{ id: room.id, location_id: loc.id, name: 'Cabin 1', active: true }])
    expect((await call('GET', `/api/admin/rooms?location_id=${loc.id}`)).json().items).toHaveLength(1)
    expect((await call('GET', `/api/admin/rooms/${room.id}`)).json().name).toBe('Cabin 1')

    const renamed = await call('PATCH', `/api/admin/rooms/${room.id}`, { name: 'Cabin A' })
    expect(renamed.json()).toMatchObject({ name: 'Cabin A', recalc: null })
    const retired = await call('PATCH', `/api/admin/rooms/${room.id}`, { active: false })
    expect(retired.json()).toMatchObject({ active: false, recalc: { job_ids: ['job-2'] } })
    expect((await call('GET', `/api/admin/rooms?location_id=${loc.id}&active=true`)).json().items).toEqual([])

    const deleted = await call('DELETE', `/api/admin/rooms/${room.id}`)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json()).toEqual({ id: room.id, deleted: true, recalc: { job_ids: ['job-3'] } })
    expect(await suite.env.db('rooms').where({ id: room.id }).first()).toBeUndefined()
  })

  it('answers 404 for an unknown location or room', async () => {
    expect((await call('POST', '/api/admin/locations/999999/rooms', { name: 'X' })).statusCode).toBe(404)
    expect((await call('GET', '/api/admin/locations/999999/rooms')).statusCode).toBe(404)
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await call(method, '/api/admin/rooms/999999')
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ error: 'not_found', message: 'Room 999999 was not found.' })
    }
    expect((await call('PATCH', '/api/admin/rooms/999999', { name: 'X' })).statusCode).toBe(404)
  })

  it('refuses a duplicate name in one location (409) and bad bodies (422), writing nothing', async () => {
    const loc = await createLocation(suite.env.db)
    expect((await call('POST', `/api/admin/locations/${loc.id}/rooms`, { name: 'Twin' })).statusCode).toBe(
      201,
    )
    const before = await count('rooms')
    const dup = await call('POST', `/api/admin/locations/${loc.id}/rooms`, { name: 'Twin' })
    expect(dup.statusCode).toBe(409)
    expect(dup.json()).toMatchObject({ error: 'already_exists' })
    for (const body of [
      {},
      { name: '' },
      { name: 7 },
      { name: 'A', location_id: loc.id },
      { name: 'A', active: 1 },
    ]) {
      const res = await call('POST', `/api/admin/locations/${loc.id}/rooms`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(res.json()).toEqual({ error: 'invalid_input', message: expect.any(String) })
    }
    expect(await count('rooms')).toBe(before)
  })

  it('refuses to delete a room a service lists (409), leaving the service needing it', async () => {
    const loc = await createLocation(suite.env.db)
    const service = await createService(suite.env.db)
    const room = (await call('POST', `/api/admin/locations/${loc.id}/rooms`, { name: 'Used' })).json()
    expect(
      (await call('PUT', `/api/admin/services/${service.id}/rooms`, { room_ids: [room.id] })).statusCode,
    ).toBe(200)

    const res = await call('DELETE', `/api/admin/rooms/${room.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({
      error: 'in_use',
      message: expect.stringContaining(`service(s) ${service.id}`),
      in_use_by: { services: 1 },
    })
    expect(await suite.env.db('rooms').where({ id: room.id }).first()).toBeDefined()
    expect(await suite.env.db('service_rooms').where({ room_id: room.id }).pluck('service_id')).toEqual([
      service.id,
    ])
  })

  it('refuses to delete a room a booking held (409)', async () => {
    const loc = await createLocation(suite.env.db)
    const service = await createService(suite.env.db)
    const specialist = await createSpecialist(suite.env.db, loc.id, [service.id])
    const room = (await call('POST', `/api/admin/locations/${loc.id}/rooms`, { name: 'Booked' })).json()
    await book(suite.env.db, {
      specialist_id: specialist.id,
      service_id: service.id,
      location_id: loc.id,
      room_id: room.id,
    })

    const res = await call('DELETE', `/api/admin/rooms/${room.id}`)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'in_use' })
    expect(await suite.env.db('rooms').where({ id: room.id }).first()).toBeDefined()
  })
})
