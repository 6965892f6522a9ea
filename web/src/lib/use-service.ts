// The service a booking step is about, read from the public catalogue (there is no route for one
// service), with the company that prices it.
import { computed, ref } from 'vue'
import { api, type Service } from '../api.ts'
import { useCompanyStore } from '../stores/company.ts'

export function useService(serviceId: () => number) {
  const company = useCompanyStore()
  const service = ref<Service | null>(null)
  const missing = ref(false)

  async function load() {
    const [list] = await Promise.all([api.GET('/api/services'), company.load()])
    service.value = list.items.find((s) => s.id === serviceId()) ?? null
    missing.value = service.value === null
  }

  return { service, missing, load, currency: computed(() => company.company?.currency ?? 'EUR') }
}
