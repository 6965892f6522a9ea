// Personal discounts as a salon writes them: a percentage with up to two decimals (12.5 %), kept
// exactly (numeric, never a float), or a fixed amount of whole kopecks. And a discount that priced a
// booking stays on record: `booking_discounts` keeps pointing at it (RESTRICT instead of SET NULL),
// so the admin ends it (active = false, valid_to) rather than deleting it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE client_discounts DROP CONSTRAINT client_discounts_check;
    -- As wide as the bigint it replaces, near enough: amounts beyond what the arithmetic takes are
    -- still refused there (domain/money.ts), not silently cut here.
    ALTER TABLE client_discounts ALTER COLUMN value TYPE numeric(20, 2);
    ALTER TABLE client_discounts ADD CONSTRAINT client_discounts_value_check CHECK (
      value > 0 AND CASE kind WHEN 'percent' THEN value <= 100 ELSE value = trunc(value) END
    );
    ALTER TABLE booking_discounts DROP CONSTRAINT booking_discounts_client_discount_id_fkey;
    ALTER TABLE booking_discounts ADD CONSTRAINT booking_discounts_client_discount_id_fkey
      FOREIGN KEY (client_discount_id) REFERENCES client_discounts ON DELETE RESTRICT;
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE booking_discounts DROP CONSTRAINT booking_discounts_client_discount_id_fkey;
    ALTER TABLE booking_discounts ADD CONSTRAINT booking_discounts_client_discount_id_fkey
      FOREIGN KEY (client_discount_id) REFERENCES client_discounts ON DELETE SET NULL;
    ALTER TABLE client_discounts DROP CONSTRAINT client_discounts_value_check;
    -- Whole numbers only before this migration: a fractional percentage is rounded up, in the
    -- client's favour.
    ALTER TABLE client_discounts ALTER COLUMN value TYPE bigint USING ceil(value);
    ALTER TABLE client_discounts ADD CONSTRAINT client_discounts_check
      CHECK (value > 0 AND (kind <> 'percent' OR value <= 100));
  `)
}
