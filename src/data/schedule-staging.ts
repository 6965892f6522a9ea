// One specialist's weekly schedule change written inside the caller's transaction, and what it
// would leave outside working time: the bulk job commits it (src/workers/bulk-processor.ts); the
// preview (POST /api/admin/schedules/bulk/preview) stages the same change and rolls it back, so
// the bookings it lists are exactly those the change would strand, bridged dates included.
import type { Db, Trx } from './db.ts'
import {
  fixedDayOverrides,
  insertOverrides,
  lockSpecialistHours,
  saveSpecialistHours,
} from './bulk-writes.ts'
import { bookingsOutsideHours, type BookingSummary } from './schedule-conflicts.ts'
import { todayIn } from '../domain/dates.ts'
import {
  bridgingOverrides,
  patchSchedule,
  sameSchedule,
  type SchedulePatch,
} from '../domain/schedule-bridges.ts'
import type { WeeklySchedule } from '../domain/schedule.ts'

export interface ScheduleChange {
  specialistId: number
  /** Exactly one of `schedule` (the whole week) and `patch` (the days it names). */
  schedule?: WeeklySchedule
  patch?: SchedulePatch
  /** The first local date of the new hours; null or not after today: at once. */
  effectiveFrom?: string | null
  /** The bulk job's id, named in the bridging overrides' reason. */
  bulkId: string
  actorId: number
}

export interface StagedSchedule {
  /** False when the stored week already equals the new one (nothing was written). */
  changed: boolean
  /** Bridging overrides written (the old hours kept until `laterStart`). */
  bridged: number
  laterStart: string | null
  /** Upcoming bookings outside the new hours, read after the writes. */
  outside: BookingSummary[]
}

/** Writes the change in `trx` (under the specialist's row lock); undefined: no such specialist. */
export async function stageSchedule(trx: Trx, d: ScheduleChange): Promise<StagedSchedule | undefined> {
  const s = await lockSpecialistHours(trx, d.specialistId)
  if (!s) return undefined
  const today = todayIn(s.zone)
  const laterStart = d.effectiveFrom && d.effectiveFrom > today ? d.effectiveFrom : null
  const before = s.schedule
  const after = d.schedule ?? patchSchedule(before, d.patch ?? {})
  // Already saved (a retried job) or nothing to change: write nothing, bridges included.
  if (sameSchedule(before, after)) return { changed: false, bridged: 0, laterStart, outside: [] }
  await saveSpecialistHours(trx, d.specialistId, after)
  let bridged = 0
  if (laterStart) {
    const fixed = await fixedDayOverrides(trx, d.specialistId, today, laterStart)
    const bridges = bridgingOverrides(before, after, today, laterStart, (date) =>
      fixed.some((o) => o.date_from <= date && date <= o.date_to),
    )
    await insertOverrides(
      trx,
      bridges.map((b) => ({
        target: { specialistId: d.specialistId },
        dateFrom: b.dateFrom,
        dateTo: b.dateTo,
        kind: b.kind,
        intervals: b.intervals,
        reason: `${d.bulkId}: the previous weekly hours, until the new schedule starts on ${laterStart}`,
        actorId: d.actorId,
      })),
    )
    bridged = bridges.length
  }
  // Read after the update and the bridges, so the dates before effective_from count their
  // bridged (old) hours.
  return {
    changed: true,
    bridged,
    laterStart,
    outside: await bookingsOutsideHours(trx, { specialistId: d.specialistId }),
  }
}

/** Thrown to roll a preview's transaction back. */
class PreviewOnly extends Error {}

export function scheduleStaging(db: Db) {
  return {
    /**
     * The bookings each change would leave outside working time, every change staged in its own
     * transaction and rolled back: nothing is written, and no row lock outlives its specialist.
     */
    async preview(changes: readonly ScheduleChange[]): Promise<BookingSummary[]> {
      const found: BookingSummary[] = []
      for (const change of changes) {
        await db
          .transaction(async (trx) => {
            found.push(...((await stageSchedule(trx, change))?.outside ?? []))
            throw new PreviewOnly()
          })
          .catch((err: unknown) => {
            if (!(err instanceof PreviewOnly)) throw err
          })
      }
      return found
    },
  }
}
