// Free times as the booking steps (web and Mini App) use them: the API's `/api/slots` answer made plain (every field
// present, days by date), the first and next free day, the nearest time, and times grouped by part
// of the day. Dates and times are the location's local ones ('YYYY-MM-DD', 'HH:MM').
/** The part of `/api/slots`'s answer the helpers read (the generated type fits it). */
export interface SlotsAnswer {
  locations: {
    location_id?: number
    timezone?: string
    days?: { date?: string; times?: string[] }[]
  }[]
}

export interface SlotDay {
  date: string
  times: string[]
}

export interface SlotLocation {
  locationId: number
  timezone: string
  /** Only days that have free times, in order. */
  days: SlotDay[]
}

export function normalizeSlots(answer: SlotsAnswer): SlotLocation[] {
  return answer.locations.map((l) => ({
    locationId: l.location_id ?? 0,
    timezone: l.timezone ?? 'UTC',
    days: (l.days ?? [])
      .map((d) => ({ date: d.date ?? '', times: [...(d.times ?? [])].sort() }))
      .filter((d) => d.date && d.times.length)
      .sort((a, b) => a.date.localeCompare(b.date)),
  }))
}

/** Replaces the days `dates` of a location by what a fresh read of those dates found. */
export function mergeDays(current: SlotDay[], dates: string[], fresh: SlotDay[]): SlotDay[] {
  const replaced = new Set(dates)
  return [...current.filter((d) => !replaced.has(d.date)), ...fresh.filter((d) => d.times.length)].sort(
    (a, b) => a.date.localeCompare(b.date),
  )
}

/** The first day with a free time on or after `from` (any day when omitted). */
export function nextFreeDay(days: SlotDay[], from = ''): string | null {
  return days.find((d) => d.date >= from && d.times.length)?.date ?? null
}

/** The earliest free time over the locations (by local date, then time), with its zone. */
export function nearestTime(locations: SlotLocation[]) {
  let best: { date: string; time: string; timezone: string; locationId: number } | null = null
  for (const l of locations) {
    const day = l.days[0]
    const time = day?.times[0]
    if (!day || !time) continue
    if (!best || day.date < best.date || (day.date === best.date && time < best.time)) {
      best = { date: day.date, time, timezone: l.timezone, locationId: l.locationId }
    }
  }
  return best
}

export type DayPart = 'morning' | 'afternoon' | 'evening'

/** Morning before 12:00, afternoon 12:00–16:59, evening from 17:00; parts without times are left out. */
export function groupByDayPart(times: string[]): { part: DayPart; times: string[] }[] {
  const part = (t: string): DayPart => (t < '12:00' ? 'morning' : t < '17:00' ? 'afternoon' : 'evening')
  const parts: DayPart[] = ['morning', 'afternoon', 'evening']
  return parts
    .map((p) => ({ part: p, times: times.filter((t) => part(t) === p) }))
    .filter((g) => g.times.length > 0)
}
