// The analytics screen's periods and numbers: the presets (7 and 30 days up to today, this and last
// month) as local dates of the chosen location's zone, percentages and hours in the panel's language,
// and the CSV download of one figure through the generated client (an object URL clicked by code).
import { addDays, todayIn } from '@booking/ui'
import { api } from '../../api.ts'

export type Preset = 'days7' | 'days30' | 'thisMonth' | 'lastMonth'
export const PRESETS: Preset[] = ['days7', 'days30', 'thisMonth', 'lastMonth']
export type Figure = 'utilisation' | 'heatmap' | 'revenue' | 'outcomes' | 'clients'
export type Period = { from: string; to: string }

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`
const lastOfMonth = (date: string) => {
  const [y, m] = date.split('-').map(Number)
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10)
}

/** The local dates a preset covers in `zone` (today included). */
export function presetPeriod(preset: Preset, zone: string, at: Date = new Date()): Period {
  const today = todayIn(zone, at)
  switch (preset) {
    case 'days7':
      return { from: addDays(today, -6), to: today }
    case 'days30':
      return { from: addDays(today, -29), to: today }
    case 'thisMonth':
      return { from: firstOfMonth(today), to: lastOfMonth(today) }
    case 'lastMonth': {
      const end = addDays(firstOfMonth(today), -1)
      return { from: firstOfMonth(end), to: end }
    }
  }
}

/** Which preset a period is, if any. */
export function presetOf(period: Period, zone: string): Preset | null {
  return (
    PRESETS.find((p) => {
      const q = presetPeriod(p, zone)
      return q.from === period.from && q.to === period.to
    }) ?? null
  )
}

/** A ratio (0.1234) as a percentage: «12,3 %» / «12.3%»; a dash when there is none. */
export function percent(ratio: number | null | undefined, locale: string): string {
  if (ratio === null || ratio === undefined) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio)
}

/** Minutes as hours with one decimal: 90 → «1,5». */
export function hours(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60)
}

/** A whole number in the panel's language. */
export function count(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value)
}

/** Weekday names, Monday first (0 = Monday, as the API counts them). */
export function weekdayNames(locale: string, style: 'long' | 'short' = 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' })
  // 2024-01-01 was a Monday.
  return [0, 1, 2, 3, 4, 5, 6].map((d) => format.format(new Date(Date.UTC(2024, 0, 1 + d, 12))))
}

const CSV_PATHS = {
  utilisation: '/api/admin/analytics/utilisation',
  heatmap: '/api/admin/analytics/heatmap',
  revenue: '/api/admin/analytics/revenue',
  outcomes: '/api/admin/analytics/outcomes',
  clients: '/api/admin/analytics/clients',
} as const

/** Saves one figure of the period as `<figure>-<from>-<to>.csv`; throws when the API refuses. */
export async function downloadCsv(figure: Figure, period: Period, locationId: number | null) {
  const query = {
    from: period.from,
    to: period.to,
    ...(locationId !== null && { location_id: locationId }),
    format: 'csv' as const,
  }
  const { data, response } = await api.raw.GET(CSV_PATHS[figure], {
    params: { query },
    parseAs: 'blob',
  })
  if (!response.ok || !data) throw new Error(`The CSV was refused (${response.status}).`)
  const url = URL.createObjectURL(data as Blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = `${figure}-${period.from}-${period.to}.csv`
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    // The click has handed the blob over; the URL can go once the browser has started the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
}

/** A local date with its year: «3 декабря 2026 г.» / «3 December 2026». */
export function longDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y!, m! - 1, d!, 12)))
}
