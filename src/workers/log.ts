// Structured JSON logs of the worker process, in the same format as the API's (pino, which
// Fastify logs with), so one query follows a request from the API into the worker: the API stores
// the request id in the intent row, and every line about that intent carries it as `request_id`.
import { pino, type DestinationStream, type Logger } from 'pino'
import { REDACT_PATHS, REDACTED } from '../infra/log-redaction.ts'
import type { IntentRow } from '../intents/intent-store.ts'

export type WorkerLogger = Logger

export interface WorkerLoggerOptions {
  /** Minimum level written (config.logLevel); 'silent' writes nothing. */
  level: string
  /** The process's role in the logs, e.g. 'worker'. */
  name?: string
  /** Where lines go; standard output when left out. */
  destination?: DestinationStream
}

/** The process's base logger, built once by the composition root (`startWorkers`). */
export function createWorkerLogger(opts: WorkerLoggerOptions): WorkerLogger {
  return pino(
    {
      level: opts.level,
      name: opts.name ?? 'worker',
      // No secret in a line, as in the API's logs (src/infra/log-redaction.ts).
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    opts.destination,
  )
}

/** What an intent logger needs of the intent (an `IntentRow` fits). */
export type IntentLogFields = Pick<IntentRow, 'id' | 'request_id' | 'specialist_id'> & {
  kind?: IntentRow['kind']
}

/**
 * A child logger for one intent: every line carries `request_id`, `intent_id` and `specialist_id`
 * (and `kind` when known). For a job that tries another specialist than the intent's first
 * ("any specialist"), pass `{ ...intent, specialist_id: job.specialistId }`.
 */
export function intentLogger(base: WorkerLogger, intent: IntentLogFields): WorkerLogger {
  return base.child({
    request_id: intent.request_id,
    intent_id: intent.id,
    specialist_id: intent.specialist_id,
    ...(intent.kind !== undefined ? { kind: intent.kind } : {}),
  })
}
