// Refusals of keyed money requests (a purchase the wallet cannot pay, a package no longer on sale,
// an adjustment below zero): stored under the request's Idempotency-Key, so that a retry answers
// the refusal it first got instead of acting on a later balance. A key that moved money lives on
// its ledger row (wallet_transactions.idempotency_key); a key is on one of the two, never both.
import type { Knex } from 'knex'

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE money_refusals (
      idempotency_key text PRIMARY KEY,
      request_hash    text NOT NULL,
      status          integer NOT NULL CHECK (status BETWEEN 400 AND 499),
      body            jsonb NOT NULL,
      created_at      timestamptz NOT NULL DEFAULT now()
    );
  `)
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE money_refusals;`)
}
