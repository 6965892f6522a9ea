// The write batch (src/data/write-batch.ts) on real PostgreSQL: writes sent as one statement, their
// returned rows by key, one failing part failing them all, and the statement prepared by name; and
// `prepared` queries, compiled once and run by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WriteBatch } from '../../src/data/write-batch.ts'
import { prepared, preparedName } from '../../src/data/prepared.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let world: Awaited<ReturnType<typeof createWorld>>

beforeAll(async () => {
  env = await createTestEnv()
  world = await createWorld(env.db, { n: 2 })
})
afterAll(async () => {
  await env?.close()
})

const versions = async () =>
  (
    await env
      .db('specialists')
      .whereIn(
        'id',
        world.specialists.map((s) => s.id),
      )
      .orderBy('id')
  ).map((s) => Number(s.grid_version))

describe('a write batch', () => {
  it('runs its writes in one statement and returns each keyed part’s rows', async () => {
    const [a, b] = world.specialists
    const before = await versions()
    const statements: string[] = []
    const flushed = await env.db.transaction(async (trx) => {
      const batch = new WriteBatch()
      batch.add(
        trx('specialists').where({ id: a!.id }).increment('grid_version', 1).returning('grid_version'),
        'a',
      )
      batch.add(trx('specialists').where({ id: b!.id }).increment('grid_version', 2))
      batch.add(trx('specialists').where({ id: -1 }).increment('grid_version', 1).returning('id'), 'none')
      expect(batch.size).toBe(3)
      trx.on('query', (q: { sql: string }) => statements.push(q.sql))
      const out = await batch.flush(trx)
      expect(batch.size).toBe(0)
      // An empty batch sends nothing.
      expect(await batch.flush(trx)).toEqual({})
      expect(statements).toHaveLength(1)
      const prepared = await trx.raw(
        `select name from pg_prepared_statements where statement like 'with w0 as (update "specialists"%'`,
      )
      expect(prepared.rows).toEqual([{ name: expect.stringMatching(/^p[0-9a-f]{20}$/) }])
      return out
    })
    expect(statements[0]).toMatch(/^with w0 as \(update "specialists"/)
    expect(flushed).toEqual({ a: [{ grid_version: before[0]! + 1 }], none: [] })
    expect(await versions()).toEqual([before[0]! + 1, before[1]! + 2])
  })

  it('writes nothing when one of its parts breaks a constraint', async () => {
    const before = await versions()
    const err = await env.db
      .transaction(async (trx) => {
        const batch = new WriteBatch()
        batch.add(trx('specialists').where({ id: world.specialist.id }).increment('grid_version', 1))
        // No such booking: the history row's foreign key fails, at the end of the one statement.
        batch.add(
          trx('booking_history').insert({
            booking_id: 2_000_000_000,
            event: 'x',
            from_state: null,
            to_state: 'confirmed',
          }),
        )
        await batch.flush(trx)
      })
      .catch((e: unknown) => e)
    expect((err as { code?: string }).code).toBe('23503')
    expect(await versions()).toEqual(before)
  })

  it('names one prepared statement per shape', () => {
    expect(preparedName('select 1')).toBe(preparedName('select 1'))
    expect(preparedName('select 1')).not.toBe(preparedName('select 2'))
    expect(preparedName('select 1')).toMatch(/^p[0-9a-f]{20}$/)
  })

  it('runs a prepared query by name, compiled once, with the builder’s own result', async () => {
    const [a] = world.specialists
    const query = () => env.db('specialists').where({ id: a!.id }).first('id', 'grid_version')
    const plain = await query()
    const q = prepared(query())
    const compile = q.client.queryCompiler.bind(q.client)
    let compiled = 0
    q.client.queryCompiler = (...args: Parameters<typeof compile>) => {
      compiled++
      return compile(...args)
    }
    try {
      const sent: { sql: string; options?: { name?: string } }[] = []
      const row = await q.on('query', (x: (typeof sent)[number]) => sent.push(x))
      expect(row).toEqual(plain)
      expect(compiled).toBe(0)
      expect(sent).toHaveLength(1)
      expect(sent[0]!.options?.name).toBe(preparedName(query().toSQL().sql))
    } finally {
      q.client.queryCompiler = compile
    }
  })
})
