// Shared builders for the booking machine tests: a valid input, events, and action lookups.

import { expect } from 'vitest'
import type {
  ActorRole,
  BookingAction,
  BookingActionParams,
  BookingActionType,
  BookingEvent,
  BookingInput,
} from '../../src/machines/index.ts'

export const HOUR = 3_600_000

/** 10 March 2025, 12:00 in Moscow (09:00Z); booked 9 days earlier. */
export const STARTS_AT = '2025-03-10T12:00:00+03:00'
export const STARTS_AT_UTC = '2025-03-10T09:00:00.000Z'
export const CREATED_AT = '2025-03-01T10:00:00Z'

export const POLICY = {
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 50,
  late_cancellation_consumes_visit: true,
}

export function input(overrides: Partial<BookingInput> = {}): BookingInput {
  return {
    bookingId: 7,
    clientId: 3,
    specialistId: 2,
    serviceId: 5,
    locationId: 1,
    roomId: 4,
    startsAt: STARTS_AT,
    durationMin: 60,
    breakMin: 15,
    basePrice: 250_000,
    discounts: [],
    payment: { method: 'wallet' },
    policy: POLICY,
    source: 'web',
    now: CREATED_AT,
    by: 'client',
    actorId: 3,
    ...overrides,
  }
}

/** An ISO instant `hours` before (negative: after) the booking's start. */
export function beforeStart(hours: number, startsAt = STARTS_AT): string {
  return new Date(Date.parse(startsAt) - hours * HOUR).toISOString()
}

export function ev<T extends BookingEvent['type']>(
  type: T,
  by: ActorRole,
  now: string,
  extra: Omit<Extract<BookingEvent, { type: T }>, 'type' | 'by' | 'now'> | Record<string, never> = {},
): BookingEvent {
  return { type, by, now, ...extra } as BookingEvent
}

export function types(actions: readonly BookingAction[]): string[] {
  return actions.map((a) => a.type)
}

/** The params of the only action of `type`; fails the test if there is not exactly one. */
export function only<K extends BookingActionType>(
  actions: readonly BookingAction[],
  type: K,
): BookingActionParams[K] {
  const found = actions.filter((a) => a.type === type)
  expect(found, `exactly one ${type} in ${types(actions).join(', ')}`).toHaveLength(1)
  return found[0]!.params as BookingActionParams[K]
}

export function all<K extends BookingActionType>(
  actions: readonly BookingAction[],
  type: K,
): BookingActionParams[K][] {
  return actions.filter((a) => a.type === type).map((a) => a.params as BookingActionParams[K])
}
