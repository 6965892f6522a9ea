// The one place where errors become HTTP answers: domain errors by their code, schema failures as
// 422, PostgreSQL constraint violations by SQLSTATE, and anything unexpected as a bare 500 whose
// details stay in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { AppError } from '../../domain/errors.ts'
import { concernsMoney, describeSchemaError, type SchemaError } from '../schemas/validation-messages.ts'

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

/** The schema failure in words; amounts of money are named in the company's currency. */
async function validationMessage(err: FastifyError, request: FastifyRequest): Promise<string> {
  const first = err.validation?.[0] as SchemaError | undefined
  const currency = concernsMoney(first) ? await companyCurrency(request).catch(() => undefined) : undefined
  return describeSchemaError(first, err.validationContext ?? 'body', currency)
}

const companyCurrency = async (request: FastifyRequest) =>
  ((await request.server.deps.db('company').first('currency'))?.currency as string | undefined) ?? 'RUB'

export function errorBody(code: string, message: string) {
  return { error: code, message }
}

/**
 * Fastify's own refusals before a route is found (its `frameworkErrors` option): a URL that is not
 * valid percent-encoding, a path param over `maxParamLength`. Without this Fastify answers them in
 * its shape (`{"error": "Bad Request", "code": …}`) and echoes the whole path back.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return reply.status(414).send(errorBody('uri_too_long', 'A part of the URL path is too long.'))
  if (err.code === 'FST_ERR_BAD_URL')
    return reply
      .status(400)
      .send(errorBody('invalid_url', 'The URL path is not valid (bad percent-encoding).'))
  reply.log.error({ err }, 'unhandled framework error')
  return reply
    .status(500)
    .send(errorBody('internal', 'Something went wrong on our side; it has been logged.'))
}

const describeContentType = (request: FastifyRequest) => {
  const type = request.headers['content-type']?.split(';')[0]?.trim()
  // The header is the caller's text: echo it only when it looks like a media type.
  return type && /^[\w.+-]{1,60}\/[\w.+-]{1,60}$/.test(type) ? type : 'this kind'
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_INVALID_URL: {
    status: 400,
    code: 'invalid_url',
    message:
      'The URL has characters that must be percent-encoded (letters outside English, spaces, …): encode them, e.g. with encodeURIComponent or curl -G --data-urlencode.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: 'The request headers are too large; send fewer or shorter headers.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request took too long to arrive; send it again.',
  },
}

/**
 * Node's HTTP parser refusing a request before Fastify sees it (Fastify's `clientErrorHandler`):
 * raw non-ASCII bytes in the URL (curl sends them as typed), an oversized header block, a request
 * that is not HTTP. Without this Fastify answers `{"error":"Bad Request","message":"Client Error"}`.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const known = CLIENT_ERRORS[err.code ?? '']
  const { status, code, message } = known ?? {
    status: 400,
    code: 'bad_request',
    message: 'The request is not valid HTTP; check the request line and the headers.',
  }
  const body = JSON.stringify(errorBody(code, message))
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(err)
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ ...errorBody(err.code, err.message), ...(err.details ?? {}) })
    }
    if (err.validation)
      return reply.status(422).send(errorBody('invalid_input', await validationMessage(err, request)))
    const fromPg = fromPgError(err)
    if (fromPg) return reply.status(fromPg.status).send(errorBody(fromPg.code, fromPg.message))
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send(errorBody('payload_too_large', 'The request body is too large.'))
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send(
            errorBody(
              'unsupported_media_type',
              `A body of type ${describeContentType(request)} is not accepted: send JSON with the header "Content-Type: application/json".`,
            ),
          )
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send(errorBody('empty_body', 'The JSON body is empty.'))
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send(errorBody('invalid_json', 'The body is not valid JSON.'))
    }
    if (err instanceof SyntaxError)
      return reply.status(400).send(errorBody('invalid_json', 'The body is not valid JSON.'))
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply
        .status(err.statusCode)
        .send(errorBody(String(err.code ?? 'bad_request').toLowerCase(), err.message))
    }
    request.log.error({ err }, 'unhandled error')
    return reply
      .status(500)
      .send(errorBody('internal', 'Something went wrong on our side; it has been logged.'))
  })

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `There is no route ${request.method} ${request.url.split('?')[0]}.`)),
  )
}
