// Load analytics over a period of local dates (docs/analytics.md): every figure is one SQL
// statement that aggregates in PostgreSQL and answers only the rows a chart or a table shows.
//
// A period is `from`…`to`, local dates of each location (a booking belongs to the local date of its
// start in its location's zone), optionally one location. The bookings are read through their
// rollup (migration 020): per location, specialist and local date, per service and per room, the
// heatmap's minutes per weekday and hour, and each client's local dates. Each read first folds what
// booking writes have marked dirty since the last one (`analytics_fold()`), so the figures are
// exactly those of the bookings. Every statement starts from the same CTEs: `p`, the period, and
// `loc`, the locations in scope. The statements are independent, so `period` runs them side by
// side on the pool, after one fold.
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

const PERIOD = /* sql */ `
  p AS (SELECT CAST(? AS date) AS d_from, CAST(? AS date) AS d_to, CAST(? AS integer) AS loc_id),
  loc AS MATERIALIZED (
    SELECT l.id, l.name, l.timezone AS tz FROM locations l CROSS JOIN p WHERE p.loc_id IS NULL OR l.id = p.loc_id
  ),
  -- The rollup rows of the period: a specialist's days, a service's, a room's.
  sd AS (
    SELECT a.* FROM analytics_specialist_days a JOIN loc ON loc.id = a.location_id CROSS JOIN p
     WHERE a.local_date BETWEEN p.d_from AND p.d_to
  ),
  svd AS (
    SELECT a.* FROM analytics_service_days a JOIN loc ON loc.id = a.location_id CROSS JOIN p
     WHERE a.local_date BETWEEN p.d_from AND p.d_to
  ),
  rd AS (
    SELECT a.* FROM analytics_room_days a JOIN loc ON loc.id = a.location_id CROSS JOIN p
     WHERE a.local_date BETWEEN p.d_from AND p.d_to
  )`

// Working hours as multiranges of local wall time, per target (location, specialist, room) and
// date, with the override rules of the day grid (src/domain/day-grid.ts): `open` replaces the
// weekly hours, `closed` wins over everything, `blocked` is taken out. A room has no weekly hours
// (the whole day). Available time is a specialist's (or room's) hours ∩ its location's, measured
// in real minutes between the instants the grid gives their ends (analytics_local_instant). It is
// computed for the (target, date) pairs of the period that analytics_available lacks, and kept
// there until the triggers of migration 020 forget it.
const FILL_AVAILABLE = /* sql */ `
  WITH ${PERIOD},
  days AS (SELECT g::date AS d FROM p CROSS JOIN generate_series(p.d_from, p.d_to, interval '1 day') AS g),
  missing AS MATERIALIZED (
    SELECT t.scope, t.id, t.location_id, t.schedule, d.d
      FROM (SELECT 'specialist'::text AS scope, s.id, s.location_id, s.work_schedule AS schedule
              FROM specialists s JOIN loc ON loc.id = s.location_id
            UNION ALL
            SELECT 'room', r.id, r.location_id, NULL FROM rooms r JOIN loc ON loc.id = r.location_id) AS t
     CROSS JOIN days d
     WHERE NOT EXISTS (SELECT 1 FROM analytics_available a
                        WHERE a.scope = t.scope AND a.id = t.id AND a.local_date = d.d)
  ),
  need AS (
    SELECT scope, id, location_id, schedule, d FROM missing
    UNION ALL
    SELECT DISTINCT 'location', m.location_id, m.location_id, l.work_schedule, m.d
      FROM missing m JOIN locations l ON l.id = m.location_id
  ),
  weekly AS (
    SELECT n.scope, n.id, n.d,
           range_agg(tsrange(n.d + (iv ->> 0)::time, n.d + (iv ->> 1)::time)) AS hours
      FROM need n
     CROSS JOIN LATERAL jsonb_array_elements(n.schedule -> (extract(isodow FROM n.d)::int - 1)::text) AS iv
     WHERE n.scope <> 'room'
     GROUP BY n.scope, n.id, n.d
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
  hours AS (
    SELECT n.scope, n.id, n.location_id, n.d,
           CASE WHEN o.closed THEN '{}'::tsmultirange
                ELSE coalesce(o.opened,
                              CASE WHEN n.scope = 'room'
                                   THEN tsmultirange(tsrange(n.d::timestamp, (n.d + 1)::timestamp))
                                   ELSE w.hours END,
                              '{}'::tsmultirange)
                     - coalesce(o.blocked, '{}'::tsmultirange)
           END AS hours
      FROM need n
      LEFT JOIN weekly w ON w.scope = n.scope AND w.id = n.id AND w.d = n.d
      LEFT JOIN ovd o ON o.scope = n.scope AND o.id = n.id AND o.d = n.d
  )
  INSERT INTO analytics_available (scope, id, local_date, location_id, minutes)
  SELECT h.scope, h.id, h.d, h.location_id,
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
            FROM unnest(h.hours * lh.hours) AS r)
    FROM hours h
    JOIN loc ON loc.id = h.location_id
    JOIN hours lh ON lh.scope = 'location' AND lh.id = h.location_id AND lh.d = h.d
   WHERE h.scope <> 'location'
  ON CONFLICT DO NOTHING`

// Whether the period's available minutes are all there: one row per specialist and room of the
// locations in scope and date (migration 020 forgets the rows of a deleted one).
const AVAILABLE_COMPLETE = /* sql */ `
  WITH ${PERIOD}
  SELECT (SELECT count(*) FROM analytics_available a JOIN loc ON loc.id = a.location_id CROSS JOIN p
           WHERE a.local_date BETWEEN p.d_from AND p.d_to)
         = ((SELECT count(*) FROM specialists s JOIN loc ON loc.id = s.location_id)
            + (SELECT count(*) FROM rooms r JOIN loc ON loc.id = r.location_id))
           * (SELECT p.d_to - p.d_from + 1 FROM p) AS complete`

// Booked and available minutes per specialist and room (whole period and per day), and per
// location as the sum of its specialists'.
const UTILISATION = /* sql */ `
  WITH ${PERIOD},
  sp AS (
    SELECT s.id, s.location_id, u.name
      FROM specialists s JOIN loc ON loc.id = s.location_id JOIN users u ON u.id = s.user_id
     WHERE s.active OR s.id IN (SELECT specialist_id FROM sd)
  ),
  rm AS (
    SELECT r.id, r.location_id, r.name
      FROM rooms r JOIN loc ON loc.id = r.location_id
     WHERE r.active OR r.id IN (SELECT room_id FROM rd)
  ),
  targets AS (
    SELECT 'location'::text AS scope, id, id AS location_id, name FROM loc
    UNION ALL SELECT 'specialist', id, location_id, name FROM sp
    UNION ALL SELECT 'room', id, location_id, name FROM rm
  ),
  booked AS (
    SELECT 'specialist'::text AS scope, specialist_id AS id, local_date AS d, held_minutes AS minutes FROM sd
    UNION ALL
    SELECT 'room', room_id, local_date, held_minutes FROM rd
  ),
  cells AS (
    SELECT a.scope, a.id, t.location_id, a.local_date AS d, coalesce(bk.minutes, 0) AS booked,
           a.minutes AS available
      FROM analytics_available a CROSS JOIN p
      JOIN targets t ON t.scope = a.scope AND t.id = a.id
      LEFT JOIN booked bk ON bk.scope = a.scope AND bk.id = a.id AND bk.d = a.local_date
     WHERE a.local_date BETWEEN p.d_from AND p.d_to
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
// (not the break) covers, for the real minutes it spends there (split by the fold, migration 020).
// The period's whole calendar months are read from their monthly sums, its other days day by day.
const HEATMAP = /* sql */ `
  WITH ${PERIOD},
  months AS (
    SELECT g::date AS month
      FROM p CROSS JOIN generate_series(date_trunc('month', p.d_from), p.d_to, interval '1 month') AS g
     WHERE g::date >= p.d_from AND (g + interval '1 month')::date - 1 <= p.d_to
  ),
  -- The days before the first whole month and after the last (without one: the whole period).
  edges AS (
    SELECT coalesce((SELECT min(month) FROM months), p.d_to + 1) AS head_end,
           coalesce(((SELECT max(month) FROM months) + interval '1 month')::date, p.d_to + 1) AS tail_start
      FROM p
  ),
  pieces AS (
    SELECT h.specialist_id, h.weekday, h.hour, h.minutes
      FROM analytics_hour_months h JOIN loc ON loc.id = h.location_id JOIN months m ON m.month = h.month
    UNION ALL
    -- Bounds as scalar subqueries, so each range is an index range of analytics_hours_days_idx.
    SELECT h.specialist_id, h.weekday, h.hour, h.minutes
      FROM analytics_hours h JOIN loc ON loc.id = h.location_id
     WHERE h.local_date >= (SELECT d_from FROM p) AND h.local_date < (SELECT head_end FROM edges)
    UNION ALL
    SELECT h.specialist_id, h.weekday, h.hour, h.minutes
      FROM analytics_hours h JOIN loc ON loc.id = h.location_id
     WHERE h.local_date >= (SELECT tail_start FROM edges) AND h.local_date <= (SELECT d_to FROM p)
  )
  SELECT specialist_id, weekday, hour, round(sum(minutes))::int AS booked_minutes
    FROM pieces
   GROUP BY 1, 2, 3
  HAVING round(sum(minutes)) > 0
   ORDER BY 1, 2, 3`

const REVENUE = /* sql */ `
  WITH ${PERIOD},
  r AS (
    SELECT 'service' AS "group", service_id AS id, sum(completed)::int AS bookings,
           sum(package_visits)::int AS package_visits, sum(revenue) AS revenue, sum(list_value) AS list_value
      FROM svd GROUP BY service_id
    UNION ALL
    SELECT 'specialist', specialist_id, sum(completed)::int, sum(package_visits)::int, sum(revenue), sum(list_value)
      FROM sd GROUP BY specialist_id HAVING sum(completed) > 0
    UNION ALL
    SELECT 'total', 0, coalesce(sum(completed), 0)::int, coalesce(sum(package_visits), 0)::int,
           sum(revenue) FILTER (WHERE completed > 0), sum(list_value) FILTER (WHERE completed > 0)
      FROM sd
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
    SELECT CASE WHEN grouping(specialist_id) = 0 THEN 'specialist' ELSE 'total' END AS "group",
           coalesce(specialist_id, 0) AS id, coalesce(sum(bookings), 0)::int AS bookings,
           coalesce(sum(completed), 0)::int AS completed, coalesce(sum(cancelled), 0)::int AS cancelled,
           coalesce(sum(no_show), 0)::int AS no_show
      FROM sd GROUP BY GROUPING SETS ((specialist_id), ())
  )
  SELECT o.*, coalesce(u.name, '') AS name,
         round(o.cancelled::numeric / nullif(o.bookings, 0), 4) AS cancellation_rate,
         round(o.no_show::numeric / nullif(o.bookings, 0), 4) AS no_show_rate
    FROM o
    LEFT JOIN specialists s ON o."group" = 'specialist' AND s.id = o.id
    LEFT JOIN users u ON u.id = s.user_id
   WHERE o."group" = 'total' OR o.bookings > 0
   ORDER BY o."group" DESC, o.id`

// A client's first booking ever (anywhere: the earliest local date of their bookings that hold
// time) decides new or returning; who had a booking in the period is read from the same multiranges,
// in one pass over every client's rows.
const CLIENTS = /* sql */ `
  WITH ${PERIOD},
  c AS (
    SELECT bool_or(ac.days && datemultirange(daterange(p.d_from, p.d_to, '[]'))
                   AND ac.location_id IN (SELECT id FROM loc)) AS inside,
           min(lower(ac.days)) AS first_date
      FROM analytics_clients ac CROSS JOIN p
     GROUP BY ac.client_id
  )
  SELECT (count(*) FILTER (WHERE c.inside))::int AS clients,
         (count(*) FILTER (WHERE c.inside AND c.first_date >= p.d_from))::int AS new
    FROM c CROSS JOIN p`

export function analyticsRepository(db: Knex) {
  // JIT compilation costs these statements seconds (their generate_series estimates make them look
  // huge) and saves nothing on a period's rows: it is off inside their read-only transaction. A
  // year's groups (22k cells, 270k heatmap rows) fit in memory with a little more than the default
  // work_mem instead of spilling to disk.
  const run = <T>(sql: string, period: AnalyticsPeriod): Promise<T[]> =>
    db.transaction(
      async (trx) => {
        await trx.raw("SET LOCAL jit = off; SET LOCAL work_mem = '32MB'")
        const { rows } = (await trx.raw(sql, [period.from, period.to, period.locationId])) as { rows: T[] }
        return rows
      },
      { readOnly: true },
    )

  /** Brings the rollup up to the bookings (migration 020): a few dirty days, a few milliseconds. */
  const foldBookings = () => db.raw('SELECT analytics_fold()')
  /** Computes the available minutes the period lacks, under the lock the hours' triggers take. */
  const fillAvailable = async (period: AnalyticsPeriod) => {
    const args = [period.from, period.to, period.locationId]
    const [row] = (await db.raw(AVAILABLE_COMPLETE, args)).rows as { complete: boolean }[]
    if (row?.complete) return
    await db.transaction(async (trx) => {
      await trx.raw('SET LOCAL jit = off')
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('analytics_available'))")
      await trx.raw(FILL_AVAILABLE, args)
    })
  }
  const fold = (period: AnalyticsPeriod) => Promise.all([foldBookings(), fillAvailable(period)])
  const read = async <T>(sql: string, period: AnalyticsPeriod, folded: boolean): Promise<T[]> => {
    if (!folded) await fold(period)
    return run<T>(sql, period)
  }

  const figures = {
    async utilisation(period: AnalyticsPeriod, folded = false) {
      const rows = await read<UtilisationRow>(UTILISATION, period, folded)
      return { totals: rows.filter((r) => r.date === null), days: rows.filter((r) => r.date !== null) }
    },
    heatmap: (period: AnalyticsPeriod, folded = false) => read<HeatmapCell>(HEATMAP, period, folded),
    revenue: (period: AnalyticsPeriod, folded = false) => read<RevenueRow>(REVENUE, period, folded),
    outcomes: (period: AnalyticsPeriod, folded = false) => read<OutcomeRow>(OUTCOMES, period, folded),
    async clients(period: AnalyticsPeriod, folded = false): Promise<ClientFigures> {
      const [row] = await read<{ clients: number; new: number }>(CLIENTS, period, folded)
      const clients = row?.clients ?? 0
      const fresh = row?.new ?? 0
      return { clients, new: fresh, returning: clients - fresh }
    },
  }

  return {
    ...figures,
    /** Every figure of the period; the statements run at once, each on its own connection. */
    async period(period: AnalyticsPeriod): Promise<AnalyticsFigures> {
      await fold(period)
      const [utilisation, heatmap, revenue, outcomes, clients] = await Promise.all([
        figures.utilisation(period, true),
        figures.heatmap(period, true),
        figures.revenue(period, true),
        figures.outcomes(period, true),
        figures.clients(period, true),
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
