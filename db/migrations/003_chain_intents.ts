// Chained bookings (docs/product.md §5: an admin books several services back to back, all or none):
// one intent of kind 'chain' books every item in one transaction. The bookings it writes share a
// `chain_id` (the column exists since 001); an index finds a chain's bookings.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE intents DROP CONSTRAINT intents_kind_check;
    ALTER TABLE intents ADD CONSTRAINT intents_kind_check
      CHECK (kind IN ('create', 'cancel', 'reschedule', 'complete', 'no_show', 'chain'));
    CREATE INDEX bookings_chain_idx ON bookings (chain_id) WHERE chain_id IS NOT NULL;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX bookings_chain_idx;
    ALTER TABLE intents DROP CONSTRAINT intents_kind_check;
    ALTER TABLE intents ADD CONSTRAINT intents_kind_check
      CHECK (kind IN ('create', 'cancel', 'reschedule', 'complete', 'no_show'));
  `)
}
