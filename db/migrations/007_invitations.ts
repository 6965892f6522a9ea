// Invitations: how a user an admin created (a specialist) sets their first password. Only the
// SHA-256 of a code is stored, as with sessions, so a database leak yields no usable invitation. A
// code is used once; issuing a new one for the same user revokes the ones still open.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE invitations (
      id          serial PRIMARY KEY,
      user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      code_hash   text NOT NULL UNIQUE,
      created_by  integer REFERENCES users (id) ON DELETE SET NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL,
      used_at     timestamptz,
      revoked_at  timestamptz,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX invitations_open_by_user ON invitations (user_id)
      WHERE used_at IS NULL AND revoked_at IS NULL;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE invitations;`)
}
