// On the autumn change a wall time occurs twice; the runtime offers only its first occurrence, and
// the worker books only that one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
})
afterAll(async () => env?.close())

describe('booking on a daylight-saving change', () => {
  it('books the first 02:30 of Berlin’s autumn change and refuses the second', async () => {
    const app = await env.app()
    const w = await createWorld(env.db, {
      zone: 'Europe/Berlin',
      service: { duration_minutes: 30, break_minutes: 0 },
    })
    const admin = await createUser(env.db, ['admin'])
    const book = (start: string) =>
      app.inject({
        method: 'POST',
        url: '/api/bookings',
        headers: admin.headers,
        payload: {
          service_id: w.service.id,
          specialist_id: w.specialist.id,
          client_id: w.client.id,
          start,
          allow_out_of_hours: true,
        },
      })
    // 2027-10-31: 03:00 CEST (+02:00) becomes 02:00 CET (+01:00).
    const second = await book('2027-10-31T02:30:00+01:00')
    expect(second.statusCode).toBe(422)
    expect(second.json().error).toBe('invalid_start')
    const first = await book('2027-10-31T02:30:00+02:00')
    expect(first.statusCode).toBe(201)
    expect(first.json()).toMatchObject({ start: '2027-10-31T02:30:00+02:00', out_of_hours: true })
  })
})
