// Load analytics over a year of a busy salon: 50 specialists in two locations (Moscow, and Berlin
// with its daylight-saving days), ~500k bookings over 2025-12-01 … 2026-11-30, seeded with
// generate_series in one INSERT into a database of its own. Then the period query the admin
// panel makes (`analyticsRepository.period`, every figure; and the JSON the route would send) is
// timed for a one-month and a one-year period: median and p95 over N runs, target ≤ 300 ms.
//
//   npm run bench:analytics [-- --runs=30] [--keep] [--db=bench_analytics_…]
// --keep leaves the seeded database in place (its name is printed); --db= runs on such a database
// again without seeding it.
import { randomBytes } from 'node:crypto'
import { loadavg } from 'node:os'
import pg from 'pg'
import { createDb, migrateLatest } from '../src/data/db.ts'
import { analyticsRepository, type AnalyticsPeriod } from '../src/data/analytics-repository.ts'
import { withDatabase } from './setup.ts'

const arg = (name: string) =>
  process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ?? null
const keep = process.argv.includes('--keep')
const runs = Number(arg('runs') ?? 30)
const reuse = arg('db')
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const SPECIALISTS = 50
const CLIENTS = 20_000

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

// Both locations and every specialist work 08:00–23:00 every day, and each specialist takes a
// closed week; 12 services of 15, 30 and 45 minutes. Each specialist's day is packed from 08:00 with
// bookings back to back, a quarter of them after a free quarter-hour, until 23:00 (a running sum
// over candidate bookings); a hash of (specialist, day, candidate) decides the service, client,
// outcome and whether the booking uses the specialist's own room (the first ten have one), so the
// data is the same on every run. The overlap constraints are dropped for the load and added back
// after it, which validates that no two bookings overlap (one index build instead of 500k inserts).
const DAY = '[["08:00","23:00"]]'
const WEEK = JSON.stringify(Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, JSON.parse(DAY)])))
const SEED = /* sql */ `
  INSERT INTO company (id, name, timezone) VALUES (1, 'Bench salon', 'Europe/Moscow');
  INSERT INTO locations (name, timezone, work_schedule)
  VALUES ('Moscow', 'Europe/Moscow', '${WEEK}'), ('Berlin', 'Europe/Berlin', '${WEEK}');
  INSERT INTO services (name, duration_minutes, price)
  SELECT 'Service ' || i, (1 + i % 3) * 15, 100000 + i * 5000 FROM generate_series(1, 12) i;
  INSERT INTO users (name) SELECT 'Specialist ' || i FROM generate_series(1, ${SPECIALISTS}) i;
  INSERT INTO users (name) SELECT 'Client ' || i FROM generate_series(1, ${CLIENTS}) i;
  INSERT INTO specialists (user_id, location_id, work_schedule)
  SELECT i, 1 + i % 2, '${WEEK}' FROM generate_series(1, ${SPECIALISTS}) i;
  INSERT INTO rooms (location_id, name) SELECT location_id, 'Room ' || id FROM specialists WHERE id <= 10 ORDER BY id;
  INSERT INTO calendar_overrides (specialist_id, date_from, date_to, kind, intervals)
  SELECT s, DATE '2026-01-05' + (s * 37) % 300, DATE '2026-01-05' + (s * 37) % 300 + 6, 'closed', '[]'
    FROM generate_series(1, ${SPECIALISTS}) s;
  INSERT INTO calendar_overrides (location_id, date_from, date_to, kind, intervals)
  VALUES (1, '2026-01-01', '2026-01-01', 'closed', '[]'), (2, '2025-12-31', '2025-12-31', 'open', '[["08:00","14:00"]]');

  ALTER TABLE bookings DROP CONSTRAINT bookings_no_specialist_overlap, DROP CONSTRAINT bookings_no_room_overlap;
  WITH candidates AS (
    SELECT s.id AS specialist_id, s.location_id, l.timezone, g::date AS d, k,
           abs(hashint4(s.id * 1000003 + (g::date - DATE '2025-12-01') * 97 + k)) AS h
      FROM specialists s JOIN locations l ON l.id = s.location_id
     CROSS JOIN generate_series(DATE '2025-12-01', DATE '2026-11-30', interval '1 day') AS g
     CROSS JOIN generate_series(0, 59) AS k
  ), sized AS (
    SELECT c.*, sv.id AS service_id, sv.duration_minutes AS dur, sv.price,
           CASE WHEN c.h % 4 = 0 THEN 15 ELSE 0 END AS gap
      FROM candidates c JOIN services sv ON sv.id = 1 + (c.h / 7) % 12
  ), placed AS (
    SELECT z.*, ((z.d + time '08:00'
                  + make_interval(mins => (sum(z.dur + z.gap) OVER (PARTITION BY z.specialist_id, z.d ORDER BY z.k) - z.dur)::int))
                 AT TIME ZONE z.timezone) AS t,
           sum(z.dur + z.gap) OVER (PARTITION BY z.specialist_id, z.d ORDER BY z.k) AS used
      FROM sized z
  )
  INSERT INTO bookings (client_id, specialist_id, service_id, location_id, room_id, starts_at,
                        duration_minutes, break_minutes, ends_at, busy_until, status, price,
                        base_price, payment_method)
  SELECT ${SPECIALISTS} + 1 + h % ${CLIENTS}, specialist_id, service_id, location_id,
         CASE WHEN specialist_id <= 10 AND h % 5 = 0 THEN specialist_id END,
         t, dur, 0, t + make_interval(mins => dur), t + make_interval(mins => dur),
         CASE WHEN h % 100 < 84 THEN 'completed' WHEN h % 100 < 93 THEN 'cancelled'
              WHEN h % 100 < 97 THEN 'no_show' WHEN h % 100 < 98 THEN 'rejected' ELSE 'confirmed' END,
         price - CASE WHEN h % 10 = 0 THEN price / 10 ELSE 0 END, price,
         CASE WHEN h % 4 = 1 THEN 'wallet' ELSE 'on_site' END
    FROM placed WHERE used <= 15 * 60;
  ALTER TABLE bookings ADD CONSTRAINT bookings_no_specialist_overlap EXCLUDE USING gist (
    specialist_id WITH =, tstzrange(starts_at, busy_until) WITH &&
  ) WHERE (status NOT IN ('cancelled', 'rejected'));
  ALTER TABLE bookings ADD CONSTRAINT bookings_no_room_overlap EXCLUDE USING gist (
    room_id WITH =, tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (room_id IS NOT NULL AND status NOT IN ('cancelled', 'rejected'));
`

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

async function time(label: string, fn: () => Promise<unknown>) {
  await fn() // warm: plans, caches
  const ms: number[] = []
  // Other processes share the machine: the 1-minute load average during the runs goes beside the figures.
  const load: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    ms.push(performance.now() - t0)
    load.push(loadavg()[0]!)
  }
  ms.sort((a, b) => a - b)
  const f = (n: number) => n.toFixed(1).padStart(7)
  const range = `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`
  console.log(
    `${label.padEnd(44)} median ${f(percentile(ms, 50))} ms   p95 ${f(percentile(ms, 95))} ms   load ${range}`,
  )
}

async function main() {
  const databaseName = reuse ?? `bench_analytics_${randomBytes(4).toString('hex')}`
  if (!reuse) await admin(`create database ${databaseName}`)
  const db = createDb(withDatabase(serverUrl, databaseName), { pool: 10 })
  try {
    let seeded = 0
    let t0 = performance.now()
    if (!reuse) {
      await migrateLatest(db)
      await db.raw(SEED)
      seeded = performance.now() - t0
      t0 = performance.now()
      await db.raw('VACUUM (ANALYZE) bookings')
      await db.raw('ANALYZE')
    }
    const { rows } = (await db.raw(
      `select count(*)::int as n, count(distinct specialist_id)::int as s from bookings`,
    )) as { rows: { n: number; s: number }[] }
    console.log(
      `seeded ${rows[0]!.n} bookings of ${rows[0]!.s} specialists, ${CLIENTS} clients in ` +
        `${(seeded / 1000).toFixed(1)} s (+ vacuum/analyze ${((performance.now() - t0) / 1000).toFixed(1)} s); ${runs} runs each`,
    )
    const repo = analyticsRepository(db)
    const periods: [string, AnalyticsPeriod][] = [
      ['one month (2026-06), all locations', { from: '2026-06-01', to: '2026-06-30', locationId: null }],
      ['one month (2026-06), Berlin', { from: '2026-06-01', to: '2026-06-30', locationId: 2 }],
      ['one year, all locations', { from: '2025-12-01', to: '2026-11-30', locationId: null }],
      ['one year, Berlin', { from: '2025-12-01', to: '2026-11-30', locationId: 2 }],
    ]
    if (process.argv.includes('--seed-only')) return
    for (const [label, period] of periods) {
      const figures = await repo.period(period)
      const bytes = JSON.stringify(figures).length
      console.log(
        `\n${label}: ${figures.utilisation.days.length} day rows, ${figures.heatmap.length} heatmap cells, ` +
          `${figures.outcomes[0]?.bookings ?? 0} bookings, ${figures.clients.clients} clients, ${(bytes / 1024).toFixed(0)} KiB of JSON`,
      )
      await time('  period query (every figure, in parallel)', () => repo.period(period))
      await time('  period query + JSON.stringify', async () => JSON.stringify(await repo.period(period)))
      for (const figure of ['utilisation', 'heatmap', 'revenue', 'outcomes', 'clients'] as const)
        await time(`    ${figure} alone`, () => repo[figure](period))
    }
  } finally {
    await db.destroy()
    if (keep || reuse) console.log(`\nkept the database ${databaseName}`)
    else await admin(`drop database if exists ${databaseName} with (force)`)
  }
}

await main()
