// The names of what happens to a booking, as every answer and message tells them. The booking
// machine records its own event types ('CANCEL', 'NO_SHOW', …, and 'created' for the first row);
// readers see these instead: past tense, snake_case, one list.
export const BOOKING_HISTORY_EVENTS = [
  'created',
  'confirmed',
  'rejected',
  'cancelled',
  'rescheduled',
  'completed',
  'no_show',
  /** A completed or no-show mark changed by an admin (`to` says into what). */
  'corrected',
] as const

export type BookingHistoryEvent = (typeof BOOKING_HISTORY_EVENTS)[number]

const FROM_MACHINE: Record<string, BookingHistoryEvent> = {
  created: 'created',
  CONFIRM: 'confirmed',
  REJECT: 'rejected',
  CANCEL: 'cancelled',
  RESCHEDULE: 'rescheduled',
  COMPLETE: 'completed',
  NO_SHOW: 'no_show',
}

/**
 * The history event of a stored row. A mark made on a visit that was already marked (completed ↔
 * no-show, or either to cancelled) is a correction, whatever machine event made it.
 */
export function historyEventOf(machineEvent: string, from: string | null): BookingHistoryEvent {
  if (from === 'completed' || from === 'no_show') return 'corrected'
  const event = FROM_MACHINE[machineEvent]
  if (!event) throw new Error(`booking history holds an unknown event "${machineEvent}"`)
  return event
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** The keys of a stored details object in snake_case, as every answer spells them (rows keep theirs). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), snakeCaseKeys(v)]))
}
