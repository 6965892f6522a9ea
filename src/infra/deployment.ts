// Binds a process's Redis state to its database. Every key is written under
// `<REDIS_PREFIX><deployment key>:`, so systems that share a Redis (two clones, staging and
// production, a database recreated under the same settings) never meet. The worker also keeps a
// watermark (the highest intent id it has seen) under that prefix: a database that holds less than
// Redis has seen was restored from a backup, and its Redis state describes a future that did not
// happen, so the database takes a new identity and every process starts from a clean view.
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { Db } from '../data/db.ts'
import { deploymentRepository } from '../data/deployment-repository.ts'
import { createRedis } from './redis.ts'

const WATERMARK_KEY = 'deployment:intent-watermark'

const boundPrefix = (basePrefix: string, key: string) => `${basePrefix}${key}:`

/**
 * The configuration with `redisPrefix` bound to the database's identity. Idempotent: a bound
 * configuration comes back as it is.
 */
export async function bindToDeployment(
  config: Config,
  db: Db,
  log: (line: string) => void = () => {},
): Promise<Config> {
  if (config.deployment) return config
  const repo = deploymentRepository(db)
  let identity = await repo.identity()
  const probe = createRedis(
    { redisUrl: config.redisUrl, redisPrefix: boundPrefix(config.redisPrefix, identity.key) },
    'deployment',
  )
  try {
    const seen = Number((await probe.get(WATERMARK_KEY)) ?? 0)
    const held = await repo.latestIntentId()
    if (seen > held) {
      await repo.rotate(identity.id)
      const previous = identity.key
      identity = await repo.identity()
      log(
        `Redis has seen intents up to #${seen} but the database holds them only up to #${held} ` +
          `(restored from a backup?): deployment ${previous} → ${identity.key}, Redis state starts afresh.`,
      )
    }
  } finally {
    probe.disconnect()
  }
  return {
    ...config,
    redisPrefix: boundPrefix(config.redisPrefix, identity.key),
    deployment: { key: identity.key, basePrefix: config.redisPrefix },
  }
}

/** Records how far the database has come, for the restore check of the next start. */
export async function recordWatermark(redis: Redis, db: Db): Promise<void> {
  const latest = await deploymentRepository(db).latestIntentId()
  if (latest > 0) await redis.set(WATERMARK_KEY, String(latest))
}
