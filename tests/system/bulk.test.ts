// Admin bulk changes as BullMQ flows: 202 with a job id before any work is done, progress read
// from the flow, exactly the targeted specialists' slots changing, a failed child reported and
// retried alone, effective_from keeping the old hours until its date, location-wide overrides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  createUser,
  weekdays,
} from '../helpers/fixtures.ts'
import { addDays } from '../../src/domain/dates.ts'
import { bridgingOverrides, patchSchedule, sameSchedule } from '../../src/domain/schedule-bridges.ts'

let env: TestEnv
let admin: Awaited<ReturnType<typeof createUser>>
beforeAll(async () => {
  env = await createTestEnv()
  await createCompany(env.db)
  admin = await createUser(env.db, ['admin'])
})
afterAll(async () => env?.close())

const ZONE = 'Europe/Moscow'
const today = () => DateTime.now().setZone(ZONE).toISODate()!
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface JobBody {
  id: string
  kind: string
  state: string
  progress: { done: number; total: number }
  failures: {
    specialist_id: number | null
    location_id?: number
    reason: string
    bookings?: { id: number; start: string }[]
  }[]
  bookings_outside_hours?: { id: number; start: string; specialist_id: number }[]
  created_at: string
  finished_at: string | null
}

/** Specialists made with a few multi-row inserts (users, roles, specialists, services). */
async function manySpecialists(n: number, locationId: number, serviceId: number): Promise<number[]> {
  const users = await env
    .db('users')
    .insert(Array.from({ length: n }, (_, i) => ({ name: `Bulk specialist ${i}` })))
    .returning('id')
  await env.db('user_roles').insert(users.map((u) => ({ user_id: u.id, role: 'specialist' })))
  const rows = await env
    .db('specialists')
    .insert(
      users.map((u) => ({
        user_id: u.id,
        location_id: locationId,
        work_schedule: JSON.stringify(weekdays([['10:00', '19:00']])),
      })),
    )
    .returning('id')
  await env
    .db('specialist_services')
    .insert(rows.map((r) => ({ specialist_id: r.id, service_id: serviceId })))
  return rows.map((r) => r.id as number)
}

async function slotsByDate(serviceId: number, specialistId: number): Promise<Record<string, string[]>> {
  const app = await env.app()
  const res = await app.inject({ url: `/api/slots?service_id=${serviceId}&specialist_id=${specialistId}` })
  expect(res.statusCode).toBe(200)
  const days = (res.json().locations[0]?.days ?? []) as { date: string; times: string[] }[]
  // Today is left out: its slots shrink as the clock moves, whatever the bulk job does.
  return Object.fromEntries(days.filter((d) => d.date > today()).map((d) => [d.date, d.times]))
}

async function getJob(id: string): Promise<JobBody> {
  const app = await env.app()
  const res = await app.inject({ url: `/api/admin/jobs/${id}`, headers: admin.headers })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/** Polls the job until `done` holds (bounded), returning every answer seen. */
async function pollJob(id: string, done: (j: JobBody) => boolean): Promise<JobBody[]> {
  const seen: JobBody[] = []
  for (let i = 0; i < 600; i++) {
    const j = await getJob(id)
    seen.push(j)
    if (done(j)) return seen
    await sleep(50)
  }
  throw new Error(`job ${id} never got there: ${JSON.stringify(seen.at(-1))}`)
}

/** Waits until the recalc queue has nothing waiting or running. */
async function recalcDrained() {
  const app = await env.app()
  const q = app.deps.runtime.queues.recalc.queue
  for (let i = 0; i < 600; i++) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
    if (Object.values(c).every((n) => n === 0)) return
    await sleep(50)
  }
  throw new Error('recalc queue never drained')
}

const post = async (url: string, payload: unknown, headers: Record<string, string> = admin.headers) =>
  (await env.app()).inject({ method: 'POST', url, headers, payload: payload as object })

describe('bulk schedule changes', () => {
  it('answers 202 before the work, climbs to 200/200, and changes exactly those specialists', async () => {
    const app = await env.app()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const ids = await manySpecialists(200, location.id, service.id)
    const other = await createSpecialist(env.db, location.id, [service.id])
    const changed = ids[137]!
    const [changedBefore, otherBefore] = [
      await slotsByDate(service.id, changed),
      await slotsByDate(service.id, other.id),
    ]
    expect(Object.values(changedBefore).every((t) => t.at(-1) === '17:45')).toBe(true)

    // No worker runs yet: the answer cannot wait for the work.
    const res = await post('/api/admin/schedules/bulk', {
      specialist_ids: ids,
      schedule: weekdays([['12:00', '16:00']]),
    })
    expect(res.statusCode).toBe(202)
    const jobId = res.json().job_id as string
    expect(jobId).toMatch(/^bulk-[0-9a-f-]{36}$/)
    const first = await getJob(jobId)
    expect(first).toMatchObject({ id: jobId, kind: 'bulk_schedule', state: 'waiting', failures: [] })
    expect(first.progress).toEqual({ done: 0, total: 200 })
    expect(first.finished_at).toBeNull()

    await env.startWorkers()
    const seen = await pollJob(jobId, (j) => j.state === 'completed')
    const dones = seen.map((j) => j.progress.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b)) // never goes back
    expect(seen.at(-1)).toMatchObject({ progress: { done: 200, total: 200 }, failures: [] })
    expect(seen.at(-1)!.finished_at).not.toBeNull()

    const schedules = await env.db('specialists').whereIn('id', ids).pluck('work_schedule')
    expect(schedules.every((s) => JSON.stringify(s) === JSON.stringify(weekdays([['12:00', '16:00']])))).toBe(
      true,
    )
    await recalcDrained()
    const changedAfter = await slotsByDate(service.id, changed)
    expect(Object.keys(changedAfter)).toEqual(Object.keys(changedBefore))
    expect(Object.values(changedAfter).every((t) => t[0] === '12:00' && t.at(-1) === '14:45')).toBe(true)
    expect(await slotsByDate(service.id, other.id)).toEqual(otherBefore)
    void app
  })

  it('reports a failed child and retries it alone', async () => {
    const app = await env.app()
    await env.startWorkers()
    const bulkQueue = app.deps.runtime.queues.bulk.queue
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a, b, c] = await manySpecialists(3, location.id, service.id)
    const patch = { '6': [['11:00', '15:00']] }

    // Hold the queue so that a specialist can vanish between validation and processing.
    await bulkQueue.pause()
    const res = await post('/api/admin/schedules/bulk', { specialist_ids: [a, b, c], patch })
    expect(res.statusCode).toBe(202)
    const jobId = res.json().job_id as string
    const gone = await env.db('specialists').where({ id: b }).first()
    await env.db('specialists').where({ id: b }).del()
    await bulkQueue.resume()

    const failed = (await pollJob(jobId, (j) => j.state === 'completed')).at(-1)!
    expect(failed.progress).toEqual({ done: 2, total: 3 })
    expect(failed.failures).toEqual([{ specialist_id: b, reason: `Specialist ${b} no longer exists.` }])
    const finishedOf = async (id: number) => (await bulkQueue.getJob(`${jobId}-s${id}`))!.finishedOn
    const [aDone, cDone] = [await finishedOf(a!), await finishedOf(c!)]

    await env.db('specialists').insert(gone) // back, with the same id
    const retry = await post(`/api/admin/jobs/${jobId}/retry`, {})
    expect(retry.statusCode).toBe(202)
    expect(retry.json().retried).toEqual([{ specialist_id: b }])
    const after = (await pollJob(jobId, (j) => j.state === 'completed' && j.progress.done === 3)).at(-1)!
    expect(after.failures).toEqual([])
    expect(Date.parse(after.finished_at!)).toBeGreaterThanOrEqual(Date.parse(failed.finished_at!))
    // The others were not redone; the retried one applied the patch.
    expect([await finishedOf(a!), await finishedOf(c!)]).toEqual([aDone, cDone])
    const saved = await env.db('specialists').where({ id: b }).first('work_schedule')
    expect(saved.work_schedule['6']).toEqual([['11:00', '15:00']])
    expect(saved.work_schedule['0']).toEqual([['10:00', '19:00']])

    const again = await post(`/api/admin/jobs/${jobId}/retry`, {})
    expect(again.statusCode).toBe(409)
    expect(again.json().error).toBe('nothing_to_retry')
  })

  it('effective_from: the new hours start on that date, earlier dates keep the old ones', async () => {
    const app = await env.app()
    await env.startWorkers()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [s1, s2] = await manySpecialists(2, location.id, service.id)
    const before = await slotsByDate(service.id, s1!)
    const from = addDays(today(), 7)

    const res = await post('/api/admin/schedules/bulk', {
      location_id: location.id,
      schedule: weekdays([['12:00', '16:00']]),
      effective_from: from,
    })
    expect(res.statusCode).toBe(202)
    const done = (await pollJob(res.json().job_id, (j) => j.state === 'completed')).at(-1)!
    expect(done.progress).toEqual({ done: 2, total: 2 })
    await recalcDrained()
    // Rebuild every grid from PostgreSQL, so the bridging overrides themselves are what is read.
    const keys = await env.redis.keys(`${env.config.redisPrefix}slots_preview:${s1}:*`)
    await env.redis.del(...keys.map((k) => k.slice(env.config.redisPrefix.length)))
    const after = await slotsByDate(service.id, s1!)
    for (const [date, times] of Object.entries(before)) {
      if (date < from) expect(after[date], date).toEqual(times)
      else expect([after[date]![0], after[date]!.at(-1)], date).toEqual(['12:00', '14:45'])
    }
    // One override per specialist: the same old hours every day, so one run of dates.
    const bridges = await env.db('calendar_overrides').whereIn('specialist_id', [s1!, s2!])
    expect(bridges).toHaveLength(2)
    expect(bridges[0]).toMatchObject({ date_from: today(), date_to: addDays(from, -1), kind: 'open' })
    expect(bridges[0].intervals).toEqual([['10:00', '19:00']])
    void app
  })

  it('refuses bad requests before enqueueing anything, and keys jobs by Idempotency-Key', async () => {
    const app = await env.app()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [s1] = await manySpecialists(1, location.id, service.id)
    const counts = () => app.deps.runtime.queues.bulk.queue.getJobCounts()
    const countsBefore = await counts()
    const schedule = weekdays([['09:00', '17:00']])
    const cases: [unknown, number, string][] = [
      [{ specialist_ids: [s1], location_id: location.id, schedule }, 422, 'invalid_target'],
      [{ schedule }, 422, 'invalid_target'],
      [{ specialist_ids: [s1], schedule, patch: { '0': null } }, 422, 'invalid_change'],
      [{ specialist_ids: [s1] }, 422, 'invalid_change'],
      [{ specialist_ids: [s1], schedule: { '0': [['09:00', '08:00']] } }, 422, 'invalid_schedule'],
      [{ specialist_ids: [s1], patch: { '7': [] } }, 422, 'invalid_schedule'],
      [{ specialist_ids: [s1], patch: { '1': [['9:00', '10:00']] } }, 422, 'invalid_schedule'],
      [{ specialist_ids: [s1, s1], schedule }, 422, 'duplicate_ids'],
      [{ specialist_ids: [s1, 999_999], schedule }, 404, 'not_found'],
      [{ location_id: 999_999, schedule }, 404, 'not_found'],
      [{ specialist_ids: [s1], schedule, effective_from: addDays(today(), 800) }, 422, 'invalid_date'],
      [{ specialist_ids: Array.from({ length: 1001 }, (_, i) => i + 1), schedule }, 422, 'invalid_input'],
    ]
    for (const [payload, status, error] of cases) {
      const res = await post('/api/admin/schedules/bulk', payload)
      expect([res.statusCode, res.json().error], JSON.stringify(payload).slice(0, 80)).toEqual([
        status,
        error,
      ])
    }
    const missing = await post('/api/admin/schedules/bulk', { specialist_ids: [s1, 999_998], schedule })
    expect(missing.json().missing_ids).toEqual([999_998])
    expect(await counts()).toEqual(countsBefore)

    const client = await createUser(env.db, ['client'])
    for (const url of ['/api/admin/schedules/bulk', '/api/admin/overrides/bulk']) {
      expect((await post(url, { specialist_ids: [s1], schedule }, client.headers)).statusCode).toBe(403)
    }
    expect((await app.inject({ url: '/api/admin/jobs/bulk-x', headers: client.headers })).statusCode).toBe(
      403,
    )
    expect((await app.inject({ url: '/api/admin/jobs/bulk-nope', headers: admin.headers })).statusCode).toBe(
      404,
    )

    const keyed = { ...admin.headers, 'idempotency-key': 'bulk-test-1' }
    const one = await post('/api/admin/schedules/bulk', { specialist_ids: [s1], schedule }, keyed)
    const two = await post('/api/admin/schedules/bulk', { specialist_ids: [s1], schedule }, keyed)
    expect(one.statusCode).toBe(202)
    expect(two.json().job_id).toBe(one.json().job_id)
    const other = await post(
      '/api/admin/schedules/bulk',
      { specialist_ids: [s1], patch: { '0': null } },
      keyed,
    )
    expect([other.statusCode, other.json().error]).toEqual([422, 'idempotency_key_reused'])
  })

  it('shows a recalc job in the same shape, and refuses to retry it', async () => {
    const app = await env.app()
    await env.startWorkers()
    const location = await createLocation(env.db)
    const s = await createSpecialist(env.db, location.id)
    const res = await app.inject({
      method: 'PUT',
      url: `/api/admin/specialists/${s.id}/schedule`,
      headers: admin.headers,
      payload: { work_schedule: weekdays([['08:00', '12:00']]) },
    })
    const recalcId = res.json().recalc.job_ids[0] as string
    const job = await pollJob(recalcId, (j) => j.state === 'completed')
    expect(job.at(-1)).toMatchObject({
      id: recalcId,
      kind: 'recalc',
      progress: { done: 1, total: 1 },
      failures: [],
    })
    expect(job[0]!.progress.total).toBe(1)
    const retry = await post(`/api/admin/jobs/${recalcId}/retry`, {})
    expect([retry.statusCode, retry.json().error]).toEqual([422, 'not_retriable'])
  })
})

describe('bulk schedule changes and upcoming bookings', () => {
  /** A confirmed booking on Monday 2031-01-06 at 10:00–11:00 Moscow time. */
  async function bookAtTen(specialistId: number, locationId: number, serviceId: number) {
    const client = await createUser(env.db, ['client'], { name: 'Olga' })
    const [row] = await env
      .db('bookings')
      .insert({
        client_id: client.id,
        specialist_id: specialistId,
        service_id: serviceId,
        location_id: locationId,
        starts_at: '2031-01-06T07:00:00Z',
        duration_minutes: 60,
        ends_at: '2031-01-06T08:00:00Z',
        busy_until: '2031-01-06T08:00:00Z',
        price: 100,
        base_price: 100,
      })
      .returning('id')
    return row.id as number
  }

  it('fails the item of a specialist whose booking the new hours strand, listing it, and saves nothing for them', async () => {
    await env.startWorkers()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a, b] = await manySpecialists(2, location.id, service.id)
    const booking = await bookAtTen(a!, location.id, service.id)
    const res = await post('/api/admin/schedules/bulk', {
      specialist_ids: [a, b],
      schedule: weekdays([['12:00', '19:00']]),
    })
    expect(res.statusCode).toBe(202)
    const done = (await pollJob(res.json().job_id, (j) => j.state === 'completed')).at(-1)!
    expect(done.progress).toEqual({ done: 1, total: 2 })
    expect(done.failures).toEqual([
      {
        specialist_id: a,
        reason: expect.stringMatching(/outside working time: #\d+ at 2031-01-06T10:00:00\+03:00 \(Olga, /),
        bookings: [
          expect.objectContaining({ id: booking, start: '2031-01-06T10:00:00+03:00', client_name: 'Olga' }),
        ],
      },
    ])
    expect(done.failures[0]!.reason).toMatch(/on_conflict: "keep"/)
    expect(done.bookings_outside_hours).toEqual([])
    const schedules = Object.fromEntries(
      (await env.db('specialists').whereIn('id', [a!, b!]).select('id', 'work_schedule')).map((r) => [
        r.id,
        r.work_schedule,
      ]),
    )
    expect(schedules[a!]).toEqual(weekdays([['10:00', '19:00']]))
    expect(schedules[b!]).toEqual(weekdays([['12:00', '19:00']]))
    expect((await env.db('bookings').where({ id: booking }).first()).out_of_hours).toBe(false)
  })

  it('with on_conflict "keep" saves every item, flags the booking and lists it in the job', async () => {
    await env.startWorkers()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a, b] = await manySpecialists(2, location.id, service.id)
    const booking = await bookAtTen(a!, location.id, service.id)
    const res = await post('/api/admin/schedules/bulk', {
      location_id: location.id,
      patch: { '0': [['12:00', '19:00']] },
      on_conflict: 'keep',
    })
    expect(res.statusCode).toBe(202)
    const done = (await pollJob(res.json().job_id, (j) => j.state === 'completed')).at(-1)!
    expect(done).toMatchObject({ progress: { done: 2, total: 2 }, failures: [] })
    expect(done.bookings_outside_hours).toEqual([
      expect.objectContaining({ id: booking, specialist_id: a, start: '2031-01-06T10:00:00+03:00' }),
    ])
    expect((await env.db('bookings').where({ id: booking }).first()).out_of_hours).toBe(true)
    const saved = await env.db('specialists').whereIn('id', [a!, b!]).pluck('work_schedule')
    expect(saved.every((w) => JSON.stringify(w['0']) === JSON.stringify([['12:00', '19:00']]))).toBe(true)
  })

  it('previews what a change would strand, writing nothing: the bookings, and none before effective_from', async () => {
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a, b] = await manySpecialists(2, location.id, service.id)
    // A weekday at 10:00 soon, inside the old hours (10–19) and outside the new ones (12–19).
    let day = addDays(today(), 2)
    while (DateTime.fromISO(day).weekday > 5) day = addDays(day, 1)
    const at = DateTime.fromISO(`${day}T10:00`, { zone: ZONE })
    const client = await createUser(env.db, ['client'])
    const [{ id: booking }] = await env
      .db('bookings')
      .insert({
        client_id: client.id,
        specialist_id: a,
        service_id: service.id,
        location_id: location.id,
        starts_at: at.toJSDate(),
        duration_minutes: 60,
        ends_at: at.plus({ hours: 1 }).toJSDate(),
        busy_until: at.plus({ hours: 1 }).toJSDate(),
        price: 100,
        base_price: 100,
      })
      .returning('id')
    const overridesBefore = await env.db('calendar_overrides').count({ n: '*' })
    const change = { specialist_ids: [a, b], schedule: weekdays([['12:00', '19:00']]) }
    const res = await post('/api/admin/schedules/bulk/preview', change)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      specialists: 2,
      bookings_outside_hours: [
        expect.objectContaining({
          id: booking,
          specialist_id: a,
          start: at.toISO({ suppressMilliseconds: true }),
        }),
      ],
    })
    // Dated after the booking: its day keeps the old hours through a bridge, so nothing is stranded.
    const later = await post('/api/admin/schedules/bulk/preview', {
      ...change,
      effective_from: addDays(day, 1),
    })
    expect(later.json()).toEqual({ specialists: 2, bookings_outside_hours: [] })
    // Nothing was written: neither the hours nor the bridges, nor the booking's flag.
    const saved = await env.db('specialists').whereIn('id', [a!, b!]).pluck('work_schedule')
    expect(saved).toEqual([weekdays([['10:00', '19:00']]), weekdays([['10:00', '19:00']])])
    expect(await env.db('calendar_overrides').count({ n: '*' })).toEqual(overridesBefore)
    expect((await env.db('bookings').where({ id: booking }).first()).out_of_hours).toBe(false)
    // Checked as the change itself is.
    const bad = await post('/api/admin/schedules/bulk/preview', {
      specialist_ids: [a, 999_999],
      schedule: {},
    })
    expect([bad.statusCode, bad.json().error]).toEqual([404, 'not_found'])
  })

  it('counts the old hours that effective_from keeps: a booking before that date is not stranded', async () => {
    await env.startWorkers()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a] = await manySpecialists(1, location.id, service.id)
    const soon = DateTime.fromISO(`${addDays(today(), 2)}T10:00`, { zone: ZONE })
    const client = await createUser(env.db, ['client'])
    await env.db('bookings').insert({
      client_id: client.id,
      specialist_id: a,
      service_id: service.id,
      location_id: location.id,
      starts_at: soon.toJSDate(),
      duration_minutes: 60,
      ends_at: soon.plus({ hours: 1 }).toJSDate(),
      busy_until: soon.plus({ hours: 1 }).toJSDate(),
      price: 100,
      base_price: 100,
    })
    const res = await post('/api/admin/schedules/bulk', {
      specialist_ids: [a],
      schedule: weekdays([['12:00', '19:00']]),
      effective_from: addDays(today(), 5),
    })
    const done = (await pollJob(res.json().job_id, (j) => j.state === 'completed')).at(-1)!
    expect(done).toMatchObject({ progress: { done: 1, total: 1 }, failures: [], bookings_outside_hours: [] })
  })

  it("refuses an effective_from or an override date_from before today in the location's zone", async () => {
    const app = await env.app()
    const location = await createLocation(env.db)
    const service = await createService(env.db)
    const [a] = await manySpecialists(1, location.id, service.id)
    const counts = () => app.deps.runtime.queues.bulk.queue.getJobCounts()
    const before = await counts()
    const yesterday = addDays(today(), -1)
    for (const [url, body] of [
      [
        '/api/admin/schedules/bulk',
        { specialist_ids: [a], schedule: weekdays([]), effective_from: yesterday },
      ],
      [
        '/api/admin/schedules/bulk',
        { location_id: location.id, schedule: weekdays([]), effective_from: yesterday },
      ],
      [
        '/api/admin/overrides/bulk',
        { specialist_ids: [a], date_from: yesterday, date_to: today(), kind: 'closed' },
      ],
      [
        '/api/admin/overrides/bulk',
        { location_id: location.id, date_from: yesterday, date_to: yesterday, kind: 'closed' },
      ],
    ] as const) {
      const res = await post(url, body)
      expect([res.statusCode, res.json().error], url).toEqual([422, 'date_in_past'])
      expect(res.json().message).toBe(
        `${'effective_from' in body ? 'effective_from' : 'date_from'} ${yesterday} is in the past (today is ${today()} in ${ZONE}); give today or a later date.`,
      )
    }
    expect(await counts()).toEqual(before)
    const todayOk = await post('/api/admin/schedules/bulk', {
      specialist_ids: [a],
      schedule: weekdays([['10:00', '19:00']]),
      effective_from: today(),
    })
    expect(todayOk.statusCode).toBe(202)
  })
})

describe('bulk overrides', () => {
  it('closes a location for a holiday: its specialists lose that date, nobody else changes', async () => {
    const app = await env.app()
    await env.startWorkers()
    const service = await createService(env.db)
    const location = await createLocation(env.db)
    const elsewhere = await createLocation(env.db, { name: 'Other' })
    const [x, y] = await manySpecialists(2, location.id, service.id)
    const [z] = await manySpecialists(1, elsewhere.id, service.id)
    const holiday = addDays(today(), 4)
    const before = { x: await slotsByDate(service.id, x!), z: await slotsByDate(service.id, z!) }

    const res = await post('/api/admin/overrides/bulk', {
      location_id: location.id,
      date_from: holiday,
      date_to: holiday,
      kind: 'closed',
      reason: 'Holiday',
    })
    expect(res.statusCode).toBe(202)
    const done = (await pollJob(res.json().job_id, (j) => j.state === 'completed')).at(-1)!
    expect(done).toMatchObject({ kind: 'bulk_override', progress: { done: 1, total: 1 }, failures: [] })
    await recalcDrained()
    for (const id of [x!, y!]) {
      const after = await slotsByDate(service.id, id)
      expect(after[holiday]).toBeUndefined()
      const { [holiday]: _, ...rest } = before.x
      expect(after).toEqual(rest)
    }
    expect(await slotsByDate(service.id, z!)).toEqual(before.z)
    expect(await env.db('calendar_overrides').where({ location_id: location.id })).toHaveLength(1)
    void app
  })

  it('blocks hours of the listed specialists only, once even if the job runs twice', async () => {
    await env.startWorkers()
    const service = await createService(env.db)
    const location = await createLocation(env.db)
    const [p, q, r] = await manySpecialists(3, location.id, service.id)
    const date = addDays(today(), 3)
    const before = await slotsByDate(service.id, r!)
    const body = {
      specialist_ids: [p, q],
      date_from: date,
      date_to: date,
      kind: 'blocked',
      intervals: [['10:00', '13:00']],
    }
    const res = await post('/api/admin/overrides/bulk', body)
    expect(res.statusCode).toBe(202)
    const jobId = res.json().job_id as string
    await pollJob(jobId, (j) => j.state === 'completed' && j.progress.done === 2)
    await recalcDrained()
    expect((await slotsByDate(service.id, p!))[date]![0]).toBe('13:00')
    expect((await slotsByDate(service.id, q!))[date]![0]).toBe('13:00')
    expect(await slotsByDate(service.id, r!)).toEqual(before)

    // At-least-once: a child that runs again writes nothing new.
    const app = await env.app()
    const child = await app.deps.runtime.queues.bulk.queue.getJob(`${jobId}-s${p}`)
    await child!.retry('completed')
    for (let i = 0; i < 200 && !(await child!.isCompleted()); i++) await sleep(25)
    expect(await env.db('calendar_overrides').where({ specialist_id: p })).toHaveLength(1)

    const bad = await post('/api/admin/overrides/bulk', { ...body, kind: 'closed' })
    expect([bad.statusCode, bad.json().error]).toEqual([422, 'invalid_schedule'])
    const range = await post('/api/admin/overrides/bulk', { ...body, date_to: addDays(date, -1) })
    expect([range.statusCode, range.json().error]).toEqual([422, 'invalid_date_range'])
  })
})

describe('bridging overrides (effective_from)', () => {
  // 2030-01-07 is a Monday.
  const old = { '0': [['10:00', '19:00']], '1': [['10:00', '19:00']], '5': [['11:00', '15:00']] } as const
  const neu = { '0': [['12:00', '16:00']], '1': [['10:00', '19:00']], '6': [['10:00', '14:00']] } as const
  const copy = <T>(v: T) => JSON.parse(JSON.stringify(v))

  it('keeps the old hours on exactly the dates whose hours change, in runs', () => {
    const bridges = bridgingOverrides(copy(old), copy(neu), '2030-01-07', '2030-01-15', () => false)
    expect(bridges).toEqual([
      { dateFrom: '2030-01-07', dateTo: '2030-01-07', kind: 'open', intervals: [['10:00', '19:00']] }, // Mon
      { dateFrom: '2030-01-12', dateTo: '2030-01-12', kind: 'open', intervals: [['11:00', '15:00']] }, // Sat
      { dateFrom: '2030-01-13', dateTo: '2030-01-13', kind: 'closed', intervals: [] }, // Sun: was off
      { dateFrom: '2030-01-14', dateTo: '2030-01-14', kind: 'open', intervals: [['10:00', '19:00']] }, // Mon
    ])
    // Tuesday (same hours) and the days off in both never get one; the end date is exclusive.
    expect(bridgingOverrides(copy(old), copy(old), '2030-01-07', '2030-02-07', () => false)).toEqual([])
  })

  it('joins consecutive dates with the same old hours and leaves skipped dates alone', () => {
    const week = weekdays([['10:00', '19:00']])
    const bridges = bridgingOverrides(week, weekdays([['09:00', '13:00']]), '2030-01-07', '2030-01-17', (d) =>
      ['2030-01-10', '2030-01-11'].includes(d),
    )
    expect(bridges.map((b) => [b.dateFrom, b.dateTo])).toEqual([
      ['2030-01-07', '2030-01-09'],
      ['2030-01-12', '2030-01-16'],
    ])
  })

  it('patches days, null being a day off', () => {
    expect(patchSchedule(copy(old), { '0': null, '2': [['08:00', '09:00']] })).toEqual({
      ...copy(old),
      '0': [],
      '2': [['08:00', '09:00']],
    })
    expect(sameSchedule({ '3': [] }, {})).toBe(true)
  })
})
