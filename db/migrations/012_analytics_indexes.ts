// Load analytics (docs/analytics.md) read a period of bookings per location, so an index on
// (location_id, starts_at) that also carries every column the figures aggregate lets PostgreSQL
// answer them from the index alone (an index-only scan, once the table is vacuumed), a year of a
// busy salon included. `analytics_local_instant` turns a local wall time into the instant the slot
// grid gives it (docs/architecture.md, "day cells"), so available minutes on daylight-saving days
// count exactly the real time the grids open.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE INDEX bookings_location_period_idx ON bookings (location_id, starts_at)
      INCLUDE (specialist_id, service_id, room_id, client_id, status, duration_minutes, price,
               base_price, payment_method);
    -- The instant the slot grid gives a local wall time of the 15-minute grid in \`zone\`: the
    -- instant itself; the FIRST of two on a fall-back day (AT TIME ZONE gives the second); for a
    -- wall time a spring-forward skips, the first quarter-hour that exists after it (AT TIME ZONE
    -- gives an instant an offset later). Shifts of 1 h and 30 min are tried, the only ones zones use.
    CREATE FUNCTION analytics_local_instant(wall timestamp, zone text) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE RETURN (
        SELECT CASE
          WHEN (x AT TIME ZONE zone) <> wall THEN (
            SELECT (wall + k * interval '15 minutes') AT TIME ZONE zone
              FROM generate_series(1, 16) AS k
             WHERE ((wall + k * interval '15 minutes') AT TIME ZONE zone) AT TIME ZONE zone
                   = wall + k * interval '15 minutes'
             ORDER BY k LIMIT 1)
          WHEN ((x - interval '1 hour') AT TIME ZONE zone) = wall THEN x - interval '1 hour'
          WHEN ((x - interval '30 minutes') AT TIME ZONE zone) = wall THEN x - interval '30 minutes'
          ELSE x
        END
        FROM (SELECT wall AT TIME ZONE zone AS x) AS t
      );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION analytics_local_instant(timestamp, text);
    DROP INDEX bookings_location_period_idx;
  `)
}
