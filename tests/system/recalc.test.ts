// Recalc jobs and the versioned grids: collapsing, no older view over a newer one, and exactly the
// affected days changing after an admin write, a booking or a cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld, weekdays } from '../helpers/fixtures.ts'
import { computeSpecialistGrids } from '../../src/slots/grid-builder.ts'
import { GridStore } from '../../src/slots/grid-store.ts'
import { dateRange } from '../../src/domain/dates.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

const ZONE = 'Europe/Moscow'
const today = () => DateTime.now().setZone(ZONE).toISODate()!

async function slotsByDate(serviceId: number, specialistId: number): Promise<Record<string, string[]>> {
  const app = await env.app()
  const res = await app.inject({ url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}` })
  expect(res.statusCode).toBe(200)
  const days = (res.json().locations[0]?.days ?? []) as { date: string; times: string[] }[]
  return Object.fromEntries(days.map((d) => [d.date, d.times]))
}

/** Dates whose slot lists differ between two answers. */
const changedDates = (a: Record<string, string[]>, b: Record<string, string[]>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((d) => JSON.stringify(a[d] ?? []) !== JSON.stringify(b[d] ?? []))
    .sort()

async function waitForJobs(ids: string[]) {
  const app = await env.app()
  const queue = app.deps.runtime.queues.recalc.queue
  for (const id of ids) {
    for (let i = 0; ; i++) {
      const state = await (await queue.getJob(id))?.getState()
      if (state === 'completed') break
      if (state === 'failed' || i > 400) throw new Error(`recalc job ${id} ended ${state}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }
}

describe('recalc jobs', () => {
  it('collapse per specialist: one waiting job carries every date asked for', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const recalc = app.deps.runtime.queues.recalc
    const target = { kind: 'specialist' as const, id: w.specialist.id }
    const [d1, d2, d3] = dateRange(today(), 3)
    const ids = await Promise.all([
      recalc.enqueue(target, [d1!]),
      recalc.enqueue(target, [d1!, d2!]),
      recalc.enqueue(target, [d2!]),
      recalc.enqueue(target, [d3!]),
    ])
    expect(new Set(ids).size).toBe(1)
    const waiting = (await recalc.queue.getWaiting()).filter((j) => j.data.id === w.specialist.id)
    expect(waiting).toHaveLength(1)

    await env.startWorkers()
    await waitForJobs([ids[0]!])
    const job = await recalc.queue.getJob(ids[0]!)
    expect(job?.returnvalue).toMatchObject({ dates: 3 })
    const keys = await env.redis.mget([d1, d2, d3].map((d) => `slots_preview:${w.specialist.id}:${d}`))
    expect(keys.every((k) => k !== null)).toBe(true)
  })

  it('never stores a grid computed before a booking over the one written after it', async () => {
    const app = await env.app()
    await env.startWorkers()
    const w = await createWorld(env.db)
    const date = DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate()!
    await slotsByDate(w.service.id, w.specialist.id) // warm the grids

    // A slow recalc reads the data now…
    const stale = await computeSpecialistGrids(env.db, w.specialist.id, [date])
    // …a booking commits and writes its grid meanwhile…
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '10:00' } },
    })
    expect(res.statusCode).toBe(201)
    // …and the slow recalc's write comes last: it is refused.
    expect(await new GridStore(env.redis).writeSpecialist(stale)).toBe(0)
    expect((await slotsByDate(w.service.id, w.specialist.id))[date]).not.toContain('10:00')
  })
})

describe('exactly the affected days change', () => {
  it('a weekly schedule change through the admin API touches only that weekday', async () => {
    const app = await env.app()
    await env.startWorkers()
    const admin = await createUser(env.db, ['admin'])
    const w = await createWorld(env.db)
    const before = await slotsByDate(w.service.id, w.specialist.id)

    const schedule = { ...weekdays([['10:00', '19:00']]), '2': [['12:00', '16:00']] } // Wednesdays shorter
    const res = await app.inject({
      method: 'PUT',
      url: `/api/admin/specialists/${w.specialist.id}/schedule`,
      headers: admin.headers,
      payload: { work_schedule: schedule },
    })
    expect(res.statusCode).toBe(200)
    const jobIds = res.json().recalc.job_ids as string[]
    expect(jobIds.length).toBeGreaterThan(0)
    await waitForJobs(jobIds)

    const after = await slotsByDate(w.service.id, w.specialist.id)
    const changed = changedDates(before, after)
    const wednesdays = Object.keys(before).filter((d) => DateTime.fromISO(d).weekday === 3)
    // Today may have no slots left either way (late evening), so compare against what can differ.
    expect(changed).toEqual(wednesdays.filter((d) => JSON.stringify(before[d]) !== JSON.stringify(after[d])))
    expect(changed.length).toBeGreaterThanOrEqual(wednesdays.length - 1)
    for (const d of changed) {
      // Only today can lose every slot (the new hours may already be over); any other day ends at 14:45.
      if (after[d] === undefined) expect(d).toBe(changed[0])
      else expect(after[d].at(-1)).toBe('14:45')
    }
  })

  it('an override changes only its dates', async () => {
    const app = await env.app()
    await env.startWorkers()
    const admin = await createUser(env.db, ['admin'])
    const w = await createWorld(env.db)
    const before = await slotsByDate(w.service.id, w.specialist.id)
    const [from, to] = [
      DateTime.now().setZone(ZONE).plus({ days: 5 }),
      DateTime.now().setZone(ZONE).plus({ days: 6 }),
    ].map((d) => d.toISODate()!)
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/overrides',
      headers: admin.headers,
      payload: { specialist_id: w.specialist.id, date_from: from, date_to: to, kind: 'closed' },
    })
    expect(res.statusCode).toBe(201)
    await waitForJobs(res.json().recalc.job_ids)
    const after = await slotsByDate(w.service.id, w.specialist.id)
    expect(changedDates(before, after)).toEqual([from, to])
    expect(after[from!]).toBeUndefined()
  })

  it('a booking and its cancellation change only their day, in Redis too', async () => {
    const app = await env.app()
    await env.startWorkers()
    const w = await createWorld(env.db)
    const before = await slotsByDate(w.service.id, w.specialist.id)
    const keys = Object.keys(before).map((d) => `slots_preview:${w.specialist.id}:${d}`)
    const rawBefore = await env.redis.mget(keys)
    const date = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()!

    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.client.headers,
      payload: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '15:00' } },
    })
    expect(res.statusCode).toBe(201)
    const booked = await slotsByDate(w.service.id, w.specialist.id)
    expect(changedDates(before, booked)).toEqual([date])
    const rawAfter = await env.redis.mget(keys)
    const touched = keys.filter((_, i) => rawBefore[i] !== rawAfter[i])
    expect(touched).toEqual([`slots_preview:${w.specialist.id}:${date}`])

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/bookings/${res.json().id}/cancel`,
      headers: w.client.headers,
      payload: {},
    })
    expect(cancel.statusCode).toBe(200)
    expect(changedDates(before, await slotsByDate(w.service.id, w.specialist.id))).toEqual([])
  })
})
