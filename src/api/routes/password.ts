// POST /api/me/password: a logged-in user changes their password. Rate-limited like login (per
// address, and per user), checked against the current password before anything changes, and it ends
// the user's other sessions: a password changed because it leaked locks out whoever used it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError, invalid } from '../../domain/errors.ts'
import { hashPassword, verifyPassword } from '../../infra/password.ts'
import { currentUserId } from '../plugins/auth.ts'
import { clientKey, limitAttempts } from '../plugins/rate-limit.ts'
import { errors, obj } from '../schemas/common.ts'

export const PASSWORD_LIMITS = {
  /** Attempts per user: guessing the current password from a stolen session is bounded. */
  perUser: { limit: 10, windowSeconds: 15 * 60 },
  perIp: { limit: 50, windowSeconds: 15 * 60 },
} as const

export const newPassword = Type.String({ minLength: 8, maxLength: 128, description: '8 to 128 characters.' })

const passwordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis } = app.deps
  const credentials = app.deps.repos.credentials

  app.post(
    '/api/me/password',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: "Changes the own password; ends the user's other sessions.",
        description:
          'current_password is required when the account has a password; an account without one (made ' +
          'through Telegram) sets its first password with new_password alone.',
        body: obj({ current_password: Type.String({ maxLength: 128 }), new_password: newPassword }, [
          'new_password',
        ]),
        response: {
          200: obj({ ok: Type.Boolean(), other_sessions_ended: Type.Integer() }, [
            'ok',
            'other_sessions_ended',
          ]),
          ...errors(400, 401, 403, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const userId = currentUserId(request)
      await limitAttempts(redis, reply, [
        { key: `rl:password:ip:${clientKey(request.ip)}`, ...PASSWORD_LIMITS.perIp },
        { key: `rl:password:user:${userId}`, ...PASSWORD_LIMITS.perUser },
      ])
      const { current_password: current, new_password: next } = request.body
      const stored = await credentials.passwordHash(userId)
      if (stored !== null) {
        if (current === undefined)
          throw invalid(
            'Give current_password, the password you log in with now.',
            'current_password_required',
          )
        if (!(await verifyPassword(stored, current)))
          throw new AppError(403, 'wrong_password', 'The current password is wrong; check it and try again.')
        if (current === next)
          throw invalid('The new password is the current one; choose another.', 'same_password')
      }
      const hash = await hashPassword(next)
      const ended = await db.transaction((trx) =>
        credentials.setPassword(userId, hash, request.auth!.sessionId, trx),
      )
      return { ok: true, other_sessions_ended: ended }
    },
  )
}

export default passwordRoutes
