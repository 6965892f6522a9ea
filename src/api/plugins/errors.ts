// The one place where errors become HTTP answers: domain, machine, money and PostgreSQL errors as
// `errorOutcome` maps them (the worker records intents' outcomes with the same function), schema
// failures as 422, Fastify's and Node's own refusals by their codes, and anything unexpected as a
// bare 500 whose details stay in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { companyCurrency } from '../../data/company-repository.ts'
import { errorOutcome } from '../../data/error-outcome.ts'
import { concernsMoney, describeSchemaError, type SchemaError } from '../schemas/validation-messages.ts'

/** The schema failure in words; amounts of money are named in the company's currency. */
async function validationMessage(err: FastifyError, request: FastifyRequest): Promise<string> {
  const first = err.validation?.[0] as SchemaError | undefined
  const currency = concernsMoney(first) ? await currencyOf(request).catch(() => undefined) : undefined
  return describeSchemaError(first, err.validationContext ?? 'body', currency)
}

const currencyOf = (request: FastifyRequest) => companyCurrency(request.server.deps.db)

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
    const known = errorOutcome(err)
    if (known) {
      if (known.status >= 500) request.log.error({ err, code: known.code }, 'request cannot be processed')
      return reply
        .status(known.status)
        .send({ ...errorBody(known.code, known.message), ...(known.details ?? {}) })
    }
    if (err.validation)
      return reply.status(422).send(errorBody('invalid_input', await validationMessage(err, request)))
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
