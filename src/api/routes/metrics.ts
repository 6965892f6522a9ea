// GET /metrics: the app's Prometheus registry (built in plugins/observability.ts) as text.
// Access 'internal': the scraper sends the internal token in `x-internal-token` (Prometheus:
// `http_headers` in the scrape config). Nothing of it is public.
import type { FastifyInstance } from 'fastify'
import { errors } from '../schemas/common.ts'

export default async function metricsRoutes(app: FastifyInstance) {
  app.get(
    '/metrics',
    {
      config: { access: 'internal' },
      schema: {
        operationId: 'getMetrics',
        tags: ['ops'],
        summary: 'Prometheus metrics; needs the internal token in x-internal-token.',
        produces: ['text/plain'],
        response: errors(403),
      },
    },
    async (_request, reply) => {
      const body = await app.metrics.metrics()
      return reply.type(app.metrics.contentType).send(body)
    },
  )
}
