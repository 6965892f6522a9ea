// The whole schema of docs/product.md §3. Written as SQL because most of its value is in constraints
// (exclusion against double booking, CHECKs on money, the append-only wallet ledger) that a
// query builder would only obscure.
import type { Knex } from 'knex'

const UP = /* sql */ `
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE users (
  id            serial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone         text UNIQUE CHECK (phone ~ '^\\+[0-9]{7,15}$'),
  email         text CHECK (email = lower(email) AND position('@' in email) > 1),
  tg_id         bigint UNIQUE,
  tg_username   text,
  birth_date    date,
  gender        text CHECK (gender IN ('female', 'male', 'other')),
  notes         text,
  password_hash text,
  language      text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE user_roles (
  user_id integer NOT NULL REFERENCES users ON DELETE CASCADE,
  role    text NOT NULL CHECK (role IN ('client', 'specialist', 'admin')),
  PRIMARY KEY (user_id, role)
);

-- Opaque bearer tokens: only their SHA-256 is stored, so a database leak yields no usable session.
CREATE TABLE sessions (
  id         serial PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- The single company: exactly one row (id = 1).
CREATE TABLE company (
  id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  name       text NOT NULL,
  currency   char(3) NOT NULL DEFAULT 'RUB' CHECK (currency ~ '^[A-Z]{3}$'),
  timezone   text NOT NULL DEFAULT 'Europe/Moscow',
  settings   jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE locations (
  id            serial PRIMARY KEY,
  name          text NOT NULL,
  address       text NOT NULL DEFAULT '',
  timezone      text NOT NULL,
  work_schedule jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(work_schedule) = 'object'),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rooms (
  id          serial PRIMARY KEY,
  location_id integer NOT NULL REFERENCES locations ON DELETE RESTRICT,
  name        text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  UNIQUE (location_id, name)
);

CREATE TABLE services (
  id               serial PRIMARY KEY,
  name             text NOT NULL,
  description      text NOT NULL DEFAULT '',
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  break_minutes    integer NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 480),
  price            bigint NOT NULL CHECK (price >= 0),
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A service with no rows here needs no room.
CREATE TABLE service_rooms (
  service_id integer NOT NULL REFERENCES services ON DELETE CASCADE,
  room_id    integer NOT NULL REFERENCES rooms ON DELETE CASCADE,
  PRIMARY KEY (service_id, room_id)
);
CREATE INDEX service_rooms_room_idx ON service_rooms (room_id);

CREATE TABLE service_packages (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  composition jsonb NOT NULL CHECK (jsonb_typeof(composition -> 'items') = 'array'
                                    AND (composition ->> 'valid_days')::int > 0),
  price       bigint NOT NULL CHECK (price >= 0),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE specialists (
  id            serial PRIMARY KEY,
  user_id       integer NOT NULL UNIQUE REFERENCES users ON DELETE RESTRICT,
  location_id   integer NOT NULL REFERENCES locations ON DELETE RESTRICT,
  title         text NOT NULL DEFAULT '',
  work_schedule jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(work_schedule) = 'object'),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX specialists_location_idx ON specialists (location_id);

CREATE TABLE specialist_services (
  specialist_id    integer NOT NULL REFERENCES specialists ON DELETE CASCADE,
  service_id       integer NOT NULL REFERENCES services ON DELETE CASCADE,
  price            bigint CHECK (price >= 0),
  duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 1440),
  PRIMARY KEY (specialist_id, service_id)
);
CREATE INDEX specialist_services_service_idx ON specialist_services (service_id);

-- Exactly one of location/specialist/room. 'closed': the dates are closed; 'blocked': the given
-- intervals are closed; 'open': the given intervals replace the weekly schedule on those dates.
CREATE TABLE calendar_overrides (
  id            serial PRIMARY KEY,
  location_id   integer REFERENCES locations ON DELETE CASCADE,
  specialist_id integer REFERENCES specialists ON DELETE CASCADE,
  room_id       integer REFERENCES rooms ON DELETE CASCADE,
  date_from     date NOT NULL,
  date_to       date NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('closed', 'blocked', 'open')),
  intervals     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(intervals) = 'array'),
  reason        text NOT NULL DEFAULT '',
  created_by    integer REFERENCES users ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(location_id, specialist_id, room_id) = 1),
  CHECK (date_to >= date_from AND date_to - date_from <= 366),
  CHECK ((kind = 'closed') = (jsonb_array_length(intervals) = 0))
);
CREATE INDEX calendar_overrides_location_idx ON calendar_overrides (location_id, date_from, date_to) WHERE location_id IS NOT NULL;
CREATE INDEX calendar_overrides_specialist_idx ON calendar_overrides (specialist_id, date_from, date_to) WHERE specialist_id IS NOT NULL;
CREATE INDEX calendar_overrides_room_idx ON calendar_overrides (room_id, date_from, date_to) WHERE room_id IS NOT NULL;

CREATE TABLE client_packages (
  id                 serial PRIMARY KEY,
  client_id          integer NOT NULL REFERENCES users ON DELETE RESTRICT,
  service_package_id integer NOT NULL REFERENCES service_packages ON DELETE RESTRICT,
  price_paid         bigint NOT NULL CHECK (price_paid >= 0),
  purchased_at       timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  CHECK (expires_at > purchased_at)
);
CREATE INDEX client_packages_client_idx ON client_packages (client_id);

-- Remaining visits per service of a purchased package; the CHECK makes over-use impossible.
CREATE TABLE client_package_items (
  client_package_id integer NOT NULL REFERENCES client_packages ON DELETE CASCADE,
  service_id        integer NOT NULL REFERENCES services ON DELETE RESTRICT,
  total             integer NOT NULL CHECK (total > 0),
  remaining         integer NOT NULL CHECK (remaining BETWEEN 0 AND total),
  PRIMARY KEY (client_package_id, service_id)
);

CREATE TABLE client_discounts (
  id         serial PRIMARY KEY,
  client_id  integer NOT NULL REFERENCES users ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('percent', 'fixed')),
  value      bigint NOT NULL CHECK (value > 0 AND (kind <> 'percent' OR value <= 100)),
  service_id integer REFERENCES services ON DELETE CASCADE,
  valid_from timestamptz,
  valid_to   timestamptz,
  note       text NOT NULL DEFAULT '',
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX client_discounts_client_idx ON client_discounts (client_id);

-- Intents: every state-changing booking request, recorded durably before it is queued so that a
-- Redis loss loses nothing (a sweeper re-enqueues what is pending).
CREATE TABLE intents (
  id              serial PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('create', 'cancel', 'reschedule', 'complete', 'no_show')),
  user_id         integer NOT NULL REFERENCES users ON DELETE CASCADE,
  specialist_id   integer REFERENCES specialists ON DELETE CASCADE,
  booking_id      integer,
  idempotency_key text,
  request_hash    text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  result_status   integer,
  result          jsonb,
  attempts        integer NOT NULL DEFAULT 0,
  request_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  UNIQUE (user_id, idempotency_key),
  CHECK ((status = 'pending') = (finished_at IS NULL))
);
CREATE INDEX intents_pending_idx ON intents (created_at) WHERE status = 'pending';

CREATE TABLE bookings (
  id                integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,
  client_id         integer NOT NULL REFERENCES users ON DELETE RESTRICT,
  specialist_id     integer NOT NULL REFERENCES specialists ON DELETE RESTRICT,
  service_id        integer NOT NULL REFERENCES services ON DELETE RESTRICT,
  location_id       integer NOT NULL REFERENCES locations ON DELETE RESTRICT,
  room_id           integer REFERENCES rooms ON DELETE RESTRICT,
  starts_at         timestamptz NOT NULL,
  -- Copied from the service at creation: later service edits do not move existing bookings.
  duration_minutes  integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  break_minutes     integer NOT NULL DEFAULT 0 CHECK (break_minutes BETWEEN 0 AND 480),
  -- Denormalised for the exclusion constraints (which need immutable expressions); the CHECKs
  -- keep them equal to starts_at + duration (+ break).
  ends_at           timestamptz NOT NULL,
  busy_until        timestamptz NOT NULL,
  status            text NOT NULL DEFAULT 'confirmed'
                    CHECK (status IN ('requested', 'confirmed', 'completed', 'cancelled', 'no_show', 'rejected')),
  price             bigint NOT NULL CHECK (price >= 0),
  base_price        bigint NOT NULL CHECK (base_price >= price),
  payment_method    text NOT NULL DEFAULT 'on_site' CHECK (payment_method IN ('package', 'wallet', 'on_site')),
  client_package_id integer REFERENCES client_packages ON DELETE RESTRICT,
  machine_snapshot  jsonb NOT NULL DEFAULT '{}'::jsonb,
  machine_version   integer NOT NULL DEFAULT 1,
  source            text NOT NULL DEFAULT 'api' CHECK (source IN ('web', 'telegram', 'api', 'admin')),
  out_of_hours      boolean NOT NULL DEFAULT false,
  chain_id          uuid,
  notes             text NOT NULL DEFAULT '',
  intent_id         integer REFERENCES intents ON DELETE SET NULL,
  created_by        integer REFERENCES users ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  cancelled_at      timestamptz,
  CHECK (ends_at = starts_at + make_interval(mins => duration_minutes)),
  CHECK (busy_until = ends_at + make_interval(mins => break_minutes)),
  CHECK ((payment_method = 'package') = (client_package_id IS NOT NULL)),
  -- No double booking, whatever the application does: a specialist is held for duration + break,
  -- a room for the duration, by every booking that is not cancelled or rejected.
  CONSTRAINT bookings_no_specialist_overlap EXCLUDE USING gist (
    specialist_id WITH =, tstzrange(starts_at, busy_until) WITH &&
  ) WHERE (status NOT IN ('cancelled', 'rejected')),
  CONSTRAINT bookings_no_room_overlap EXCLUDE USING gist (
    room_id WITH =, tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (room_id IS NOT NULL AND status NOT IN ('cancelled', 'rejected'))
);
CREATE INDEX bookings_client_idx ON bookings (client_id, starts_at);
CREATE INDEX bookings_specialist_day_idx ON bookings (specialist_id, starts_at);
CREATE INDEX bookings_room_day_idx ON bookings (room_id, starts_at) WHERE room_id IS NOT NULL;
ALTER TABLE intents ADD FOREIGN KEY (booking_id) REFERENCES bookings ON DELETE SET NULL;

CREATE TABLE booking_discounts (
  id                 serial PRIMARY KEY,
  booking_id         integer NOT NULL REFERENCES bookings ON DELETE CASCADE,
  client_discount_id integer REFERENCES client_discounts ON DELETE SET NULL,
  amount             bigint NOT NULL CHECK (amount > 0),
  UNIQUE (booking_id, client_discount_id)
);

-- The audit log of every machine transition of a booking.
CREATE TABLE booking_history (
  id            serial PRIMARY KEY,
  booking_id    integer NOT NULL REFERENCES bookings ON DELETE CASCADE,
  actor_user_id integer REFERENCES users ON DELETE SET NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  from_state    text,
  to_state      text NOT NULL,
  event         text NOT NULL,
  reason        text NOT NULL DEFAULT '',
  data          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX booking_history_booking_idx ON booking_history (booking_id, id);

CREATE TABLE client_wallets (
  client_id  integer PRIMARY KEY REFERENCES users ON DELETE RESTRICT,
  balance    bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The append-only ledger. amount is signed (+ deposit/refund, - payment); a trigger applies it to
-- the wallet's balance in the same statement, so balance = sum(amount) always holds and the
-- balance CHECK turns any overspend into an error.
CREATE TABLE wallet_transactions (
  id                serial PRIMARY KEY,
  client_id         integer NOT NULL REFERENCES client_wallets (client_id) ON DELETE RESTRICT,
  kind              text NOT NULL CHECK (kind IN ('deposit', 'payment', 'refund', 'adjustment')),
  amount            bigint NOT NULL CHECK (amount <> 0),
  booking_id        integer REFERENCES bookings ON DELETE RESTRICT,
  client_package_id integer REFERENCES client_packages ON DELETE RESTRICT,
  comment           text NOT NULL DEFAULT '',
  created_by        integer REFERENCES users ON DELETE SET NULL,
  idempotency_key   text UNIQUE,
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'deposit' OR amount > 0),
  CHECK (kind <> 'payment' OR amount < 0),
  CHECK (kind <> 'refund' OR amount > 0)
);
CREATE INDEX wallet_transactions_client_idx ON wallet_transactions (client_id, id);
CREATE INDEX wallet_transactions_booking_idx ON wallet_transactions (booking_id) WHERE booking_id IS NOT NULL;

CREATE FUNCTION wallet_apply_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE client_wallets SET balance = balance + NEW.amount, updated_at = now()
   WHERE client_id = NEW.client_id;
  RETURN NEW;
END $$;
CREATE TRIGGER wallet_transactions_apply AFTER INSERT ON wallet_transactions
  FOR EACH ROW EXECUTE FUNCTION wallet_apply_transaction();

CREATE FUNCTION wallet_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'wallet_transactions is append-only' USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER wallet_transactions_append_only BEFORE UPDATE OR DELETE ON wallet_transactions
  FOR EACH ROW EXECUTE FUNCTION wallet_ledger_append_only();

CREATE FUNCTION wallet_balance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The balance only moves through the ledger trigger above, which runs at nesting depth > 1.
  IF pg_trigger_depth() < 2 AND NEW.balance IS DISTINCT FROM OLD.balance THEN
    RAISE EXCEPTION 'client_wallets.balance changes only through wallet_transactions'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER client_wallets_balance_guard BEFORE UPDATE ON client_wallets
  FOR EACH ROW EXECUTE FUNCTION wallet_balance_guard();

CREATE TABLE push_subscriptions (
  id         serial PRIMARY KEY,
  user_id    integer NOT NULL REFERENCES users ON DELETE CASCADE,
  endpoint   text NOT NULL UNIQUE,
  p256dh     text NOT NULL,
  auth       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);
`

const DOWN = /* sql */ `
DROP TABLE IF EXISTS push_subscriptions, wallet_transactions, client_wallets, booking_history,
  booking_discounts, bookings, intents, client_discounts, client_package_items, client_packages,
  calendar_overrides, specialist_services, specialists, service_packages, service_rooms, services,
  rooms, locations, company, sessions, user_roles, users CASCADE;
DROP FUNCTION IF EXISTS wallet_apply_transaction(), wallet_ledger_append_only(), wallet_balance_guard();
`

export async function up(knex: Knex): Promise<void> {
  await knex.raw(UP)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(DOWN)
}
