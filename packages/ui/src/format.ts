// Formatting shared by every channel: money from integer minor units, local dates ('YYYY-MM-DD') and
// times ('HH:MM') as the API gives them for a location, instants in a named IANA zone. Everything
// goes through Intl, so there is no hand-written zone arithmetic; Russian gets 24-hour times.

/** The locales the channels speak. */
export type Locale = 'ru' | 'en'

/** How many fraction digits a currency's minor unit has (EUR 2, JPY 0). */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  )
}

/** `12345, 'EUR'` → «123,45 €» (ru) or «€123.45» (en); whole amounts drop the cents. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const digits = minorDigits(currency)
  const amount = minor / 10 ** digits
  const whole = Number.isInteger(amount)
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(amount)
}

/** A price range: one amount when both ends agree, else "from" the lower one (the caller's words). */
export function priceRange(from: number, to: number): { from: boolean; amount: number } {
  return { from: from < to, amount: from }
}

// A local date ('2026-12-03') is a calendar day, not an instant: it is formatted at noon UTC in UTC,
// so no zone can move it to the day before or after.
function dayAsUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12))
}

/** A local date in words: «четверг, 3 декабря» / «Thursday, 3 December» (style decides how much). */
export function formatDate(
  date: string,
  locale: Locale,
  style: 'full' | 'long' | 'short' | 'weekday' | 'day' | 'month' | 'monthShort' = 'long',
): string {
  const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
    full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    long: { weekday: 'long', day: 'numeric', month: 'long' },
    short: { weekday: 'short', day: 'numeric', month: 'short' },
    weekday: { weekday: 'short' },
    day: { day: 'numeric' },
    month: { month: 'long', year: 'numeric' },
    monthShort: { month: 'short' },
  }
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru', {
    ...options[style],
    timeZone: 'UTC',
  }).format(dayAsUtc(date))
}

/** A local wall-clock time: '14:30' → «14:30» (ru), «2:30 pm» (en). */
export function formatTime(time: string, locale: Locale): string {
  const [h, m] = time.split(':').map(Number)
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'ru', {
    hour: locale === 'ru' ? '2-digit' : 'numeric',
    minute: '2-digit',
    hourCycle: locale === 'ru' ? 'h23' : 'h12',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(1970, 0, 1, h ?? 0, m ?? 0)))
}

/** An instant (ISO with offset) as seen in `zone`: «3 декабря, 14:30». */
export function formatInstant(
  iso: string | Date,
  zone: string,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: 'numeric',
    minute: '2-digit',
  },
): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru', {
    ...options,
    timeZone: zone,
    hourCycle: locale === 'ru' ? 'h23' : 'h12',
  }).format(typeof iso === 'string' ? new Date(iso) : iso)
}

/** A duration: 90 → «1 ч 30 мин» / «1 hr, 30 min». */
export function formatDuration(minutes: number, locale: Locale): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const unit = (value: number, name: 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value)
  return [h ? unit(h, 'hour') : '', m || !h ? unit(m, 'minute') : ''].filter(Boolean).join(' ')
}

/** The zone's offset at an instant, as people read it: 'GMT+2'. */
export function zoneOffset(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? zone
}

/** The browser's own IANA zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Whether the browser's clock reads differently from `zone` at that instant (Riga vs Vilnius: same). */
export function zoneDiffersFromBrowser(zone: string, at: Date = new Date()): boolean {
  return zoneOffset(zone, at) !== zoneOffset(browserZone(), at)
}

/** Today's local date in `zone`: 'YYYY-MM-DD'. */
export function todayIn(zone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/** A local date moved by whole days: ('2026-12-31', 1) → '2027-01-01'. */
export function addDays(date: string, days: number): string {
  const d = dayAsUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Day of the week of a local date, Monday = 0 … Sunday = 6 (the calendar's columns). */
export function weekdayIndex(date: string): number {
  return (dayAsUtc(date).getUTCDay() + 6) % 7
}

/** Two letters for an avatar: «Анна Смирнова» → «АС». */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
}

/**
 * Russian plural forms for vue-i18n (`'{n} услуга | {n} услуги | {n} услуг'`): one, few, many.
 * English keeps vue-i18n's default (`'one | other'`).
 */
export function russianPlural(choice: number, choicesLength: number): number {
  if (choicesLength < 3) return choice === 1 ? 0 : 1
  const rule = new Intl.PluralRules('ru').select(choice)
  return rule === 'one' ? 0 : rule === 'few' ? 1 : 2
}
