// Personal calendar feeds (iCalendar): a secret URL per user and scope — their bookings as a
// client, or a specialist's own appointments — that calendar apps poll. Like a session, only the
// token's SHA-256 hash is stored; rotating a feed revokes the old row and adds a new one.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE calendar_feeds (
      id            serial PRIMARY KEY,
      user_id       integer NOT NULL REFERENCES users ON DELETE CASCADE,
      scope         text NOT NULL CHECK (scope IN ('client', 'specialist')),
      -- The specialist whose appointments a 'specialist' feed holds.
      specialist_id integer REFERENCES specialists ON DELETE CASCADE,
      token_hash    text NOT NULL UNIQUE,
      created_at    timestamptz NOT NULL DEFAULT now(),
      revoked_at    timestamptz,
      CHECK ((scope = 'specialist') = (specialist_id IS NOT NULL))
    );
    -- At most one live feed per user and scope.
    CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (user_id, scope) WHERE revoked_at IS NULL;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE calendar_feeds;`)
}
