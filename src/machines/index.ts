// The booking machines: what the worker imports. Pure; see runner.ts for how a step is taken.

export {
  BOOKING_MACHINE_VERSION,
  READABLE_BOOKING_MACHINE_VERSIONS,
  bookingMachine,
} from './booking-machine.ts'
export { settlementDifference } from './booking-corrections.ts'
export { DEFAULT_REMINDER_OFFSETS_MIN, remindersFor, slotOf } from './booking-context.ts'
export { FINAL_PAYMENT_STATES, PAYMENT_STATES, paymentRegion } from './payment-machine.ts'
export * from './booking-types.ts'
export * from './errors.ts'
export {
  type BookingMachineSnapshotJson,
  type BookingView,
  type PersistedBooking,
  type StartResult,
  type StepResult,
  applyBookingEvent,
  canStepBooking,
  quoteBooking,
  readBooking,
  refusalOf,
  startBooking,
  stepBooking,
  validateBookingEvent,
  validateBookingInput,
} from './runner.ts'
