// The machine line every benchmark prints first: numbers mean little without it.
import { availableParallelism, cpus, totalmem } from 'node:os'
import type { Redis } from 'ioredis'
import type { Db } from '../src/data/db.ts'

export async function describeMachine(db: Db, redis: Redis): Promise<string> {
  const pgVersion = ((await db.raw('show server_version')).rows[0]?.server_version as string) ?? '?'
  const info = await redis.info('server')
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?'
  return [
    `${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'})`,
    `${Math.round(totalmem() / 2 ** 30)} GiB`,
    `Node ${process.version}`,
    `PostgreSQL ${pgVersion}`,
    `Redis ${redisVersion}`,
  ].join(', ')
}
