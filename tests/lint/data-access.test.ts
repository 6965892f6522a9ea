// The company row holds the policy every booking follows, so it is read in one module: a second
// reader grows its own defaults (another zone, another currency) and answers drift apart.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )

/** Files that query a table by name (`db('company')`, `trx('company')`, `into company`, …). */
const queriesOf = (table: string) => {
  const call = new RegExp(
    `\\(\\s*'${table}(\\s+as\\s+\\w+)?'\\s*\\)|\\b(from|into|update|join)\\s+${table}\\b`,
  )
  return sources(join(root, 'src'))
    .filter((f) => call.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f))
}

/** Query-builder calls on a connection or transaction (`db('users')`, `trx.raw(…)`). */
const rawKnex = /\b(db|trx|knex)(\s*\(\s*'|\.raw\()/

/** An import of a database client (`from 'knex'`, `import pg from 'pg'`, `from 'objection'`). */
const dbImport = /\bfrom\s+'(knex|pg|objection)(\/[^']*)?'/

// Routes and plugins speak to repositories; a query written in a route is one no other channel
// can reuse and no repository test covers.
describe('data access', () => {
  it('src/api holds no query of its own', () => {
    const querying = sources(join(root, 'src/api')).filter((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .some((l) => rawKnex.test(l)),
    )
    expect(querying.map((f) => relative(root, f))).toEqual([])
  })

  // The worker's statements live in src/data too (booking-writes.ts, availability-reads.ts,
  // booking-effects.ts, …): a processor asks the repositories it was handed.
  it('src/workers, src/notifier and src/bot hold no query of their own and import no database client', () => {
    const offending = ['src/workers', 'src/notifier', 'src/bot']
      .flatMap((dir) => sources(join(root, dir)))
      .filter((f) => {
        const text = readFileSync(f, 'utf8')
        return dbImport.test(text) || text.split('\n').some((l) => rawKnex.test(l))
      })
    expect(offending.map((f) => relative(root, f))).toEqual([])
  })

  it('the query check finds a query where there is one', () => {
    expect(rawKnex.test("const b = await db('bookings').first('id')")).toBe(true)
    expect(rawKnex.test('await trx.raw(`select 1`)')).toBe(true)
    expect(rawKnex.test('const b = await bookings.body(id)')).toBe(false)
    expect(dbImport.test("import type { Knex } from 'knex'")).toBe(true)
    expect(dbImport.test("import pg from 'pg'")).toBe(true)
    expect(dbImport.test("import type { Trx } from '../data/db.ts'")).toBe(false)
  })

  it('reads and writes the company row only in src/data/company-repository.ts', () => {
    expect(queriesOf('company')).toEqual(['src/data/company-repository.ts'])
  })
})
