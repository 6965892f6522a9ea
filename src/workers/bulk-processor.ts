// The jobs of the bulk queue (src/jobs/bulk-queue.ts): one handler per job name, entered in the
// worker's job registry (src/workers/handlers.ts). A child saves one specialist's schedule (or
// writes one override) in a transaction, then asks the recalc planner for exactly the days that
// changed; the parent, run by BullMQ once every child has finished, records the final progress.
//
// Every child is idempotent, so BullMQ's at-least-once delivery (a retry after a crash between the
// commit and the job's completion) changes nothing twice:
// - a schedule child compares the stored schedule with the one it would write and writes nothing
//   (no bridging overrides either) when they are equal; the recalc is always asked for again;
// - an override child writes its override only if the same override is not there already.
//
// effective_from: the schema has one weekly schedule per specialist, not dated schedules. A change
// that takes effect on a later date is stored at once, and every date from today up to the day
// before effective_from whose hours it would change gets a specialist override that keeps the old
// hours (`open` with the old intervals; `closed` where the old week had a day off). Consecutive
// dates with the same old hours share one override. Dates that already have a specialist `open` or
// `closed` override are left alone: their hours do not come from the weekly schedule anyway. The
// bridging overrides are ordinary overrides (their reason names the bulk job): deleting one gives
// that date the new hours early. Only dates from effective_from on are recalculated, since the
// earlier ones keep their hours by construction.
import { UnrecoverableError, type Job } from 'bullmq'
import { insertOverrides, lockOverrideTarget, overrideExists, type NewOverride } from '../data/bulk-writes.ts'
import type { Db } from '../data/db.ts'
import { stageSchedule } from '../data/schedule-staging.ts'
import { flagOutOfHours, outsideHoursError, type BookingSummary } from '../data/schedule-conflicts.ts'
import type { SetupChange } from '../domain/changes.ts'
import { addDays } from '../domain/dates.ts'
import { errorOutcome } from '../data/error-outcome.ts'
import { JOB } from '../jobs/names.ts'
import { type BulkParent, type OverrideItem, type ScheduleItem } from '../jobs/bulk-queue.ts'
import type { RecalcPlanner } from '../slots/recalc-planner.ts'

export interface BulkProcessorDeps {
  db: Db
  planner: RecalcPlanner
  /** Where unexpected errors are reported (their details never reach the job's failure reason). */
  logError?: (message: string, err: unknown) => void
}

export function bulkHandlers(deps: BulkProcessorDeps) {
  const { db, planner } = deps
  const logError = deps.logError ?? ((message, err) => console.error(`[bulk] ${message}`, err))

  async function applySchedule(job: Job<ScheduleItem>) {
    const d = job.data
    let refused: BookingSummary[] = []
    const saved = await db
      .transaction(async (trx) => {
        const staged = await stageSchedule(trx, d)
        if (!staged) throw new UnrecoverableError(`Specialist ${d.specialistId} no longer exists.`)
        const { outside, ...saved } = staged
        if (outside.length && d.onConflict !== 'keep') {
          refused = outside
          throw outsideHoursError(outside)
        }
        await flagOutOfHours(
          trx,
          outside.map((b) => b.id),
        )
        return { ...saved, kept: outside }
      })
      .catch(async (err: unknown) => {
        if (refused.length) {
          // The failure reason is text; the bookings go with the item, for the job's status to list.
          await job.updateData({ ...d, conflicts: refused })
          throw new UnrecoverableError((err as Error).message)
        }
        throw err
      })
    // Only the dates from effective_from on change (the earlier ones keep their hours); the
    // planner's dated change of one specialist is the `override` shape.
    const change: SetupChange = saved.laterStart
      ? {
          kind: 'override',
          specialistId: d.specialistId,
          dateFrom: saved.laterStart,
          dateTo: addDays(saved.laterStart, 400),
        }
      : { kind: 'specialist_schedule', specialistId: d.specialistId }
    const { job_ids } = await planner.onChange(change)
    return {
      specialist_id: d.specialistId,
      changed: saved.changed,
      bridged: saved.bridged,
      bookings_outside_hours: saved.kept,
      recalc_job_ids: job_ids,
    }
  }

  async function applyOverride(job: Job<OverrideItem>) {
    const d = job.data
    const override: NewOverride = {
      target: d.specialistId !== undefined ? { specialistId: d.specialistId } : { locationId: d.locationId! },
      dateFrom: d.dateFrom,
      dateTo: d.dateTo,
      kind: d.kind,
      intervals: d.intervals,
      reason: d.reason,
      actorId: d.actorId,
    }
    const created = await db.transaction(async (trx) => {
      // The target's row lock serialises two runs of this job, so the check below is exact.
      if (!(await lockOverrideTarget(trx, override.target))) {
        const what =
          d.specialistId !== undefined ? `Specialist ${d.specialistId}` : `Location ${d.locationId}`
        throw new UnrecoverableError(`${what} no longer exists.`)
      }
      if (await overrideExists(trx, override)) return false
      await insertOverrides(trx, [override])
      return true
    })
    const { job_ids } = await planner.onChange({
      kind: 'override',
      ...(d.specialistId !== undefined ? { specialistId: d.specialistId } : { locationId: d.locationId! }),
      dateFrom: d.dateFrom,
      dateTo: d.dateTo,
    })
    return {
      specialist_id: d.specialistId ?? null,
      location_id: d.locationId ?? null,
      created,
      recalc_job_ids: job_ids,
    }
  }

  /** The parent: runs once every child has finished (or failed for good). */
  async function summarise(job: Job<BulkParent>) {
    const counts = await job.getDependenciesCount({ processed: true, ignored: true })
    const progress = { done: counts.processed ?? 0, total: job.data.total }
    await job.updateProgress(progress)
    return { ...progress, failed: counts.ignored ?? 0 }
  }

  const guarded =
    <T>(handler: (job: Job<T>) => Promise<unknown>) =>
    async (job: Job<T>) => {
      try {
        return await handler(job)
      } catch (err) {
        if (err instanceof UnrecoverableError) throw err
        // The request's data is at fault (a rule of the database, a domain refusal): retrying the
        // same data cannot help, so fail at once, with the message an admin can act on.
        const known = errorOutcome(err)
        if (known) throw new UnrecoverableError(known.message)
        // Ours or the infrastructure's: BullMQ retries; the details go to the log, not to the API.
        logError(`job ${job.id} (${job.name}) failed`, err)
        throw new Error('An unexpected error stopped this item (details in the worker log); retry it.')
      }
    }

  return {
    [JOB.bulk]: guarded(summarise),
    [JOB.bulkSchedule]: guarded(applySchedule),
    [JOB.bulkOverride]: guarded(applyOverride),
  }
}
