// What the API needs of the booking system, built once per API process: the slot reader over the
// Redis grids, the slot inputs cache (invalidated over Pub/Sub), the recalc planner, the queues and
// the waiter of intent outcomes.
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { Db } from '../data/db.ts'
import { createRedis } from '../infra/redis.ts'
import { IntentWaiter } from '../intents/intent-waiter.ts'
import { createQueues, type Queues } from '../jobs/index.ts'
import { SlotInputsCache } from '../slots/slot-inputs.ts'
import { GridStore } from '../slots/grid-store.ts'
import { RecalcPlanner } from '../slots/recalc-planner.ts'
import { SlotReader } from '../slots/slot-reader.ts'

export interface ApiRuntime {
  slots: SlotReader
  slotInputs: SlotInputsCache
  planner: RecalcPlanner
  queues: Queues
  intents: IntentWaiter
  close: () => Promise<void>
}

export interface EngineOptions {
  /** How long a slot inputs view may be used; tests that write rows directly set 0. */
  slotInputsMaxAgeMs?: number
}

export async function createApiRuntime(
  config: Config,
  db: Db,
  redis: Redis,
  opts: EngineOptions = {},
): Promise<ApiRuntime> {
  const slotInputs = new SlotInputsCache(db, opts.slotInputsMaxAgeMs)
  const subscriber = createRedis(config, 'slot-inputs-subscriber')
  await slotInputs.subscribe(subscriber, config.redisPrefix)
  const queues = createQueues(config, redis)
  const intents = new IntentWaiter(createRedis(config, 'intent-replies'), config.redisPrefix)
  await intents.ready()
  return {
    slots: new SlotReader(db, new GridStore(redis), slotInputs),
    slotInputs,
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
