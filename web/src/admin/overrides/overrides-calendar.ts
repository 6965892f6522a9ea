// Local dates as the overrides calendar uses them: "YYYY-MM-DD" text in the location's zone, with
// the arithmetic done on UTC midnights so that no browser zone or daylight-saving change moves a day.
import type { Answer } from '../../api.ts'

export type Override = Answer<'/api/admin/overrides'>['items'][number]
export type Scope = 'specialist' | 'room' | 'location'

const iso = (d: Date) => d.toISOString().slice(0, 10)
const parse = (date: string) => new Date(`${date}T00:00:00Z`)

export const addDays = (date: string, days: number) =>
  iso(new Date(parse(date).getTime() + days * 86_400_000))

/** Today in a zone, as a local date. */
export const todayIn = (zone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date())

/** The first day of the month of `date` ("YYYY-MM-01"). */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`

export function shiftMonth(month: string, by: number): string {
  const d = parse(month)
  d.setUTCMonth(d.getUTCMonth() + by)
  return iso(d)
}

export const lastOfMonth = (month: string) => addDays(shiftMonth(month, 1), -1)

/** The weeks shown for a month, Monday first; days of the neighbouring months are null. */
export function monthWeeks(month: string): (string | null)[][] {
  const first = parse(month)
  const lead = (first.getUTCDay() + 6) % 7
  const last = lastOfMonth(month)
  const cells: (string | null)[] = Array.from({ length: lead }, () => null)
  for (let d = month; d <= last; d = addDays(d, 1)) cells.push(d)
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** The weekday names, Monday first, short. */
export function weekdayNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' })
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(parse(addDays('2024-01-01', i))))
}

/** "Декабрь 2026 г.": the month capitalised, the rest as the locale writes it (not "2026 Г."). */
export const monthTitle = (month: string, locale: string) => {
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    parse(month),
  )
  return title.charAt(0).toLocaleUpperCase(locale) + title.slice(1)
}

export const dayTitle = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(parse(date))

export const covers = (o: Override, date: string) => o.date_from <= date && date <= o.date_to

/** An override's hours as text: "10:00–12:00, 15:00–16:00". */
export const hoursOf = (o: Override) => o.intervals.map(([a, b]) => `${a}–${b}`).join(', ')
