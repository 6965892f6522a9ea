// What the screens name by id: the public services, specialists, locations and the company, read
// once per launch and shared.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, type Company, type Location, type Service, type Specialist } from '../api.ts'

export const useCatalogueStore = defineStore('catalogue', () => {
  const services = ref<Service[]>([])
  const specialists = ref<Specialist[]>([])
  const locations = ref<Location[]>([])
  const company = ref<Company | null>(null)
  let pending: Promise<void> | null = null

  function load(): Promise<void> {
    pending ??= Promise.all([
      api.GET('/api/services'),
      api.GET('/api/specialists'),
      api.GET('/api/locations'),
      api.GET('/api/company'),
    ]).then(
      ([s, p, l, c]) => {
        services.value = s.items
        specialists.value = p.items
        locations.value = l.items
        company.value = c
      },
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    return pending
  }

  /** Reads everything again (after an admin's edit, so the client's screens show it). */
  function refresh(): Promise<void> {
    pending = null
    return load()
  }

  const currency = computed(() => company.value?.currency ?? 'EUR')
  const horizon = computed(() => company.value?.booking_horizon_days ?? 30)
  const service = (id: number) => services.value.find((s) => s.id === id)
  const specialist = (id: number | null | undefined) => specialists.value.find((s) => s.id === id)
  const location = (id: number | null | undefined) => locations.value.find((l) => l.id === id)

  return {
    services,
    specialists,
    locations,
    company,
    currency,
    horizon,
    load,
    refresh,
    service,
    specialist,
    location,
  }
})
