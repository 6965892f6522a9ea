// The notification outbox. A booking event or a due reminder is a row written in the transaction
// that makes it true, so it exists exactly when the booking change does; a relay then moves it onto
// the `notify` queue as the job `notify-<id>`. Delivery to people thus survives a worker that dies
// after the commit and a notifier that is not running.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE notification_outbox (
      id           bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      booking_id   integer NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
      event        text NOT NULL,
      -- Set where an event may be recorded twice (a reminder job that runs again): one row per key.
      dedupe_key   text UNIQUE,
      payload      jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
      created_at   timestamptz NOT NULL DEFAULT now(),
      relayed_at   timestamptz,
      -- Set by the notifier once it has sent the messages; until then the sweep re-adds the job
      -- (same id, so nothing doubles) in case Redis lost it.
      delivered_at timestamptz,
      CHECK (delivered_at IS NULL OR relayed_at IS NOT NULL)
    );
    CREATE INDEX notification_outbox_unrelayed ON notification_outbox (id) WHERE relayed_at IS NULL;
    CREATE INDEX notification_outbox_undelivered ON notification_outbox (relayed_at)
      WHERE delivered_at IS NULL;
    CREATE INDEX notification_outbox_booking ON notification_outbox (booking_id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE notification_outbox;`)
}
