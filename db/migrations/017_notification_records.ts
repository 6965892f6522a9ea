// What the notifier did with each notification (docs/notifications.md): one record per outbox row,
// recipient, channel and destination (the Telegram chat, or the push subscription's endpoint),
// written once its attempt has a final result — sent, or failed with the reason. A retried job
// reads them first, so what was sent is not sent again. And the Telegram chats that blocked the
// bot: no message goes to them until the person writes to the bot again.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE notification_records (
      id          bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
      outbox_id   bigint NOT NULL REFERENCES notification_outbox (id) ON DELETE CASCADE,
      booking_id  integer NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
      event       text NOT NULL,
      user_id     integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      channel     text NOT NULL CHECK (channel IN ('telegram', 'push')),
      -- The chat id for Telegram, the endpoint for Web Push.
      destination text NOT NULL,
      status      text NOT NULL CHECK (status IN ('sent', 'failed')),
      reason      text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (outbox_id, user_id, channel, destination),
      CHECK (status = 'sent' OR reason IS NOT NULL)
    );
    CREATE INDEX notification_records_booking ON notification_records (booking_id, id);
    CREATE INDEX notification_records_newest ON notification_records (id DESC);

    CREATE TABLE telegram_unreachable_chats (
      tg_id     bigint PRIMARY KEY,
      reason    text NOT NULL,
      marked_at timestamptz NOT NULL DEFAULT now()
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE telegram_unreachable_chats; DROP TABLE notification_records;`)
}
