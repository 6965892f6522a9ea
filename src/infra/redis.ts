// Redis connections. Every key this system writes starts with the configured prefix: the plain
// client gets it as ioredis' keyPrefix, BullMQ (which forbids keyPrefix) as its own `prefix`.
import { Redis } from 'ioredis'
import type { Config } from '../config.ts'

export function createRedis(config: Pick<Config, 'redisUrl' | 'redisPrefix'>, name = 'app'): Redis {
  return new Redis(config.redisUrl, {
    keyPrefix: config.redisPrefix,
    connectionName: name,
    lazyConnect: false,
  })
}

/** A connection for BullMQ workers and QueueEvents (blocking commands need no retry limit). */
export function createBullConnection(config: Pick<Config, 'redisUrl'>, name = 'bull'): Redis {
  return new Redis(config.redisUrl, { maxRetriesPerRequest: null, connectionName: name })
}

export const bullPrefix = (config: Pick<Config, 'redisPrefix'>) => `${config.redisPrefix}bull`
