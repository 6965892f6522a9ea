// What an IntentProcessor needs, on a test environment: the worker's own parts (repositories, grid
// store, partition and reminder queues) without starting any BullMQ worker, so a test can run
// intents by hand. `close` closes the queues it opened. `pendingCreate` records a client's create
// intent, as the API would, and gives the job that runs it.
import { randomUUID } from 'node:crypto'
import { createRepositories } from '../../src/data/repositories.ts'
import { createQueues } from '../../src/jobs/index.ts'
import { GridStore } from '../../src/slots/grid-store.ts'
import { recordIntent } from '../../src/intents/intent-store.ts'
import type { IntentJob } from '../../src/jobs/booking-queues.ts'
import type { ProcessorDeps } from '../../src/workers/intent-processor.ts'
import { createWorkerLogger } from '../../src/workers/log.ts'
import type { TestEnv } from './harness.ts'

export function intentProcessorDeps(env: TestEnv): { deps: ProcessorDeps; close: () => Promise<void> } {
  const queues = createQueues(env.config, env.redis)
  return {
    deps: {
      db: env.db,
      repos: createRepositories(env.db),
      redis: env.redis,
      redisPrefix: env.config.redisPrefix,
      store: new GridStore(env.redis),
      queues: queues.bookings,
      reminders: queues.reminders,
      log: createWorkerLogger({ level: 'silent' }),
    },
    close: () => queues.close(),
  }
}

/** A client's pending create intent for `startsAt` (ISO, UTC) with the world's specialist, and its job. */
export async function pendingCreate(
  env: TestEnv,
  w: { client: { id: number }; service: { id: number }; specialist: { id: number } },
  startsAt: string,
  payment: 'on_site' | 'wallet',
): Promise<IntentJob> {
  const { row } = await recordIntent(env.db, {
    kind: 'create',
    userId: w.client.id,
    specialistId: w.specialist.id,
    idempotencyKey: randomUUID(),
    request: { startsAt },
    payload: {
      client_id: w.client.id,
      service_id: w.service.id,
      starts_at: startsAt,
      payment,
      candidates: [w.specialist.id],
      source: 'web',
      by: 'client',
      actor_id: w.client.id,
    },
  })
  return { intentId: row.id, uid: row.uid, specialistId: w.specialist.id }
}
