// Load analytics (GET /api/admin/analytics…): a seeded fortnight around the spring-forward of
// Europe/Berlin (2026-03-29), with overrides that close, block and open days, two locations in
// different zones, every booking status and every payment method. Each figure the API computes in
// SQL is compared with an independent computation here: available minutes with the slot layer's
// own day grids (src/domain/day-grid.ts, real minutes of every open cell), the rest in plain
// TypeScript over the seeded rows, local times through luxon.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { dayCells } from '../../src/domain/day-cells.ts'
import { buildRoomDay, buildSpecialistDay, type DayOverride } from '../../src/domain/day-grid.ts'
import { dateRange, daysBetween, todayIn } from '../../src/domain/dates.ts'
import type { TimeInterval, WeeklySchedule } from '../../src/domain/schedule.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createCompany,
  createLocation,
  createRoom,
  createService,
  createSpecialist,
  createUser,
} from '../helpers/fixtures.ts'

const FROM = '2026-03-23'
const TO = '2026-04-05'
const BERLIN = 'Europe/Berlin'
const MOSCOW = 'Europe/Moscow'

const every = (intervals: TimeInterval[]): WeeklySchedule =>
  Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, intervals]))

type Status = 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'
interface Seeded {
  client_id: number
  specialist_id: number
  service_id: number
  location_id: number
  room_id: number | null
  starts_at: Date
  duration_minutes: number
  status: Status
  price: number
  base_price: number
  payment_method: 'on_site' | 'wallet' | 'package'
  client_package_id: number | null
}
interface Override {
  location_id?: number
  specialist_id?: number
  room_id?: number
  date_from: string
  date_to: string
  kind: 'closed' | 'blocked' | 'open'
  intervals: TimeInterval[]
}

let env: TestEnv
let app: FastifyInstance
let admin: Awaited<ReturnType<typeof createUser>>
let specialistUser: Awaited<ReturnType<typeof createUser>>
const bookings: Seeded[] = []
const overrides: Override[] = []
const locations: { id: number; zone: string; schedule: WeeklySchedule; name: string }[] = []
const specialists: { id: number; locationId: number; schedule: WeeklySchedule; name: string }[] = []
const rooms: { id: number; locationId: number }[] = []

/** A small deterministic generator, so the data is the same on every run. */
function rng(seed: number) {
  let x = seed
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
}

beforeAll(async () => {
  env = await createTestEnv()
  const { db } = env
  await createCompany(db)
  const berlinSchedule: WeeklySchedule = { ...every([['07:00', '22:00']]), '6': [['00:00', '24:00']] }
  const berlin = await createLocation(db, {
    name: 'Berlin',
    timezone: BERLIN,
    work_schedule: JSON.stringify(berlinSchedule),
  })
  const moscowSchedule = every([['09:00', '21:00']])
  const moscow = await createLocation(db, {
    name: 'Moscow',
    timezone: MOSCOW,
    work_schedule: JSON.stringify(moscowSchedule),
  })
  locations.push(
    { id: berlin.id, zone: BERLIN, schedule: berlinSchedule, name: 'Berlin' },
    { id: moscow.id, zone: MOSCOW, schedule: moscowSchedule, name: 'Moscow' },
  )
  const services = [
    await createService(db, { name: 'Cut', duration_minutes: 45, price: 150000 }),
    await createService(db, { name: '=Colour', duration_minutes: 90, price: 420000 }),
    await createService(db, { name: 'Massage', duration_minutes: 60, price: 300000 }),
  ]
  // S1 works nights on Sundays: the spring-forward Sunday has an hour less of them.
  const s1Schedule: WeeklySchedule = { ...every([['10:00', '19:00']]), '6': [['00:00', '06:00']] }
  const s2Schedule: WeeklySchedule = {
    '0': [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    '1': [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    '2': [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    '3': [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
    '4': [
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ],
  }
  const s3Schedule = every([['10:00', '18:00']])
  const ids = services.map((s) => s.id)
  for (const [locationId, schedule] of [
    [berlin.id, s1Schedule],
    [berlin.id, s2Schedule],
    [moscow.id, s3Schedule],
  ] as const) {
    const s = await createSpecialist(db, locationId, ids, { work_schedule: JSON.stringify(schedule) })
    specialists.push({ id: s.id, locationId, schedule, name: s.user.name })
  }
  specialistUser = await createUser(db, ['specialist'])
  const room = await createRoom(db, berlin.id, [services[2]!.id])
  rooms.push({ id: room.id, locationId: berlin.id })
  const [s1, s2, s3] = specialists as [
    (typeof specialists)[0],
    (typeof specialists)[0],
    (typeof specialists)[0],
  ]

  overrides.push(
    // S1 off on the Thursday, a block on the Friday.
    { specialist_id: s1.id, date_from: '2026-03-26', date_to: '2026-03-26', kind: 'closed', intervals: [] },
    {
      specialist_id: s1.id,
      date_from: '2026-03-27',
      date_to: '2026-03-27',
      kind: 'blocked',
      intervals: [['12:00', '14:00']],
    },
    // S2 opens a Saturday morning, and the spring-forward night from a wall time that does not exist.
    {
      specialist_id: s2.id,
      date_from: '2026-03-28',
      date_to: '2026-03-28',
      kind: 'open',
      intervals: [['10:00', '12:00']],
    },
    {
      specialist_id: s2.id,
      date_from: '2026-03-29',
      date_to: '2026-03-29',
      kind: 'open',
      intervals: [['02:30', '05:00']],
    },
    // Berlin opens late on the Monday after (both specialists lose the morning), and closes Easter Sunday.
    {
      location_id: berlin.id,
      date_from: '2026-03-30',
      date_to: '2026-03-30',
      kind: 'blocked',
      intervals: [['07:00', '11:00']],
    },
    { location_id: berlin.id, date_from: '2026-04-05', date_to: '2026-04-05', kind: 'closed', intervals: [] },
    // The room is closed for two days, S3 takes a week off beyond the period's end.
    { room_id: room.id, date_from: '2026-03-31', date_to: '2026-04-01', kind: 'closed', intervals: [] },
    { specialist_id: s3.id, date_from: '2026-04-03', date_to: '2026-04-12', kind: 'closed', intervals: [] },
  )
  for (const o of overrides)
    await db('calendar_overrides').insert({ ...o, intervals: JSON.stringify(o.intervals) })

  const clients = []
  for (let i = 0; i < 6; i++) clients.push(await createUser(db, ['client']))
  const [pkg] = await db('service_packages')
    .insert({ name: 'Five', composition: JSON.stringify({ items: [], valid_days: 90 }), price: 1000000 })
    .returning('id')
  const [clientPackage] = await db('client_packages')
    .insert({
      client_id: clients[0]!.id,
      service_package_id: pkg.id,
      price_paid: 1000000,
      purchased_at: new Date('2026-01-01T00:00:00Z'),
      expires_at: new Date('2026-12-31T00:00:00Z'),
    })
    .returning('id')

  const random = rng(7)
  const statuses: Status[] = [
    'completed',
    'completed',
    'completed',
    'confirmed',
    'cancelled',
    'no_show',
    'rejected',
    'requested',
  ]
  const add = (
    specialist: (typeof specialists)[0],
    local: DateTime,
    service: (typeof services)[0],
    status: Status,
    clientId: number,
  ) => {
    const method = random() < 0.2 ? 'package' : random() < 0.5 ? 'wallet' : 'on_site'
    const discount = method === 'package' ? service.price : random() < 0.3 ? 10000 : 0
    bookings.push({
      client_id: clientId,
      specialist_id: specialist.id,
      service_id: service.id,
      location_id: specialist.locationId,
      room_id: service === services[2] && specialist === s1 ? room.id : null,
      starts_at: local.toJSDate(),
      duration_minutes: service.duration_minutes,
      status,
      price: service.price - discount,
      base_price: service.price,
      payment_method: method,
      client_package_id: method === 'package' ? clientPackage.id : null,
    })
  }
  // Two days either side of the period too, which must not count.
  for (const date of dateRange('2026-03-21', daysBetween('2026-03-21', '2026-04-07') + 1)) {
    for (const specialist of specialists) {
      const zone = locations.find((l) => l.id === specialist.locationId)!.zone
      // Starts 2 h apart (the longest service plus its break is 1 h 45 min): no overlap.
      for (const time of ['08:15', '10:30', '12:30', '14:30', '16:45', '18:45', '21:30']) {
        if (random() < 0.45) continue
        const service = services[Math.floor(random() * services.length)]!
        const status = statuses[Math.floor(random() * statuses.length)]!
        add(
          specialist,
          DateTime.fromISO(`${date}T${time}`, { zone }),
          service,
          status,
          clients[Math.floor(random() * 5)]!.id,
        )
      }
    }
  }
  // Near midnight: a Moscow booking whose UTC date is the day before, one at the period's end in
  // Berlin that is already the next day in Moscow, and the spring-forward night crossing 02:00.
  add(s3, DateTime.fromISO('2026-03-25T01:30', { zone: MOSCOW }), services[0]!, 'completed', clients[1]!.id)
  add(s2, DateTime.fromISO('2026-04-05T23:30', { zone: BERLIN }), services[0]!, 'completed', clients[2]!.id)
  add(s1, DateTime.fromISO('2026-03-29T01:30', { zone: BERLIN }), services[1]!, 'completed', clients[3]!.id)
  // The sixth client: a cancelled booking before the period (not a visit), then one inside it: new.
  add(s3, DateTime.fromISO('2026-02-10T12:00', { zone: MOSCOW }), services[0]!, 'cancelled', clients[5]!.id)
  add(s3, DateTime.fromISO('2026-03-31T23:30', { zone: MOSCOW }), services[0]!, 'confirmed', clients[5]!.id)
  // Client 4 came last year: returning.
  add(s1, DateTime.fromISO('2025-11-10T12:00', { zone: BERLIN }), services[0]!, 'completed', clients[4]!.id)

  for (const b of bookings) {
    const ends = new Date(b.starts_at.getTime() + b.duration_minutes * 60_000)
    await db('bookings').insert({
      ...b,
      break_minutes: 15,
      ends_at: ends,
      busy_until: new Date(ends.getTime() + 15 * 60_000),
    })
  }
  admin = await createUser(db, ['admin'])
  app = await env.app()
}, 60_000)

afterAll(async () => {
  await env?.close()
})

// ---- the independent computation ----

const zoneOf = (locationId: number) => locations.find((l) => l.id === locationId)!.zone
const localDate = (b: Seeded) =>
  DateTime.fromJSDate(b.starts_at, { zone: zoneOf(b.location_id) }).toISODate()!
const inPeriod = (b: Seeded, from = FROM, to = TO) => localDate(b) >= from && localDate(b) <= to
const holdsTime = (b: Seeded) => b.status !== 'cancelled' && b.status !== 'rejected'

function dayOverrides(
  date: string,
  targets: { location: number; specialist?: number; room?: number },
): DayOverride[] {
  return overrides.flatMap((o): DayOverride[] => {
    if (date < o.date_from || date > o.date_to) return []
    const scope =
      o.location_id === targets.location
        ? 'location'
        : o.specialist_id !== undefined && o.specialist_id === targets.specialist
          ? 'specialist'
          : o.room_id !== undefined && o.room_id === targets.room
            ? 'room'
            : null
    if (!scope) return []
    return [o.kind === 'closed' ? { scope, kind: 'closed' } : { scope, kind: o.kind, intervals: o.intervals }]
  })
}

/** Real minutes of the open cells of a day grid. */
function openMinutes(grid: Uint8Array, date: string, zone: string): number {
  const cells = dayCells(date, zone)
  let ms = 0
  for (let i = 0; i < 96; i++) if (grid[i]) ms += cells.endMs[i]! - cells.startMs[i]!
  return Math.round(ms / 60_000)
}

interface Row {
  scope: string
  id: number
  location_id: number
  date: string | null
  booked_minutes: number
  available_minutes: number
}

function expectedUtilisation(from: string, to: string, locationIds: number[]): Row[] {
  const rows: Row[] = []
  const dates = dateRange(from, daysBetween(from, to) + 1)
  for (const l of locations.filter((x) => locationIds.includes(x.id))) {
    for (const date of dates) {
      let locBooked = 0
      let locAvailable = 0
      for (const s of specialists.filter((x) => x.locationId === l.id)) {
        const grid = buildSpecialistDay({
          date,
          zone: l.zone,
          locationSchedule: l.schedule,
          specialistSchedule: s.schedule,
          overrides: dayOverrides(date, { location: l.id, specialist: s.id }),
          busy: [],
        })
        const available = openMinutes(grid, date, l.zone)
        const booked = bookings
          .filter((b) => b.specialist_id === s.id && holdsTime(b) && localDate(b) === date)
          .reduce((n, b) => n + b.duration_minutes, 0)
        rows.push({
          scope: 'specialist',
          id: s.id,
          location_id: l.id,
          date,
          booked_minutes: booked,
          available_minutes: available,
        })
        locBooked += booked
        locAvailable += available
      }
      rows.push({
        scope: 'location',
        id: l.id,
        location_id: l.id,
        date,
        booked_minutes: locBooked,
        available_minutes: locAvailable,
      })
      for (const r of rooms.filter((x) => x.locationId === l.id)) {
        const grid = buildRoomDay({
          date,
          zone: l.zone,
          locationSchedule: l.schedule,
          overrides: dayOverrides(date, { location: l.id, room: r.id }),
          busy: [],
        })
        const booked = bookings
          .filter((b) => b.room_id === r.id && holdsTime(b) && localDate(b) === date)
          .reduce((n, b) => n + b.duration_minutes, 0)
        rows.push({
          scope: 'room',
          id: r.id,
          location_id: l.id,
          date,
          booked_minutes: booked,
          available_minutes: openMinutes(grid, date, l.zone),
        })
      }
    }
  }
  const days = rows.filter((r) => r.booked_minutes > 0 || r.available_minutes > 0)
  const totals = new Map<string, Row>()
  for (const r of rows) {
    const key = `${r.scope}:${r.id}`
    const t = totals.get(key) ?? { ...r, date: null, booked_minutes: 0, available_minutes: 0 }
    t.booked_minutes += r.booked_minutes
    t.available_minutes += r.available_minutes
    totals.set(key, t)
  }
  return [...totals.values(), ...days]
}

const key = (r: { scope: string; id: number; date: string | null }) =>
  `${r.scope}:${r.id}:${r.date ?? 'period'}`
const byKey = <T extends { scope: string; id: number; date: string | null }>(rows: T[]) =>
  Object.fromEntries(rows.map((r) => [key(r), r]))

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { ...admin.headers, ...headers } })

/** The days that make the case: S1's short spring-forward night (5 h, not 6), S2's night opened
 * from a wall time that does not exist (03:00–05:00 = 2 h), S1's day off and block. */
function expectSeededDays(
  day: (id: number, date: string) => { available_minutes: number } | undefined,
  s1: number,
  s2: number,
) {
  expect(day(s1, '2026-03-29')?.available_minutes).toBe(300)
  expect(day(s1, '2026-03-22')).toBeUndefined() // outside the period
  expect(day(s2, '2026-03-29')?.available_minutes).toBe(120)
  expect(day(s1, '2026-03-27')?.available_minutes).toBe(7 * 60)
  expect(day(s1, '2026-03-26')?.available_minutes ?? 0).toBe(0)
  expect(day(s2, '2026-03-30')?.available_minutes).toBe(2 * 60 + 4 * 60)
}

/**
 * Every figure of the period, each compared with the independent computation over the seeded rows;
 * `asSeeded` adds the spot checks of the days the seed was made for.
 */
async function expectFiguresOfTheRows(asSeeded = true) {
  const res = await get(`/api/admin/analytics?from=${FROM}&to=${TO}`)
  expect(res.statusCode, res.body).toBe(200)
  const body = res.json()
  expect(body.period).toEqual({ from: FROM, to: TO, location_id: null, days: 14, currency: 'RUB' })

  // Utilisation: every specialist, room and location, per day and over the period.
  const expected = expectedUtilisation(
    FROM,
    TO,
    locations.map((l) => l.id),
  )
  const got = [...body.utilisation.totals, ...body.utilisation.days] as (Row & {
    utilisation: number | null
  })[]
  const strip = (r: Row) => ({
    booked_minutes: r.booked_minutes,
    available_minutes: r.available_minutes,
    location_id: r.location_id,
  })
  expect(Object.fromEntries(Object.entries(byKey(got)).map(([k, r]) => [k, strip(r)]))).toEqual(
    Object.fromEntries(Object.entries(byKey(expected)).map(([k, r]) => [k, strip(r)])),
  )
  for (const r of got) {
    if (r.available_minutes === 0) expect(r.utilisation).toBeNull()
    else expect(r.utilisation).toBeCloseTo(r.booked_minutes / r.available_minutes, 4)
  }
  const [s1, s2] = specialists
  const day = (id: number, date: string) => byKey(got)[`specialist:${id}:${date}`]
  if (asSeeded) expectSeededDays(day, s1!.id, s2!.id)

  // Heatmap: per minute of real time, its local weekday and hour.
  const heat = new Map<string, number>()
  for (const b of bookings.filter((x) => holdsTime(x) && inPeriod(x))) {
    for (let m = 0; m < b.duration_minutes; m++) {
      const t = DateTime.fromMillis(b.starts_at.getTime() + m * 60_000, { zone: zoneOf(b.location_id) })
      const k = `${b.specialist_id}:${t.weekday - 1}:${t.hour}`
      heat.set(k, (heat.get(k) ?? 0) + 1)
    }
  }
  const heatmap = body.heatmap as {
    specialist_id: number
    weekday: number
    hour: number
    booked_minutes: number
  }[]
  expect(
    Object.fromEntries(heatmap.map((c) => [`${c.specialist_id}:${c.weekday}:${c.hour}`, c.booked_minutes])),
  ).toEqual(Object.fromEntries(heat))
  // The 01:30 booking of the spring-forward night spends its second half-hour in the 03 hour.
  expect(heat.get(`${s1!.id}:6:3`)).toBeGreaterThanOrEqual(30)

  // Revenue of completed bookings, in total, by service, by specialist.
  const completed = bookings.filter((b) => b.status === 'completed' && inPeriod(b))
  const sum = (rows: Seeded[]) => ({
    bookings: rows.length,
    package_visits: rows.filter((b) => b.payment_method === 'package').length,
    revenue: rows.reduce((n, b) => n + b.price, 0),
    list_value: rows.reduce((n, b) => n + b.base_price, 0),
  })
  const revenue = body.revenue as ({ group: string; id: number } & ReturnType<typeof sum>)[]
  const revenueOf = (group: string, id: number) => {
    const r = revenue.find((x) => x.group === group && x.id === id)
    return (
      r && {
        bookings: r.bookings,
        package_visits: r.package_visits,
        revenue: r.revenue,
        list_value: r.list_value,
      }
    )
  }
  expect(revenueOf('total', 0)).toEqual(sum(completed))
  const serviceIds = [...new Set(completed.map((b) => b.service_id))]
  for (const id of serviceIds)
    expect(revenueOf('service', id)).toEqual(sum(completed.filter((b) => b.service_id === id)))
  for (const s of specialists)
    expect(revenueOf('specialist', s.id)).toEqual(sum(completed.filter((b) => b.specialist_id === s.id)))
  expect(revenue.filter((r) => r.group === 'service')).toHaveLength(serviceIds.length)
  expect(sum(completed).package_visits).toBeGreaterThan(0)

  // Cancellation and no-show rates.
  const outcome = (rows: Seeded[]) => {
    const made = rows.filter((b) => b.status !== 'rejected')
    const count = (s: Status) => made.filter((b) => b.status === s).length
    return {
      bookings: made.length,
      completed: count('completed'),
      cancelled: count('cancelled'),
      no_show: count('no_show'),
      cancellation_rate: Math.round((count('cancelled') / made.length) * 1e4) / 1e4,
      no_show_rate: Math.round((count('no_show') / made.length) * 1e4) / 1e4,
    }
  }
  const outcomes = body.outcomes as ({ group: string; id: number; name: string } & ReturnType<
    typeof outcome
  >)[]
  const period = bookings.filter((b) => inPeriod(b))
  const { group: _g, id: _i, name: _n, ...total } = outcomes.find((o) => o.group === 'total')!
  expect(total).toEqual(outcome(period))
  for (const s of specialists) {
    const { group, id, name, ...row } = outcomes.find((o) => o.group === 'specialist' && o.id === s.id)!
    expect({ group, id, name }).toEqual({ group: 'specialist', id: s.id, name: s.name })
    expect(row).toEqual(outcome(period.filter((b) => b.specialist_id === s.id)))
  }

  // New and returning clients: a client's first visit ever decides.
  const visits = bookings.filter(holdsTime)
  const inside = new Set(visits.filter((b) => inPeriod(b)).map((b) => b.client_id))
  const firstDate = (clientId: number) =>
    visits
      .filter((b) => b.client_id === clientId)
      .map(localDate)
      .sort()[0]!
  const fresh = [...inside].filter((c) => firstDate(c) >= FROM).length
  expect(body.clients).toEqual({ clients: inside.size, new: fresh, returning: inside.size - fresh })
  expect(body.clients.new).toBeGreaterThan(0)
  expect(body.clients.returning).toBeGreaterThan(0)
}

describe('GET /api/admin/analytics', () => {
  it('answers every figure of the period, each equal to an independent computation', () =>
    expectFiguresOfTheRows())

  it('keeps to one location and its local dates', async () => {
    const moscow = locations.find((l) => l.zone === MOSCOW)!
    const res = await get(
      `/api/admin/analytics/utilisation?from=2026-03-25&to=2026-04-02&location_id=${moscow.id}`,
    )
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    const rows = [...body.totals, ...body.days] as Row[]
    expect(new Set(rows.map((r) => r.location_id))).toEqual(new Set([moscow.id]))
    const strip = (r: Row) => [r.booked_minutes, r.available_minutes]
    const expected = byKey(expectedUtilisation('2026-03-25', '2026-04-02', [moscow.id]))
    expect(Object.fromEntries(Object.entries(byKey(rows)).map(([k, r]) => [k, strip(r)]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, r]) => [k, strip(r)])),
    )
    // The 01:30 Moscow booking of 2026-03-25 (22:30 UTC the day before) counts on the 25th.
    const s3 = specialists.find((s) => s.locationId === moscow.id)!
    expect(byKey(rows)[`specialist:${s3.id}:2026-03-25`]?.booked_minutes).toBe(
      bookings
        .filter((b) => b.specialist_id === s3.id && holdsTime(b) && localDate(b) === '2026-03-25')
        .reduce((n, b) => n + b.duration_minutes, 0),
    )
  })

  it('counts the real minutes of a fall-back night, and the plain days around it as wall time', async () => {
    // 2026-10-25 in Berlin has 25 hours: S1's Sunday night 00:00–06:00 lasts 7 hours. The days
    // either side keep one offset and are measured as wall time (docs/analytics.md).
    const berlin = locations.find((l) => l.zone === BERLIN)!
    const res = await get(
      `/api/admin/analytics/utilisation?from=2026-10-24&to=2026-10-26&location_id=${berlin.id}`,
    )
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    const rows = [...body.totals, ...body.days] as Row[]
    const strip = (r: Row) => [r.booked_minutes, r.available_minutes]
    const expected = byKey(expectedUtilisation('2026-10-24', '2026-10-26', [berlin.id]))
    expect(Object.fromEntries(Object.entries(byKey(rows)).map(([k, r]) => [k, strip(r)]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, r]) => [k, strip(r)])),
    )
    const s1 = specialists[0]!
    expect(byKey(rows)[`specialist:${s1.id}:2026-10-25`]?.available_minutes).toBe(7 * 60)
    expect(byKey(rows)[`specialist:${s1.id}:2026-10-24`]?.available_minutes).toBe(9 * 60)
  })

  it('exports each figure as CSV, by format=csv or by Accept: text/csv', async () => {
    const query = `from=${FROM}&to=${TO}`
    const json = (await get(`/api/admin/analytics/revenue?${query}`)).json()
    const byFormat = await get(`/api/admin/analytics/revenue?${query}&format=csv`)
    expect(byFormat.statusCode).toBe(200)
    expect(byFormat.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(byFormat.headers['content-disposition']).toBe(
      `attachment; filename="analytics-revenue-${FROM}-${TO}.csv"`,
    )
    const lines = byFormat.body.trimEnd().split('\r\n')
    expect(lines[0]).toBe('group,id,name,bookings,package_visits,revenue,list_value,currency')
    expect(lines).toHaveLength(json.items.length + 1)
    const total = json.items.find((r: { group: string }) => r.group === 'total')
    expect(lines[1]).toBe(
      `total,0,,${total.bookings},${total.package_visits},${total.revenue},${total.list_value},RUB`,
    )
    // A name a spreadsheet would run as a formula is written as text.
    expect(lines.some((l) => l.startsWith('service,') && l.includes(",'=Colour,"))).toBe(true)

    const byAccept = await get(`/api/admin/analytics/revenue?${query}`, { accept: 'text/csv' })
    expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(byAccept.body).toBe(byFormat.body)

    for (const figure of ['utilisation', 'heatmap', 'outcomes', 'clients']) {
      const res = await get(`/api/admin/analytics/${figure}?${query}&format=csv`)
      expect(res.statusCode, figure).toBe(200)
      const rows = res.body.trimEnd().split('\r\n')
      const data = (await get(`/api/admin/analytics/${figure}?${query}`)).json()
      const count =
        figure === 'utilisation'
          ? data.totals.length + data.days.length
          : figure === 'clients'
            ? 1
            : data.total
      expect(rows, figure).toHaveLength(count + 1)
    }
    const clients = await get(`/api/admin/analytics/clients?${query}&format=csv`)
    const c = (await get(`/api/admin/analytics/clients?${query}`)).json()
    expect(clients.body).toBe(`clients,new,returning\r\n${c.clients},${c.new},${c.returning}\r\n`)
  })

  it('defaults to the 30 days up to today in the location’s zone', async () => {
    const res = await get('/api/admin/analytics/clients')
    expect(res.statusCode, res.body).toBe(200)
    const { period } = res.json()
    expect(period.to).toBe(todayIn('Europe/Moscow'))
    expect(period.days).toBe(30)
    expect(daysBetween(period.from, period.to)).toBe(29)
  })

  it('refuses a period it cannot answer with a message saying why', async () => {
    const long = await get('/api/admin/analytics?from=2025-01-01&to=2026-01-02')
    expect(long.statusCode).toBe(422)
    expect(long.json()).toMatchObject({ error: 'period_too_long' })
    expect(long.json().message).toContain('367 days')
    expect((await get('/api/admin/analytics?from=2025-01-01&to=2026-01-01')).statusCode).toBe(200)

    const backwards = await get('/api/admin/analytics/heatmap?from=2026-04-02&to=2026-04-01')
    expect(backwards.statusCode).toBe(422)
    expect(backwards.json()).toMatchObject({ error: 'invalid_period' })

    const nowhere = await get('/api/admin/analytics?location_id=999999')
    expect(nowhere.statusCode).toBe(404)
    expect(nowhere.json().message).toContain('999999')

    const notADate = await get('/api/admin/analytics?from=2026-02-30')
    expect([400, 422]).toContain(notADate.statusCode)
    expect(notADate.json()).toHaveProperty('message')
    expect((await get('/api/admin/analytics/revenue?format=xlsx')).statusCode).toBeGreaterThanOrEqual(400)
  })

  it('is for admins only', async () => {
    const asSpecialist = await app.inject({
      method: 'GET',
      url: '/api/admin/analytics',
      headers: specialistUser.headers,
    })
    expect(asSpecialist.statusCode).toBe(403)
    expect(
      (await app.inject({ method: 'GET', url: '/api/admin/analytics/revenue?format=csv' })).statusCode,
    ).toBe(401)
  })

  it("reads a period's whole months from their monthly sums and its other days one by one", async () => {
    // March whole, the first days of April: the same minutes as counted booking by booking.
    const [from, to] = ['2026-03-01', '2026-04-06']
    const res = await get(`/api/admin/analytics/heatmap?from=${from}&to=${to}`)
    expect(res.statusCode, res.body).toBe(200)
    const heat = new Map<string, number>()
    for (const b of bookings.filter((x) => holdsTime(x) && inPeriod(x, from, to))) {
      for (let m = 0; m < b.duration_minutes; m++) {
        const t = DateTime.fromMillis(b.starts_at.getTime() + m * 60_000, { zone: zoneOf(b.location_id) })
        const k = `${b.specialist_id}:${t.weekday - 1}:${t.hour}`
        heat.set(k, (heat.get(k) ?? 0) + 1)
      }
    }
    const cells = res.json().items as {
      specialist_id: number
      weekday: number
      hour: number
      booked_minutes: number
    }[]
    expect(
      Object.fromEntries(cells.map((c) => [`${c.specialist_id}:${c.weekday}:${c.hour}`, c.booked_minutes])),
    ).toEqual(Object.fromEntries(heat))
    expect(bookings.some((b) => holdsTime(b) && localDate(b) > '2026-03-31' && inPeriod(b, from, to))).toBe(
      true,
    )
  })

  // Last, since it changes the seeded rows: the figures read a rollup and a cache of available
  // minutes (migration 020), and each change below must reach them before the next read.
  it('follows every change made after a read: bookings, overrides, schedules and a zone', async () => {
    await expectFiguresOfTheRows()
    const { db } = env
    const [s1, s2] = specialists
    const at = (b: Seeded) => ({ specialist_id: b.specialist_id, starts_at: b.starts_at })
    // A completed booking cancelled, and a cancelled one moved out of the period.
    const done = bookings.find((b) => b.status === 'completed' && inPeriod(b))!
    await db('bookings').where(at(done)).update({ status: 'cancelled' })
    done.status = 'cancelled'
    const dropped = bookings.find((b) => b.status === 'cancelled' && inPeriod(b) && b !== done)!
    const moved = new Date(dropped.starts_at.getTime() - 10 * 86_400_000)
    const shift = moved.getTime() - dropped.starts_at.getTime()
    await db('bookings')
      .where(at(dropped))
      .update({
        starts_at: moved,
        ends_at: db.raw('ends_at + make_interval(secs => ?)', [shift / 1000]),
        busy_until: db.raw('busy_until + make_interval(secs => ?)', [shift / 1000]),
      })
    dropped.starts_at = moved
    // A block for S1 on a day of the period, and a new week for S2.
    const block: Override = {
      specialist_id: s1!.id,
      date_from: '2026-03-24',
      date_to: '2026-03-25',
      kind: 'blocked',
      intervals: [['15:00', '17:00']],
    }
    await db('calendar_overrides').insert({ ...block, intervals: JSON.stringify(block.intervals) })
    overrides.push(block)
    s2!.schedule = every([['08:00', '12:00']])
    await db('specialists')
      .where({ id: s2!.id })
      .update({ work_schedule: JSON.stringify(s2!.schedule) })
    // Moscow's location moves to another zone: its bookings' local dates and hours follow.
    const moscow = locations.find((l) => l.zone === MOSCOW)!
    moscow.zone = 'Asia/Yekaterinburg'
    await db('locations').where({ id: moscow.id }).update({ timezone: moscow.zone })

    await expectFiguresOfTheRows(false)
  })
})
