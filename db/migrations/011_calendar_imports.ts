// Calendar imports (.ics): which blocks on a specialist's calendar came from which imported source,
// so that importing the same source again replaces exactly its previous blocks and nothing an admin
// or the specialist wrote by hand. The blocks themselves are ordinary `blocked` calendar overrides.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE calendar_imports (
      id            serial PRIMARY KEY,
      specialist_id integer NOT NULL REFERENCES specialists ON DELETE CASCADE,
      -- The caller's name for the calendar ("google", "work.ics"): one import per source.
      source        text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
      -- The local dates the import read, and how many busy times it found in them.
      window_from   date NOT NULL,
      window_to     date NOT NULL,
      busy_count    integer NOT NULL CHECK (busy_count >= 0),
      imported_by   integer REFERENCES users ON DELETE SET NULL,
      imported_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (specialist_id, source),
      CHECK (window_to >= window_from)
    );
    -- Each imported block belongs to one import; deleting the block (by hand) forgets the link, and
    -- the import's own removal deletes its blocks (in code, which also recalculates their dates).
    CREATE TABLE calendar_import_blocks (
      override_id integer PRIMARY KEY REFERENCES calendar_overrides ON DELETE CASCADE,
      import_id   integer NOT NULL REFERENCES calendar_imports ON DELETE CASCADE
    );
    CREATE INDEX calendar_import_blocks_import_idx ON calendar_import_blocks (import_id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE calendar_import_blocks; DROP TABLE calendar_imports;`)
}
