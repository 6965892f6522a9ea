// What the worker answers when an intent cannot be done. A refusal of the rules (a domain,
// machine, money or constraint error, mapped by `errorOutcome` as the API maps it) is the same on
// every attempt, so it settles the intent at once; only what is left (the database or Redis
// failing, a bug) is worth a retry, and when the retries run out the intent is settled with
// `processingFailed`.
import { errorOutcome } from '../data/error-outcome.ts'
import { AppError } from '../domain/errors.ts'

/**
 * The answer an error means, when it is one that no retry can change: a refusal (4xx), or a
 * stored booking this code cannot read (5xx, but permanent). Null for anything worth a retry.
 */
export const settledAnswerOf = (err: unknown): AppError | null => errorOutcome(err)

/** The outcome of an intent whose every attempt failed for reasons of ours (not the request's). */
export const processingFailed = () =>
  new AppError(
    503,
    'processing_failed',
    'The request could not be processed and nothing was booked, charged or changed; try again in a ' +
      'few minutes.',
  )
