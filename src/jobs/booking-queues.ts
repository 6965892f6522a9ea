// The booking partition queues (docs/product.md §2): a fixed number of queues, the queue of a specialist
// chosen from its id, each queue with BullMQ global concurrency 1 — so one specialist's intents
// run one at a time however many worker processes there are.
import { Queue, type ConnectionOptions } from 'bullmq'
import { JOB, QUEUE } from './names.ts'

export const bookingQueueName = (partition: number) => `${QUEUE.bookings}-${partition}`

/** Specialist ids are dense integers, so the remainder spreads them evenly. */
export const partitionOf = (specialistId: number, partitions: number) => specialistId % partitions

/** The job of one intent on one specialist's queue ("any specialist" may try several). */
export interface IntentJob {
  intentId: number
  /** The intent's UUID: a restored database repeats serial ids, never this. */
  uid: string
  specialistId: number
  /** The API process waiting for the outcome (its reply channel, src/intents/intent-waiter.ts). */
  replyTo?: string
}

/**
 * `intent-<id>-<uuid>-<specialist>`. The UUID keeps the id unique for ever (an id that is taken,
 * even by a completed job, makes BullMQ ignore the add); the serial id is there for people and for
 * the waiter, which matches outcomes by it.
 */
export const intentJobId = (j: IntentJob) => `intent-${j.intentId}-${j.uid}-${j.specialistId}`

export function parseIntentJobId(jobId: string): IntentJob | null {
  const m = /^intent-(\d+)-([0-9a-f-]{36})-(\d+)$/.exec(jobId)
  return m ? { intentId: Number(m[1]), uid: m[2]!, specialistId: Number(m[3]) } : null
}

/** What a processed intent job returns: the final answer, or "handed to the next specialist". */
export type IntentJobResult = { final: true; status: number; body: unknown } | { final: false }

export class BookingQueues {
  readonly queues: Queue<IntentJob, IntentJobResult>[]

  constructor(
    readonly partitions: number,
    connection: ConnectionOptions,
    prefix: string,
  ) {
    this.queues = Array.from(
      { length: partitions },
      (_, p) => new Queue(bookingQueueName(p), { connection, prefix }),
    )
  }

  queueOf(specialistId: number) {
    return this.queues[partitionOf(specialistId, this.partitions)]!
  }

  async add(job: IntentJob) {
    await this.queueOf(job.specialistId).add(JOB.intent, job, {
      jobId: intentJobId(job),
      attempts: 10,
      backoff: { type: 'exponential', delay: 100 },
      removeOnComplete: { age: 600, count: 50_000 },
      removeOnFail: { age: 24 * 3600 },
    })
  }

  /**
   * Adds the job, or brings it back if it exists but failed (its attempts ran out, e.g. during a
   * database outage): `add` alone ignores an id that still exists, which would leave its intent
   * pending. For the sweeper and repeated requests; a first submission uses `add`.
   */
  async rescue(job: IntentJob) {
    await this.add(job)
    const existing = await this.queueOf(job.specialistId).getJob(intentJobId(job))
    if (existing && (await existing.isFailed())) await existing.retry('failed')
  }

  /** Global concurrency lives in Redis: set again after a restart or a loss of Redis data. */
  async enforceSerialisation() {
    await Promise.all(this.queues.map((q) => q.setGlobalConcurrency(1)))
  }

  async close() {
    await Promise.all(this.queues.map((q) => q.close()))
  }
}
