// What an error means to whoever asked, in one place for the API's error handler and the worker's
// intent outcomes: a domain refusal as it is, a refusal of the money arithmetic or of the booking
// machine by its own code and status, a PostgreSQL constraint violation by SQLSTATE. Anything else
// is ours (null): the API logs it and answers a bare 500, the worker retries it.
import { AppError } from '../domain/errors.ts'
import { MoneyError } from '../domain/money.ts'
import { BookingMachineError, InvalidBookingInputError } from '../machines/index.ts'
import { fromPgError } from './pg-errors.ts'

/** The answer an error means: an `AppError` carries `status`, `code`, `message` and `details`. */
export type ErrorOutcome = AppError

/** Why the money arithmetic refused, in words for the person who asked. */
function moneyRefusal(err: MoneyError): AppError {
  if (err.code === 'invalid_discount') {
    return new AppError(
      err.status,
      err.code,
      'One of your personal discounts has a value the price cannot be computed with, so nothing was ' +
        'booked or charged; ask the salon to correct the discount, then book again.',
    )
  }
  if (err.code === 'invalid_policy') {
    return new AppError(
      err.status,
      err.code,
      'The salon’s cancellation settings cannot be applied, so nothing was changed; ask the salon to ' +
        'correct them.',
    )
  }
  return new AppError(
    err.status,
    err.code,
    `The amounts of this booking cannot be computed (${err.message}), so nothing was changed; ask the ` +
      'salon to check the prices and discounts.',
  )
}

function machineRefusal(err: BookingMachineError): AppError {
  if (err.status >= 500) {
    // Permanent, not a request's fault: the stored booking is not one this code can read.
    return new AppError(
      err.status,
      err.code,
      'This booking’s stored state cannot be read, so nothing was changed; the salon has to look ' +
        'into it.',
    )
  }
  return new AppError(err.status, err.code, `The booking cannot be changed that way: ${err.message}.`)
}

/** The answer `err` means, or null when it is not one the asker caused or can act on. */
export function errorOutcome(err: unknown): ErrorOutcome | null {
  if (err instanceof AppError) return err
  if (err instanceof MoneyError) return moneyRefusal(err)
  if (err instanceof InvalidBookingInputError && err.cause instanceof MoneyError) {
    return moneyRefusal(err.cause)
  }
  if (err instanceof BookingMachineError) return machineRefusal(err)
  return fromPgError(err)
}
