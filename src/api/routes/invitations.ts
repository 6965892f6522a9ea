// Invitations: an admin creates a specialist (who has no password), then asks for a one-time code
// for them; the specialist opens the link or types the code, sets a password (and an e-mail or a
// phone to log in with, if the admin left both out) and is logged in. Linking Telegram afterwards
// is the usual POST /api/me/telegram. A code lives 7 days, is used once, and a new code for the
// same person revokes the old one.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { normalizeEmail, normalizePhone, type UserPatch } from '../../data/users-repository.ts'
import { isoInZone } from '../../domain/dates.ts'
import { AppError, conflict, invalid, notFound } from '../../domain/errors.ts'
import { PHONE_MESSAGE } from '../../domain/phone.ts'
import { hashPassword } from '../../infra/password.ts'
import { createSession } from '../../data/sessions-repository.ts'
import { currentUserId } from '../plugins/auth.ts'
import { clientKey, limitAttempts } from '../plugins/rate-limit.ts'
import { errors, id, idParams, obj } from '../schemas/common.ts'
import { tokenAndUser } from './auth.ts'
import { newPassword } from './password.ts'

export const INVITATION_DAYS = 7
/** Acceptance attempts per client address: codes cannot be guessed at any useful rate. */
export const ACCEPT_LIMIT = { limit: 20, windowSeconds: 15 * 60 } as const

const invitationOutput = obj(
  {
    code: Type.String({ description: 'Give it to the specialist; it is shown only this once.' }),
    url: Type.String({
      description:
        "The web site's invitation page with the code in its fragment (never sent to a server); " +
        'relative when CORS_ORIGINS names no web site.',
    }),
    expires_at: Type.String({ format: 'date-time' }),
    user_id: id,
    specialist_id: id,
  },
  ['code', 'url', 'expires_at', 'user_id', 'specialist_id'],
)

const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis, config } = app.deps
  const credentials = app.deps.repos.credentials
  const catalogue = app.deps.repos.setup
  const users = app.deps.repos.users
  const site = config.corsOrigins[0]?.replace(/\/+$/, '') ?? ''

  app.post(
    '/api/admin/specialists/:id/invitation',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'adminInviteSpecialist',
        tags: ['admin: specialists'],
        summary: 'A one-time code (and link) with which the specialist sets a password and logs in',
        description: `Valid ${INVITATION_DAYS} days, used once; a new one revokes the specialist's earlier codes.`,
        params: idParams,
        response: { 201: invitationOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const specialist = await catalogue.specialistWithZone(request.params.id)
      if (!specialist) throw notFound('Specialist')
      if (!specialist.active)
        throw conflict(
          'specialist_inactive',
          'This specialist is deactivated; activate them (PATCH {"active": true}) before inviting them.',
        )
      const invitation = await db.transaction((trx) =>
        credentials.invite(specialist.user_id, currentUserId(request), INVITATION_DAYS, trx),
      )
      return reply.status(201).send({
        code: invitation.code,
        url: `${site}/invite#code=${invitation.code}`,
        expires_at: isoInZone(invitation.expiresAt, specialist.timezone),
        user_id: specialist.user_id,
        specialist_id: specialist.id,
      })
    },
  )

  app.post(
    '/api/auth/invitation',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'acceptInvitation',
        tags: ['auth'],
        summary: 'Uses an invitation code: sets the password (and a missing e-mail or phone); logs in',
        body: obj(
          {
            code: Type.String({ minLength: 1, maxLength: 64, example: '7K3Q-9XWM-2RTB-HC4D' }),
            password: newPassword,
            email: Type.String({ maxLength: 254 }),
            phone: Type.String({ maxLength: 40 }),
          },
          ['code', 'password'],
        ),
        response: { 200: tokenAndUser, ...errors(400, 404, 409, 410, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      await limitAttempts(redis, reply, [
        { key: `rl:invitation:ip:${clientKey(request.ip)}`, ...ACCEPT_LIMIT },
      ])
      const body = request.body
      const hash = await hashPassword(body.password)
      const userId = await db.transaction(async (trx) => {
        const invitation = await credentials.findForUse(body.code, trx)
        if (!invitation)
          throw new AppError(
            404,
            'invitation_not_found',
            'This invitation code is not known; check it (letters and digits, dashes optional) or ask the salon for a new one.',
          )
        if (invitation.used_at)
          throw new AppError(
            410,
            'invitation_used',
            'This invitation was already used; log in with the password set then, or ask the salon for a new invitation.',
          )
        if (invitation.revoked_at)
          throw new AppError(
            410,
            'invitation_revoked',
            'This invitation was replaced by a newer one; use the latest code the salon gave you.',
          )
        if (invitation.expires_at.getTime() <= Date.now())
          throw new AppError(
            410,
            'invitation_expired',
            'This invitation has expired; ask the salon for a new one.',
          )

        const me = (await users.findById(invitation.user_id, trx))!
        const patch: UserPatch = {}
        const given = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined)
        const email = given(body.email)
        const phone = given(body.phone)
        if (email !== undefined) {
          const normalized = normalizeEmail(email)
          if (!normalized)
            throw invalid(
              'The e-mail address does not look right; check it, e.g. anna@example.com.',
              'invalid_email',
            )
          if (me.email !== null && me.email !== normalized)
            throw invalid(
              'Your account has an e-mail already; change it after logging in (PATCH /api/me).',
              'contact_set',
            )
          patch.email = normalized
        }
        if (phone !== undefined) {
          const normalized = normalizePhone(phone)
          if (!normalized) throw invalid(PHONE_MESSAGE, 'invalid_phone')
          if (me.phone !== null && me.phone !== normalized)
            throw invalid(
              'Your account has a phone already; change it after logging in (PATCH /api/me).',
              'contact_set',
            )
          patch.phone = normalized
        }
        if ((patch.email ?? me.email) === null && (patch.phone ?? me.phone) === null)
          throw invalid(
            'Give an e-mail or a phone as well: it is what you will log in with.',
            'contact_required',
          )
        if (Object.keys(patch).length) await users.update(me.id, patch, trx)
        // A first password, like a reset: no earlier session of this account outlives it.
        await credentials.setPassword(me.id, hash, null, trx)
        await credentials.markUsed(invitation.id, trx)
        return me.id
      })
      const token = await createSession(db, userId, config.sessionTtlHours)
      return { token, user: (await users.findById(userId))! }
    },
  )
}

export default invitationRoutes
