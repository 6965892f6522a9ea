// The account's view of the API: the generated types it reads, the names behind a booking's ids
// (services, specialists, locations: public lists, read once per visit) and idempotency keys.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type Answer, type Location, type Service, type Specialist } from '../../api.ts'

export type Booking = Answer<'/api/bookings/{id}'>
export type HistoryItem = Answer<'/api/bookings/{id}/history'>['items'][number]
export type Wallet = Answer<'/api/me/wallet'>
export type MyPackage = Answer<'/api/me/packages'>['items'][number]
export type PackageOnSale = Answer<'/api/packages'>['items'][number]

/** The names of what bookings refer to by id. */
export const useCatalogueNames = defineStore('account-catalogue', () => {
  const services = ref(new Map<number, Service>())
  const specialists = ref(new Map<number, Specialist>())
  const locations = ref(new Map<number, Location>())
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    pending ??= Promise.all([
      api.GET('/api/services'),
      api.GET('/api/specialists'),
      api.GET('/api/locations'),
    ]).then(
      ([s, p, l]) => {
        services.value = new Map(s.items.map((x) => [x.id, x]))
        specialists.value = new Map(p.items.map((x) => [x.id, x]))
        locations.value = new Map(l.items.map((x) => [x.id, x]))
      },
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    return pending
  }

  return { services, specialists, locations, load }
})

export { newKey } from '@booking/api-client'
