// Errors of the booking machine's runner, typed by code so the HTTP layer and the worker can map them
// in one place (409 for an event the booking's state does not accept, 422 for malformed input).

export type BookingMachineErrorCode =
  | 'invalid_transition'
  | 'not_started'
  | 'admin_only'
  | 'invalid_input'
  | 'invalid_event'
  | 'snapshot_version'
  | 'corrupt_snapshot'

export abstract class BookingMachineError extends Error {
  abstract readonly code: BookingMachineErrorCode
  /** The HTTP status this error means at the edge. */
  abstract readonly status: number
}

/** The event is not accepted in the booking's current state (e.g. cancelling a cancelled booking). */
export class InvalidTransitionError extends BookingMachineError {
  override readonly name = 'InvalidTransitionError'
  readonly code = 'invalid_transition'
  readonly status = 409
  constructor(
    /** The booking's status when the event arrived. */
    readonly bookingStatus: string,
    readonly eventType: string,
  ) {
    super(`a ${bookingStatus} booking does not accept ${eventType}`)
  }
}

/** COMPLETE or NO_SHOW before the booking's start: the visit cannot have happened yet. */
export class BookingNotStartedError extends BookingMachineError {
  override readonly name = 'BookingNotStartedError'
  readonly code = 'not_started'
  readonly status = 409
  constructor(
    readonly eventType: string,
    /** The booking's start, `…Z`. */
    readonly startsAt: string,
  ) {
    super(`the booking starts at ${startsAt}; ${eventType} is accepted once it has started`)
  }
}

/** Someone other than an admin tried to correct a booking already marked completed or no-show. */
export class CorrectionNotAllowedError extends BookingMachineError {
  override readonly name = 'CorrectionNotAllowedError'
  readonly code = 'admin_only'
  readonly status = 403
  constructor(
    /** The booking's status: `completed` or `no_show`. */
    readonly bookingStatus: string,
    readonly eventType: string,
  ) {
    super(`only an admin can change a ${bookingStatus} booking`)
  }
}

/** `startBooking` got input it cannot build a booking from. */
export class InvalidBookingInputError extends BookingMachineError {
  override readonly name = 'InvalidBookingInputError'
  readonly code = 'invalid_input'
  readonly status = 422
}

/** `stepBooking` got an event that is malformed or not one the outside world may send. */
export class InvalidBookingEventError extends BookingMachineError {
  override readonly name = 'InvalidBookingEventError'
  readonly code = 'invalid_event'
  readonly status = 422
}

/** The stored snapshot was written by a machine version this code does not read. */
export class SnapshotVersionError extends BookingMachineError {
  override readonly name = 'SnapshotVersionError'
  readonly code = 'snapshot_version'
  readonly status = 500
  constructor(
    readonly found: unknown,
    readonly expected: number,
  ) {
    super(`booking snapshot has version ${String(found)}, this code reads version ${expected}`)
  }
}

/** The stored snapshot is not a booking machine snapshot. */
export class CorruptSnapshotError extends BookingMachineError {
  override readonly name = 'CorruptSnapshotError'
  readonly code = 'corrupt_snapshot'
  readonly status = 500
}
