// Bookings a change of hours would leave outside working time, as the API lists them: a bulk
// preview's `bookings_outside_hours`, or the `bookings` of a 409 `bookings_outside_hours`.
import { isApiError } from '@booking/api-client'

export interface StrandedBooking {
  id: number
  /** ISO with the location's offset. */
  start: string
  client_name?: string
  service_name?: string
  specialist_name?: string
}

/** The bookings of a 409 `bookings_outside_hours`; null for any other refusal. */
export function strandedOf(err: unknown): StrandedBooking[] | null {
  if (!isApiError(err, 'bookings_outside_hours')) return null
  return (err.details as { bookings?: StrandedBooking[] }).bookings ?? []
}
