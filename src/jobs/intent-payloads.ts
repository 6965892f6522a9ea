// What the API records in an intent's payload and the worker reads back: the contract between the
// two, kept here so that neither imports the other.

/** The create intent's payload, as the API recorded it. */
export interface CreatePayload {
  client_id: number
  service_id: number
  /** UTC ISO instant. */
  starts_at: string
  payment: 'auto' | 'wallet' | 'package' | 'on_site'
  /** Specialists to try, in order ("any specialist"); the job's specialist is one of them. */
  candidates: number[]
  source: 'web' | 'telegram' | 'api' | 'admin'
  by: 'client' | 'admin' | 'specialist'
  actor_id: number
  notes?: string
  /** Admin only: a custom duration in minutes. */
  duration_minutes?: number
  /** Admin only: book outside working hours on purpose (never over another booking). */
  allow_out_of_hours?: boolean
}

/** The payload of cancel / reschedule / complete / no-show intents. */
export interface LifecyclePayload {
  booking_id: number
  by: 'client' | 'admin' | 'specialist'
  actor_id: number
  reason?: string
  /** Reschedule: the new start, UTC ISO instant. */
  starts_at?: string
  /** Reschedule by an admin to another specialist (of the same location, offering the service). */
  specialist_id?: number
  /** With `specialist_id`: the booking's specialist when the move was asked for (their lock is taken too). */
  from_specialist_id?: number
}

export interface ChainItem {
  service_id: number
  specialist_id: number
  /** A custom duration for this item (admins only, as for single bookings). */
  duration_minutes?: number
}

/** The chain intent's payload, as the API recorded it. */
export interface ChainPayload {
  /** Given by the API when the intent is recorded, so a retried job writes the same one. */
  chain_id: string
  client_id: number
  /** UTC ISO instant of the first item's start. */
  starts_at: string
  items: ChainItem[]
  payment: CreatePayload['payment']
  allow_out_of_hours?: boolean
  notes?: string
  actor_id: number
}
