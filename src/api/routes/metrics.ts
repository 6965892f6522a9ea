// GET /metrics: the app's Prometheus registry (built in plugins/observability.ts) as text.
// Access 'internal': the scraper sends the internal token in `x-internal-token` (Prometheus:
// `http_headers` in the scrape config). Nothing of it is public.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errors } from '../schemas/common.ts'

const metricsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/metrics',
    {
      config: { access: 'internal' },
      schema: {
        operationId: 'getMetrics',
        tags: ['ops'],
        summary: 'Prometheus metrics; needs the internal token in x-internal-token.',
        produces: ['text/plain'],
        response: {
          200: {
            description: 'The Prometheus text exposition format.',
            content: { 'text/plain': { schema: Type.String() } },
          },
          ...errors(403),
        },
      },
    },
    async (_request, reply) => {
      const body = await app.metrics.metrics()
      return reply.type(app.metrics.contentType).send(body)
    },
  )
}

export default metricsRoutes
