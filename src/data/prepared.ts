// Named prepared statements for the booking's hot path. node-postgres sends a statement with a
// name once per connection (Parse), and afterwards only binds and executes it: PostgreSQL skips
// parsing and, after a few runs, planning. The name is a hash of the statement's text, so a name
// always stands for one text (node-postgres refuses a name reused for another text).
//
// Statements prepared this way name their columns (no `select *`): a column added by a migration
// while a worker runs would otherwise change a prepared statement's result, which PostgreSQL
// refuses ("cached plan must not change result type") until the connection is replaced.
import { createHash } from 'node:crypto'

const names = new Map<string, string>()

/** The prepared statement name of a statement's text. */
export function preparedName(sql: string): string {
  let name = names.get(sql)
  if (name === undefined) {
    name = 'p' + createHash('sha1').update(sql).digest('hex').slice(0, 20)
    // Statement shapes are few (a batch's shape depends on how many writes it holds); the bound only
    // keeps a bug from growing the map.
    if (names.size < 10_000) names.set(sql, name)
  }
  return name
}

type Compiled = { sql: string; options: Record<string, unknown> }
type Named = { toSQL(...args: unknown[]): Compiled }

/**
 * The query, to be run as a named prepared statement. It is compiled once here: the name needs the
 * text, and knex's runner would compile the builder again when it runs it (it calls `toSQL()` with
 * no arguments), so that call gets this compilation, named.
 */
export function prepared<Q extends Named>(q: Q): Q {
  const compiled = q.toSQL()
  compiled.options = { ...compiled.options, name: preparedName(compiled.sql) }
  const compile = q.toSQL.bind(q)
  q.toSQL = (...args: unknown[]) => (args.length ? compile(...args) : compiled)
  return q
}
