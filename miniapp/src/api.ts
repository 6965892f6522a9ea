// The Mini App's one API client (the same generated client as the web site's): the session's token
// is read before each request and bookings are recorded as channel 'telegram'.
import { createApiClient, type paths } from '@booking/api-client'
import { useSessionStore } from './stores/session.ts'

export const api = createApiClient({
  baseUrl: import.meta.env.VITE_API_URL ?? '',
  getToken: () => useSessionStore().token,
  channel: 'telegram',
})

/** The JSON body a route answers with status `S` (default 200), from the generated types. */
export type Answer<
  P extends keyof paths,
  M extends keyof paths[P] = 'get' & keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer B } } } } ? B : never

export type User = Answer<'/api/me'>
export type Role = User['roles'][number]
export type Service = Answer<'/api/services'>['items'][number]
export type Specialist = Answer<'/api/specialists'>['items'][number]
export type Location = Answer<'/api/locations'>['items'][number]
export type Company = Answer<'/api/company'>
export type Booking = Answer<'/api/bookings/{id}'>
export type Block = Answer<'/api/me/blocks'>['items'][number]

/** A fresh Idempotency-Key. */
export function newKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
