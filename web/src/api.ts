// The site's one API client: every request goes through it, typed from the committed OpenAPI
// document. The session's token is read before each request; bookings are recorded as channel 'web'.
import { createApiClient, type paths } from '@booking/api-client'
import { useSessionStore } from './stores/session.ts'

export const api = createApiClient({
  baseUrl: import.meta.env.VITE_API_URL ?? '',
  getToken: () => useSessionStore().token,
  channel: 'web',
})

/** The JSON body a route answers with status `S` (default 200), from the generated types. */
export type Answer<
  P extends keyof paths,
  M extends keyof paths[P] = 'get' & keyof paths[P],
  S extends number = 200,
> = paths[P][M] extends { responses: { [K in S]: { content: { 'application/json': infer B } } } } ? B : never

export type User = Answer<'/api/me'>
export type Service = Answer<'/api/services'>['items'][number]
export type Specialist = Answer<'/api/specialists'>['items'][number]
export type Slots = Answer<'/api/slots'>
export type Company = Answer<'/api/company'>
export type Location = Answer<'/api/locations'>['items'][number]
