// The notifier's texts in Russian and English: what a Telegram message and a Web Push say about a
// booking event or a reminder, to the client or to the specialist, in the recipient's language,
// with the time as the location's clock shows it ("пт, 4 декабря, 15:00 (UTC+3)"), the service, the
// specialist and the address. Plain text (no parse mode), so names need no escaping.
import { DateTime } from 'luxon'
import type { NotificationPayload, NotificationRecipient } from '../data/outbox-repository.ts'
import type { Language } from '../data/users-repository.ts'

type Event = NotificationPayload['event']
type Role = NotificationRecipient['role']

/** The headline of each event, for the client and for the specialist. */
type Headline = Event | 'booking.requested' | 'booking.moved_to' | 'booking.moved_away'
const HEADLINES: Record<Language, Record<Headline, Record<Role, string>>> = {
  ru: {
    'booking.created': { client: 'Вы записаны', specialist: 'Новая запись' },
    'booking.requested': {
      client: 'Заявка на запись отправлена, ждёт подтверждения',
      specialist: 'Новая заявка на запись, ждёт подтверждения',
    },
    'booking.confirmed': { client: 'Запись подтверждена', specialist: 'Запись подтверждена' },
    'booking.rejected': { client: 'Запись отклонена', specialist: 'Заявка отклонена' },
    'booking.rescheduled': { client: 'Запись перенесена', specialist: 'Запись перенесена' },
    'booking.moved_to': { client: 'Запись перенесена', specialist: 'Вам передана запись' },
    'booking.moved_away': { client: 'Запись перенесена', specialist: 'Запись передана другому мастеру' },
    'booking.cancelled': { client: 'Запись отменена', specialist: 'Запись отменена' },
    'booking.completed': { client: 'Спасибо за визит!', specialist: 'Визит состоялся' },
    'booking.no_show': { client: 'Визит отмечен как пропущенный', specialist: 'Клиент не пришёл' },
    'booking.reminder': { client: 'Напоминание о записи', specialist: 'Напоминание о записи' },
  },
  en: {
    'booking.created': { client: 'You are booked', specialist: 'New booking' },
    'booking.requested': {
      client: 'Booking request sent, awaiting confirmation',
      specialist: 'New booking request, awaiting confirmation',
    },
    'booking.confirmed': { client: 'Booking confirmed', specialist: 'Booking confirmed' },
    'booking.rejected': { client: 'Booking declined', specialist: 'Booking request declined' },
    'booking.rescheduled': { client: 'Booking moved', specialist: 'Booking moved' },
    'booking.moved_to': { client: 'Booking moved', specialist: 'A booking was moved to you' },
    'booking.moved_away': { client: 'Booking moved', specialist: 'Booking moved to another specialist' },
    'booking.cancelled': { client: 'Booking cancelled', specialist: 'Booking cancelled' },
    'booking.completed': { client: 'Thank you for your visit!', specialist: 'Visit completed' },
    'booking.no_show': { client: 'Visit marked as missed', specialist: 'The client did not come' },
    'booking.reminder': { client: 'Booking reminder', specialist: 'Booking reminder' },
  },
}

const LABELS = {
  ru: {
    specialist: 'Мастер',
    client: 'Клиент',
    was: 'Было',
    open: 'Открыть запись',
    in: 'через',
  },
  en: {
    specialist: 'Specialist',
    client: 'Client',
    was: 'Was',
    open: 'Open the booking',
    in: 'in',
  },
} as const

/** "UTC+3", "UTC+5:30", "UTC-4", "UTC". */
function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC'
  const sign = minutes > 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  const h = Math.floor(abs / 60)
  const m = abs % 60
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`
}

/** An instant as the location's clock shows it: "пт, 4 декабря, 15:00 (UTC+3)" / "Fri, 4 December, 15:00 (UTC+3)". */
export function localTime(iso: string, zone: string, language: Language): string {
  let t = DateTime.fromISO(iso, { setZone: true })
  const inZone = t.setZone(zone)
  if (inZone.isValid) t = inZone
  t = t.setLocale(language === 'ru' ? 'ru' : 'en-GB')
  return `${t.toFormat('ccc, d MMMM, HH:mm')} (${offsetLabel(t.offset)})`
}

/** Russian plural form: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10
  const mod100 = n % 100
  if (mod10 === 1 && mod100 !== 11) return one
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few
  return many
}

/** "через 2 часа" / "in 2 hours", "через 1 день" / "in 1 day", "через 30 минут" / "in 30 minutes". */
export function inHowLong(minutes: number, language: Language): string {
  const days = minutes % 1440 === 0 && minutes > 0 ? minutes / 1440 : null
  const hours = minutes % 60 === 0 ? minutes / 60 : null
  if (language === 'ru') {
    const part =
      days !== null && days > 1
        ? `${days} ${ruPlural(days, 'день', 'дня', 'дней')}`
        : hours !== null
          ? `${hours} ${ruPlural(hours, 'час', 'часа', 'часов')}`
          : `${minutes} ${ruPlural(minutes, 'минуту', 'минуты', 'минут')}`
    return `${LABELS.ru.in} ${part}`
  }
  const en = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const part =
    days !== null && days > 1 ? en(days, 'day') : hours !== null ? en(hours, 'hour') : en(minutes, 'minute')
  return `${LABELS.en.in} ${part}`
}

const languageOf = (r: NotificationRecipient): Language => (r.language === 'en' ? 'en' : 'ru')

/** A booking moved from one specialist to another: whether `r` is the one who has it now, or who had it. */
const moveOf = (p: NotificationPayload, r: NotificationRecipient) => {
  const prev = p.booking.previous_specialist_id
  if (p.event !== 'booking.rescheduled' || prev === undefined || prev === p.booking.specialist.id) return null
  if (r.role !== 'specialist') return null
  return r.user_id === p.booking.specialist.user_id ? 'to' : 'away'
}

/** The headline of the event for this recipient (a booking waiting for confirmation says so). */
export function headline(p: NotificationPayload, r: NotificationRecipient): string {
  const lang = languageOf(r)
  const move = moveOf(p, r)
  const key: Headline =
    p.event === 'booking.created' && p.booking.status === 'requested'
      ? 'booking.requested'
      : move === 'to'
        ? 'booking.moved_to'
        : move === 'away'
          ? 'booking.moved_away'
          : p.event
  const text = HEADLINES[lang][key][r.role]
  return p.event === 'booking.reminder' && p.reminder
    ? `${text}: ${inHowLong(p.reminder.offset_minutes, lang)}`
    : text
}

/** The lines after the headline: service, time (and the previous one), who, where. */
export function detailLines(p: NotificationPayload, r: NotificationRecipient): string[] {
  const lang = languageOf(r)
  const L = LABELS[lang]
  const b = p.booking
  const client = p.recipients.find((x) => x.role === 'client')
  const lines = [b.service.name, localTime(b.starts_at, b.timezone, lang)]
  if (p.event === 'booking.rescheduled' && b.previous_starts_at && b.previous_starts_at !== b.starts_at)
    lines.push(`${L.was}: ${localTime(b.previous_starts_at, b.timezone, lang)}`)
  if (r.role === 'client' || moveOf(p, r) === 'away') lines.push(`${L.specialist}: ${b.specialist.name}`)
  if (r.role === 'specialist' && client && client.user_id !== r.user_id)
    lines.push(`${L.client}: ${client.name}`)
  const where = [b.location.name, b.location.address].filter((s) => s && s.trim()).join(', ')
  if (where) lines.push(where)
  return lines
}

export interface TelegramMessage {
  text: string
  reply_markup?: { inline_keyboard: Record<string, unknown>[][] }
}

/**
 * The Telegram message of the event for this recipient. With an HTTPS Mini App address it carries
 * a button opening the booking there (`?startapp=booking-<id>`, as the bot's own buttons do);
 * Telegram accepts only HTTPS for web_app buttons.
 */
export function telegramMessage(
  p: NotificationPayload,
  r: NotificationRecipient,
  opts: { miniAppUrl?: string | null } = {},
): TelegramMessage {
  const text = [headline(p, r), '', ...detailLines(p, r)].join('\n')
  if (!opts.miniAppUrl?.startsWith('https://')) return { text }
  const url = new URL(opts.miniAppUrl)
  url.searchParams.set('startapp', `booking-${p.booking.id}`)
  return {
    text,
    reply_markup: {
      inline_keyboard: [[{ text: LABELS[languageOf(r)].open, web_app: { url: url.toString() } }]],
    },
  }
}

/** The Web Push payload the site's service worker shows (web/public/sw.js): {title, body, url, tag}. */
export function pushMessage(p: NotificationPayload, r: NotificationRecipient) {
  return {
    title: headline(p, r),
    body: detailLines(p, r).join('\n'),
    url: r.role === 'client' ? `/account/bookings/${p.booking.id}` : '/',
    tag: `booking-${p.booking.id}`,
  }
}
