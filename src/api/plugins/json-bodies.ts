// Request bodies are JSON or nothing. A body-less POST (`curl -X POST …/cancel`) and an empty JSON
// body both mean "no fields": where a route's body is an object, it is validated as `{}`, so an
// action whose fields are all optional just works and one that needs a field names it.
import type { FastifyInstance } from 'fastify'
import { AppError } from '../../domain/errors.ts'

/** The charset a JSON body declares, if any (`application/json; charset=utf-16` → `utf-16`). */
const declaredCharset = (contentType: string | undefined) =>
  /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()

export function registerJsonBodies(app: FastifyInstance) {
  // Fastify parses text/plain by default: a JSON route would then see a string and refuse it as
  // "not an object" (422), where the fault is the content type (415, answered by the error handler).
  app.removeContentTypeParser(['application/json', 'text/plain'])
  const parseJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  )
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    // JSON is UTF-8 (RFC 8259): a body that says otherwise would be read as the wrong text.
    const charset = declaredCharset(request.headers['content-type'])
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return done(
        new AppError(
          415,
          'unsupported_charset',
          `A JSON body in ${charset} is not accepted: send it in UTF-8 ("Content-Type: application/json; charset=utf-8", or no charset).`,
        ),
        undefined,
      )
    if (text.trim() === '') return done(null, undefined)
    parseJson(request, text, done)
  })

  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined) return
    const schema = request.routeOptions.schema?.body as { type?: unknown } | undefined
    if (schema?.type === 'object') request.body = {}
  })
}
