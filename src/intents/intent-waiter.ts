// Request–reply over the queue, API side. Each API process has its own reply channel: the jobs it
// enqueues carry the channel's id (`replyTo`), and the worker that decides an intent publishes the
// outcome there, so an outcome reaches only the process that waits for it (every process reading
// every partition's completed events cost each one the whole cluster's traffic). A reply that is
// missed (a reconnect, a job revived by the sweeper without `replyTo`, a repeated request served
// by another process) costs only latency: the waiter gives up after its time and the caller reads
// the intent row, which has the last word.
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface IntentOutcome {
  status: number
  body: unknown
}

/** What a worker publishes on a reply channel. */
export interface IntentReply extends IntentOutcome {
  intentId: number
}

/** The channel of a reply id, under the deployment's prefix (channels get no keyPrefix). */
export const replyChannel = (redisPrefix: string, replyTo: string) =>
  `${redisPrefix}intent-outcomes:${replyTo}`

/** A reply id is ours when it has this shape; anything else in a job is ignored. */
export const isReplyId = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f]{16}$/.test(s)

export class IntentWaiter {
  /** This process' reply id: put it in every job it enqueues. */
  readonly replyTo = randomBytes(8).toString('hex')
  private readonly waiting = new Map<number, Set<(o: IntentOutcome) => void>>()
  private readonly channel: string

  /** `subscriber`: a connection of its own, which this waiter puts in subscriber mode and closes. */
  constructor(
    private readonly subscriber: Redis,
    redisPrefix: string,
  ) {
    this.channel = replyChannel(redisPrefix, this.replyTo)
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onReply(message)
    })
    subscriber.on('error', () => {}) // reconnects and resubscribes by itself; see the header
  }

  async ready() {
    await this.subscriber.subscribe(this.channel)
  }

  private onReply(message: string) {
    let reply: IntentReply
    try {
      reply = JSON.parse(message) as IntentReply
    } catch {
      return
    }
    const waiters = this.waiting.get(reply.intentId)
    if (!waiters) return
    this.waiting.delete(reply.intentId)
    for (const resolve of waiters) resolve({ status: reply.status, body: reply.body })
  }

  /**
   * Resolves with the intent's outcome, or null after `timeoutMs`. Call before enqueueing, then
   * await the promise: an outcome cannot slip by between the two.
   */
  wait(intentId: number, timeoutMs: number): { promise: Promise<IntentOutcome | null>; cancel: () => void } {
    let done!: (o: IntentOutcome | null) => void
    const promise = new Promise<IntentOutcome | null>((resolve) => (done = resolve))
    const set = this.waiting.get(intentId) ?? new Set()
    this.waiting.set(intentId, set)
    const resolver = (o: IntentOutcome) => {
      clearTimeout(timer)
      done(o)
    }
    set.add(resolver)
    const cancel = () => {
      clearTimeout(timer)
      set.delete(resolver)
      if (!set.size && this.waiting.get(intentId) === set) this.waiting.delete(intentId)
      done(null)
    }
    const timer = setTimeout(cancel, timeoutMs)
    return { promise, cancel }
  }

  async close() {
    for (const set of this.waiting.values()) for (const r of set) r({ status: 503, body: null })
    this.waiting.clear()
    this.subscriber.disconnect()
  }
}
