// Whether a booking lies inside the working hours that a schedule change would leave: the same
// day grid the slot layer builds (location hours ∩ specialist hours, with overrides), without
// bookings, read over the real time the booking's service takes. A schedule edit uses it to find
// the bookings it would strand outside the new hours before anything is saved.
import { localDatesOf } from './dates.ts'
import { dayCells } from './day-cells.ts'
import { buildSpecialistDay, type DayOverride } from './day-grid.ts'
import type { WeeklySchedule } from './schedule.ts'

export interface HoursOf {
  zone: string
  locationSchedule: WeeklySchedule
  specialistSchedule: WeeklySchedule
  /** The location's and the specialist's overrides of one local date. */
  overridesOn: (date: string) => DayOverride[]
}

/**
 * True when every cell that the real time [startMs, endMs) touches is open. The break after a
 * service is left out: it is the specialist's buffer, not time the client is served.
 */
export function withinHours(startMs: number, endMs: number, hours: HoursOf): boolean {
  for (const date of localDatesOf(startMs, endMs, hours.zone)) {
    const cells = dayCells(date, hours.zone)
    const open = buildSpecialistDay({
      date,
      zone: hours.zone,
      locationSchedule: hours.locationSchedule,
      specialistSchedule: hours.specialistSchedule,
      overrides: hours.overridesOn(date),
      busy: [],
    })
    for (let i = 0; i < open.length; i++) {
      if (!cells.exists[i]) continue
      const overlaps = cells.startMs[i]! < endMs && cells.endMs[i]! > startMs
      if (overlaps && !open[i]) return false
    }
  }
  return true
}
