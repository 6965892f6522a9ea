// What operators see of the API: request ids that follow a request into its intent (and from there
// into the worker's logs), and Prometheus metrics at GET /metrics.
//
// - Request ids: the caller's `x-request-id` if it sent one, else a random UUID (unique across
//   processes and restarts, unlike Fastify's per-process counter); echoed in the response.
// - Metrics live in a Registry of this app (no global registry shared between apps in one process):
//   HTTP latency by method, route pattern and status; booking requests by kind and status (201/200
//   done, 202 still pending, 4xx refused: intent outcomes as the API sees them); job counts of
//   every queue, read from Redis at scrape time; and the default process metrics.
// The registry is decorated on the app as `metrics`; routes/metrics.ts serves it.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { failedIntentCounts } from '../../intents/intent-store.ts'
import { queuesOf } from './queue-board.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics registry (served by routes/metrics.ts). */
    metrics: Registry
  }
}

/** Booking routes whose answers are counted as booking outcomes, by the kind of intent. */
const BOOKING_KINDS: Record<string, string> = {
  'POST /api/bookings': 'create',
  'POST /api/bookings/:id/cancel': 'cancel',
  'POST /api/bookings/:id/reschedule': 'reschedule',
  'POST /api/bookings/:id/complete': 'complete',
  'POST /api/bookings/:id/no-show': 'no_show',
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const
const QUEUE_SCRAPE_TIMEOUT_MS = 2000

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
    timer.unref()
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

export function registerObservability(app: FastifyInstance) {
  app.setGenReqId(() => randomUUID())
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const bookingRequests = new Counter({
    name: 'booking_requests_total',
    help: 'Booking requests by intent kind and answer status (201/200 done, 202 pending, 4xx refused).',
    labelNames: ['kind', 'status_code'] as const,
    registers: [registry],
  })

  const queues = () => queuesOf(app.deps.runtime.queues)
  const scrapeErrors = new Counter({
    name: 'queue_scrape_errors_total',
    help: 'Scrapes in which a figure could not be read: queue job counts (Redis) or failed intents (PostgreSQL).',
    registers: [registry],
  })
  new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const list = queues()
      try {
        // BullMQ's connection queues commands while Redis is away: do not let a scrape hang on it.
        const counts = await withTimeout(
          Promise.all(list.map((queue) => queue.getJobCounts(...QUEUE_STATES))),
          QUEUE_SCRAPE_TIMEOUT_MS,
        )
        list.forEach((queue, i) => {
          for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[i]![state] ?? 0)
        })
      } catch (err) {
        // A scrape with Redis down still answers (process and HTTP metrics) and says so.
        scrapeErrors.inc()
        app.log.warn({ err }, 'metrics: could not read queue job counts')
      }
    },
  })

  new Gauge({
    name: 'booking_intents_failed',
    help:
      'Booking intents that ended failed for a reason of ours (5xx: attempts exhausted), by kind, ' +
      'counted in PostgreSQL at scrape time, so every API process reports the same figure.',
    labelNames: ['kind'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      try {
        const rows = await withTimeout(failedIntentCounts(app.deps.db), QUEUE_SCRAPE_TIMEOUT_MS)
        for (const r of rows) this.set({ kind: r.kind }, r.n)
      } catch (err) {
        scrapeErrors.inc()
        app.log.warn({ err }, 'metrics: could not count failed intents')
      }
    },
  })

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL: bounded label values. Unmatched requests share one label.
    const route = request.routeOptions.url ?? 'unmatched'
    const status = String(reply.statusCode)
    httpDuration.observe({ method: request.method, route, status_code: status }, reply.elapsedTime / 1000)
    const kind = BOOKING_KINDS[`${request.method} ${route}`]
    if (kind) bookingRequests.inc({ kind, status_code: status })
  })

  app.decorate('metrics', registry)
}
