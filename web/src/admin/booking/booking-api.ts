// What the admin's booking dialogs read from the API: the catalogue of a location (services, its
// specialists with their own prices and durations, the zone), the company's currency, and the
// types of the answers they show. Read once per dialog opening; the API stays the judge of a booking.
import { isApiError } from '@booking/api-client'
import { api, type Answer, type Location, type Service, type Specialist } from '../../api.ts'

export type Booking = Answer<'/api/bookings/{id}'>
export type HistoryItem = Answer<'/api/bookings/{id}/history'>['items'][number]
export type Client = Answer<'/api/admin/clients'>['items'][number]
export type ClientPackage = Answer<'/api/admin/clients/{id}/packages'>['items'][number]
export type Quote = Answer<'/api/bookings/quote', 'post'>
export type DeskPayment = Answer<'/api/admin/bookings/{id}/payments'>['items'][number]

export { newKey } from '../../components/account/account-api.ts'

export interface Catalogue {
  currency: string
  services: Map<number, Service>
  specialists: Map<number, Specialist>
  locations: Map<number, Location>
}

/** Every service, specialist and location by id, and the company's currency. */
export async function loadCatalogue(): Promise<Catalogue> {
  const [company, services, specialists, locations] = await Promise.all([
    api.GET('/api/company'),
    api.GET('/api/services'),
    api.GET('/api/specialists'),
    api.GET('/api/locations'),
  ])
  return {
    currency: company.currency,
    services: new Map(services.items.map((s) => [s.id, s])),
    specialists: new Map(specialists.items.map((s) => [s.id, s])),
    locations: new Map(locations.items.map((l) => [l.id, l])),
  }
}

/** What a specialist charges for a service and how long it takes with them (their own terms). */
export function termsOf(cat: Catalogue, specialistId: number, serviceId: number) {
  const own = cat.specialists.get(specialistId)?.services.find((s) => s.service_id === serviceId)
  const service = cat.services.get(serviceId)
  return {
    price: own?.price ?? service?.price ?? 0,
    duration: own?.duration_minutes ?? service?.duration_minutes ?? 0,
    breakMinutes: service?.break_minutes ?? 0,
  }
}

/** 'HH:MM' plus minutes, on the same day (the dialogs never chain past midnight). */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number)
  const total = (h ?? 0) * 60 + (m ?? 0) + minutes
  return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/** The field a refusal of a client's details concerns: the API names it first in its sentence. */
export function fieldOf<F extends string>(message: string, fields: readonly F[]): F | null {
  const lower = message.toLowerCase()
  return (
    fields.find((f) => lower.startsWith(f) || lower.includes(`/${f}`) || lower.includes(` ${f} `)) ?? null
  )
}

/**
 * An amount typed in major units ("1500", "1 500,50") as integer minor units, by its digits (no
 * floating point); null when it is not an amount with at most `digits` decimals.
 */
export function parseMoney(text: string, digits: number): number | null {
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(text.replace(/[\s\u00a0]/g, ''))
  if (!m) return null
  const fraction = m[2] ?? ''
  if (fraction.length > digits) return null
  return Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
}

export type ClientDraft = { name: string; phone: string; email: string }
export type ClientDraftErrors = Partial<Record<keyof ClientDraft | 'form', string>>

/**
 * Creates a client from what the admin typed (a name and a phone or an e-mail): the new client, or
 * the sentences to show at each field (ours for what is missing, the API's at the field it names).
 */
export async function createClient(
  d: ClientDraft,
  words: { nameNeeded: string; contactNeeded: string; failed: string },
): Promise<{ client: Client } | { errors: ClientDraftErrors }> {
  const errors: ClientDraftErrors = {}
  if (!d.name.trim()) errors.name = words.nameNeeded
  if (!d.phone.trim() && !d.email.trim()) errors.phone = words.contactNeeded
  if (Object.keys(errors).length) return { errors }
  try {
    const client = await api.POST('/api/admin/clients', {
      body: {
        name: d.name.trim(),
        ...(d.phone.trim() && { phone: d.phone.trim() }),
        ...(d.email.trim() && { email: d.email.trim() }),
      },
    })
    return { client }
  } catch (err) {
    const message = isApiError(err) ? err.message : words.failed
    // The API names the field its sentence is about: "phone … is not an international number".
    const lower = message.toLowerCase()
    const field = /phone/.test(lower)
      ? 'phone'
      : /e-?mail/.test(lower)
        ? 'email'
        : /name/.test(lower)
          ? 'name'
          : 'form'
    return { errors: { [field]: message } }
  }
}
