// Knex factory: one pool per process, built by the composition root and handed down.
import knexFactory, { type Knex } from 'knex'
import pg from 'pg'
import { migrationSource } from '../../db/migrations/index.ts'

// int8 (bigint) values in this schema are ids, money sums and Telegram ids: all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
// numeric values are percentages with two decimals (12.50), whole amounts and sums of bigint money:
// they round-trip through a number exactly (percentages become integer basis points, domain/money.ts).
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))
// `date` columns are the location's local dates: keep them as 'YYYY-MM-DD' strings, never as JS Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export type Db = Knex
/** A transaction on it, as the layers above hand it to the repositories (they import no knex). */
export type Trx = Knex.Transaction

export function createDb(connectionString: string, opts: { pool?: number } = {}): Db {
  return knexFactory({
    client: 'pg',
    connection: { connectionString },
    pool: { min: 0, max: opts.pool ?? 10 },
    migrations: { migrationSource, tableName: 'knex_migrations' },
  })
}

/** Resolves when PostgreSQL answers a trivial query (the readiness probe). */
export async function ping(db: Db): Promise<void> {
  await db.raw('select 1')
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]]
  return applied
}
