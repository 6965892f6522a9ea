// Login sessions: a random bearer token, stored only as its SHA-256 hash, with an expiry and an
// optional revocation. The roles of a session's user are read with it on every request, so a role
// taken away counts at once.
import { createHash, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { Role } from '../domain/roles.ts'
import { prepared } from './prepared.ts'

export interface SessionUser {
  userId: number
  roles: Role[]
  sessionId: number
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

/** Opens a session for the user; returns its bearer token (only its hash is stored). */
export async function createSession(db: Knex, userId: number, ttlHours: number): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await db('sessions').insert({
    user_id: userId,
    token_hash: hashToken(token),
    expires_at: new Date(Date.now() + ttlHours * 3600_000),
  })
  return token
}

export async function revokeSession(db: Knex, sessionId: number): Promise<void> {
  await db('sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: db.fn.now() })
}

/**
 * The user and roles of the one live session (neither revoked nor expired) that `where` names —
 * by token hash for a bearer token, by id for the queue board's grant.
 */
async function liveSession(db: Knex, where: Record<string, unknown>): Promise<SessionUser | null> {
  // Prepared by name: every authenticated request starts with it.
  const row = await prepared(
    db('sessions as s')
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
      .first(),
  )
  return row ? { userId: row.user_id, roles: row.roles as Role[], sessionId: row.id } : null
}

/** The live session a bearer token opens. */
export const sessionOfToken = (db: Knex, token: string) =>
  liveSession(db, { 's.token_hash': hashToken(token) })

/** The live session with this id, if it still belongs to this user. */
export const sessionOfUser = (db: Knex, sessionId: number, userId: number) =>
  liveSession(db, { 's.id': sessionId, 's.user_id': userId })

/** The same queries bound to the process's pool, for `createRepositories` (src/data/repositories.ts). */
export function sessionsRepository(db: Knex) {
  return {
    create: (userId: number, ttlHours: number) => createSession(db, userId, ttlHours),
    revoke: (sessionId: number) => revokeSession(db, sessionId),
    ofToken: (token: string) => sessionOfToken(db, token),
    ofUser: (sessionId: number, userId: number) => sessionOfUser(db, sessionId, userId),
  }
}
