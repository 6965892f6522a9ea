// Request bodies are JSON or nothing. A body-less POST (`curl -X POST …/cancel`) and an empty JSON
// body both mean "no fields": where a route's body is an object, it is validated as `{}`, so an
// action whose fields are all optional just works and one that needs a field names it.
import type { FastifyInstance } from 'fastify'

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
    if (text.trim() === '') return done(null, undefined)
    parseJson(request, text, done)
  })

  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined) return
    const schema = request.routeOptions.schema?.body as { type?: unknown } | undefined
    if (schema?.type === 'object') request.body = {}
  })
}
