// What an IntentProcessor needs, on a test environment: the worker's own parts (repositories, grid
// store, partition and reminder queues) without starting any BullMQ worker, so a test can run
// intents by hand. `close` closes the queues it opened.
import { createRepositories } from '../../src/data/repositories.ts'
import { createQueues } from '../../src/jobs/index.ts'
import { GridStore } from '../../src/slots/grid-store.ts'
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
