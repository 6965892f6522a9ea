// Sessions and the access rule of every route. A route declares `config.access`; a route without
// one stops the app from starting (deny by default). Roles always come from the database.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Db } from '../../data/db.ts'
import { forbidden, unauthorized } from '../../domain/errors.ts'
import type { Role } from '../../domain/roles.ts'

export { ROLES, type Role } from '../../domain/roles.ts'

/** 'public': anyone; 'user': any logged-in user; 'internal': the internal token; a list: any of those roles. */
export type Access = 'public' | 'user' | 'internal' | readonly Role[]

export interface AuthContext {
  userId: number
  roles: Role[]
  sessionId: number
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
  interface FastifyRequest {
    auth: AuthContext | null
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(db: Db, userId: number, ttlHours: number) {
  const token = randomBytes(32).toString('base64url')
  await db('sessions').insert({
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: new Date(Date.now() + ttlHours * 3600_000),
  })
  return token
}

export async function revokeSession(db: Db, sessionId: number) {
  await db('sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: db.fn.now() })
}

/**
 * The user and roles of the one live session (neither revoked nor expired) that `where` names —
 * by token hash for a bearer token, by id for the queue board's grant.
 */
export async function liveSession(db: Db, where: Record<string, unknown>): Promise<AuthContext | null> {
  const row = await db('sessions as s')
    .where(where)
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', db.fn.now())
    .select(
      's.id',
      's.user_id',
      db.raw('coalesce(array_agg(r.role) filter (where r.role is not null), ?) as roles', [[]]),
    )
    .leftJoin('user_roles as r', 'r.user_id', 's.user_id')
    .groupBy('s.id', 's.user_id')
    .first()
  return row ? { userId: row.user_id, roles: row.roles as Role[], sessionId: row.id } : null
}

const resolveSession = (db: Db, token: string) => liveSession(db, { 's.token_hash': hashToken(token) })

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
      request.auth = await resolveSession(deps.db, token)
      if (!request.auth && access !== 'public') throw unauthorized('Your session has expired; log in again.')
    }
    if (access === 'public') return
    if (!request.auth) throw unauthorized()
    if (access === 'user') return
    if (!access.some((role) => request.auth!.roles.includes(role))) throw forbidden()
  })
}
