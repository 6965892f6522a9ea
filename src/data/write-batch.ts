// Several writes of one transaction sent as ONE statement: each becomes a data-modifying CTE
// (`with w0 as (insert …), w1 as (update … returning …) select …`), so a booking's inserts, its grid
// version bumps and its intent's outcome cost one round trip instead of one each. PostgreSQL runs
// the sub-statements on one snapshot and checks foreign keys, exclusion constraints and triggers as
// for separate statements; a violation fails the whole statement, and the caller's transaction
// with it, exactly as it failed the separate statement before. What a sub-statement cannot do is
// see another one's rows, so only writes that read nothing written in the same batch go in one.
//
// The statement is named (a prepared statement, parsed and planned once per connection; the name
// is its text's hash, so two shapes never share one).
import type { Knex } from 'knex'
import { preparedName } from './prepared.ts'

type Compilable = { toSQL(): { sql: string; bindings: readonly unknown[] } }

export class WriteBatch {
  private readonly parts: { sql: string; bindings: readonly unknown[]; key: string | undefined }[] = []

  /**
   * Adds a write (a Knex builder, not run). With `key`, the rows it returns (its `returning`) come
   * back under that key from `flush`.
   */
  add(write: Compilable, key?: string): void {
    const { sql, bindings } = write.toSQL()
    this.parts.push({ sql, bindings, key })
  }

  get size(): number {
    return this.parts.length
  }

  /** Runs every write added, in one statement; the returned rows by key. Empties the batch. */
  async flush(trx: Knex.Transaction): Promise<Record<string, Record<string, unknown>[]>> {
    const parts = this.parts.splice(0)
    if (!parts.length) return {}
    const keyed = parts.flatMap((p, i) =>
      p.key === undefined
        ? []
        : [`(select coalesce(jsonb_agg(to_jsonb(w${i})), '[]') from w${i}) as "${p.key}"`],
    )
    const sql =
      `with ${parts.map((p, i) => `w${i} as (${p.sql})`).join(', ')} ` +
      `select ${keyed.length ? keyed.join(', ') : '1'}`
    const bindings = parts.flatMap((p) => p.bindings) as Knex.RawBinding[]
    const result = await trx.raw(sql, bindings).options({ name: preparedName(sql) })
    return (result.rows[0] ?? {}) as Record<string, Record<string, unknown>[]>
  }
}
