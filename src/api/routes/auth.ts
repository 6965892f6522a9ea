// Registration and login with an e-mail or phone and a password, logout, and the current user.
// Login and registration are rate-limited in Redis per client address (and login also per
// address + login), before any password hashing, so guessing and hash-flooding are both bounded.
import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TSchema } from 'typebox'
import { AppError, invalid, unauthorized } from '../../domain/errors.ts'
import { hashPassword, verifyPassword } from '../../infra/password.ts'
import { PHONE_MESSAGE } from '../../domain/phone.ts'
import {
  LANGUAGES,
  normalizeEmail,
  normalizePhone,
  parseLogin,
  type UserPatch,
} from '../../data/users-repository.ts'
import { createSession, revokeSession } from '../../data/sessions-repository.ts'
import { currentUserId } from '../plugins/auth.ts'
import { clientKey, limitAttempts, resetAttempts } from '../plugins/rate-limit.ts'
import { errors, name, obj, oneOf, patchOf } from '../schemas/common.ts'
import { ref } from '../schemas/components.ts'

/** Attempt limits; exported so tests count against the same numbers. */
export const LIMITS = {
  /** Login attempts per client address and login identifier. */
  loginPerLogin: { limit: 10, windowSeconds: 15 * 60 },
  /** Login attempts per client address, whatever the identifier. */
  loginPerIp: { limit: 50, windowSeconds: 15 * 60 },
  /** Registrations per client address. */
  registerPerIp: { limit: 20, windowSeconds: 60 * 60 },
} as const

/** null removes the contact. */
const orNull = <S extends TSchema>(schema: S) => Type.Union([schema, Type.Null()])
const language = oneOf(LANGUAGES)
const password = Type.String({ minLength: 8, maxLength: 128 })
const phoneInput = Type.String({
  maxLength: 40,
  example: '+79991234567',
  description: 'With the country code, or a Russian national number (8 916 123-45-67); stored as E.164.',
})
const emailInput = Type.String({ maxLength: 254, example: 'anna@example.com' })

/** The user as every auth answer shows it (the User component). */
export const user = ref('User')
export const tokenAndUser = obj({ token: Type.String(), user }, ['token', 'user'])

const EMAIL_MESSAGE = 'The e-mail address does not look right; check it, e.g. anna@example.com.'

function cleanName(raw: string) {
  const trimmed = raw.trim()
  if (!trimmed) throw invalid('The name must not be blank.')
  return trimmed
}
function cleanPhone(raw: string) {
  const phone = normalizePhone(raw)
  if (!phone) throw invalid(PHONE_MESSAGE, 'invalid_phone')
  return phone
}
function cleanEmail(raw: string) {
  const email = normalizeEmail(raw)
  if (!email) throw invalid(EMAIL_MESSAGE, 'invalid_email')
  return email
}
/** Web forms send empty fields as "": treat them as not given. */
const given = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : undefined)

/** A short, fixed-length digest of a login, so keys stay small and hold no personal data. */
const loginDigest = (login: string) => createHash('sha256').update(login).digest('base64url').slice(0, 22)

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis, config } = app.deps
  const users = app.deps.repos.users

  const issue = async (userId: number) => {
    const token = await createSession(db, userId, config.sessionTtlHours)
    return { token, user: (await users.findById(userId))! }
  }

  app.post(
    '/api/auth/register',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'register',
        tags: ['auth'],
        summary: 'Register with a phone and/or an e-mail and a password; logs the new client in.',
        body: obj({ name, phone: phoneInput, email: emailInput, password, language }, ['name', 'password']),
        response: { 201: tokenAndUser, ...errors(400, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const ip = clientKey(request.ip)
      await limitAttempts(redis, reply, [{ key: `rl:register:ip:${ip}`, ...LIMITS.registerPerIp }])
      const body = request.body
      const rawPhone = given(body.phone)
      const rawEmail = given(body.email)
      if (rawPhone === undefined && rawEmail === undefined)
        throw invalid('Give a phone number or an e-mail address (or both).', 'contact_required')
      const fields = {
        name: cleanName(body.name),
        phone: rawPhone === undefined ? null : cleanPhone(rawPhone),
        email: rawEmail === undefined ? null : cleanEmail(rawEmail),
        language: body.language ?? 'ru',
      }
      const userId = await users.create({ ...fields, passwordHash: await hashPassword(body.password) }, [
        'client',
      ])
      return reply.status(201).send(await issue(userId))
    },
  )

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Log in with an e-mail or phone and the password.',
        body: obj(
          {
            login: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ maxLength: 128 }),
          },
          ['login', 'password'],
        ),
        response: { 200: tokenAndUser, ...errors(400, 401, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { login, password: attempt } = request.body
      const parsed = parseLogin(login)
      // Variants of the same login (case, spacing) share one counter.
      const canonical = parsed
        ? 'email' in parsed
          ? parsed.email
          : parsed.phone
        : login.trim().toLowerCase()
      const ip = clientKey(request.ip)
      const pairKey = `rl:login:id:${ip}:${loginDigest(canonical)}`
      await limitAttempts(redis, reply, [
        { key: `rl:login:ip:${ip}`, ...LIMITS.loginPerIp },
        { key: pairKey, ...LIMITS.loginPerLogin },
      ])
      const found = parsed ? await users.findCredentials(parsed) : undefined
      // verifyPassword hashes even without a stored hash, so an unknown login costs the same time.
      const ok = await verifyPassword(found?.password_hash, attempt)
      // One answer for an unknown login and a wrong password, so neither reveals which it was.
      if (!found || !ok) throw new AppError(401, 'invalid_credentials', 'The login or the password is wrong.')
      await resetAttempts(redis, [pairKey])
      return issue(found.id)
    },
  )

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'Ends the current session.',
        response: { 204: Type.Null({ description: 'The session is ended.' }), ...errors(401) },
      },
    },
    async (request, reply) => {
      await revokeSession(db, request.auth!.sessionId)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The logged-in user with roles.',
        response: { 200: user, ...errors(401) },
      },
    },
    async (request) => {
      const me = await users.findById(currentUserId(request))
      if (!me) throw unauthorized()
      return me
    },
  )

  app.patch(
    '/api/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'updateMe',
        tags: ['auth'],
        summary: 'Changes the own name, language, e-mail or phone (null removes a contact).',
        body: patchOf(obj({ name, language, email: orNull(emailInput), phone: orNull(phoneInput) })),
        response: { 200: user, ...errors(400, 401, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const userId = currentUserId(request)
      const body = request.body
      const patch: UserPatch = {}
      if (body.name !== undefined) patch.name = cleanName(body.name)
      if (body.language !== undefined) patch.language = body.language
      if (body.email !== undefined)
        patch.email = given(body.email ?? undefined) ? cleanEmail(body.email!) : null
      if (body.phone !== undefined)
        patch.phone = given(body.phone ?? undefined) ? cleanPhone(body.phone!) : null
      return db.transaction(async (trx) => {
        await users.update(userId, patch, trx)
        const me = await users.findById(userId, trx)
        if (!me) throw unauthorized()
        // Keep a way to log in: removing the last contact would strand the account.
        if (me.email === null && me.phone === null && me.tg_id === null)
          throw invalid('Keep at least a phone or an e-mail: it is how you log in.', 'contact_required')
        return me
      })
    },
  )
}

export default authRoutes
