// Specialists' photos, kept in PostgreSQL so that every API process serves the same picture without
// a shared disk. One photo per specialist; `etag` is a digest of the bytes, so the public URL that
// carries it changes with the picture and caches never show an old one.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE specialist_photos (
      specialist_id integer PRIMARY KEY REFERENCES specialists ON DELETE CASCADE,
      content       bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 2097152),
      content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
      etag          text NOT NULL CHECK (etag ~ '^[0-9a-f]{16,64}$'),
      updated_at    timestamptz NOT NULL DEFAULT now()
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE specialist_photos;`)
}
