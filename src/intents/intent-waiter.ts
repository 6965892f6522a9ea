// Request–reply over the queue, API side: one long-lived QueueEvents per partition queue per
// process, and a table of requests waiting for their intent's final outcome.
import { QueueEvents, type ConnectionOptions } from 'bullmq'
import { bookingQueueName, parseIntentJobId, type IntentJobResult } from '../jobs/booking-queues.ts'

export interface IntentOutcome {
  status: number
  body: unknown
}

export class IntentWaiter {
  private readonly events: QueueEvents[]
  private readonly waiting = new Map<number, Set<(o: IntentOutcome) => void>>()

  constructor(partitions: number, connection: () => ConnectionOptions, prefix: string) {
    this.events = Array.from({ length: partitions }, (_, p) => {
      const qe = new QueueEvents(bookingQueueName(p), { connection: connection(), prefix })
      qe.on('completed', ({ jobId, returnvalue }) => this.onCompleted(jobId, returnvalue))
      qe.on('error', () => {}) // reconnects by itself; a missed event falls back to the intent row
      return qe
    })
  }

  async ready() {
    await Promise.all(this.events.map((e) => e.waitUntilReady()))
  }

  private onCompleted(jobId: string, returnvalue: unknown) {
    const job = parseIntentJobId(jobId)
    if (!job) return
    const result = (
      typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue
    ) as IntentJobResult
    if (!result?.final) return
    const waiters = this.waiting.get(job.intentId)
    if (!waiters) return
    this.waiting.delete(job.intentId)
    for (const resolve of waiters) resolve({ status: result.status, body: result.body })
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
    await Promise.all(this.events.map((e) => e.close()))
  }
}
