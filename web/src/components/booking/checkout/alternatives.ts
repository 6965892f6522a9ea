// The nearest free times to one that was just taken, for the summary's "just taken" answer: first
// the same day's times closest to it (before or after), then the first times of the following
// days, in the order a client reads them. Local dates and times of the location ('YYYY-MM-DD', 'HH:MM').
import type { SlotDay } from '@booking/ui'

export interface Alternative {
  date: string
  time: string
}

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

export function nearestAlternatives(
  days: SlotDay[],
  taken: Alternative,
  opts: { sameDay?: number; total?: number } = {},
): Alternative[] {
  const { sameDay = 4, total = 6 } = opts
  const today = days.find((d) => d.date === taken.date)?.times ?? []
  const close = today
    .filter((time) => time !== taken.time)
    .sort(
      (a, b) =>
        Math.abs(minutesOf(a) - minutesOf(taken.time)) - Math.abs(minutesOf(b) - minutesOf(taken.time)),
    )
    .slice(0, sameDay)
    .map((time) => ({ date: taken.date, time }))
  const later: Alternative[] = []
  for (const day of days) {
    if (close.length + later.length >= total) break
    if (day.date <= taken.date) continue
    for (const time of day.times.slice(0, 2)) {
      if (close.length + later.length >= total) break
      later.push({ date: day.date, time })
    }
  }
  return [...close, ...later].sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time))
}
