// Telegram login (docs/product.md §7): the Mini App exchanges its signed `initData`, the web its Login Widget
// data, for a session; a logged-in user links or unlinks their Telegram account. The payload only
// identifies the Telegram account: the user is found by `tg_id` (or created as a client) and their
// roles always come from our database.
//
// Without TELEGRAM_BOT_TOKEN nothing can be verified: these routes answer 503 `telegram_disabled`
// (the feature exists but this deployment has it switched off; 404 would suggest a wrong URL).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError, conflict, unauthorized } from '../../domain/errors.ts'
import {
  verifyInitData,
  verifyWidgetData,
  type RefusalReason,
  type TelegramUser,
  type VerifyResult,
} from '../../domain/telegram-init-data.ts'
import type { Db } from '../../data/db.ts'
import { type Language } from '../../data/users-repository.ts'
import { createSession } from '../../data/sessions-repository.ts'
import { currentUserId } from '../plugins/auth.ts'
import { clientKey, limitAttempts } from '../plugins/rate-limit.ts'
import { errors, obj } from '../schemas/common.ts'
import { tokenAndUser, user } from './auth.ts'
import { freeTelegramFor } from './telegram-link.ts'

/** Attempt limits; exported so tests count against the same numbers. */
export const TELEGRAM_LIMITS = {
  /** Telegram login attempts (Mini App and widget together) per client address. */
  perIp: { limit: 60, windowSeconds: 15 * 60 },
} as const

const initData = Type.String({ minLength: 1, maxLength: 4096 })
const widgetSchema = obj(
  {
    id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    first_name: Type.String({ maxLength: 256 }),
    last_name: Type.String({ maxLength: 256 }),
    username: Type.String({ maxLength: 64 }),
    photo_url: Type.String({ maxLength: 2048 }),
    auth_date: Type.Integer({ minimum: 0 }),
    hash: Type.String({ maxLength: 128 }),
  },
  ['id', 'first_name', 'auth_date', 'hash'],
)

const MESSAGES: Record<RefusalReason, string> = {
  malformed: 'The Telegram login data is not valid.',
  invalid_signature: 'The Telegram login data is not valid.',
  expired: 'The Telegram login data has expired; open the app from Telegram again.',
  from_future: 'The Telegram login data is not valid (its date lies in the future).',
}

const refused = (reason: RefusalReason) => new AppError(401, 'invalid_init_data', MESSAGES[reason])

/** The name we store: first and last name, else the username; within the column's 200 characters. */
function displayName(u: TelegramUser): string {
  const full = [u.first_name, u.last_name ?? '']
    .map((s) => s.trim())
    .join(' ')
    .trim()
  return (full || u.username || `Telegram ${u.id}`).slice(0, 200)
}

const languageOf = (u: TelegramUser): Language =>
  u.language_code?.toLowerCase().startsWith('en') ? 'en' : 'ru'

/** A taken tg_id (unique violation) — another user owns this Telegram account. */
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

const telegramAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis, config } = app.deps
  const users = app.deps.repos.users

  const botToken = () => {
    if (!config.telegramBotToken)
      throw new AppError(503, 'telegram_disabled', 'Telegram login is not configured on this server.')
    return config.telegramBotToken
  }
  const freshness = () => ({ nowS: Math.floor(Date.now() / 1000), maxAgeS: config.telegramInitDataTtlS })
  const accepted = (result: VerifyResult) => {
    if (!result.ok) throw refused(result.reason)
    return result.data.user
  }
  const limit = (request: FastifyRequest, reply: FastifyReply) =>
    limitAttempts(redis, reply, [
      { key: `rl:telegram:ip:${clientKey(request.ip)}`, ...TELEGRAM_LIMITS.perIp },
    ])

  /** The user behind a Telegram account: found by tg_id (username refreshed) or created as a client. */
  const findOrCreate = async (tg: TelegramUser): Promise<number> => {
    const existing = await users.findIdByTgId(tg.id)
    if (existing !== undefined) {
      await users.update(existing, { tgUsername: tg.username })
      return existing
    }
    try {
      return await users.create(
        { name: displayName(tg), language: languageOf(tg), tgId: tg.id, tgUsername: tg.username },
        ['client'],
      )
    } catch (err) {
      // Two first exchanges at once: the other one created the user.
      const raced =
        err instanceof AppError && err.status === 409 ? await users.findIdByTgId(tg.id) : undefined
      if (raced === undefined) throw err
      return raced
    }
  }

  const issue = async (userId: number) => {
    const token = await createSession(db, userId, config.sessionTtlHours)
    return { token, user: (await users.findById(userId))! }
  }

  app.post(
    '/api/auth/telegram',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'loginWithTelegram',
        tags: ['auth'],
        summary:
          'Mini App login: exchanges the signed Telegram initData for a session (the same initData works again until it is older than the window).',
        body: obj({ init_data: initData }, ['init_data']),
        response: { 200: tokenAndUser, ...errors(401, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const token = botToken()
      await limit(request, reply)
      const tg = accepted(verifyInitData(request.body.init_data, token, freshness()))
      return issue(await findOrCreate(tg))
    },
  )

  app.post(
    '/api/auth/telegram-widget',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'loginWithTelegramWidget',
        tags: ['auth'],
        summary: 'Web login with the Telegram Login Widget: exchanges its signed data for a session.',
        body: widgetSchema,
        response: { 200: tokenAndUser, ...errors(401, 413, 415, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const token = botToken()
      await limit(request, reply)
      const tg = accepted(verifyWidgetData(request.body, token, freshness()))
      return issue(await findOrCreate(tg))
    },
  )

  /**
   * Sets the user's Telegram account. An account the Mini App or the bot created for it that holds
   * nothing gives it up and goes; any other owner is refused with 409 (see freeTelegramFor).
   */
  const link = async (userId: number, tg: TelegramUser, trx: Db) => {
    await freeTelegramFor(app.deps.repos, tg.id, userId, trx)
    await users.setTelegram(userId, tg, trx).catch((err: unknown) => {
      if (isUniqueViolation(err))
        throw conflict('telegram_taken', 'This Telegram account belongs to another user.')
      throw err
    })
  }

  app.post(
    '/api/me/telegram',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'linkTelegram',
        tags: ['auth'],
        summary:
          'Links a Telegram account to the logged-in user: send the Mini App initData, or the Login Widget data as `widget`.',
        body: {
          ...obj({ init_data: initData, widget: widgetSchema }),
          oneOf: [{ required: ['init_data'] }, { required: ['widget'] }],
        },
        response: { 200: user, ...errors(401, 409, 413, 415, 422, 503) },
      },
    },
    async (request) => {
      const token = botToken()
      const userId = currentUserId(request)
      const { init_data, widget } = request.body
      const tg = accepted(
        init_data !== undefined
          ? verifyInitData(init_data, token, freshness())
          : verifyWidgetData(widget!, token, freshness()),
      )
      return db.transaction(async (trx) => {
        await link(userId, tg, trx)
        const me = await users.findById(userId, trx)
        if (!me) throw unauthorized()
        return me
      })
    },
  )

  app.delete(
    '/api/me/telegram',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'unlinkTelegram',
        tags: ['auth'],
        summary:
          'Unlinks the Telegram account; refused while Telegram is the only way to log in (no password with an e-mail or phone).',
        response: { 200: user, ...errors(401, 409) },
      },
    },
    async (request) => {
      const userId = currentUserId(request)
      return db.transaction(async (trx) => {
        const row = await users.lockLoginMethods(userId, trx)
        if (!row) throw unauthorized()
        if (row.tg_id !== null) {
          // A password only helps with a login to type it with.
          const canLogInOtherwise = row.password_hash !== null && (row.email !== null || row.phone !== null)
          if (!canLogInOtherwise)
            throw conflict(
              'telegram_only_login',
              'Telegram is your only way to log in: set a password with an e-mail or phone first.',
            )
          await users.setTelegram(userId, null, trx)
        }
        return (await users.findById(userId, trx))!
      })
    },
  )
}

export default telegramAuthRoutes
