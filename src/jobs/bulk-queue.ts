// The bulk queue (docs/product.md §2: admin bulk changes run asynchronously, as jobs with progress). One admin
// request is one BullMQ flow: a parent job `bulk` and one child per specialist (or one child for a
// location-wide override), all on this queue. The API validates, adds the flow and answers 202 at
// once; the worker (src/workers/bulk-processor.ts) does the children and then the parent.
//
// Failures and retries: every child carries `ignoreDependencyOnFailure`. A child that fails for
// good (its attempts spent, or an UnrecoverableError) is moved to the parent's failed-children
// hash with its reason instead of failing the parent, so the parent still completes once every
// child has finished, and the others are never redone. `retryFailed` calls `job.retry()` on those
// children only: BullMQ moves each one back from the parent's failed hash into its pending
// dependencies, so the progress below stays exact (`continueParentOnFailure` would start the
// parent at the first failure, while others still run; `failParentOnFailure` would fail it).
//
// Progress is read from the flow itself, never from a counter that could drift: done = children
// in the parent's processed hash, failures = its failed hash, total = the children added.
//
// Job ids come from the request: `bulk-<uuid>`, the uuid derived from the admin and their
// Idempotency-Key when one is sent (a retried request finds the same job), random otherwise.
// Children are `<parent id>-s<specialist id>` or `<parent id>-l<location id>`.
//
// Like every queue, this lives in Redis: a bulk job lost with Redis data is gone (GET answers
// 404); sending the same request again with the same Idempotency-Key redoes it, and every child is
// idempotent (see the processor).
import { createHash, randomUUID } from 'node:crypto'
import { FlowProducer, Queue, type ConnectionOptions, type Job } from 'bullmq'
import type { OverrideKind } from '../data/setup-repository.ts'
import type { BookingSummary, OnConflict } from '../data/schedule-conflicts.ts'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'
import type { SchedulePatch } from '../domain/schedule-bridges.ts'
import { JOB, QUEUE } from './names.ts'

export const BULK_QUEUE = QUEUE.bulk

export type BulkKind = 'bulk_schedule' | 'bulk_override'

export type { SchedulePatch }

/** One specialist's schedule change (job name `schedule`). */
export interface ScheduleItem {
  bulkId: string
  actorId: number
  specialistId: number
  /** Exactly one of `schedule` (replaces the week) and `patch` (replaces the days it names). */
  schedule?: WeeklySchedule
  patch?: SchedulePatch
  /**
   * The first local date the new schedule applies to; absent, null or not after today: at once.
   * Earlier dates keep the old hours through bridging overrides (see the processor).
   */
  effectiveFrom?: string | null
  /**
   * Upcoming bookings the new hours leave outside working time (from effectiveFrom on): `refuse`
   * (the default) fails this item with them listed and saves nothing; `keep` saves, flags them
   * out_of_hours and lists them in the item's result.
   */
  onConflict?: OnConflict
  /** Set by the processor when it refused the item: the bookings that were in the way. */
  conflicts?: BookingSummary[]
}

/** One override for one specialist or one location (job name `override`). */
export interface OverrideItem {
  bulkId: string
  actorId: number
  specialistId?: number
  locationId?: number
  dateFrom: string
  dateTo: string
  kind: OverrideKind
  intervals: TimeInterval[]
  reason: string
}

export type BulkItem =
  ({ name: typeof JOB.bulkSchedule } & ScheduleItem) | ({ name: typeof JOB.bulkOverride } & OverrideItem)

/** The parent job's data. */
export interface BulkParent {
  kind: BulkKind
  actorId: number
  /** Hash of the validated request: a reused Idempotency-Key with another body is refused. */
  requestHash: string
  total: number
  /** Children retried through `retryFailed` (their finish time is the bulk job's, once done). */
  retried?: string[]
}

export interface BulkFailure {
  specialist_id: number | null
  location_id?: number
  reason: string
  /** The upcoming bookings that made a schedule item refuse (on_conflict "refuse"). */
  bookings?: BookingSummary[]
}

export interface BulkStatus {
  id: string
  kind: BulkKind
  state: 'waiting' | 'active' | 'completed' | 'failed'
  progress: { done: number; total: number }
  failures: BulkFailure[]
  /** Bookings that items done with on_conflict "keep" left outside the new hours (flagged). */
  bookings_outside_hours: BookingSummary[]
  created_at: string
  finished_at: string | null
}

const KEEP = { age: 7 * 24 * 3600 }

/** `bulk-<uuid>`: from the admin and their Idempotency-Key when given, random otherwise. */
export function bulkJobId(userId: number, idempotencyKey?: string): string {
  if (idempotencyKey === undefined) return `bulk-${randomUUID()}`
  const h = createHash('sha256').update(`bulk\n${userId}\n${idempotencyKey}`).digest('hex')
  return `bulk-${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

const childJobId = (bulkId: string, item: ScheduleItem | OverrideItem) =>
  item.specialistId !== undefined
    ? `${bulkId}-s${item.specialistId}`
    : `${bulkId}-l${(item as OverrideItem).locationId}`

/** What a child job id (or a `<prefix>:<queue>:<id>` key) says about its target. */
function targetOf(jobIdOrKey: string): { specialist_id: number | null; location_id?: number } {
  const m = /-([sl])(\d+)$/.exec(jobIdOrKey)
  if (!m) return { specialist_id: null }
  return m[1] === 's' ? { specialist_id: Number(m[2]) } : { specialist_id: null, location_id: Number(m[2]) }
}

const jobIdOfKey = (key: string) => key.slice(key.lastIndexOf(':') + 1)

export class BulkQueue {
  readonly queue: Queue
  private readonly flows: FlowProducer

  constructor(connection: ConnectionOptions, prefix: string) {
    this.queue = new Queue(BULK_QUEUE, { connection, prefix })
    this.flows = new FlowProducer({ connection, prefix })
  }

  /**
   * Adds the flow, or finds the one already added under this id. `isNew: false` with another
   * request hash means the Idempotency-Key was reused for a different request.
   */
  async submit(r: {
    jobId: string
    kind: BulkKind
    actorId: number
    requestHash: string
    items: BulkItem[]
  }): Promise<{ jobId: string; isNew: boolean; sameRequest: boolean }> {
    const existing = await this.queue.getJob(r.jobId)
    if (existing) {
      const data = existing.data as BulkParent
      return { jobId: r.jobId, isNew: false, sameRequest: data.requestHash === r.requestHash }
    }
    const data: BulkParent = {
      kind: r.kind,
      actorId: r.actorId,
      requestHash: r.requestHash,
      total: r.items.length,
    }
    await this.flows.add({
      name: JOB.bulk,
      queueName: BULK_QUEUE,
      data,
      opts: { jobId: r.jobId, removeOnComplete: KEEP, removeOnFail: KEEP },
      children: r.items.map(({ name, ...item }) => ({
        name,
        queueName: BULK_QUEUE,
        data: item,
        opts: {
          jobId: childJobId(r.jobId, item),
          attempts: 3,
          backoff: { type: 'exponential', delay: 500 },
          // A child that fails for good is listed as a failure; the parent still completes.
          ignoreDependencyOnFailure: true,
          // Kept (not removed at once) so that a failed child can be retried and the others
          // inspected; they go with the parent's age.
          removeOnComplete: KEEP,
          removeOnFail: KEEP,
        },
      })),
    })
    return { jobId: r.jobId, isNew: true, sameRequest: true }
  }

  private async parent(jobId: string): Promise<Job<BulkParent> | null> {
    const job = (await this.queue.getJob(jobId)) as Job<BulkParent> | undefined
    return job && job.name === JOB.bulk ? job : null
  }

  /** The bulk job's state and progress; null when there is no such bulk job (or it expired). */
  async status(jobId: string): Promise<BulkStatus | null> {
    const parent = await this.parent(jobId)
    if (!parent) return null
    // One MULTI: processed, pending and failed children are read as one consistent snapshot.
    const deps = await parent.getDependencies()
    const parentState = await parent.getState()
    const done = Object.keys(deps.processed ?? {}).length
    const pending = deps.unprocessed?.length ?? 0
    const failed = Object.entries((deps.ignored ?? {}) as Record<string, string>)
    const total = parent.data.total
    let state: BulkStatus['state']
    if (parentState === 'failed') state = 'failed'
    else if (pending === 0 && parentState === 'completed') state = 'completed'
    else state = done + failed.length === 0 ? 'waiting' : 'active'

    let finishedAt: number | null = null
    if (state === 'completed' || state === 'failed') {
      // The parent was read before its state: it may have finished in between, so read it again.
      finishedAt = parent.finishedOn ?? (await this.queue.getJob(jobId))?.finishedOn ?? null
      // Children retried after the parent finished finish the bulk job later.
      for (const id of parent.data.retried ?? []) {
        const child = await this.queue.getJob(id)
        if (child?.finishedOn && child.finishedOn > (finishedAt ?? 0)) finishedAt = child.finishedOn
      }
    }
    const failures: BulkFailure[] = []
    for (const [key, reason] of failed) {
      // A refused schedule item keeps the bookings that were in the way in its own data.
      const child = (await this.queue.getJob(jobIdOfKey(key))) as Job<Partial<ScheduleItem>> | undefined
      const bookings = child?.data.conflicts
      failures.push({ ...targetOf(jobIdOfKey(key)), reason, ...(bookings?.length && { bookings }) })
    }
    const kept = Object.values((deps.processed ?? {}) as Record<string, unknown>).flatMap(
      (result) =>
        (result as { bookings_outside_hours?: BookingSummary[] } | null)?.bookings_outside_hours ?? [],
    )
    return {
      id: jobId,
      kind: parent.data.kind,
      state,
      progress: { done, total },
      failures: failures.sort((a, b) => (a.specialist_id ?? 0) - (b.specialist_id ?? 0)),
      bookings_outside_hours: kept.sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id),
      created_at: new Date(parent.timestamp).toISOString(),
      finished_at: finishedAt === null ? null : new Date(finishedAt).toISOString(),
    }
  }

  /**
   * The most recent bulk jobs, newest first, with their state and progress (as `status` gives them).
   * The parents share the queue with their children, so the queue's jobs are read and the parents
   * picked out by name; the queue keeps a week of them, which stays a small read.
   */
  async recent(limit: number): Promise<BulkStatus[]> {
    const jobs = await this.queue.getJobs(
      ['waiting-children', 'waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'],
      0,
      -1,
    )
    const parents = jobs
      .filter((job): job is Job<BulkParent> => Boolean(job) && job.name === JOB.bulk)
      .sort((a, b) => b.timestamp - a.timestamp || b.id!.localeCompare(a.id!))
      .slice(0, limit)
    const out: BulkStatus[] = []
    for (const job of parents) {
      const status = await this.status(job.id!)
      if (status) out.push(status)
    }
    return out
  }

  /**
   * Retries the children that failed for good, and only them. Null when there is no such bulk
   * job; otherwise the targets retried (empty: nothing had failed).
   */
  async retryFailed(jobId: string): Promise<{ retried: Omit<BulkFailure, 'reason'>[] } | null> {
    const parent = await this.parent(jobId)
    if (!parent) return null
    const failedKeys = Object.keys(await parent.getIgnoredChildrenFailures())
    const retried: string[] = []
    for (const key of failedKeys) {
      const child = await this.queue.getJob(jobIdOfKey(key))
      if (!child || !(await child.isFailed())) continue
      await child.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
      retried.push(child.id!)
    }
    if (retried.length) {
      const before = parent.data.retried ?? []
      await parent.updateData({ ...parent.data, retried: [...new Set([...before, ...retried])] })
    }
    return { retried: retried.map(targetOf) }
  }

  async close() {
    await Promise.all([this.queue.close(), this.flows.close()])
  }
}
