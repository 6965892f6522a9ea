// What the API needs of the booking engine, built once per API process: the slot reader over the
// Redis grids, the catalogue cache (invalidated over Pub/Sub), the recalc planner, the queues and
// the waiter of intent outcomes.
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { Db } from '../data/db.ts'
import { createRedis } from '../infra/redis.ts'
import { IntentWaiter } from '../intents/intent-waiter.ts'
import { createQueues, type Queues } from '../jobs/index.ts'
import { CatalogueCache } from '../slots/catalogue.ts'
import { GridStore } from '../slots/grid-store.ts'
import { RecalcPlanner } from '../slots/recalc-planner.ts'
import { SlotReader } from '../slots/slot-reader.ts'

export interface Engine {
  slots: SlotReader
  catalogue: CatalogueCache
  planner: RecalcPlanner
  queues: Queues
  intents: IntentWaiter
  close: () => Promise<void>
}

export interface EngineOptions {
  /** How long a catalogue view may be used; tests that write rows directly set 0. */
  catalogueMaxAgeMs?: number
}

export async function createEngine(
  config: Config,
  db: Db,
  redis: Redis,
  opts: EngineOptions = {},
): Promise<Engine> {
  const catalogue = new CatalogueCache(db, opts.catalogueMaxAgeMs)
  const subscriber = createRedis(config, 'catalogue-subscriber')
  await catalogue.subscribe(subscriber, config.redisPrefix)
  const queues = createQueues(config, redis)
  const intents = new IntentWaiter(config.queuePartitions, queues.connection, queues.prefix)
  await intents.ready()
  return {
    slots: new SlotReader(db, new GridStore(redis), catalogue),
    catalogue,
    planner: new RecalcPlanner(db, redis, config.redisPrefix, queues.recalc),
    queues,
    intents,
    close: async () => {
      await intents.close()
      await queues.close()
      subscriber.disconnect()
    },
  }
}
