// Why a time cannot be booked, in words a client can act on. The worker's re-check finds the
// reason; these build the answers. 409 means the time is held by someone else (it may free up);
// 422 means a rule of the salon's calendar refuses it (waiting does not help).
import { DateTime } from 'luxon'
import { AppError } from '../domain/errors.ts'
import type { Grid } from '../domain/day-grid.ts'
import { cellToTime } from '../domain/schedule.ts'

/** Refusals that belong to one specialist: "any specialist" tries the next candidate on these. */
export const SPECIALIST_REFUSALS: ReadonlySet<string> = new Set([
  'slot_taken',
  'day_off',
  'outside_hours',
  'room_taken',
  'no_room_open',
])

const dayLabel = (date: string) => DateTime.fromISO(date).setLocale('en').toFormat('cccc d LLL')
/** "12:00 on Monday 8 Dec (UTC+03:00)": an instant as the location reads it. */
export const whenLabel = (t: DateTime) => t.setLocale('en').toFormat("HH:mm 'on' cccc d LLL '(UTC'ZZ')'")

function durationLabel(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min'
}

/** The open stretches of a day grid as "10:00–13:00, 14:00–19:00". */
export function openHoursOf(grid: Grid): string {
  const runs: string[] = []
  for (let i = 0; i < grid.length; i++) {
    if (!grid[i] || grid[i - 1]) continue
    let j = i
    while (j < grid.length && grid[j]) j++
    runs.push(`${cellToTime(i)}–${j === grid.length ? '24:00' : cellToTime(j)}`)
  }
  return runs.join(', ')
}

export const slotTaken = () =>
  new AppError(409, 'slot_taken', 'That time is no longer free: another booking holds it. Pick another slot.')

export const noneFree = () =>
  new AppError(409, 'slot_taken', 'No specialist is free at that time. Pick another slot.')

export const roomTaken = () =>
  new AppError(
    409,
    'room_taken',
    'The specialist is free then, but every room this service needs is taken at that time. Pick another slot.',
  )

export const noRoomOpen = (date: string) =>
  new AppError(
    422,
    'no_room_open',
    `This service needs a room, and none of its rooms is open at that time on ${dayLabel(date)}; ` +
      'pick another time or day.',
  )

export const inThePast = (start: DateTime) =>
  new AppError(422, 'in_the_past', `${whenLabel(start)} has already passed; pick a time from now on.`)

export const leadTime = (minLeadMinutes: number, earliest: DateTime) =>
  new AppError(
    422,
    'lead_time',
    `Bookings are taken at least ${durationLabel(minLeadMinutes)} before the start; the earliest time ` +
      `you can book now is ${whenLabel(earliest)}. Pick a later time.`,
  )

export const beyondHorizon = (horizonDays: number, lastDate: string) =>
  new AppError(
    422,
    'beyond_horizon',
    `Bookings open ${horizonDays} days ahead; the last day you can book now is ${dayLabel(lastDate)}. ` +
      'Pick an earlier day.',
  )

export const dayOff = (name: string, date: string) =>
  new AppError(422, 'day_off', `${name} does not work on ${dayLabel(date)}; pick another day.`)

export const outsideHours = (
  name: string,
  date: string,
  hours: string,
  visit: { time: string; durationMin: number; breakMin: number },
) =>
  new AppError(
    422,
    'outside_hours',
    `${name} works ${hours} on ${dayLabel(date)}; a visit of ${durationLabel(visit.durationMin)}` +
      (visit.breakMin ? ` (and ${durationLabel(visit.breakMin)} to get ready for the next one)` : '') +
      ` starting at ${visit.time} does not fit. Pick a time within those hours.`,
  )
