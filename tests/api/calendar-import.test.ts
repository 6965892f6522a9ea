// .ics import for a specialist, end to end with PostgreSQL, Redis and the workers: a weekly RRULE
// across a daylight-saving change closes exactly its local times in the slots, a re-import of the
// same source replaces the previous one, collisions with bookings are listed, an unknown zone is a
// 422 that names it, and only admins may import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createSpecialist, createUser, createWorld } from '../helpers/fixtures.ts'

const ZONE = 'Europe/Berlin'

let env: TestEnv
let app: FastifyInstance
let admin: Record<string, string>
let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  await env.startWorkers()
  // A horizon of a year always holds a daylight-saving change; a 15-minute service with no break
  // offers every free cell of the specialist's 10:00–19:00, so the slots show the blocks exactly.
  world = await createWorld(env.db, {
    zone: ZONE,
    service: { duration_minutes: 15, break_minutes: 0 },
    settings: { booking_horizon_days: 365 },
  })
  admin = (await createUser(env.db, ['admin'])).headers
})
afterAll(async () => env?.close())

const calendar = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//EN',
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
  ].join('\r\n')

const ics = (d: DateTime) => d.toFormat("yyyyMMdd'T'HHmmss")

/** The first local date at least `after` days ahead on which Berlin's UTC offset changes. */
function nextChange(after: number): DateTime {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: after })
  while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 })
  return day.plus({ days: 1 })
}

/** Every start time of 10:00–19:00 for a 15-minute service. */
const ALL_DAY = Array.from({ length: 36 }, (_, i) =>
  DateTime.fromObject({ hour: 10 })
    .plus({ minutes: i * 15 })
    .toFormat('HH:mm'),
)

async function slotDays(specialistId: number, from: string, days: number): Promise<Map<string, string[]>> {
  const res = await app.inject({
    url: `/api/slots?service_id=${world.service.id}&specialist_id=${specialistId}&from=${from}&days=${days}`,
  })
  expect(res.statusCode).toBe(200)
  const list = (res.json().locations[0]?.days ?? []) as { date: string; times: string[] }[]
  return new Map(list.map((d) => [d.date, d.times]))
}

async function settled(recalc: { job_ids: string[] } | null) {
  const queue = app.deps.runtime.queues.recalc.queue
  for (const id of recalc?.job_ids ?? []) {
    for (let i = 0; i < 400 && (await (await queue.getJob(id))?.getState()) !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 25))
    }
  }
}

const post = (url: string, payload: unknown, headers = admin) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object })

const importUrl = (specialistId: number) => `/api/admin/specialists/${specialistId}/calendar-import`

describe('a weekly RRULE that crosses a daylight-saving change', () => {
  it('blocks exactly 10:00–11:00 local on each of its days, before and after the change', async () => {
    const specialist = await createSpecialist(env.db, world.location.id, [world.service.id])
    const change = nextChange(14)
    const first = change.minus({ days: 10 }).set({ hour: 10 })
    const file = calendar([
      'UID:weekly@test',
      'SUMMARY:Team meeting',
      `DTSTART;TZID=${ZONE}:${ics(first)}`,
      `DTEND;TZID=${ZONE}:${ics(first.plus({ hours: 1 }))}`,
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ])
    const dates = [0, 7, 14, 21].map((n) => first.plus({ days: n }).toISODate()!)
    const rangeFrom = first.minus({ days: 2 }).toISODate()!
    const before = await slotDays(specialist.id, rangeFrom, 26)
    for (const times of before.values()) expect(times).toEqual(ALL_DAY)

    const preview = await post(`${importUrl(specialist.id)}/preview`, { source: 'work', ics: file })
    expect(preview.statusCode).toBe(200)
    const body = preview.json()
    expect(body.busy.map((b: { local_start: string }) => b.local_start.slice(0, 16))).toEqual(
      dates.map((d) => `${d}T10:00`),
    )
    // The wall time stays; the instant moves by the change (an hour, one way or the other).
    const utc = dates.map((d) =>
      DateTime.fromISO(`${d}T10:00`, { zone: ZONE }).toUTC().toISO({ suppressMilliseconds: true }),
    )
    expect(body.busy.map((b: { start: string }) => b.start)).toEqual(utc)
    expect(body.busy[1].local_start.slice(-6)).not.toBe(body.busy[2].local_start.slice(-6))
    expect(body.blocks).toEqual(
      dates.map((d) => ({ date_from: d, date_to: d, intervals: [['10:00', '11:00']] })),
    )
    expect(body.collisions).toEqual([])
    expect(body.replaces).toBeNull()
    expect(await env.db('calendar_overrides').where({ specialist_id: specialist.id })).toEqual([])

    const applied = await post(importUrl(specialist.id), { source: 'work', ics: file })
    expect(applied.statusCode).toBe(200)
    expect(applied.json()).toMatchObject({ import: { source: 'work', busy_count: 4 }, removed_blocks: 0 })
    expect(applied.json().blocks).toHaveLength(4)
    await settled(applied.json().recalc)

    const after = await slotDays(specialist.id, rangeFrom, 26)
    expect(after.size).toBe(26)
    for (const [date, times] of after) {
      const expected = dates.includes(date) ? ALL_DAY.filter((t) => t < '10:00' || t >= '11:00') : ALL_DAY
      expect({ date, times }).toEqual({ date, times: expected })
    }

    // The specialist sees them among their blocks.
    const mine = await app.inject({ url: '/api/me/blocks', headers: specialist.user.headers })
    expect(mine.json().items.map((b: { date_from: string }) => b.date_from)).toEqual(dates)
  })
})

describe('re-import, collisions and removal', () => {
  it('replaces only the previous import of the same source, lists collisions, and removes an import', async () => {
    const specialist = await createSpecialist(env.db, world.location.id, [world.service.id])
    const day = (n: number) => DateTime.now().setZone(ZONE).startOf('day').plus({ days: n })
    const at = (n: number, hour: number) => ics(day(n).set({ hour }))
    const one = (uid: string, n: number, hour: number) => [
      `UID:${uid}`,
      `SUMMARY:${uid}`,
      `DTSTART;TZID=${ZONE}:${at(n, hour)}`,
      `DTEND;TZID=${ZONE}:${at(n, hour + 1)}`,
    ]

    // A client's booking at 15:00 in three days, which the second file's busy time will overlap.
    const booked = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: { ...world.client.headers, 'idempotency-key': 'ics-collision' },
      payload: {
        service_id: world.service.id,
        specialist_id: specialist.id,
        start: { date: day(3).toISODate(), time: '15:15' },
      },
    })
    expect(booked.statusCode).toBe(201)

    const home = await post(importUrl(specialist.id), { source: 'home', ics: calendar(one('home', 4, 12)) })
    expect(home.statusCode).toBe(200)
    const first = await post(importUrl(specialist.id), { source: 'work', ics: calendar(one('a', 2, 12)) })
    expect(first.statusCode).toBe(200)
    await settled(first.json().recalc)
    expect((await slotDays(specialist.id, day(2).toISODate()!, 1)).get(day(2).toISODate()!)).not.toContain(
      '12:00',
    )

    const second = calendar(one('b', 3, 15))
    const preview = await post(`${importUrl(specialist.id)}/preview`, { source: 'work', ics: second })
    expect(preview.statusCode).toBe(200)
    expect(preview.json().replaces.blocks.map((b: { id: number }) => b.id)).toEqual(
      first.json().blocks.map((b: { id: number }) => b.id),
    )
    expect(preview.json().collisions).toEqual([
      expect.objectContaining({
        booking_id: booked.json().id,
        client_id: world.client.id,
        start: booked.json().start,
        summary: 'b',
        busy_start: `${day(3).toISODate()}T15:00:00${day(3).set({ hour: 15 }).toFormat('ZZ')}`,
      }),
    ])

    const again = await post(importUrl(specialist.id), { source: 'work', ics: second })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ removed_blocks: 1, import: { source: 'work', busy_count: 1 } })
    expect(again.json().collisions.map((c: { booking_id: number }) => c.booking_id)).toEqual([
      booked.json().id,
    ])
    await settled(again.json().recalc)

    const rows = await env
      .db('calendar_overrides')
      .where({ specialist_id: specialist.id })
      .orderBy('date_from')
    expect(rows.map((r) => [r.date_from, r.intervals])).toEqual([
      [day(3).toISODate(), [['15:00', '16:00']]],
      [day(4).toISODate(), [['12:00', '13:00']]],
    ])
    const slots = await slotDays(specialist.id, day(2).toISODate()!, 2)
    expect(slots.get(day(2).toISODate()!)).toEqual(ALL_DAY)
    // 15:15 is the booking's; the rest of 15:00–16:00 is the import's block.
    expect(slots.get(day(3).toISODate()!)).toEqual(ALL_DAY.filter((t) => t < '15:00' || t >= '16:00'))
    // The booking stays.
    expect((await env.db('bookings').where({ id: booked.json().id }).first()).status).toBe('confirmed')

    const list = await app.inject({
      url: `/api/admin/specialists/${specialist.id}/calendar-imports`,
      headers: admin,
    })
    expect(list.json().items.map((i: { source: string }) => i.source)).toEqual(['home', 'work'])

    const removed = await app.inject({
      method: 'DELETE',
      url: `${importUrl(specialist.id)}/work`,
      headers: admin,
    })
    expect(removed.statusCode).toBe(200)
    expect(removed.json()).toMatchObject({ source: 'work', deleted: true, removed_blocks: 1 })
    await settled(removed.json().recalc)
    expect((await slotDays(specialist.id, day(3).toISODate()!, 1)).get(day(3).toISODate()!)).toContain(
      '15:00',
    )
    const gone = await app.inject({
      method: 'DELETE',
      url: `${importUrl(specialist.id)}/work`,
      headers: admin,
    })
    expect(gone.statusCode).toBe(404)
    expect(
      await env.db('calendar_overrides').where({ specialist_id: specialist.id }).pluck('date_from'),
    ).toEqual([day(4).toISODate()])
  })
})

describe('refusals', () => {
  it('an unknown time zone is a 422 naming it, and writes nothing', async () => {
    const specialist = await createSpecialist(env.db, world.location.id, [world.service.id])
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0 })
    const file = calendar([
      'UID:x@test',
      'SUMMARY:Yoga',
      `DTSTART;TZID=Mars/Olympus:${ics(tomorrow)}`,
      'DURATION:PT1H',
    ])
    for (const url of [`${importUrl(specialist.id)}/preview`, importUrl(specialist.id)]) {
      const res = await post(url, { source: 'mars', ics: file })
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({ error: 'unknown_time_zone', time_zone: 'Mars/Olympus' })
      expect(res.json().message).toContain('"Mars/Olympus"')
    }
    expect(await env.db('calendar_imports').where({ specialist_id: specialist.id })).toEqual([])
    expect(await env.db('calendar_overrides').where({ specialist_id: specialist.id })).toEqual([])
  })

  it('a file that is not iCalendar, a bad source and an unknown specialist are refused', async () => {
    const notIcs = await post(importUrl(world.specialist.id), { source: 'x', ics: 'hello' })
    expect(notIcs.statusCode).toBe(422)
    expect(notIcs.json().error).toBe('invalid_ics')
    const slash = await post(importUrl(world.specialist.id), { source: 'a/b', ics: calendar() })
    expect(slash.statusCode).toBe(422)
    const nobody = await post(importUrl(999999), { source: 'x', ics: calendar() })
    expect(nobody.statusCode).toBe(404)
  })

  it('only admins may import, preview, list or remove', async () => {
    const file = calendar()
    for (const headers of [world.client.headers, world.specialist.user.headers]) {
      expect(
        (await post(importUrl(world.specialist.id), { source: 'x', ics: file }, headers)).statusCode,
      ).toBe(403)
      expect(
        (await post(`${importUrl(world.specialist.id)}/preview`, { source: 'x', ics: file }, headers))
          .statusCode,
      ).toBe(403)
      const del = await app.inject({ method: 'DELETE', url: `${importUrl(world.specialist.id)}/x`, headers })
      expect(del.statusCode).toBe(403)
      const list = await app.inject({
        url: `/api/admin/specialists/${world.specialist.id}/calendar-imports`,
        headers,
      })
      expect(list.statusCode).toBe(403)
    }
    expect((await post(importUrl(world.specialist.id), { source: 'x', ics: file }, {})).statusCode).toBe(401)
  })
})
