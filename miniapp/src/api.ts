// The Mini App's one API client (the same generated client as the web site's): the session's token
// is read before each request and bookings are recorded as channel 'telegram'.
import { createApiClient, type Answer } from '@booking/api-client'
import { useSessionStore } from './stores/session.ts'

export type { Answer }
export { newKey } from '@booking/api-client'

export const api = createApiClient({
  baseUrl: import.meta.env.VITE_API_URL ?? '',
  getToken: () => useSessionStore().token,
  channel: 'telegram',
})

export type User = Answer<'/api/me'>
export type Role = User['roles'][number]
export type Service = Answer<'/api/services'>['items'][number]
export type Specialist = Answer<'/api/specialists'>['items'][number]
export type Location = Answer<'/api/locations'>['items'][number]
export type Company = Answer<'/api/company'>
export type Booking = Answer<'/api/bookings/{id}'>
export type Block = Answer<'/api/me/blocks'>['items'][number]
