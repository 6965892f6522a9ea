// Sessions and the access rule of every route. A route declares `config.access`; a route without
// one stops the app from starting (deny by default). Roles always come from the database.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../../data/db.ts'
import { sessionOfToken, type SessionUser } from '../../data/sessions-repository.ts'
import { forbidden, unauthorized } from '../../domain/errors.ts'
import type { Role } from '../../domain/roles.ts'

export { ROLES, type Role } from '../../domain/roles.ts'

/** 'public': anyone; 'user': any logged-in user; 'internal': the internal token; a list: any of those roles. */
export type Access = 'public' | 'user' | 'internal' | readonly Role[]

export type AuthContext = SessionUser

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    auth: AuthContext | null
  }
}

const bearer = (request: FastifyRequest) => {
  const h = request.headers.authorization
  if (!h) return null
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(h)
  return m ? m[1]! : ''
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export const hasRole = (request: FastifyRequest, role: Role) => request.auth?.roles.includes(role) ?? false

/** The logged-in user's id, for handlers of routes whose access rule already requires a user. */
export function currentUserId(request: FastifyRequest): number {
  if (!request.auth) throw unauthorized()
  return request.auth.userId
}

export function registerAuth(app: FastifyInstance, deps: { db: Db; internalToken: string }) {
  app.decorateRequest('auth', null)

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/docs')) {
      throw new Error(`route ${route.method} ${route.url} has no access rule (config.access)`)
    }
  })

  app.addHook('onRequest', async (request) => {
    const access =
      request.routeOptions.config?.access ?? (request.url.startsWith('/docs') ? 'public' : undefined)
    if (access === undefined) return // unmatched route: the 404 handler answers
    if (access === 'internal') {
      const given = request.headers['x-internal-token']
      if (typeof given !== 'string' || !safeEqual(given, deps.internalToken))
        throw forbidden('Internal route.')
      return
    }
    const token = bearer(request)
    if (token === '') throw unauthorized('The Authorization header must be "Bearer <token>".')
    if (token) {
      request.auth = await sessionOfToken(deps.db, token)
      if (!request.auth && access !== 'public') throw unauthorized('Your session has expired; log in again.')
    }
    if (access === 'public') return
    if (!request.auth) throw unauthorized()
    if (access === 'user') return
    if (!access.some((role) => request.auth!.roles.includes(role))) throw forbidden()
  })
}
