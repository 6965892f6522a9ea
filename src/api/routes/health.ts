// Liveness and readiness for process supervisors and load balancers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ping } from '../../data/db.ts'
import { AppError } from '../../domain/errors.ts'
import { errors, obj } from '../schemas/common.ts'

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis } = app.deps

  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['ops'],
        response: { 200: obj({ status: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getReadiness',
        tags: ['ops'],
        response: {
          200: obj({ status: Type.String(), postgres: Type.String(), redis: Type.String() }),
          ...errors(503),
        },
      },
    },
    async () => {
      const check = async (fn: () => Promise<unknown>) =>
        Promise.race([
          fn().then(() => 'ok'),
          new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 2000).unref()),
        ]).catch(() => 'down')
      const [postgres, redisState] = await Promise.all([check(() => ping(db)), check(() => redis.ping())])
      const ready = postgres === 'ok' && redisState === 'ok'
      if (!ready) throw new AppError(503, 'not_ready', `PostgreSQL: ${postgres}, Redis: ${redisState}.`)
      return { status: 'ready', postgres, redis: redisState }
    },
  )
}

export default healthRoutes
