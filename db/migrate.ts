// Migration CLI: `tsx db/migrate.ts latest|rollback|status` against DATABASE_URL. Failures are
// one line (the database's own message), never a stack trace.
import pg from 'pg'
import { createDb, migrateLatest, type Db } from '../src/data/db.ts'

const USAGE = 'usage: tsx db/migrate.ts latest|rollback|status'

/** One line for any error, including Node's AggregateError (empty message) on refused connections. */
function oneLine(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return oneLine(err.errors[0])
  if (err instanceof Error)
    return (err.message || (err as { code?: string }).code || err.name).split('\n')[0]!
  return String(err)
}

const nameOf = (m: unknown) => (typeof m === 'string' ? m : String((m as { name?: unknown }).name ?? m))

async function run(db: Db, command: string): Promise<void> {
  switch (command) {
    case 'latest': {
      const applied = await migrateLatest(db)
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date')
      return
    }
    case 'rollback': {
      const [batch, undone] = (await db.migrate.rollback()) as [number, string[]]
      console.log(undone.length ? `rolled back batch ${batch}: ${undone.join(', ')}` : 'nothing to roll back')
      return
    }
    case 'status': {
      const [done, pending] = (await db.migrate.list()) as [unknown[], unknown[]]
      for (const m of done) console.log(`applied  ${nameOf(m)}`)
      for (const m of pending) console.log(`pending  ${nameOf(m)}`)
      if (!done.length && !pending.length) console.log('no migrations')
      return
    }
  }
}

async function main(): Promise<number> {
  const command = process.argv[2] ?? ''
  if (!['latest', 'rollback', 'status'].includes(command)) {
    console.error(USAGE)
    return 2
  }
  const url = process.env.DATABASE_URL
  if (!url) {
    console.error('DATABASE_URL is not set: export it (e.g. postgres://postgres@127.0.0.1:5432/booking).')
    return 1
  }
  // Connect once without knex first: knex's pool would log a stack trace for an unreachable server.
  const probe = new pg.Client({ connectionString: url })
  try {
    await probe.connect()
  } catch (err) {
    console.error(`migrate ${command} failed: ${oneLine(err)}`)
    return 1
  } finally {
    await probe.end().catch(() => {})
  }
  const db = createDb(url, { pool: 1 })
  try {
    await run(db, command)
    return 0
  } catch (err) {
    console.error(`migrate ${command} failed: ${oneLine(err)}`)
    return 1
  } finally {
    await db.destroy()
  }
}

process.exitCode = await main()
