// The journal's geometry: which rows a period shows, where a booking's block sits, and the local
// time of a point in a column. Kept apart from the page so the drag and the keyboard move share it.
export const STEP = 15
/** Pixels per 15-minute row. */
export const ROW_PX = 18

export const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

export const toTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The shown day: from the earliest working hour or booking to the latest, whole hours, at least
 * 09:00–20:00 so an empty day still reads as a day.
 */
export function dayRange(times: { from: string; to: string }[]): { start: number; end: number } {
  let start = 9 * 60
  let end = 20 * 60
  for (const t of times) {
    start = Math.min(start, toMinutes(t.from))
    end = Math.max(end, t.to === '00:00' ? 24 * 60 : toMinutes(t.to))
  }
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) }
}

/** The current wall time and date in a zone. */
export function nowIn(zone: string, now = new Date()): { date: string; minutes: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  )
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  }
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
