// What the OpenAPI document says about each operation, checked as routes are added: a name
// (`operationId`, which the generated clients call), tags, and the credential its access rule asks
// for. The credential is derived from `config.access` rather than written beside it, so the
// document cannot promise less, or more, than the auth plugin enforces.
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Access } from './auth.ts'
import { isBoardUrl } from './queue-board.ts'

/** The security requirement of an access rule; public routes need none. */
export function securityOf(access: Access): Record<string, string[]>[] | undefined {
  if (access === 'public') return undefined
  return access === 'internal' ? [{ internal: [] }] : [{ bearer: [] }]
}

/** Routes that libraries add (documentation, the CORS preflight, the queue board's pages). */
const isLibraryRoute = (route: RouteOptions) =>
  route.url.startsWith('/docs') || route.method === 'OPTIONS' || isBoardUrl(route.url)

/** Register after the security and auth plugins, whose hooks settle every route's access rule. */
export function registerOperations(app: FastifyInstance) {
  const names = new Map<string, string>()
  app.addHook('onRoute', (route) => {
    if (isLibraryRoute(route)) return
    const where = `route ${[route.method].flat().join(',')} ${route.url}`
    const schema = (route.schema ??= {}) as NonNullable<RouteOptions['schema']> & {
      operationId?: string
      tags?: string[]
      security?: unknown
    }
    const security = securityOf(route.config!.access!)
    if (security) schema.security = security
    else delete schema.security
    // Fastify adds a HEAD route for each GET, with the same schema: one operation, one name.
    if (route.method === 'HEAD') return
    if (!schema.operationId) throw new Error(`${where} has no operationId (schema.operationId)`)
    if (!schema.tags?.length) throw new Error(`${where} has no tags (schema.tags)`)
    const taken = names.get(schema.operationId)
    if (taken) throw new Error(`${where} has the operationId "${schema.operationId}" of ${taken}`)
    names.set(schema.operationId, where)
  })
}
