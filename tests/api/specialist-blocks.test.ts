// A specialist blocks their own time: it closes their slots, and only theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createSpecialist, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

const day = (n: number) => DateTime.now().setZone('Europe/Moscow').plus({ days: n }).toISODate()!

async function times(serviceId: number, specialistId: number, date: string) {
  const app = await env.app()
  const res = await app.inject({
    url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}&from=${date}&days=1`,
  })
  return (res.json().locations[0]?.days[0]?.times ?? []) as string[]
}

describe('specialist blocks', () => {
  it('closes the blocked interval in the specialist’s own slots once its recalc has run', async () => {
    const app = await env.app()
    await env.startWorkers()
    const w = await createWorld(env.db)
    const date = day(2)
    expect(await times(w.service.id, w.specialist.id, date)).toContain('14:00')

    const res = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: w.specialist.user.headers,
      payload: {
        date_from: date,
        date_to: date,
        kind: 'blocked',
        intervals: [['13:00', '15:00']],
        reason: 'dentist',
      },
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      specialist_id: w.specialist.id,
      kind: 'blocked',
      created_by: w.specialist.user.id,
    })
    const queue = app.deps.runtime.queues.recalc.queue
    for (const id of res.json().recalc.job_ids as string[]) {
      for (let i = 0; i < 200 && (await (await queue.getJob(id))?.getState()) !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 25))
      }
    }
    const after = await times(w.service.id, w.specialist.id, date)
    for (const t of ['12:00', '13:00', '14:00', '14:45']) expect(after).not.toContain(t)
    expect(after).toContain('11:45')
    expect(after).toContain('15:00')

    const list = await app.inject({ url: '/api/me/blocks', headers: w.specialist.user.headers })
    expect(list.json().items.map((b: { id: number }) => b.id)).toEqual([res.json().id])
  })

  it('cannot open extra hours, touch another specialist, or be used by clients', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const other = await createSpecialist(env.db, w.location.id, [w.service.id])
    const open = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: w.specialist.user.headers,
      payload: { date_from: day(1), date_to: day(1), kind: 'open', intervals: [['06:00', '23:00']] },
    })
    expect(open.statusCode).toBe(422)
    const smuggled = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: w.specialist.user.headers,
      payload: { specialist_id: other.id, date_from: day(1), date_to: day(1), kind: 'closed' },
    })
    expect(smuggled.statusCode).toBe(422)

    const theirs = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: other.user.headers,
      payload: { date_from: day(1), date_to: day(1), kind: 'closed' },
    })
    expect(theirs.statusCode).toBe(201)
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/me/blocks/${theirs.json().id}`,
      headers: w.specialist.user.headers,
    })
    expect(del.statusCode).toBe(404)
    expect(await env.db('calendar_overrides').where({ id: theirs.json().id }).first()).toBeDefined()

    const asClient = await app.inject({ url: '/api/me/blocks', headers: w.client.headers })
    expect(asClient.statusCode).toBe(403)
    const own = await app.inject({
      method: 'DELETE',
      url: `/api/me/blocks/${theirs.json().id}`,
      headers: other.user.headers,
    })
    expect(own.statusCode).toBe(200)
  })

  it('refuses a block that starts before today in the specialist’s zone, and writes nothing', async () => {
    const app = await env.app()
    // Kamchatka (UTC+12) is a day ahead of Moscow for much of the day: "today" is the location's.
    const w = await createWorld(env.db, { zone: 'Asia/Kamchatka' })
    const today = DateTime.now().setZone('Asia/Kamchatka').toISODate()!
    const yesterday = DateTime.now().setZone('Asia/Kamchatka').minus({ days: 1 }).toISODate()!
    const before = await env.db('calendar_overrides').where({ specialist_id: w.specialist.id })
    for (const payload of [
      { date_from: yesterday, date_to: yesterday, kind: 'closed' },
      { date_from: yesterday, date_to: today, kind: 'blocked', intervals: [['10:00', '11:00']] },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/me/blocks',
        headers: w.specialist.user.headers,
        payload,
      })
      expect(res.statusCode).toBe(422)
      expect(res.json()).toEqual({
        error: 'date_in_past',
        message: `date_from ${yesterday} is in the past (today is ${today} in Asia/Kamchatka); give today or a later date.`,
      })
    }
    expect(await env.db('calendar_overrides').where({ specialist_id: w.specialist.id })).toEqual(before)
    const todays = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: w.specialist.user.headers,
      payload: { date_from: today, date_to: today, kind: 'closed' },
    })
    expect(todays.statusCode).toBe(201)
  })
})
