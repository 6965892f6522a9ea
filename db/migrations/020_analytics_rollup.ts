// Load analytics read a rollup instead of the bookings (docs/analytics.md, "The rollup"): per
// location, specialist and local date of the start, the counts, minutes and money of its bookings;
// per service and per room the same by location and date; the heatmap's minutes per local weekday
// and hour; and per client and location the local dates they hold a booking on.
//
// A booking write never touches the rollup itself: a trigger only marks the (location, specialist,
// local date) it concerns, before and after the change, and its client, as dirty (one small upsert
// each). `analytics_fold()`, called by the reader before it reads, deletes the dirty keys and
// rebuilds exactly those from the bookings, under an advisory lock so two readers never fold at
// once. The marks are upserts that update a row already there, so they lock it until the booking
// commits: a fold deleting that row waits for the commit and then rebuilds with the booking in
// sight; a mark made after the fold's delete writes a new row, left for the next fold. No change
// is ever folded away unseen.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE analytics_dirty_days (
      location_id   integer NOT NULL,
      specialist_id integer NOT NULL,
      local_date    date NOT NULL,
      PRIMARY KEY (location_id, specialist_id, local_date)
    );
    CREATE TABLE analytics_dirty_clients (client_id integer PRIMARY KEY);

    -- Every booking of a specialist's local day, whatever its status (so "had a booking" is kept).
    CREATE TABLE analytics_specialist_days (
      location_id    integer NOT NULL,
      specialist_id  integer NOT NULL,
      local_date     date NOT NULL,
      bookings       integer NOT NULL,  -- every status but rejected
      completed      integer NOT NULL,
      cancelled      integer NOT NULL,
      no_show        integer NOT NULL,
      held_minutes   integer NOT NULL,  -- service minutes of the bookings that hold time
      package_visits integer NOT NULL,  -- completed, paid by a package visit
      revenue        bigint NOT NULL,   -- completed: charged, minor units
      list_value     bigint NOT NULL,   -- completed: list prices, minor units
      PRIMARY KEY (location_id, local_date, specialist_id)
    );
    CREATE TABLE analytics_service_days (
      location_id    integer NOT NULL,
      local_date     date NOT NULL,
      service_id     integer NOT NULL,
      completed      integer NOT NULL,
      package_visits integer NOT NULL,
      revenue        bigint NOT NULL,
      list_value     bigint NOT NULL,
      PRIMARY KEY (location_id, local_date, service_id)
    );
    CREATE TABLE analytics_room_days (
      location_id  integer NOT NULL,
      local_date   date NOT NULL,
      room_id      integer NOT NULL,
      held_minutes integer NOT NULL,
      PRIMARY KEY (location_id, local_date, room_id)
    );
    -- Booked minutes of the bookings that start on local_date, by the local weekday and hour they
    -- fall in (a booking may run into the next hour or day).
    CREATE TABLE analytics_hours (
      location_id   integer NOT NULL,
      local_date    date NOT NULL,
      specialist_id integer NOT NULL,
      weekday       smallint NOT NULL,
      hour          smallint NOT NULL,
      minutes       numeric NOT NULL,
      PRIMARY KEY (location_id, specialist_id, local_date, weekday, hour)
    );
    CREATE INDEX analytics_hours_days_idx ON analytics_hours (location_id, local_date);
    -- The same summed per calendar month of local_date: a long period reads its whole months here.
    CREATE TABLE analytics_hour_months (
      location_id   integer NOT NULL,
      specialist_id integer NOT NULL,
      month         date NOT NULL,
      weekday       smallint NOT NULL,
      hour          smallint NOT NULL,
      minutes       numeric NOT NULL,
      PRIMARY KEY (location_id, month, specialist_id, weekday, hour)
    );
    -- The local dates a client holds a booking on (not cancelled or rejected), per location.
    CREATE TABLE analytics_clients (
      client_id   integer NOT NULL,
      location_id integer NOT NULL,
      days        datemultirange NOT NULL,
      PRIMARY KEY (client_id, location_id)
    );
    CREATE INDEX analytics_clients_days_idx ON analytics_clients USING gist (days);

    -- Available minutes of a specialist's or room's local day (its hours with its location's, under
    -- the overrides), filled by the reader for the days it lacks (analyticsRepository) and forgotten
    -- by the triggers below when what they depend on changes. Both take one advisory lock, so a
    -- fill never stores minutes of hours that a change committed meanwhile.
    CREATE TABLE analytics_available (
      scope       text NOT NULL CHECK (scope IN ('specialist', 'room')),
      id          integer NOT NULL,
      local_date  date NOT NULL,
      location_id integer NOT NULL,
      minutes     numeric NOT NULL,
      PRIMARY KEY (scope, id, local_date)
    );
    CREATE INDEX analytics_available_location_idx ON analytics_available (location_id, local_date);

    CREATE FUNCTION analytics_forget_override() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('analytics_available'));
      DELETE FROM analytics_available a
       USING (SELECT OLD.location_id, OLD.specialist_id, OLD.room_id, OLD.date_from, OLD.date_to WHERE TG_OP <> 'INSERT'
              UNION ALL
              SELECT NEW.location_id, NEW.specialist_id, NEW.room_id, NEW.date_from, NEW.date_to WHERE TG_OP <> 'DELETE')
             AS o (location_id, specialist_id, room_id, date_from, date_to)
       WHERE a.local_date BETWEEN o.date_from AND o.date_to
         AND (a.location_id = o.location_id
              OR (a.scope = 'specialist' AND a.id = o.specialist_id)
              OR (a.scope = 'room' AND a.id = o.room_id));
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER calendar_overrides_analytics AFTER INSERT OR UPDATE OR DELETE ON calendar_overrides
      FOR EACH ROW EXECUTE FUNCTION analytics_forget_override();

    CREATE FUNCTION analytics_forget_hours() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('analytics_available'));
      IF TG_TABLE_NAME = 'locations' THEN
        DELETE FROM analytics_available WHERE location_id = OLD.id;
      ELSE
        DELETE FROM analytics_available
         WHERE scope = CASE TG_TABLE_NAME WHEN 'specialists' THEN 'specialist' ELSE 'room' END AND id = OLD.id;
      END IF;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER locations_available AFTER UPDATE OF work_schedule, timezone ON locations
      FOR EACH ROW EXECUTE FUNCTION analytics_forget_hours();
    -- A deleted specialist or room is forgotten too, so a location's days are complete exactly
    -- when they hold one row per specialist and room (the reader's check before it fills).
    CREATE TRIGGER specialists_available AFTER UPDATE OF work_schedule, location_id OR DELETE ON specialists
      FOR EACH ROW EXECUTE FUNCTION analytics_forget_hours();
    CREATE TRIGGER rooms_available AFTER UPDATE OF location_id OR DELETE ON rooms
      FOR EACH ROW EXECUTE FUNCTION analytics_forget_hours();

    CREATE FUNCTION analytics_mark_booking() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        INSERT INTO analytics_dirty_days
        SELECT OLD.location_id, OLD.specialist_id, (OLD.starts_at AT TIME ZONE l.timezone)::date
          FROM locations l WHERE l.id = OLD.location_id
        ON CONFLICT (location_id, specialist_id, local_date) DO UPDATE SET local_date = EXCLUDED.local_date;
        INSERT INTO analytics_dirty_clients VALUES (OLD.client_id)
        ON CONFLICT (client_id) DO UPDATE SET client_id = EXCLUDED.client_id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO analytics_dirty_days
        SELECT NEW.location_id, NEW.specialist_id, (NEW.starts_at AT TIME ZONE l.timezone)::date
          FROM locations l WHERE l.id = NEW.location_id
        ON CONFLICT (location_id, specialist_id, local_date) DO UPDATE SET local_date = EXCLUDED.local_date;
        IF TG_OP = 'INSERT' OR NEW.client_id <> OLD.client_id THEN
          INSERT INTO analytics_dirty_clients VALUES (NEW.client_id)
          ON CONFLICT (client_id) DO UPDATE SET client_id = EXCLUDED.client_id;
        END IF;
      END IF;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER bookings_analytics
      AFTER INSERT OR DELETE OR UPDATE OF location_id, specialist_id, client_id, service_id, room_id,
        starts_at, duration_minutes, status, price, base_price, payment_method
      ON bookings FOR EACH ROW EXECUTE FUNCTION analytics_mark_booking();

    -- A location's zone decides every local date of its bookings: all of them, old and new dates.
    CREATE FUNCTION analytics_mark_location() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO analytics_dirty_days
      SELECT DISTINCT b.location_id, b.specialist_id, (b.starts_at AT TIME ZONE z.tz)::date
        FROM bookings b CROSS JOIN (VALUES (OLD.timezone), (NEW.timezone)) AS z (tz)
       WHERE b.location_id = NEW.id
      ON CONFLICT DO NOTHING;
      INSERT INTO analytics_dirty_clients
      SELECT DISTINCT client_id FROM bookings WHERE location_id = NEW.id
      ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $fn$;
    CREATE TRIGGER locations_analytics AFTER UPDATE OF timezone ON locations
      FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
      EXECUTE FUNCTION analytics_mark_location();

    -- A dirty key with the instants its local day starts and ends, for index scans of its bookings.
    CREATE TYPE analytics_fold_key AS (
      location_id integer, specialist_id integer, local_date date, lo timestamptz, hi timestamptz
    );

    -- Each key's bookings are read through a LATERAL index scan (specialist or location, starts_at):
    -- a few keys cost a few index probes, a year of them a few hundred milliseconds.
    CREATE FUNCTION analytics_fold() RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      keys analytics_fold_key[];
      days analytics_fold_key[];
      clients integer[];
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('analytics_fold'));
      WITH d AS (DELETE FROM analytics_dirty_days RETURNING location_id, specialist_id, local_date)
      SELECT coalesce(array_agg(ROW(d.location_id, d.specialist_id, d.local_date,
                                    d.local_date::timestamp AT TIME ZONE l.timezone,
                                    (d.local_date + 1)::timestamp AT TIME ZONE l.timezone)::analytics_fold_key), '{}')
        INTO keys FROM d JOIN locations l ON l.id = d.location_id;
      SELECT coalesce(array_agg(ROW(k.location_id, NULL, k.local_date, k.lo, k.hi)::analytics_fold_key), '{}')
        INTO days FROM (SELECT DISTINCT location_id, local_date, lo, hi FROM unnest(keys)) k;
      WITH d AS (DELETE FROM analytics_dirty_clients RETURNING client_id)
      SELECT coalesce(array_agg(d.client_id), '{}') INTO clients FROM d;

      IF cardinality(keys) > 0 THEN
        DELETE FROM analytics_specialist_days t USING unnest(keys) k
         WHERE t.location_id = k.location_id AND t.local_date = k.local_date AND t.specialist_id = k.specialist_id;
        DELETE FROM analytics_hours t USING unnest(keys) k
         WHERE t.location_id = k.location_id AND t.local_date = k.local_date AND t.specialist_id = k.specialist_id;
        DELETE FROM analytics_service_days t USING unnest(days) k
         WHERE t.location_id = k.location_id AND t.local_date = k.local_date;
        DELETE FROM analytics_room_days t USING unnest(days) k
         WHERE t.location_id = k.location_id AND t.local_date = k.local_date;

        INSERT INTO analytics_specialist_days
        SELECT k.location_id, k.specialist_id, k.local_date,
               count(*) FILTER (WHERE b.status <> 'rejected'),
               count(*) FILTER (WHERE b.status = 'completed'),
               count(*) FILTER (WHERE b.status = 'cancelled'),
               count(*) FILTER (WHERE b.status = 'no_show'),
               coalesce(sum(b.duration_minutes) FILTER (WHERE b.status NOT IN ('cancelled', 'rejected')), 0),
               count(*) FILTER (WHERE b.status = 'completed' AND b.payment_method = 'package'),
               coalesce(sum(b.price) FILTER (WHERE b.status = 'completed'), 0),
               coalesce(sum(b.base_price) FILTER (WHERE b.status = 'completed'), 0)
          FROM unnest(keys) k
         CROSS JOIN LATERAL (
               SELECT * FROM bookings b
                WHERE b.specialist_id = k.specialist_id AND b.starts_at >= k.lo AND b.starts_at < k.hi
                  AND b.location_id = k.location_id OFFSET 0) AS b
         GROUP BY 1, 2, 3;

        -- A booking counts in every local hour its service time covers, for the real minutes it
        -- spends there; one that a daylight-saving change crosses is split at the instants its
        -- local hours begin.
        WITH t AS MATERIALIZED (
          SELECT k.location_id, k.specialist_id, k.local_date, b.starts_at, l.timezone AS tz,
                 b.starts_at AT TIME ZONE l.timezone AS local_start, b.duration_minutes AS dur,
                 ((b.starts_at + make_interval(mins => b.duration_minutes)) AT TIME ZONE l.timezone)
                   = (b.starts_at AT TIME ZONE l.timezone) + make_interval(mins => b.duration_minutes) AS plain
            FROM unnest(keys) k
            JOIN locations l ON l.id = k.location_id
           CROSS JOIN LATERAL (
                 SELECT * FROM bookings b
                  WHERE b.specialist_id = k.specialist_id AND b.starts_at >= k.lo AND b.starts_at < k.hi
                    AND b.location_id = k.location_id AND b.status NOT IN ('cancelled', 'rejected') OFFSET 0) AS b
        ),
        pieces AS (
          SELECT t.location_id, t.specialist_id, t.local_date,
                 (extract(isodow FROM t.local_start)::int - 1 + (extract(hour FROM t.local_start)::int + k) / 24) % 7 AS weekday,
                 (extract(hour FROM t.local_start)::int + k) % 24 AS hour,
                 (least(extract(minute FROM t.local_start)::int + t.dur, 60 * (k + 1))
                   - greatest(extract(minute FROM t.local_start)::int, 60 * k))::numeric AS minutes
            FROM t CROSS JOIN LATERAL generate_series(0, (extract(minute FROM t.local_start)::int + t.dur - 1) / 60) AS k
           WHERE t.plain
          UNION ALL
          SELECT t.location_id, t.specialist_id, t.local_date, extract(isodow FROM h)::int - 1, extract(hour FROM h)::int,
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
        INSERT INTO analytics_hours (location_id, local_date, specialist_id, weekday, hour, minutes)
        SELECT location_id, local_date, specialist_id, weekday, hour, sum(minutes)
          FROM pieces GROUP BY 1, 2, 3, 4, 5;

        DELETE FROM analytics_hour_months t
         USING (SELECT DISTINCT location_id, specialist_id, date_trunc('month', local_date)::date AS month
                  FROM unnest(keys)) AS m
         WHERE t.location_id = m.location_id AND t.month = m.month AND t.specialist_id = m.specialist_id;
        INSERT INTO analytics_hour_months
        SELECT h.location_id, h.specialist_id, m.month, h.weekday, h.hour, sum(h.minutes)
          FROM (SELECT DISTINCT location_id, specialist_id, date_trunc('month', local_date)::date AS month
                  FROM unnest(keys)) AS m
          JOIN analytics_hours h ON h.location_id = m.location_id AND h.specialist_id = m.specialist_id
           AND h.local_date >= m.month AND h.local_date < (m.month + interval '1 month')::date
         GROUP BY 1, 2, 3, 4, 5;

        INSERT INTO analytics_service_days
        SELECT k.location_id, k.local_date, b.service_id, count(*),
               count(*) FILTER (WHERE b.payment_method = 'package'), sum(b.price), sum(b.base_price)
          FROM unnest(days) k
         CROSS JOIN LATERAL (
               SELECT * FROM bookings b
                WHERE b.location_id = k.location_id AND b.starts_at >= k.lo AND b.starts_at < k.hi
                  AND b.status = 'completed' OFFSET 0) AS b
         GROUP BY 1, 2, 3;

        INSERT INTO analytics_room_days
        SELECT k.location_id, k.local_date, b.room_id,
               coalesce(sum(b.duration_minutes) FILTER (WHERE b.status NOT IN ('cancelled', 'rejected')), 0)
          FROM unnest(days) k
         CROSS JOIN LATERAL (
               SELECT * FROM bookings b
                WHERE b.location_id = k.location_id AND b.starts_at >= k.lo AND b.starts_at < k.hi
                  AND b.room_id IS NOT NULL OFFSET 0) AS b
         GROUP BY 1, 2, 3;
      END IF;

      IF cardinality(clients) > 0 THEN
        DELETE FROM analytics_clients WHERE client_id = ANY (clients);
        INSERT INTO analytics_clients
        SELECT b.client_id, b.location_id, range_agg(daterange(x.d, x.d, '[]'))
          FROM unnest(clients) c (id)
         CROSS JOIN LATERAL (
               SELECT * FROM bookings b
                WHERE b.client_id = c.id AND b.status NOT IN ('cancelled', 'rejected') OFFSET 0) AS b
          JOIN locations l ON l.id = b.location_id
         CROSS JOIN LATERAL (SELECT (b.starts_at AT TIME ZONE l.timezone)::date AS d) AS x
         GROUP BY 1, 2;
      END IF;
    END $fn$;

    -- What is there already is folded now (a year of a busy salon: about ten seconds).
    INSERT INTO analytics_dirty_days
    SELECT DISTINCT b.location_id, b.specialist_id, (b.starts_at AT TIME ZONE l.timezone)::date
      FROM bookings b JOIN locations l ON l.id = b.location_id;
    INSERT INTO analytics_dirty_clients SELECT DISTINCT client_id FROM bookings;
    SELECT analytics_fold();
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER rooms_available ON rooms;
    DROP TRIGGER specialists_available ON specialists;
    DROP TRIGGER locations_available ON locations;
    DROP TRIGGER calendar_overrides_analytics ON calendar_overrides;
    DROP FUNCTION analytics_forget_hours();
    DROP FUNCTION analytics_forget_override();
    DROP TABLE analytics_available;
    DROP TRIGGER locations_analytics ON locations;
    DROP TRIGGER bookings_analytics ON bookings;
    DROP FUNCTION analytics_fold();
    DROP TYPE analytics_fold_key;
    DROP FUNCTION analytics_mark_location();
    DROP FUNCTION analytics_mark_booking();
    DROP TABLE analytics_clients, analytics_hour_months, analytics_hours, analytics_room_days, analytics_service_days,
      analytics_specialist_days, analytics_dirty_clients, analytics_dirty_days;
  `)
}
