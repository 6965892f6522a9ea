// Pure helpers the worker calls: start a booking, step it with one event, read it. Each returns the next
// persisted snapshot and the effects to carry out, as plain JSON, without performing any of them.

import { initialTransition, transition } from 'xstate'
import { assertCancellationPolicy } from '../domain/cancellation.ts'
import { MoneyError } from '../domain/money.ts'
import { type PriceQuote, instantToMs, priceBooking } from '../domain/pricing.ts'
import {
  BOOKING_MACHINE_VERSION,
  READABLE_BOOKING_MACHINE_VERSIONS,
  bookingMachine,
} from './booking-machine.ts'
import {
  BOOKING_ACTION_PHASE,
  BOOKING_EVENT_TYPES,
  type BookingAction,
  type BookingContext,
  type BookingEvent,
  type BookingInput,
  type BookingStatus,
  FINAL_BOOKING_STATUSES,
  type PaymentState,
} from './booking-types.ts'
import {
  BookingNotStartedError,
  CorrectionNotAllowedError,
  CorruptSnapshotError,
  InvalidBookingEventError,
  InvalidBookingInputError,
  InvalidTransitionError,
  SnapshotVersionError,
} from './errors.ts'
import { PAYMENT_STATES } from './payment-machine.ts'
import { msOrNaN } from './booking-context.ts'

/** The JSON xstate persists for the booking machine (`getPersistedSnapshot`). */
export interface BookingMachineSnapshotJson {
  status: string
  value: { status: BookingStatus; payment: PaymentState }
  context: BookingContext
  [key: string]: unknown
}

/** What the worker stores in `bookings.machine_snapshot`: the xstate snapshot with the machine version. */
export interface PersistedBooking {
  machine: 'booking'
  version: number
  snapshot: BookingMachineSnapshotJson
}

export interface BookingView {
  status: BookingStatus
  payment: PaymentState
  /**
   * True once the booking accepts no event any more: cancelled or rejected. (Completed and no-show
   * have ended too, but an admin may still correct them.)
   */
  done: boolean
  context: BookingContext
}

export interface StartResult extends BookingView {
  snapshot: PersistedBooking
  actions: BookingAction[]
}

export interface StepResult {
  snapshot: PersistedBooking
  /** The effects to carry out, in order; empty when `changed` is false. */
  actions: BookingAction[]
  /** False when the event is not accepted in the current state: nothing to persist, answer 409. */
  changed: boolean
  from: BookingStatus
  to: BookingStatus
  payment: { from: PaymentState; to: PaymentState }
}

type MachineSnapshot = ReturnType<typeof bookingMachine.resolveState>
type ExecutableAction = ReturnType<typeof transition<typeof bookingMachine>>[1][number]

const ROLES = new Set(['client', 'admin', 'specialist', 'system'])
const STATUSES = new Set<string>(['requested', 'confirmed', ...FINAL_BOOKING_STATUSES])
const PAYMENTS = new Set<string>(PAYMENT_STATES)

// ---- validation ----------------------------------------------------------------------------------------

function isId(value: unknown): value is number {
  return (
    Number.isSafeInteger(value) &&
    // Stryker disable next-line ConditionalExpression: equivalent, Number.isSafeInteger is false for any non-number (it never coerces); typeof narrows the type
    typeof value === 'number' &&
    value > 0
  )
}

function isInstant(value: unknown): boolean {
  try {
    instantToMs(value as string)
    return typeof value === 'string'
    // Stryker disable next-line BlockStatement: equivalent, an empty catch returns undefined, which reads as false too
  } catch {
    return false
  }
}

/** Throws `InvalidBookingInputError` naming the first problem. Discounts and policy are checked too. */
export function validateBookingInput(input: BookingInput): void {
  const fail = (message: string): never => {
    throw new InvalidBookingInputError(message)
  }
  if (typeof input !== 'object' || input === null) fail('input must be an object')
  for (const key of ['bookingId', 'clientId', 'specialistId', 'serviceId', 'locationId'] as const) {
    if (!isId(input[key])) fail(`${key} must be a positive integer`)
  }
  if (input.roomId !== undefined && input.roomId !== null && !isId(input.roomId)) {
    fail('roomId must be a positive integer or null')
  }
  if (!isInstant(input.startsAt)) fail('startsAt must be an ISO 8601 date-time with an offset')
  if (!isInstant(input.now)) fail('now must be an ISO 8601 date-time with an offset')
  if (!Number.isSafeInteger(input.durationMin) || input.durationMin <= 0) {
    fail('durationMin must be a positive integer')
  }
  if (!Number.isSafeInteger(input.breakMin) || input.breakMin < 0)
    fail('breakMin must be a non-negative integer')
  const payment = input.payment as { method?: unknown; clientPackageId?: unknown } | undefined
  if (payment?.method === 'package') {
    if (!isId(payment.clientPackageId)) fail('payment.clientPackageId must be a positive integer')
  } else if (payment?.method !== 'wallet' && payment?.method !== 'on_site') {
    fail('payment.method must be wallet, package or on_site')
  }
  const offsets = input.reminderOffsetsMin
  if (
    offsets !== undefined &&
    (!Array.isArray(offsets) || !offsets.every((o) => Number.isSafeInteger(o) && o > 0))
  ) {
    fail('reminderOffsetsMin must be a list of positive integers')
  }
  if (input.autoConfirm !== undefined && typeof input.autoConfirm !== 'boolean')
    fail('autoConfirm must be a boolean')
  if (typeof input.source !== 'string' || input.source === '') fail('source must be a non-empty string')
  if (!ROLES.has(input.by)) fail('by must be client, admin, specialist or system')
  if (input.actorId !== undefined && input.actorId !== null && !isId(input.actorId)) {
    fail('actorId must be a positive integer or null')
  }
  try {
    assertCancellationPolicy(input.policy)
    quoteBooking(input)
  } catch (error) {
    // The money error travels along as the cause: the worker words its answer after its code.
    if (error instanceof MoneyError) throw new InvalidBookingInputError(error.message, { cause: error })
    throw error
  }
}

/** Throws `InvalidBookingEventError` unless `event` is a well-formed public event. */
export function validateBookingEvent(event: BookingEvent): void {
  const fail = (message: string): never => {
    throw new InvalidBookingEventError(message)
  }
  if (typeof event !== 'object' || event === null) fail('event must be an object')
  if (!BOOKING_EVENT_TYPES.includes(event.type)) fail(`unknown event type ${String(event.type)}`)
  if (!isInstant(event.now)) fail('now must be an ISO 8601 date-time with an offset')
  if (!ROLES.has(event.by)) fail('by must be client, admin, specialist or system')
  if (event.actorId !== undefined && event.actorId !== null && !isId(event.actorId)) {
    fail('actorId must be a positive integer or null')
  }
  if (event.type === 'RESCHEDULE' && !isInstant(event.startsAt)) {
    fail('startsAt must be an ISO 8601 date-time with an offset')
  }
  if (event.type === 'RESCHEDULE' && event.specialistId !== undefined && !isId(event.specialistId)) {
    fail('specialistId must be a positive integer')
  }
  if ((event.type === 'CANCEL' || event.type === 'REJECT') && event.reason !== undefined) {
    if (typeof event.reason !== 'string') fail('reason must be a string')
  }
}

// ---- snapshots -------------------------------------------------------------------------------------------

function persist(snapshot: MachineSnapshot): PersistedBooking {
  // A JSON round trip: what is returned is exactly what a JSONB column gives back.
  const json = JSON.parse(
    JSON.stringify(bookingMachine.getPersistedSnapshot(snapshot)),
  ) as BookingMachineSnapshotJson
  return { machine: 'booking', version: BOOKING_MACHINE_VERSION, snapshot: json }
}

function rehydrate(persisted: PersistedBooking): MachineSnapshot {
  // prettier-ignore
  if (
    // Stryker disable next-line ConditionalExpression: equivalent, a non-object has no machine 'booking' either (null is the next check)
    typeof persisted !== 'object' ||
    persisted === null ||
    persisted.machine !== 'booking'
  ) {
    throw new CorruptSnapshotError('not a booking machine snapshot')
  }
  if (!READABLE_BOOKING_MACHINE_VERSIONS.includes(persisted.version)) {
    throw new SnapshotVersionError(persisted.version, BOOKING_MACHINE_VERSION)
  }
  const json = persisted.snapshot
  const value = json?.value
  if (
    typeof value !== 'object' ||
    value === null ||
    !STATUSES.has(value.status) ||
    !PAYMENTS.has(value.payment) ||
    // Stryker disable next-line ConditionalExpression: equivalent, a non-object context has no valid bookingId either (null is the next check)
    typeof json.context !== 'object' ||
    json.context === null ||
    !isId(json.context.bookingId)
  ) {
    throw new CorruptSnapshotError('booking snapshot has no valid value or context')
  }
  try {
    return bookingMachine.resolveState({ value, context: json.context })
  } catch (error) {
    throw new CorruptSnapshotError(`booking snapshot does not fit the machine: ${(error as Error).message}`)
  }
}

function viewOf(snapshot: MachineSnapshot): BookingView {
  const value = snapshot.value as { status: BookingStatus; payment: PaymentState }
  return {
    status: value.status,
    payment: value.payment,
    // prettier-ignore
    done:
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the machine is done only when its status is cancelled or rejected (the only final statuses)
      snapshot.status === 'done' ||
      value.status === 'cancelled' ||
      value.status === 'rejected',
    context: snapshot.context,
  }
}

function effectsOf(actions: ExecutableAction[]): BookingAction[] {
  // Built-ins (`xstate.raise`, …) are the machine's own business; only named effects go to the worker.
  return actions
    .filter((action) => Object.hasOwn(BOOKING_ACTION_PHASE, action.type))
    .map((action) => structuredClone({ type: action.type, params: action.params }) as BookingAction)
}

// ---- the API ---------------------------------------------------------------------------------------------

/** The price the booking will have, so the worker can check the wallet balance before starting it. */
export function quoteBooking(input: BookingInput): PriceQuote {
  if (input.payment.method === 'package') return { basePrice: input.basePrice, discount: null, price: 0 }
  return priceBooking({
    basePrice: input.basePrice,
    serviceId: input.serviceId,
    at: input.now,
    discounts: input.discounts ?? [],
    // Stryker disable next-line ConditionalExpression: equivalent, priceBooking reads an undefined timeZone as UTC (the spread only keeps exactOptionalPropertyTypes happy)
    ...(input.timeZone === undefined ? {} : { timeZone: input.timeZone }),
  })
}

/** Creates a booking: the first snapshot and the creation effects (insert, discount, debit, history, …). */
export function startBooking(input: BookingInput): StartResult {
  validateBookingInput(input)
  const [snapshot, actions] = initialTransition(bookingMachine, input)
  return { snapshot: persist(snapshot), actions: effectsOf(actions), ...viewOf(snapshot) }
}

/** Reads a stored booking without changing it. */
export function readBooking(persisted: PersistedBooking): BookingView {
  return viewOf(rehydrate(persisted))
}

/** Whether `event` would be accepted now (guards included). Validates the event like `stepBooking`. */
export function canStepBooking(persisted: PersistedBooking, event: BookingEvent): boolean {
  validateBookingEvent(event)
  const snapshot = rehydrate(persisted)
  // prettier-ignore
  return (
    // Stryker disable next-line ConditionalExpression: equivalent, a done snapshot's final states take no event, so can() is false there anyway
    snapshot.status === 'active' &&
    snapshot.can(event)
  )
}

/**
 * Sends one event. An event the current state does not accept leaves everything as it was and comes back
 * with `changed: false` and no actions (the API answers 409); use `applyBookingEvent` to get a thrown
 * `InvalidTransitionError` instead. A malformed event throws `InvalidBookingEventError`.
 */
export function stepBooking(persisted: PersistedBooking, event: BookingEvent): StepResult {
  validateBookingEvent(event)
  const before = rehydrate(persisted)
  const from = viewOf(before)
  if (
    // Stryker disable next-line ConditionalExpression: equivalent, a done snapshot's final states take no event, so can() is false there anyway
    before.status !== 'active' ||
    !before.can(event)
  ) {
    return {
      snapshot: persisted,
      actions: [],
      changed: false,
      from: from.status,
      to: from.status,
      payment: { from: from.payment, to: from.payment },
    }
  }
  const [after, actions] = transition(bookingMachine, before, event)
  const to = viewOf(after)
  return {
    snapshot: persist(after),
    actions: effectsOf(actions),
    changed: true,
    from: from.status,
    to: to.status,
    payment: { from: from.payment, to: to.payment },
  }
}

const MARKS = new Set(['COMPLETE', 'NO_SHOW'])
const CORRECTIONS = new Set(['COMPLETE', 'NO_SHOW', 'CANCEL'])

/**
 * Why `event` was not accepted, as the most specific error: a mark before the start, a correction
 * by someone other than an admin, or else the state does not take that event.
 */
export function refusalOf(persisted: PersistedBooking, event: BookingEvent): Error {
  const { status, context } = readBooking(persisted)
  const marked = status === 'completed' || status === 'no_show'
  // The same mark again is no correction: the state simply does not take it.
  const sameMark = event.type === (status === 'completed' ? 'COMPLETE' : 'NO_SHOW')
  const byBusiness = event.by !== 'client'
  if (marked && !sameMark && CORRECTIONS.has(event.type) && byBusiness && event.by !== 'admin') {
    return new CorrectionNotAllowedError(status, event.type)
  }
  // prettier-ignore
  const markable =
    status === 'confirmed' ||
    // Stryker disable next-line ConditionalExpression: equivalent for `event.by === 'admin'` → true, a marked booking's other senders were answered above (correction not allowed) or are the client or the same mark
    (marked && event.by === 'admin')
  if (
    markable &&
    byBusiness &&
    MARKS.has(event.type) &&
    !(marked && sameMark) &&
    msOrNaN(event.now) < Date.parse(context.startsAt)
  ) {
    return new BookingNotStartedError(event.type, context.startsAt)
  }
  return new InvalidTransitionError(status, event.type)
}

/** `stepBooking`, but an event the state does not accept throws (`refusalOf`: 409, or 403). */
export function applyBookingEvent(persisted: PersistedBooking, event: BookingEvent): StepResult {
  const result = stepBooking(persisted, event)
  if (!result.changed) throw refusalOf(persisted, event)
  return result
}
