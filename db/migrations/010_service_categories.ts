// Service categories: how the client site groups the services it lists («Стрижки», «Окрашивание»…).
// A service belongs to at most one; `position` orders the categories (then names break ties). A
// category that services still name cannot be deleted (ON DELETE RESTRICT; the API says 409 `in_use`).
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE service_categories (
      id         serial PRIMARY KEY,
      name       text NOT NULL CHECK (btrim(name) <> ''),
      position   integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    ALTER TABLE services ADD COLUMN category_id integer REFERENCES service_categories ON DELETE RESTRICT;
    CREATE INDEX services_category ON services (category_id);
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE services DROP COLUMN category_id;
    DROP TABLE service_categories;
  `)
}
