// The deployment's identity: one row, a UUID made when the database is created. Every Redis key
// of the system lives under a prefix derived from it (src/infra/deployment.ts), so two databases
// sharing one Redis never see each other's grids, queues, locks or rate limits. Intents get a UUID
// of their own for their job ids, which a restored database never repeats (serial ids it does).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE deployment (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now(),
      rotated_at timestamptz
    );
    INSERT INTO deployment DEFAULT VALUES;
    ALTER TABLE intents ADD COLUMN uid uuid NOT NULL DEFAULT gen_random_uuid();
    ALTER TABLE intents ADD CONSTRAINT intents_uid_key UNIQUE (uid);
    -- What /metrics counts at every scrape: intents that failed for a reason of ours.
    CREATE INDEX intents_failed_ours_idx ON intents (kind) WHERE status = 'failed' AND result_status >= 500;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX intents_failed_ours_idx;
    ALTER TABLE intents DROP COLUMN uid;
    DROP TABLE deployment;
  `)
}
