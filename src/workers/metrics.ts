// The worker process's own metrics (the API's live in its app's registry). Built once by the
// composition root, handed to the processors, and returned with the runtime so that whatever
// serves or reads them (a test, a scrape endpoint) takes the same registry.
import { Counter, Registry } from 'prom-client'

export interface WorkerMetrics {
  registry: Registry
  /** Intents settled `failed` with a 5xx: attempts exhausted, or a stored state that cannot be read. */
  intentsFailed: Counter<'kind' | 'code'>
}

export function createWorkerMetrics(registry = new Registry()): WorkerMetrics {
  return {
    registry,
    intentsFailed: new Counter({
      name: 'booking_intents_failed_total',
      help: 'Booking intents that ended failed for a reason of ours (5xx), by intent kind and error code.',
      labelNames: ['kind', 'code'] as const,
      registers: [registry],
    }),
  }
}
