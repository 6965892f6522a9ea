// What the worker answers when an intent cannot be done, in one place. A refusal of the rules
// (a domain, machine, money or constraint error) is the same on every attempt, so it settles the
// intent at once; only what is left (the database or Redis failing, a bug) is worth a retry, and
// when the retries run out the intent is settled with `processingFailed`.
import { fromPgError } from '../api/plugins/errors.ts'
import { AppError } from '../domain/errors.ts'
import { MoneyError } from '../domain/money.ts'
import { BookingMachineError, InvalidBookingInputError } from '../machines/index.ts'

/** Why the money arithmetic refused, in words for the person who asked. */
function moneyRefusal(err: MoneyError): AppError {
  if (err.code === 'invalid_discount') {
    return new AppError(
      422,
      'invalid_discount',
      'One of your personal discounts has a value the price cannot be computed with, so nothing was ' +
        'booked or charged; ask the salon to correct the discount, then book again.',
    )
  }
  if (err.code === 'invalid_policy') {
    return new AppError(
      422,
      'invalid_policy',
      'The salon’s cancellation settings cannot be applied, so nothing was changed; ask the salon to ' +
        'correct them.',
    )
  }
  return new AppError(
    422,
    err.code,
    `The amounts of this booking cannot be computed (${err.message}), so nothing was changed; ask the ` +
      'salon to check the prices and discounts.',
  )
}

/**
 * The answer an error means, when it is one that no retry can change: a refusal (4xx), or a
 * stored booking this code cannot read (5xx, but permanent). Null for anything worth a retry.
 */
export function settledAnswerOf(err: unknown): AppError | null {
  if (err instanceof AppError) return err
  if (err instanceof MoneyError) return moneyRefusal(err)
  if (err instanceof InvalidBookingInputError && err.cause instanceof MoneyError) {
    return moneyRefusal(err.cause)
  }
  if (err instanceof BookingMachineError) {
    if (err.status >= 500) {
      return new AppError(
        500,
        err.code,
        'This booking’s stored state cannot be read, so nothing was changed; the salon has to look ' +
          'into it.',
      )
    }
    return new AppError(err.status, err.code, `The booking cannot be changed that way: ${err.message}.`)
  }
  return fromPgError(err)
}

/** The outcome of an intent whose every attempt failed for reasons of ours (not the request's). */
export const processingFailed = () =>
  new AppError(
    503,
    'processing_failed',
    'The request could not be processed and nothing was booked, charged or changed; try again in a ' +
      'few minutes.',
  )
