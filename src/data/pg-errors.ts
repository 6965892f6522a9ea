// PostgreSQL errors caused by the data a request carried (a constraint it breaks, a value of the
// wrong form), told apart by SQLSTATE from the ones that are ours (a lost connection, a bug). The
// data layer owns this: the API and the worker both see these errors through it.
import { AppError } from '../domain/errors.ts'

interface PgError {
  code: string
  constraint?: string
  detail?: string
  message: string
}

const isPgError = (e: unknown): e is PgError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as PgError).code === 'string' &&
  /^[0-9A-Z]{5}$/.test((e as PgError).code)

/** Maps a database error caused by the request's data to an AppError; null when it is our fault. */
export function fromPgError(wrapped: unknown): AppError | null {
  // Objection wraps driver errors (UniqueViolationError, …); the SQLSTATE is on the original.
  const err = (wrapped as { nativeError?: unknown } | null)?.nativeError ?? wrapped
  if (!isPgError(err)) return null
  const c = err.constraint ?? ''
  switch (err.code) {
    case '23P01':
      return new AppError(409, 'slot_taken', 'That time is already taken. Pick another slot.')
    case '23505':
      return new AppError(
        409,
        'already_exists',
        `Something with the same ${describeConstraint(c)} already exists.`,
      )
    // PostgreSQL 18 reports ON DELETE RESTRICT as 23001 ("is referenced from"), older ones as 23503.
    case '23001':
    case '23503':
      return err.code === '23001' || /referenced from/.test(err.detail ?? '')
        ? new AppError(
            409,
            'in_use',
            'It is still in use by other records; deactivate it instead of deleting.',
          )
        : new AppError(
            422,
            'unknown_reference',
            `A referenced record does not exist (${describeConstraint(c)}).`,
          )
    case '23514':
      return new AppError(422, 'constraint_violation', `The values break a rule (${describeConstraint(c)}).`)
    case '23502':
      return new AppError(422, 'missing_value', 'A required value is missing.')
    case '22007':
    case '22008':
      return new AppError(422, 'invalid_date', 'A date or time is not valid.')
    case '22003':
      return new AppError(422, 'out_of_range', 'A number is out of range.')
    case '22P02':
      return new AppError(422, 'invalid_input', 'A value has the wrong format.')
    case '22021':
      return new AppError(422, 'invalid_text', 'Text may not contain NUL characters.')
    default:
      return null
  }
}

const describeConstraint = (name: string) => (name ? name.replace(/_/g, ' ') : 'value')
