// The booking being put together: service, specialist (null: any), location, date and time. It is
// kept in sessionStorage so that logging in or registering at the summary keeps the chosen time, and
// a reload of any step finds it again; a new tab starts afresh.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

const KEY = 'booking.draft'

export interface BookingDraft {
  serviceId: number | null
  /** null: "any specialist", the API picks one. */
  specialistId: number | null
  /** The location the chosen time is at (a service may be offered in several). */
  locationId: number | null
  /** Local date of the location, 'YYYY-MM-DD'. */
  date: string | null
  /** Local wall-clock time of the location, 'HH:MM'. */
  time: string | null
  /** The location's IANA zone, which `date` and `time` are in. */
  timezone: string | null
}

const empty = (): BookingDraft => ({
  serviceId: null,
  specialistId: null,
  locationId: null,
  date: null,
  time: null,
  timezone: null,
})

function read(): BookingDraft {
  try {
    const raw = sessionStorage.getItem(KEY)
    return raw ? { ...empty(), ...(JSON.parse(raw) as Partial<BookingDraft>) } : empty()
  } catch {
    return empty()
  }
}

export const useBookingDraftStore = defineStore('booking-draft', () => {
  const draft = ref<BookingDraft>(read())
  watch(draft, (value) => sessionStorage.setItem(KEY, JSON.stringify(value)), { deep: true })

  /** A new service starts a new booking: the specialist and time chosen for another no longer apply. */
  function chooseService(serviceId: number) {
    if (draft.value.serviceId !== serviceId) draft.value = { ...empty(), serviceId }
  }

  function chooseSpecialist(specialistId: number | null) {
    if (draft.value.specialistId !== specialistId) {
      draft.value = { ...draft.value, specialistId, locationId: null, date: null, time: null, timezone: null }
    }
  }

  function chooseTime(slot: { locationId: number; date: string; time: string; timezone: string }) {
    draft.value = { ...draft.value, ...slot }
  }

  function reset() {
    draft.value = empty()
  }

  return { draft, chooseService, chooseSpecialist, chooseTime, reset }
})
