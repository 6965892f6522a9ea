// A weekly schedule change as pure arithmetic: a per-day patch applied, two weeks compared, and the
// bridging overrides that keep the old hours on the dates before a later effective date (see
// src/data/schedule-staging.ts, which writes them, and docs/jobs.md).
import { DateTime } from 'luxon'
import { addDays } from './dates.ts'
import { DAY_KEYS, type DayKey, type TimeInterval, type WeeklySchedule } from './schedule.ts'

/** Per-day new hours: a list of intervals, or null (the day becomes a day off). */
export type SchedulePatch = Partial<Record<DayKey, TimeInterval[] | null>>

/** A weekly schedule with a per-day patch applied (null: the day becomes a day off). */
export function patchSchedule(schedule: WeeklySchedule, patch: SchedulePatch): WeeklySchedule {
  const out: WeeklySchedule = { ...schedule }
  for (const key of DAY_KEYS) {
    const day = patch[key]
    if (day !== undefined) out[key] = day ?? []
  }
  return out
}

const dayOf = (s: WeeklySchedule, key: (typeof DAY_KEYS)[number]) => JSON.stringify(s[key] ?? [])

/** Equal as schedules: a missing day and [] are both a day off. */
export const sameSchedule = (a: WeeklySchedule, b: WeeklySchedule) =>
  DAY_KEYS.every((k) => dayOf(a, k) === dayOf(b, k))

/** Monday = "0" … Sunday = "6", as in the schedule JSON. */
// Stryker disable next-line ObjectLiteral: equivalent, a calendar date has the same weekday in any zone it is read in
const weekdayKey = (date: string) => DAY_KEYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]!

interface Bridge {
  dateFrom: string
  dateTo: string
  kind: 'open' | 'closed'
  intervals: TimeInterval[]
}

/**
 * The overrides that keep the old hours on the dates [from, until) whose weekly hours change, in
 * runs of consecutive dates with the same old hours. `skip` holds dates left alone.
 */
export function bridgingOverrides(
  before: WeeklySchedule,
  after: WeeklySchedule,
  from: string,
  until: string,
  skip: (date: string) => boolean,
): Bridge[] {
  const out: Bridge[] = []
  let run: Bridge | null = null
  for (let date = from; date < until; date = addDays(date, 1)) {
    const key = weekdayKey(date)
    if (skip(date) || dayOf(before, key) === dayOf(after, key)) {
      run = null
      continue
    }
    const old = before[key] ?? []
    const kind = old.length ? 'open' : 'closed'
    // Stryker disable next-line ConditionalExpression: the date check alone → true is equivalent, `run` is reset on every date left out, so an open run always ends the day before (the line's other mutants are killed)
    if (run && run.dateTo === addDays(date, -1) && JSON.stringify(run.intervals) === JSON.stringify(old)) {
      run.dateTo = date
    } else {
      run = { dateFrom: date, dateTo: date, kind, intervals: old }
      out.push(run)
    }
  }
  return out
}
