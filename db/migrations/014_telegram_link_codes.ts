// One-time codes that link a web account to Telegram: shown in the web profile, sent to the bot
// (`/link <code>` or the t.me deep link). One open code per user (a new one replaces the old); only
// the SHA-256 of a code is stored, as with invitations and sessions; a used code is deleted.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE telegram_link_codes (
      user_id     integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      code_hash   text NOT NULL UNIQUE,
      created_at  timestamptz NOT NULL DEFAULT now(),
      expires_at  timestamptz NOT NULL,
      CHECK (expires_at > created_at)
    );
    CREATE INDEX telegram_link_codes_expires ON telegram_link_codes (expires_at);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE telegram_link_codes;`)
}
