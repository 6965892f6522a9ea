// Rebuilds the delayed reminder jobs from PostgreSQL, the source of truth: a Redis flush (or a worker
// that died between a booking's commit and its after-commit effects) loses them, and nothing else
// would bring them back. Runs as the maintenance job `rebuild-reminders`: every few minutes, and at
// once after a flush, because a job scheduler that Redis lost is created again on the worker's next
// tick and a new `every` scheduler runs its first job immediately.
//
// Idempotent by the reminder job ids (`reminder-<booking>-<offset>-<start ms>`): a reminder whose
// job is still in Redis, in any state, keeps it; the outbox's one row per reminder keeps a reminder
// from being sent twice even if a job runs again.
import type { Repositories } from '../data/repositories.ts'
import type { UpcomingReminderBooking } from '../data/reminders-repository.ts'
import type { DueReminderJob, ReminderQueue } from '../jobs/reminder-queue.ts'

const MS_PER_MINUTE = 60_000

/** Bookings read per page (one PostgreSQL query and one Redis round trip each). */
export const REBUILD_PAGE_SIZE = 500

export interface RestorePlan {
  /** Reminders still ahead: their delayed jobs, due at the same instants as when first scheduled. */
  ahead: DueReminderJob[]
  /**
   * The one reminder that fell due while its job was missing, if any: the latest one that did (the
   * smallest offset past its time). It is sent late, unless the outbox already holds it, because the
   * booking is still ahead. Earlier missed ones are skipped: the later reminder says the same, closer
   * to the visit, and two reminders at once would only be noise.
   */
  missed: DueReminderJob | null
}

/**
 * What the booking's reminders are at `now`, as the booking machine scheduled them: its offsets
 * (`remindersFor`), each due at `start − offset`, and only those that were due after the moment they
 * were scheduled (a booking made 90 minutes ahead never had a 2 h reminder). Pure.
 */
export function restorePlan(b: UpcomingReminderBooking, fallbackOffsetsMin: readonly number[], now: number) {
  const startMs = b.startsAt.getTime()
  const startsAt = b.startsAt.toISOString()
  const scheduledMs = b.scheduledAt.getTime()
  const scheduled = [...new Set(b.offsetsMin ?? fallbackOffsetsMin)]
    .map((offsetMin) => ({ bookingId: b.id, offsetMin, startsAt, atMs: startMs - offsetMin * MS_PER_MINUTE }))
    .filter((r) => r.atMs > scheduledMs)
  const ahead = scheduled.filter((r) => r.atMs > now).sort((x, y) => x.atMs - y.atMs)
  const missed = scheduled.filter((r) => r.atMs <= now).sort((x, y) => y.atMs - x.atMs)[0] ?? null
  return { ahead, missed } satisfies RestorePlan
}

export interface RebuildResult {
  /** Confirmed bookings still ahead that were looked at. */
  bookings: number
  /** Reminder jobs offered to Redis (kept as they are where they still existed). */
  ahead: number
  /** Missed reminders added to run now (none already in the outbox). */
  late: number
}

/** One pass over every confirmed booking still ahead, page by page. */
export async function rebuildReminders(
  deps: { repos: Repositories; reminders: ReminderQueue },
  opts: { now?: number; pageSize?: number } = {},
): Promise<RebuildResult> {
  const now = opts.now ?? Date.now()
  const limit = opts.pageSize ?? REBUILD_PAGE_SIZE
  // For a snapshot without its own list (older data): the company's setting.
  const fallback = (await deps.repos.settings.company()).settings.reminderOffsetsMinutes
  const result: RebuildResult = { bookings: 0, ahead: 0, late: 0 }
  let afterId = 0
  for (;;) {
    const page = await deps.repos.reminders.upcomingConfirmed({ afterId, now, limit })
    if (!page.length) break
    const plans = page.map((b) => restorePlan(b, fallback, now))
    const missed = plans.flatMap((p) => (p.missed ? [p.missed] : []))
    const late = await deps.repos.reminders.notRecorded(missed)
    const ahead = plans.flatMap((p) => p.ahead)
    await deps.reminders.restore([...ahead, ...late], now)
    result.bookings += page.length
    result.ahead += ahead.length
    result.late += late.length
    afterId = page[page.length - 1]!.id
    if (page.length < limit) break
  }
  return result
}
