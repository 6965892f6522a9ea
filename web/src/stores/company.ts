// The company as the public API describes it (name, currency, zone, horizon, terms), read once.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, type Company } from '../api.ts'

export const useCompanyStore = defineStore('company', () => {
  const company = ref<Company | null>(null)
  let pending: Promise<Company> | null = null

  /** The company, fetched on first use and shared by every screen. */
  function load(): Promise<Company> {
    if (company.value) return Promise.resolve(company.value)
    pending ??= api.GET('/api/company').then(
      (value) => (company.value = value),
      (err: unknown) => {
        pending = null
        throw err
      },
    )
    return pending
  }

  return { company, load }
})
