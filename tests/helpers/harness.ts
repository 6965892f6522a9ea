// One isolated environment per test file: its own database (cloned from the migrated template)
// and its own Redis key prefix; `close()` removes both.
import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { loadConfig, type Config } from '../../src/config.ts'
import { createDb, type Db } from '../../src/data/db.ts'
import { createRedis } from '../../src/infra/redis.ts'
import { bindToDeployment } from '../../src/infra/deployment.ts'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime, type ApiRuntime } from '../../src/api/runtime.ts'
import { startWorkers, type WorkerOptions } from '../../src/workers/main.ts'
import { adminQuery } from '../setup/global-setup.ts'

export interface TestEnv {
  config: Config
  db: Db
  redis: Redis
  databaseName: string
  /** Builds (once) the API app on this environment. */
  app: () => Promise<FastifyInstance>
  /** Starts (once) the worker runtime in this process, on this environment. */
  startWorkers: (opts?: WorkerOptions) => Promise<Awaited<ReturnType<typeof startWorkers>>>
  close: () => Promise<void>
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export async function createTestEnv(overrides: Record<string, string> = {}): Promise<TestEnv> {
  const suffix = randomBytes(5).toString('hex')
  const databaseName = `bk_t_${suffix}`
  const serverUrl = inject('databaseUrl')
  await adminQuery(serverUrl, `create database ${databaseName} template ${inject('templateDb')}`)
  const configured = loadConfig({
    DATABASE_URL: withDatabase(serverUrl, databaseName),
    REDIS_URL: inject('redisUrl'),
    REDIS_PREFIX: `t${suffix}:`,
    INTERNAL_TOKEN: `internal-${suffix}-token`,
    LOG_LEVEL: 'silent',
    INTENT_WAIT_MS: '5000',
    QUEUE_PARTITIONS: '4',
    ...overrides,
  })
  const db = createDb(configured.databaseUrl, { pool: 5 })
  // Keys under `<REDIS_PREFIX><this database's deployment key>:`, as the processes write them.
  const config = await bindToDeployment(configured, db)
  const redis = createRedis(config, 'test')
  let app: Promise<FastifyInstance> | undefined
  let runtime: ApiRuntime | undefined
  let workers: Awaited<ReturnType<typeof startWorkers>> | undefined
  return {
    config,
    db,
    redis,
    databaseName,
    app: () =>
      // Fixtures write catalogue rows straight to PostgreSQL: never serve a cached catalogue here.
      (app ??= createApiRuntime(config, db, redis, { slotInputsMaxAgeMs: 0 }).then(async (e) => {
        runtime = e
        const a = await buildApp({ config, db, redis, runtime: e })
        await a.ready()
        return a
      })),
    startWorkers: async (opts = {}) => (workers ??= await startWorkers(config, opts, { db })),
    close: async () => {
      if (app) await (await app).close()
      await workers?.close()
      await runtime?.close()
      await deleteKeys(redis, config.redisPrefix)
      redis.disconnect()
      await db.destroy()
      await adminQuery(serverUrl, `drop database if exists ${databaseName} with (force)`)
    },
  }
}

/** Deletes every key under the prefix (the client's own keyPrefix is not applied to SCAN). */
export async function deleteKeys(redis: Redis, prefix: string) {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    // DEL would add the keyPrefix again: strip it first.
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)))
  } while (cursor !== '0')
}
