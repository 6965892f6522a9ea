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

  // The worker's own statements still to move (the list may only shrink).
  it('src/workers queries only in the files that still do', () => {
    const querying = sources(join(root, 'src/workers')).filter((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .some((l) => rawKnex.test(l)),
    )
    expect(querying.map((f) => relative(root, f)).sort()).toEqual([
      'src/workers/availability.ts',
      'src/workers/booking-effects.ts',
      'src/workers/booking-writer.ts',
      'src/workers/intents/lifecycle.ts',
    ])
  })

  it('the query check finds a query where there is one', () => {
    expect(rawKnex.test("const b = await db('bookings').first('id')")).toBe(true)
    expect(rawKnex.test('await trx.raw(`select 1`)')).toBe(true)
    expect(rawKnex.test('const b = await bookings.body(id)')).toBe(false)
  })

  it('reads and writes the company row only in src/data/company-repository.ts', () => {
    expect(queriesOf('company')).toEqual(['src/data/company-repository.ts'])
  })
})
