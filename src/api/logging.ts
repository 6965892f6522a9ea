// How the API process logs (pino through Fastify): JSON lines with the request id as `request_id`,
// the name the worker logs it under too (src/workers/log.ts), and no secret in any line — request
// URLs are logged with the values of secret query parameters replaced, and credential headers and
// fields are redacted (src/infra/log-redaction.ts).
import { LogController, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import type { DestinationStream } from 'pino'
import { REDACT_PATHS, REDACTED, redactUrl } from '../infra/log-redaction.ts'

export interface ApiLoggingOptions {
  /** Minimum level written (config.logLevel); 'silent' writes nothing. */
  level: string
  /** Where lines go; standard output when left out (tests capture them here). */
  destination?: DestinationStream
}

/** Fastify's own request serializer, with the URL's secrets replaced. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}

/** The logger options of the API's Fastify instance (its `buildApp` options). */
export function apiLogging(opts: ApiLoggingOptions): Pick<FastifyServerOptions, 'logger' | 'logController'> {
  return {
    logger: {
      level: opts.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { req: serializeRequest as never },
      ...(opts.destination && { stream: opts.destination }),
    },
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
  }
}
