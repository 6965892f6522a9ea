// The site's one API client: every request goes through it, typed from the committed OpenAPI
// document. The session's token is read before each request; bookings are recorded as channel 'web'.
import { createApiClient, type Answer } from '@booking/api-client'
import { useSessionStore } from './stores/session.ts'

export type { Answer }
export { newKey } from '@booking/api-client'

export const api = createApiClient({
  baseUrl: import.meta.env.VITE_API_URL ?? '',
  getToken: () => useSessionStore().token,
  channel: 'web',
})

export type User = Answer<'/api/me'>
export type Service = Answer<'/api/services'>['items'][number]
export type Specialist = Answer<'/api/specialists'>['items'][number]
export type Slots = Answer<'/api/slots'>
export type Company = Answer<'/api/company'>
export type Location = Answer<'/api/locations'>['items'][number]
