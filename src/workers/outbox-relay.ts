// Moves committed notification outbox rows onto the `notify` queue. Two paths reach the same
// function: right after a booking commit (the worker announces every booking event on Pub/Sub after
// its commit; hearing one starts a relay) and a periodic sweep, which alone guarantees delivery to
// the queue: a worker that dies between its commit and the relay leaves rows that the next sweep
// of any worker moves. The sweep also re-adds, now and then, the jobs of rows relayed but never
// confirmed delivered, which brings back jobs a Redis flush lost (same ids: nothing doubles).
import type { Db } from '../data/db.ts'
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import { createRedis } from '../infra/redis.ts'
import { BOOKING_EVENTS_CHANNEL } from '../slots/keys.ts'
import { relayBatch, undeliveredRows, type OutboxRow } from '../data/outbox-repository.ts'
import {
  createNotifyQueue,
  NOTIFY_JOB,
  NOTIFY_JOB_OPTIONS,
  notifyJobId,
  type NotifyJob,
} from '../jobs/notify-queue.ts'
import type { WorkerLogger } from './log.ts'

const BATCH = 100

export interface OutboxRelayOptions {
  /** How often the sweep runs. */
  everyMs?: number
  /** How often rows relayed but not delivered get their jobs added again. */
  resendEveryMs?: number
  /** A relayed row is re-added only after this long without a confirmed delivery. */
  resendAfterMs?: number
  /** Rows older than this are not re-added: the message would come too late to matter. */
  resendWithinMs?: number
}

type Queue = ReturnType<typeof createNotifyQueue>

const jobOf = (row: OutboxRow) => ({
  name: NOTIFY_JOB,
  data: { ...row.payload, outbox_id: row.id } satisfies NotifyJob,
  opts: { ...NOTIFY_JOB_OPTIONS, jobId: notifyJobId(row.id) },
})

/** Adds the rows' jobs; ids already in the queue are left as they are. */
const addJobs = (queue: Queue, rows: OutboxRow[]) => queue.addBulk(rows.map(jobOf))

export class OutboxRelay {
  private running: Promise<number> | null = null
  private again = false
  private resentAt = 0
  private resendAfterId = 0

  constructor(
    private readonly db: Db,
    readonly queue: Queue,
    private readonly opts: OutboxRelayOptions = {},
  ) {}

  /**
   * Moves every unrelayed row onto the queue; resolves with how many. Calls made while one runs
   * fold into one more run after it, so a burst of commits costs two relays, not one per commit.
   */
  relay(): Promise<number> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      let moved = 0
      try {
        do {
          this.again = false
          for (let n = BATCH; n === BATCH; moved += n)
            n = await relayBatch(this.db, BATCH, (rows) => addJobs(this.queue, rows).then(() => undefined))
        } while (this.again)
      } finally {
        this.running = null
      }
      return moved
    })()
    return this.running
  }

  /**
   * Adds again, one batch per call and at most every `resendEveryMs`, the jobs of rows relayed but
   * not confirmed delivered. Walks the rows by id and starts over at the end.
   */
  async resend(now = Date.now()): Promise<number> {
    if (now - this.resentAt < (this.opts.resendEveryMs ?? 60_000)) return 0
    this.resentAt = now
    const rows = await undeliveredRows(this.db, {
      olderThanMs: this.opts.resendAfterMs ?? 60_000,
      withinMs: this.opts.resendWithinMs ?? 2 * 24 * 3600_000,
      afterId: this.resendAfterId,
      limit: BATCH,
    })
    this.resendAfterId = rows.length === BATCH ? rows[rows.length - 1]!.id : 0
    if (rows.length) await addJobs(this.queue, rows)
    return rows.length
  }

  /** Resolves once no relay is running (for a clean shutdown). */
  async idle() {
    await this.running?.catch(() => undefined)
  }

  async sweep() {
    await this.relay()
    await this.resend()
  }
}

/**
 * The relay of one worker process: its queue, its Pub/Sub listener (the fast path) and its sweep
 * timer. `close` stops all three.
 */
export async function startOutboxRelay(deps: {
  config: Pick<Config, 'redisUrl' | 'redisPrefix'>
  db: Db
  log: WorkerLogger
  connection: Redis
  prefix: string
  opts?: OutboxRelayOptions
}) {
  const { config, db, log } = deps
  const relay = new OutboxRelay(db, createNotifyQueue(deps.connection, deps.prefix), deps.opts)
  const failed = (err: unknown) => log.error({ err }, 'notification relay failed; the sweep retries')
  const listener = createRedis(config, 'outbox-relay')
  listener.on('message', () => void relay.relay().catch(failed))
  await listener.subscribe(config.redisPrefix + BOOKING_EVENTS_CHANNEL)
  let sweeping = false
  const timer = setInterval(() => {
    if (sweeping) return
    sweeping = true
    relay
      .sweep()
      .catch(failed)
      .finally(() => (sweeping = false))
  }, deps.opts?.everyMs ?? 2_000)
  // Rows left by a worker that died before its relay: moved at start, not one period later.
  void relay.relay().catch(failed)
  return {
    relay,
    close: async () => {
      clearInterval(timer)
      listener.disconnect()
      await relay.idle()
      await relay.queue.close()
      deps.connection.disconnect()
    },
  }
}
