// Load analytics over a period of local dates (docs/analytics.md): every figure is one SQL
// statement that aggregates in PostgreSQL and answers only the rows a chart or a table shows.
//
// A period is `from`…`to`, local dates of each location (a booking belongs to the local date of its
// start in its location's zone), optionally one location. Every statement starts from the same two
// CTEs: `loc`, the locations in scope with the instants their period starts and ends, and `b`, the
// bookings starting inside them, read from `bookings_location_period_idx` (migration 012) alone.
// The statements are independent, so `period` runs them side by side on the pool.
import type { Knex } from 'knex'
import { companyCurrency, companyZone } from './company-repository.ts'

export interface AnalyticsPeriod {
  /** First local date, 'YYYY-MM-DD'. */
  from: string
  /** Last local date (inclusive). */
  to: string
  /** One location, or every location when null. */
  locationId: number | null
}

/** Booked and available minutes of one specialist, room or location, on a date or over the period. */
export interface UtilisationRow {
  scope: 'specialist' | 'room' | 'location'
  id: number
  name: string
  location_id: number
  /** Null on the row of the whole period. */
  date: string | null
  booked_minutes: number
  available_minutes: number
  /** booked / available, 4 decimals; null when nothing was available. */
  utilisation: number | null
}

export interface HeatmapCell {
  specialist_id: number
  /** 0 = Monday … 6 = Sunday, as in the weekly schedules. */
  weekday: number
  /** Local hour, 0–23. */
  hour: number
  booked_minutes: number
}

export interface RevenueRow {
  /** What the row is about; 'total' has id 0 and an empty name. */
  group: 'service' | 'specialist' | 'total'
  id: number
  name: string
  /** Completed bookings. */
  bookings: number
  /** Of which paid by a package visit (charged 0 here: the package was paid when sold). */
  package_visits: number
  /** What was charged for them, minor units (kopecks): prices after discounts. */
  revenue: number
  /** Their list prices before discounts, minor units. */
  list_value: number
}

export interface OutcomeRow {
  /** A specialist's row, or the total (id 0, empty name). */
  group: 'specialist' | 'total'
  id: number
  name: string
  /** Bookings that were made for the period (every status but rejected). */
  bookings: number
  completed: number
  cancelled: number
  no_show: number
  /** cancelled / bookings, 4 decimals; null without bookings. */
  cancellation_rate: number | null
  /** no_show / bookings, 4 decimals; null without bookings. */
  no_show_rate: number | null
}

export interface ClientFigures {
  /** Clients with at least one booking in the period (not cancelled or rejected). */
  clients: number
  /** Of them, those whose first such booking ever falls in the period. */
  new: number
  /** Of them, those who had one before the period. */
  returning: number
}

export interface AnalyticsFigures {
  utilisation: { totals: UtilisationRow[]; days: UtilisationRow[] }
  heatmap: HeatmapCell[]
  revenue: RevenueRow[]
  outcomes: OutcomeRow[]
  clients: ClientFigures
}

/** Bookings that hold time: every status but cancelled and rejected. */
const HOLDS_TIME = `status NOT IN ('cancelled', 'rejected')`

const PERIOD = /* sql */ `
  p AS (SELECT CAST(? AS date) AS d_from, CAST(? AS date) AS d_to, CAST(? AS integer) AS loc_id),
  loc AS MATERIALIZED (
    SELECT l.id, l.name, l.timezone AS tz,
           p.d_from::timestamp AT TIME ZONE l.timezone AS lo,
           (p.d_to + 1)::timestamp AT TIME ZONE l.timezone AS hi
      FROM locations l CROSS JOIN p
     WHERE p.loc_id IS NULL OR l.id = p.loc_id
  ),
  b AS (
    SELECT bk.client_id, bk.specialist_id, bk.service_id, bk.room_id, bk.status, bk.duration_minutes,
           bk.price, bk.base_price, bk.payment_method, bk.starts_at, loc.tz,
           bk.starts_at AT TIME ZONE loc.tz AS local_start
      FROM loc
      JOIN bookings bk ON bk.location_id = loc.id AND bk.starts_at >= loc.lo AND bk.starts_at < loc.hi
  )`

// Working hours as multiranges of local wall time, per target (location, specialist, room) and
// date, with the override rules of the day grid (src/domain/day-grid.ts): `open` replaces the
// weekly hours, `closed` wins over everything, `blocked` is taken out. A room has no weekly hours
// (the whole day). Available time is a specialist's (or room's) hours ∩ its location's, measured
// in real minutes between the instants the grid gives their ends (analytics_local_instant).
const UTILISATION = /* sql */ `
  WITH ${PERIOD},
  days AS (SELECT g::date AS d FROM p CROSS JOIN generate_series(p.d_from, p.d_to, interval '1 day') AS g),
  -- One pass over the period's bookings: every later use (who had a booking, booked minutes of a
  -- specialist's and a room's day) reads these few thousand groups instead of the bookings.
  bd AS MATERIALIZED (
    SELECT specialist_id, room_id, local_start::date AS d,
           sum(duration_minutes) FILTER (WHERE ${HOLDS_TIME}) AS minutes
      FROM b GROUP BY specialist_id, room_id, local_start::date
  ),
  sp AS (
    SELECT s.id, s.location_id, s.work_schedule, u.name
      FROM specialists s JOIN loc ON loc.id = s.location_id JOIN users u ON u.id = s.user_id
     WHERE s.active OR s.id IN (SELECT specialist_id FROM bd)
  ),
  rm AS (
    SELECT r.id, r.location_id, r.name
      FROM rooms r JOIN loc ON loc.id = r.location_id
     WHERE r.active OR r.id IN (SELECT room_id FROM bd WHERE room_id IS NOT NULL)
  ),
  targets AS (
    SELECT 'location'::text AS scope, id, id AS location_id, name, NULL::jsonb AS schedule FROM loc
    UNION ALL SELECT 'specialist', id, location_id, name, work_schedule FROM sp
    UNION ALL SELECT 'room', id, location_id, name, NULL FROM rm
  ),
  weekly AS (
    SELECT t.scope, t.id, d.d,
           range_agg(tsrange(d.d + (iv ->> 0)::time, d.d + (iv ->> 1)::time)) AS hours
      FROM (SELECT 'location'::text AS scope, l.id, l.work_schedule AS schedule
              FROM loc JOIN locations l ON l.id = loc.id
            UNION ALL SELECT 'specialist', id, work_schedule FROM sp) AS t
     CROSS JOIN days d
     CROSS JOIN LATERAL jsonb_array_elements(t.schedule -> (extract(isodow FROM d.d)::int - 1)::text) AS iv
     GROUP BY t.scope, t.id, d.d
  ),
  ov AS (
    SELECT CASE WHEN o.location_id IS NOT NULL THEN 'location'
                WHEN o.specialist_id IS NOT NULL THEN 'specialist' ELSE 'room' END AS scope,
           coalesce(o.location_id, o.specialist_id, o.room_id) AS id, g::date AS d, o.kind,
           (SELECT range_agg(tsrange(g::date + (iv ->> 0)::time, g::date + (iv ->> 1)::time))
              FROM jsonb_array_elements(o.intervals) AS iv) AS hours
      FROM calendar_overrides o CROSS JOIN p
     CROSS JOIN LATERAL generate_series(greatest(o.date_from, p.d_from), least(o.date_to, p.d_to),
                                        interval '1 day') AS g
     WHERE o.date_from <= p.d_to AND o.date_to >= p.d_from
  ),
  ovd AS (
    SELECT scope, id, d, bool_or(kind = 'closed') AS closed,
           range_agg(hours) FILTER (WHERE kind = 'open') AS opened,
           range_agg(hours) FILTER (WHERE kind = 'blocked') AS blocked
      FROM ov GROUP BY scope, id, d
  ),
  booked AS (
    SELECT 'specialist'::text AS scope, specialist_id AS id, d, sum(minutes) AS minutes
      FROM bd WHERE minutes IS NOT NULL GROUP BY specialist_id, d
    UNION ALL
    SELECT 'room', room_id, d, sum(minutes)
      FROM bd WHERE room_id IS NOT NULL AND minutes IS NOT NULL GROUP BY room_id, d
  ),
  hours AS (
    SELECT t.scope, t.id, t.location_id, d.d, coalesce(bk.minutes, 0) AS booked,
           CASE WHEN o.closed THEN '{}'::tsmultirange
                ELSE coalesce(o.opened,
                              CASE WHEN t.scope = 'room'
                                   THEN tsmultirange(tsrange(d.d::timestamp, (d.d + 1)::timestamp))
                                   ELSE w.hours END,
                              '{}'::tsmultirange)
                     - coalesce(o.blocked, '{}'::tsmultirange)
           END AS hours
      FROM targets t CROSS JOIN days d
      LEFT JOIN weekly w ON w.scope = t.scope AND w.id = t.id AND w.d = d.d
      LEFT JOIN ovd o ON o.scope = t.scope AND o.id = t.id AND o.d = d.d
      LEFT JOIN booked bk ON bk.scope = t.scope AND bk.id = t.id AND bk.d = d.d
  ),
  cells AS (
    SELECT h.scope, h.id, h.location_id, h.d, h.booked,
           -- A day whose local midnights are 24 h apart and whose midnight exists keeps one UTC
           -- offset throughout, so its wall-time lengths are real minutes: only the other days
           -- (daylight-saving changes) need analytics_local_instant, a subquery per range end.
           (SELECT coalesce(sum(CASE WHEN (h.d + 1)::timestamp AT TIME ZONE loc.tz
                                          - h.d::timestamp AT TIME ZONE loc.tz = interval '24 hours'
                                      AND (h.d::timestamp AT TIME ZONE loc.tz) AT TIME ZONE loc.tz = h.d::timestamp
                                     THEN extract(epoch FROM upper(r) - lower(r))
                                     ELSE extract(epoch FROM analytics_local_instant(upper(r), loc.tz)
                                                             - analytics_local_instant(lower(r), loc.tz))
                                END), 0) / 60
              FROM unnest(h.hours * lh.hours) AS r) AS available
      FROM hours h
      JOIN loc ON loc.id = h.location_id
      JOIN hours lh ON lh.scope = 'location' AND lh.id = h.location_id AND lh.d = h.d
     WHERE h.scope <> 'location'
  ),
  grouped AS (
    SELECT scope, id, location_id, d, sum(booked) AS booked, sum(available) AS available
      FROM cells GROUP BY GROUPING SETS ((scope, id, location_id, d), (scope, id, location_id))
    UNION ALL
    SELECT 'location', location_id, location_id, d, sum(booked), sum(available)
      FROM cells WHERE scope = 'specialist' GROUP BY GROUPING SETS ((location_id, d), (location_id))
  )
  SELECT g.scope, g.id, t.name, g.location_id, g.d::text AS date,
         g.booked::int AS booked_minutes, round(g.available)::int AS available_minutes,
         round(g.booked / nullif(round(g.available), 0), 4) AS utilisation
    FROM grouped g JOIN targets t ON t.scope = g.scope AND t.id = g.id
   WHERE g.d IS NULL OR g.booked > 0 OR g.available > 0
   ORDER BY g.d NULLS FIRST, array_position(ARRAY['location', 'specialist', 'room'], g.scope), g.id`

// Booked minutes by local weekday and hour: a booking counts in every local hour its service time
// (not the break) covers, for the real minutes it spends there. Bookings are first counted by
// (specialist, weekday, hour, minute, duration), then each group is split over the hours it
// covers with integer arithmetic; the few bookings a daylight-saving change crosses are split one
// by one at the instants their local hours begin.
const HEATMAP = /* sql */ `
  WITH ${PERIOD},
  t AS (
    SELECT b.specialist_id, b.local_start, b.duration_minutes AS dur, b.starts_at, b.tz,
           ((b.starts_at + make_interval(mins => b.duration_minutes)) AT TIME ZONE b.tz)
             = b.local_start + make_interval(mins => b.duration_minutes) AS plain
      FROM b WHERE b.${HOLDS_TIME}
  ),
  g AS (
    SELECT specialist_id, extract(isodow FROM local_start)::int - 1 AS wd,
           extract(hour FROM local_start)::int AS hr, extract(minute FROM local_start)::int AS mi, dur,
           count(*) AS n
      FROM t WHERE plain GROUP BY 1, 2, 3, 4, 5
  ),
  pieces AS (
    SELECT g.specialist_id, (g.wd + (g.hr + k) / 24) % 7 AS weekday, (g.hr + k) % 24 AS hour,
           (g.n * (least(g.mi + g.dur, 60 * (k + 1)) - greatest(g.mi, 60 * k)))::numeric AS minutes
      FROM g CROSS JOIN LATERAL generate_series(0, (g.mi + g.dur - 1) / 60) AS k
    UNION ALL
    SELECT t.specialist_id, extract(isodow FROM h)::int - 1, extract(hour FROM h)::int,
           greatest(0, extract(epoch FROM least(t.starts_at + make_interval(mins => t.dur),
                                                analytics_local_instant(h + interval '1 hour', t.tz))
                                          - greatest(t.starts_at, analytics_local_instant(h, t.tz))) / 60)
      FROM t
     CROSS JOIN LATERAL generate_series(
             date_trunc('hour', t.local_start),
             ((t.starts_at + make_interval(mins => t.dur)) AT TIME ZONE t.tz) - interval '1 microsecond',
             interval '1 hour') AS h
     WHERE NOT t.plain
  )
  SELECT specialist_id, weekday, hour, round(sum(minutes))::int AS booked_minutes
    FROM pieces
   GROUP BY 1, 2, 3
  HAVING round(sum(minutes)) > 0
   ORDER BY 1, 2, 3`

const REVENUE = /* sql */ `
  WITH ${PERIOD},
  r AS (
    SELECT CASE WHEN grouping(b.service_id) = 0 THEN 'service'
                WHEN grouping(b.specialist_id) = 0 THEN 'specialist' ELSE 'total' END AS "group",
           coalesce(b.service_id, b.specialist_id, 0) AS id, count(*)::int AS bookings,
           (count(*) FILTER (WHERE b.payment_method = 'package'))::int AS package_visits,
           sum(b.price) AS revenue, sum(b.base_price) AS list_value
      FROM b WHERE b.status = 'completed'
     GROUP BY GROUPING SETS ((b.service_id), (b.specialist_id), ())
  )
  SELECT r.*, coalesce(sv.name, u.name, '') AS name
    FROM r
    LEFT JOIN services sv ON r."group" = 'service' AND sv.id = r.id
    LEFT JOIN specialists s ON r."group" = 'specialist' AND s.id = r.id
    LEFT JOIN users u ON u.id = s.user_id
   ORDER BY array_position(ARRAY['total', 'service', 'specialist'], r."group"), r.revenue DESC, r.id`

const OUTCOMES = /* sql */ `
  WITH ${PERIOD},
  o AS (
    SELECT CASE WHEN grouping(b.specialist_id) = 0 THEN 'specialist' ELSE 'total' END AS "group",
           coalesce(b.specialist_id, 0) AS id,
           (count(*) FILTER (WHERE b.status <> 'rejected'))::int AS bookings,
           (count(*) FILTER (WHERE b.status = 'completed'))::int AS completed,
           (count(*) FILTER (WHERE b.status = 'cancelled'))::int AS cancelled,
           (count(*) FILTER (WHERE b.status = 'no_show'))::int AS no_show
      FROM b GROUP BY GROUPING SETS ((b.specialist_id), ())
  )
  SELECT o.*, coalesce(u.name, '') AS name,
         round(o.cancelled::numeric / nullif(o.bookings, 0), 4) AS cancellation_rate,
         round(o.no_show::numeric / nullif(o.bookings, 0), 4) AS no_show_rate
    FROM o
    LEFT JOIN specialists s ON o."group" = 'specialist' AND s.id = o.id
    LEFT JOIN users u ON u.id = s.user_id
   WHERE o."group" = 'total' OR o.bookings > 0
   ORDER BY o."group" DESC, o.id`

// A client's first booking ever (anywhere, by its local date) decides new or returning: read per
// client from bookings_client_idx.
const CLIENTS = /* sql */ `
  WITH ${PERIOD},
  c AS (SELECT DISTINCT client_id FROM b WHERE ${HOLDS_TIME})
  SELECT count(*)::int AS clients, (count(*) FILTER (WHERE f.first_date >= p.d_from))::int AS new
    FROM c CROSS JOIN p
    CROSS JOIN LATERAL (
      SELECT (bk.starts_at AT TIME ZONE l.timezone)::date AS first_date
        FROM bookings bk JOIN locations l ON l.id = bk.location_id
       WHERE bk.client_id = c.client_id AND bk.${HOLDS_TIME}
       ORDER BY bk.starts_at LIMIT 1
    ) AS f`

export function analyticsRepository(db: Knex) {
  // JIT compilation costs these statements seconds (their generate_series estimates make them look
  // huge) and saves nothing on a period's rows: it is off inside their read-only transaction.
  const run = <T>(sql: string, period: AnalyticsPeriod): Promise<T[]> =>
    db.transaction(
      async (trx) => {
        await trx.raw('SET LOCAL jit = off')
        const { rows } = (await trx.raw(sql, [period.from, period.to, period.locationId])) as { rows: T[] }
        return rows
      },
      { readOnly: true },
    )

  const figures = {
    async utilisation(period: AnalyticsPeriod) {
      const rows = await run<UtilisationRow>(UTILISATION, period)
      return { totals: rows.filter((r) => r.date === null), days: rows.filter((r) => r.date !== null) }
    },
    heatmap: (period: AnalyticsPeriod) => run<HeatmapCell>(HEATMAP, period),
    revenue: (period: AnalyticsPeriod) => run<RevenueRow>(REVENUE, period),
    outcomes: (period: AnalyticsPeriod) => run<OutcomeRow>(OUTCOMES, period),
    async clients(period: AnalyticsPeriod): Promise<ClientFigures> {
      const [row] = await run<{ clients: number; new: number }>(CLIENTS, period)
      const clients = row?.clients ?? 0
      const fresh = row?.new ?? 0
      return { clients, new: fresh, returning: clients - fresh }
    },
  }

  return {
    ...figures,
    /** Every figure of the period; the statements run at once, each on its own connection. */
    async period(period: AnalyticsPeriod): Promise<AnalyticsFigures> {
      const [utilisation, heatmap, revenue, outcomes, clients] = await Promise.all([
        figures.utilisation(period),
        figures.heatmap(period),
        figures.revenue(period),
        figures.outcomes(period),
        figures.clients(period),
      ])
      return { utilisation, heatmap, revenue, outcomes, clients }
    },
    /** The zone of a location (null when there is no such location), or the company's for none. */
    async zone(locationId: number | null): Promise<string | null> {
      if (locationId === null) return companyZone(db)
      const row = (await db('locations').where({ id: locationId }).first('timezone')) as
        { timezone: string } | undefined
      return row?.timezone ?? null
    },
    /** The company's currency, which every amount is in. */
    currency: () => companyCurrency(db),
  }
}

export type AnalyticsRepository = ReturnType<typeof analyticsRepository>
