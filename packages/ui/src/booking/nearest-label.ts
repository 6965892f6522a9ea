// "today, 14:30" / "tomorrow, 10:00" / "Thu 3 Dec, 10:00" for a free time in its location's zone.
import { addDays, todayIn, formatDate, formatTime, type Locale } from '../format.ts'

export function nearestLabel(
  slot: { date: string; time: string; timezone: string },
  locale: Locale,
  t: (
    key: 'booking.specialist.today' | 'booking.specialist.tomorrow' | 'booking.specialist.onDate',
    values: Record<string, string>,
  ) => string,
): string {
  const today = todayIn(slot.timezone)
  const time = formatTime(slot.time, locale)
  if (slot.date === today) return t('booking.specialist.today', { time })
  if (slot.date === addDays(today, 1)) return t('booking.specialist.tomorrow', { time })
  return t('booking.specialist.onDate', { date: formatDate(slot.date, locale, 'short'), time })
}
