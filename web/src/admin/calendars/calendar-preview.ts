// What the calendars screen reads out of an import preview: the busy times grouped by the location's
// local day (the API writes them with the location's offset, so the wall date and time are read from
// the text itself and never moved into the browser's zone), and the shapes of the answers it uses.
import { addDays } from '@booking/ui'
import type { paths } from '@booking/api-client'
import type { Answer } from '../../api.ts'

export type Preview = Answer<'/api/admin/specialists/{id}/calendar-import/preview', 'post'>
export type Applied = Answer<'/api/admin/specialists/{id}/calendar-import', 'post'>
export type CalendarImport = Answer<'/api/admin/specialists/{id}/calendar-imports'>['items'][number]
export type Busy = Preview['busy'][number]
export type ImportBody =
  paths['/api/admin/specialists/{id}/calendar-import']['post']['requestBody']['content']['application/json']

/** One busy time as a line of its day: wall times, or a whole day (or days). */
export interface BusyLine {
  key: string
  summary: string
  allDay: boolean
  /** 'HH:MM' local; null for an all-day time. */
  from: string | null
  to: string | null
  /** The local date it ends on when that is another day (a timed event past midnight, days off). */
  until: string | null
}

export interface BusyDay {
  date: string
  lines: BusyLine[]
}

const dateOf = (iso: string) => iso.slice(0, 10)
const timeOf = (iso: string) => iso.slice(11, 16)

/** The busy times by the local day they start on, days and times in order of the instant. */
export function busyByDay(busy: Busy[]): BusyDay[] {
  const sorted = [...busy].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
  const days = new Map<string, BusyLine[]>()
  sorted.forEach((b, i) => {
    const date = dateOf(b.local_start)
    const endDate = dateOf(b.local_end)
    // An all-day time ends at midnight after its last day.
    const lastDay = b.all_day && timeOf(b.local_end) === '00:00' ? addDays(endDate, -1) : endDate
    const line: BusyLine = {
      key: `${b.uid}-${b.start}-${i}`,
      summary: b.summary,
      allDay: b.all_day,
      from: b.all_day ? null : timeOf(b.local_start),
      to: b.all_day ? null : timeOf(b.local_end),
      until: lastDay > date ? lastDay : null,
    }
    const list = days.get(date)
    if (list) list.push(line)
    else days.set(date, [line])
  })
  return [...days].map(([date, lines]) => ({ date, lines }))
}

/** A local date with its year, written in the reader's language: «3 декабря 2026 г.». */
export function longDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)))
}

/** The wall date and time of an instant the API wrote with the location's offset. */
export const wall = (iso: string) => ({ date: dateOf(iso), time: timeOf(iso) })
