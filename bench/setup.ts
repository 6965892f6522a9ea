// A throw-away world for one benchmark run: a fresh database `bench_<random>` on the local (or
// DATABASE_URL's) PostgreSQL server, migrated and seeded with bulk inserts, a Redis key prefix of
// its own, the config the processes under test get, and a cleanup that removes all of it.
import { createHash, randomBytes } from 'node:crypto'
import pg from 'pg'
import { Redis } from 'ioredis'
import { DateTime } from 'luxon'
import { loadConfig, type Config } from '../src/config.ts'
import { bindToDeployment } from '../src/infra/deployment.ts'
import { createDb, migrateLatest, type Db } from '../src/data/db.ts'
import { addDays, todayIn } from '../src/domain/dates.ts'
import { weekdayKey } from '../src/domain/day-cells.ts'
import type { TimeInterval, WeeklySchedule } from '../src/domain/schedule.ts'

export interface SeedOptions {
  /** Specialists, spread evenly over the two locations (default 1,000). */
  specialists?: number
  /** Clients with a live session each (their tokens are returned). */
  clients?: number
  /** Seeded bookings per specialist (default 3). */
  bookingsPerSpecialist?: number
  /** Extra environment for the processes under test (QUEUE_PARTITIONS, INTENT_WAIT_MS, …). */
  env?: Record<string, string>
}

export interface SeededSpecialist {
  id: number
  locationId: number
  zone: string
  schedule: WeeklySchedule
}

export interface Seed {
  locations: { id: number; zone: string; schedule: WeeklySchedule }[]
  rooms: { id: number; locationId: number }[]
  /** 60 min + 15 min break, no room; every specialist performs it. */
  haircut: { id: number; durationMinutes: number; breakMinutes: number }
  /** 45 min + 15 min break, needs one of the rooms; every fifth specialist performs it. */
  massage: { id: number }
  /** Services performed by exactly 10 specialists of one location ("any of 10"). */
  groups: { serviceId: number; locationId: number; specialistIds: number[] }[]
  specialists: SeededSpecialist[]
  clients: { id: number; token: string }[]
  /** Ids of the seeded bookings' client. */
  seedClientId: number
  bookings: number
}

export interface BenchEnv {
  config: Config
  /** The environment a process under test needs (add PORT per process). */
  env: Record<string, string>
  serverUrl: string
  databaseName: string
  db: Db
  /** A Redis client WITHOUT the key prefix (SCAN, MEMORY USAGE, cleanup). */
  rawRedis: Redis
  seed: Seed
  /** Drops the database and deletes every key of the prefix; safe to call twice. */
  cleanup: () => Promise<void>
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres'
const DEFAULT_REDIS = 'redis://127.0.0.1:6379'

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

const week = (days: number[], intervals: TimeInterval[]): WeeklySchedule =>
  Object.fromEntries(days.map((d) => [String(d), intervals]))

/** Weekly schedules of specialists ("0" = Monday), each day with a break, cycled over the staff. */
const SPECIALIST_SCHEDULES: WeeklySchedule[] = [
  week(
    [0, 1, 2, 3, 4],
    [
      ['10:00', '14:00'],
      ['15:00', '19:00'],
    ],
  ),
  week(
    [1, 2, 3, 4, 5],
    [
      ['09:00', '13:00'],
      ['13:30', '18:00'],
    ],
  ),
  week(
    [0, 2, 4, 6],
    [
      ['12:00', '16:00'],
      ['16:30', '21:00'],
    ],
  ),
  week(
    [0, 1, 2, 3, 4, 5, 6],
    [
      ['09:00', '12:00'],
      ['13:00', '17:00'],
    ],
  ),
  week(
    [3, 5, 6],
    [
      ['10:00', '14:00'],
      ['14:45', '20:00'],
    ],
  ),
]

const LOCATIONS = [
  { name: 'Moscow', zone: 'Europe/Moscow', schedule: week([0, 1, 2, 3, 4, 5, 6], [['09:00', '21:00']]) },
  {
    name: 'Berlin',
    zone: 'Europe/Berlin',
    schedule: { ...week([0, 1, 2, 3, 4, 5], [['08:00', '21:00']]), ...week([6], [['10:00', '18:00']]) },
  },
]

async function insertMany<T extends Record<string, unknown>>(
  db: Db,
  table: string,
  rows: T[],
  returning?: string,
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000)
    if (returning) {
      const out = (await db(table).insert(chunk).returning(returning)) as Record<string, number>[]
      ids.push(...out.map((r) => r[returning]!))
    } else {
      await db(table).insert(chunk)
    }
  }
  return ids
}

/** The first start of a working day, at or after `fromDay` days from today, where nothing is booked. */
function seedBookingDay(s: SeededSpecialist, location: WeeklySchedule, fromDay: number) {
  const today = todayIn(s.zone)
  for (let d = fromDay; d < fromDay + 7; d++) {
    const date = addDays(today, d)
    const day = weekdayKey(date)
    const own = s.schedule[day]
    if (own?.length && location[day]?.length) return { date, time: own[0]![0] }
  }
  return null
}

async function seed(db: Db, opts: Required<Omit<SeedOptions, 'env'>>): Promise<Seed> {
  await db('company').insert({
    id: 1,
    name: 'Bench salon',
    settings: JSON.stringify({ min_lead_minutes: 0 }),
  })
  const locationIds = await insertMany(
    db,
    'locations',
    LOCATIONS.map((l) => ({ name: l.name, timezone: l.zone, work_schedule: JSON.stringify(l.schedule) })),
    'id',
  )
  const locations = LOCATIONS.map((l, i) => ({ id: locationIds[i]!, zone: l.zone, schedule: l.schedule }))
  const roomRows = locations.flatMap((l) => [1, 2, 3].map((n) => ({ location_id: l.id, name: `Room ${n}` })))
  const roomIds = await insertMany(db, 'rooms', roomRows, 'id')
  const rooms = roomIds.map((id, i) => ({ id, locationId: roomRows[i]!.location_id }))

  const [haircutId, massageId] = await insertMany(
    db,
    'services',
    [
      { name: 'Haircut', duration_minutes: 60, break_minutes: 15, price: 150_000 },
      { name: 'Massage', duration_minutes: 45, break_minutes: 15, price: 300_000 },
    ],
    'id',
  )
  await insertMany(
    db,
    'service_rooms',
    rooms.map((r) => ({ service_id: massageId!, room_id: r.id })),
  )

  // Users: the specialists' accounts, the clients, and one client owning the seeded bookings.
  const n = opts.specialists
  const userIds = await insertMany(
    db,
    'users',
    [
      ...Array.from({ length: n }, (_, i) => ({ name: `Specialist ${i + 1}` })),
      ...Array.from({ length: opts.clients + 1 }, (_, i) => ({ name: `Client ${i + 1}` })),
    ],
    'id',
  )
  await insertMany(
    db,
    'user_roles',
    userIds.map((id, i) => ({ user_id: id, role: i < n ? 'specialist' : 'client' })),
  )
  const seedClientId = userIds[n]!
  const clientIds = userIds.slice(n + 1)
  const clients = clientIds.map((id) => ({ id, token: randomBytes(32).toString('base64url') }))
  await insertMany(
    db,
    'sessions',
    clients.map((c) => ({
      user_id: c.id,
      token_hash: createHash('sha256').update(c.token).digest('hex'),
      expires_at: new Date(Date.now() + 24 * 3600_000),
    })),
  )

  // Specialists alternate between the locations; schedules cycle through the patterns.
  const specialistRows = Array.from({ length: n }, (_, i) => ({
    user_id: userIds[i]!,
    location_id: locations[i % 2]!.id,
    work_schedule: JSON.stringify(SPECIALIST_SCHEDULES[i % SPECIALIST_SCHEDULES.length]),
  }))
  const specialistIds = await insertMany(db, 'specialists', specialistRows, 'id')
  const specialists: SeededSpecialist[] = specialistIds.map((id, i) => ({
    id,
    locationId: locations[i % 2]!.id,
    zone: locations[i % 2]!.zone,
    schedule: SPECIALIST_SCHEDULES[i % SPECIALIST_SCHEDULES.length]!,
  }))

  // "Any of 10" services: group g holds the 10 specialists of location g % 2 whose rank there is
  // in [10·⌊g/2⌋, 10·⌊g/2⌋ + 10).
  const groupCount = Math.min(20, Math.floor(n / 20) * 2)
  const groupServiceIds = await insertMany(
    db,
    'services',
    Array.from({ length: groupCount }, (_, g) => ({
      name: `Group service ${g + 1}`,
      duration_minutes: 30,
      break_minutes: 0,
      price: 100_000,
    })),
    'id',
  )
  const groups = groupServiceIds.map((serviceId, g) => {
    const loc = g % 2
    const first = Math.floor(g / 2) * 10
    const members = specialists.filter((_, i) => i % 2 === loc && Math.floor(i / 2) >= first)
    return {
      serviceId,
      locationId: locations[loc]!.id,
      specialistIds: members.slice(0, 10).map((s) => s.id),
    }
  })
  await insertMany(db, 'specialist_services', [
    ...specialists.map((s) => ({ specialist_id: s.id, service_id: haircutId! })),
    ...specialists
      .filter((_, i) => i % 5 === 0)
      .map((s) => ({ specialist_id: s.id, service_id: massageId! })),
    ...groups.flatMap((g) => g.specialistIds.map((id) => ({ specialist_id: id, service_id: g.serviceId }))),
  ])

  // A few confirmed haircuts per specialist, a week apart, at the start of a working day.
  const bookingRows: Record<string, unknown>[] = []
  for (const [i, s] of specialists.entries()) {
    const location = locations.find((l) => l.id === s.locationId)!.schedule
    for (let k = 0; k < opts.bookingsPerSpecialist; k++) {
      const at = seedBookingDay(s, location, 1 + (i % 7) + 7 * k)
      if (!at) continue
      const start = DateTime.fromISO(`${at.date}T${at.time}`, { zone: s.zone })
      const ends = start.plus({ minutes: 60 })
      bookingRows.push({
        client_id: seedClientId,
        specialist_id: s.id,
        service_id: haircutId,
        location_id: s.locationId,
        starts_at: start.toJSDate(),
        duration_minutes: 60,
        break_minutes: 15,
        ends_at: ends.toJSDate(),
        busy_until: ends.plus({ minutes: 15 }).toJSDate(),
        status: 'confirmed',
        price: 150_000,
        base_price: 150_000,
        payment_method: 'on_site',
        source: 'api',
      })
    }
  }
  await insertMany(db, 'bookings', bookingRows)

  return {
    locations,
    rooms,
    haircut: { id: haircutId!, durationMinutes: 60, breakMinutes: 15 },
    massage: { id: massageId! },
    groups,
    specialists,
    clients,
    seedClientId,
    bookings: bookingRows.length,
  }
}

/** Deletes every key starting with `prefix` (the client must have no keyPrefix). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0'
  let deleted = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    if (keys.length) deleted += await redis.unlink(...keys)
  } while (cursor !== '0')
  return deleted
}

/** Creates the database and the prefix, seeds them, and returns the run's config and cleanup. */
export async function createBenchEnv(opts: SeedOptions = {}): Promise<BenchEnv> {
  const suffix = randomBytes(5).toString('hex')
  const databaseName = `bench_${suffix}`
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_SERVER
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS
  const env: Record<string, string> = {
    DATABASE_URL: withDatabase(serverUrl, databaseName),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `bench${suffix}:`,
    INTERNAL_TOKEN: `bench-internal-${suffix}`,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    ...opts.env,
  }
  let config = loadConfig(env)
  const rawRedis = new Redis(redisUrl, { connectionName: 'bench-admin' })
  let db: Db | null = null
  let cleaned = false
  const cleanup = async () => {
    if (cleaned) return
    cleaned = true
    await db?.destroy().catch(() => undefined)
    await adminQuery(serverUrl, `drop database if exists ${databaseName} with (force)`).catch((err) =>
      console.error(`[bench] could not drop ${databaseName}: ${(err as Error).message}`),
    )
    await deleteKeys(rawRedis, config.redisPrefix).catch((err) =>
      console.error(`[bench] could not delete ${config.redisPrefix}*: ${(err as Error).message}`),
    )
    rawRedis.disconnect()
  }
  try {
    await adminQuery(serverUrl, `create database ${databaseName}`)
    db = createDb(config.databaseUrl, { pool: 5 })
    await migrateLatest(db)
    const seeded = await seed(db, {
      specialists: opts.specialists ?? 1000,
      clients: opts.clients ?? 0,
      bookingsPerSpecialist: opts.bookingsPerSpecialist ?? 3,
    })
    await db.raw('analyze')
    // The processes the benchmark starts bind themselves the same way; this process reads their keys.
    config = await bindToDeployment(config, db)
    return { config, env, serverUrl, databaseName, db, rawRedis, seed: seeded, cleanup }
  } catch (err) {
    await cleanup()
    throw err
  }
}
