// What the Mini App's admin screens share: a week as seven lists of intervals (Monday first, the
// API's keys "0"…"6"), weekday names, money typed in major units and sent in minor units, and the
// bookings a refusal says are in the way.
import { formatDate, minorDigits, type Locale } from '@booking/ui'

export type Interval = [string, string]
/** Monday … Sunday, each day's intervals in order. */
export type Week = Interval[][]

/** A week from the API's work_schedule: a missing key or [] is a day off. */
export function weekOf(schedule: Record<string, string[][]> | null | undefined): Week {
  return Array.from({ length: 7 }, (_, d) =>
    (schedule?.[String(d)] ?? []).map(([from, to]) => [from ?? '', to ?? ''] as Interval),
  )
}

/**
 * The API's work_schedule of a week, each day's intervals sorted (working days only); an interval
 * ending at 00:00 ends at midnight, which the API writes 24:00 (a time input cannot show it).
 */
export function scheduleOf(week: Week): Record<string, Interval[]> {
  const out: Record<string, Interval[]> = {}
  week.forEach((day, d) => {
    if (day.length)
      out[String(d)] = day
        .map(([from, to]): Interval => [from, to === '00:00' ? '24:00' : to])
        .sort((a, b) => a[0].localeCompare(b[0]))
  })
  return out
}

export const sameWeek = (a: Week, b: Week) => JSON.stringify(scheduleOf(a)) === JSON.stringify(scheduleOf(b))

/** What is wrong with a day's intervals before the API is asked: an empty or inverted one, or two overlapping. */
export function dayProblem(day: Interval[]): 'bad' | 'overlap' | null {
  if (day.some(([from, to]) => !from || !to || (to !== '00:00' && from >= to))) return 'bad'
  const sorted = day
    .map(([from, to]): Interval => [from, to === '00:00' ? '24:00' : to])
    .sort((a, b) => a[0].localeCompare(b[0]))
  return sorted.some((iv, i) => i > 0 && iv[0] < sorted[i - 1]![1]) ? 'overlap' : null
}

/** Monday … Sunday in words: 'long' «понедельник», 'short' «пн» (read off 1–7 January 2024, a Monday on). */
export function weekdayNames(locale: Locale, style: 'long' | 'short' = 'long'): string[] {
  return Array.from({ length: 7 }, (_, d) => {
    const date = `2024-01-0${d + 1}`
    return style === 'short'
      ? formatDate(date, locale, 'weekday')
      : new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru', {
          weekday: 'long',
          timeZone: 'UTC',
        }).format(new Date(`${date}T12:00:00Z`))
  })
}

/** A day's hours in words: «10:00–14:00, 15:00–19:00», or `off` when there are none. */
export const hoursLine = (day: Interval[], off: string) =>
  day.length
    ? [...day]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([a, b]) => `${a}–${b}`)
        .join(', ')
    : off

/**
 * An amount typed in major units («1500», «1 500,50») in minor units of `currency`. Text that is
 * not a number goes to the API as it is, so that it is refused with the API's sentence at the field.
 */
export function toMinor(text: string, currency: string): number | string {
  const raw = text.replace(/[\s\u00a0]/g, '').replace(',', '.')
  const n = Number(raw)
  return raw !== '' && Number.isFinite(n) ? Math.round(n * 10 ** minorDigits(currency)) : raw
}

/** Minor units as the amount a person edits («1500», «1500.5»). */
export const fromMinor = (minor: number, currency: string) => String(minor / 10 ** minorDigits(currency))

// Bookings a change would leave outside working time, as the API lists them (shared with the site).
export { strandedOf, type StrandedBooking as Stranded } from '@booking/ui'

/** A booking's start as its location's wall time (the API writes it with that location's offset). */
export const wallTime = (iso: string, locale: Locale) =>
  `${formatDate(iso.slice(0, 10), locale, 'short')}, ${iso.slice(11, 16)}`
