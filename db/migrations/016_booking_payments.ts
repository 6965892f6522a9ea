// Payments taken at the desk for bookings paid on site (cash or card): what the admin records when
// the client pays, in minor units, once per Idempotency-Key (a retried click records nothing twice),
// with who recorded it and when. The wallet ledger is not used: this money never passes through it.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE booking_payments (
      id              serial PRIMARY KEY,
      booking_id      integer NOT NULL REFERENCES bookings ON DELETE CASCADE,
      method          text NOT NULL CHECK (method IN ('cash', 'card')),
      amount          bigint NOT NULL CHECK (amount > 0),
      comment         text NOT NULL DEFAULT '',
      idempotency_key text NOT NULL UNIQUE,
      created_by      integer REFERENCES users ON DELETE SET NULL,
      created_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX booking_payments_booking_idx ON booking_payments (booking_id, id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE booking_payments;`)
}
