// A booking as the bot writes it: the service, the local time in the location's zone with its
// offset, the specialist and the address; what cancelling now would do, from the terms copied into
// the booking (`cancellation`, the rules of src/domain/cancellation-terms.ts); and what the
// cancellation did (`settlement`). Names come from the public catalogue, read through the API.
import type { ApiClient, paths } from '@booking/api-client'
import { formatMoney } from '../domain/money-format.ts'
import { say, type BotLanguage } from './messages.ts'

export type Booking = paths['/api/bookings/{id}']['get']['responses'][200]['content']['application/json']

export interface Catalogue {
  service: (id: number) => string | undefined
  specialist: (id: number) => string | undefined
  location: (id: number) => { name: string; address: string } | undefined
  currency: string
}

const LOCALES: Record<BotLanguage, string> = { ru: 'ru-RU', en: 'en-GB' }

/** The public names (services, specialists, locations) and the currency, re-read after `maxAgeMs`. */
export function createCatalogue(api: ApiClient, maxAgeMs = 60_000) {
  let cached: { at: number; value: Promise<Catalogue> } | undefined
  const read = async (): Promise<Catalogue> => {
    const [services, specialists, locations, company] = await Promise.all([
      api.GET('/api/services'),
      api.GET('/api/specialists'),
      api.GET('/api/locations'),
      api.GET('/api/company'),
    ])
    const s = new Map(services.items.map((x) => [x.id, x.name]))
    const p = new Map(specialists.items.map((x) => [x.id, x.name]))
    const l = new Map(locations.items.map((x) => [x.id, { name: x.name, address: x.address }]))
    return {
      service: (id) => s.get(id),
      specialist: (id) => p.get(id),
      location: (id) => l.get(id),
      currency: company.currency,
    }
  }
  return {
    get(): Promise<Catalogue> {
      if (!cached || Date.now() - cached.at > maxAgeMs) {
        const value = read()
        cached = { at: Date.now(), value }
        value.catch(() => (cached = undefined))
      }
      return cached.value
    },
  }
}

/** The zone's offset at an instant as people read it: 'GMT+3'. */
function offsetOf(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? zone
}

/** «пт, 12 декабря, 14:00 (GMT+3)»: the wall time of the location's zone, with its offset. */
export function localWhen(iso: string, zone: string, language: BotLanguage, weekday = true): string {
  const at = new Date(iso)
  const text = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: zone,
    ...(weekday ? { weekday: 'short' as const } : {}),
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at)
  return `${text} (${offsetOf(zone, at)})`
}

const money = (minor: number, catalogue: Catalogue, language: BotLanguage) =>
  formatMoney(minor, catalogue.currency, LOCALES[language])

/** The booking's lines: service, when, specialist, address (and a request still to be confirmed). */
export function bookingText(b: Booking, catalogue: Catalogue, language: BotLanguage): string {
  const location = catalogue.location(b.location_id)
  const text = say(language, 'bookingLine', {
    service: catalogue.service(b.service_id) ?? say(language, 'fallbackService', { id: b.service_id }),
    when: localWhen(b.start, b.timezone, language),
    specialist:
      catalogue.specialist(b.specialist_id) ?? say(language, 'fallbackSpecialist', { id: b.specialist_id }),
    address: location ? [location.name, location.address].filter(Boolean).join(', ') : '—',
  })
  return b.status === 'requested' ? `${text}\n${say(language, 'statusRequested')}` : text
}

/** What cancelling `b` now would do, in sentences (the same rules the API applies). */
export function cancelEffect(
  b: Booking,
  catalogue: Catalogue,
  language: BotLanguage,
  now = new Date(),
): string {
  const terms = b.cancellation
  const method = b.payment_method
  const paid = method === 'wallet' ? b.price : 0
  const freeUntil = terms?.free_until ?? null
  const free = !freeUntil || now.getTime() <= new Date(freeUntil).getTime()
  const fee = free ? 0 : Math.min(paid, terms?.late_fee ?? 0)
  const lines = [
    free
      ? say(language, 'termsFree')
      : say(language, 'termsLate', { when: localWhen(freeUntil, b.timezone, language, false) }),
  ]
  if (method === 'on_site') lines.push(say(language, 'termsOnSite'))
  if (paid - fee > 0)
    lines.push(say(language, 'termsRefund', { amount: money(paid - fee, catalogue, language) }))
  if (fee > 0) lines.push(say(language, 'termsFee', { amount: money(fee, catalogue, language) }))
  if (method === 'package')
    lines.push(say(language, !free && terms?.consumes_visit ? 'termsVisitUsed' : 'termsVisitRestored'))
  return lines.join('\n')
}

/** What the cancellation did, from the API's answer (`settlement`). */
export function settlementText(b: Booking, catalogue: Catalogue, language: BotLanguage): string {
  const s = b.settlement
  const lines = [say(language, 'cancelled')]
  if (s && s.refund > 0)
    lines.push(say(language, 'settledRefund', { amount: money(s.refund, catalogue, language) }))
  if (s && s.fee > 0) lines.push(say(language, 'settledFee', { amount: money(s.fee, catalogue, language) }))
  if (s?.visit_restored) lines.push(say(language, 'settledVisit'))
  return lines.join('\n')
}
