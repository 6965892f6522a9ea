// The bot's door to the API (internal token only): the Telegram person behind an update, found by
// tg_id or created as a client, and a session opened for them, so the bot then calls the public
// API as that person. Telegram itself vouches for `from` only on the webhook the bot checks, which
// is why this route trusts the internal token rather than the payload.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../../domain/errors.ts'
import type { Language } from '../../data/users-repository.ts'
import { createSession } from '../../data/sessions-repository.ts'
import { notificationRecordsRepository } from '../../data/notification-records-repository.ts'
import { errors, obj } from '../schemas/common.ts'
import { tokenAndUser } from './auth.ts'

/** Telegram's text as it sends it: no control characters (PostgreSQL refuses NUL). */
const tgText = (maxLength: number) => Type.String({ maxLength, pattern: '^[^\\x00-\\x1f]*$' })

/** The Telegram person behind an update, as the bot sends it. */
export const from = obj(
  {
    tg_id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    first_name: tgText(256),
    last_name: tgText(256),
    username: tgText(64),
    language_code: tgText(35),
  },
  ['tg_id', 'first_name'],
)

/** ru or en from Telegram's language_code ('en', 'en-GB'); anything else is Russian. */
export const languageOf = (code: string | undefined): Language =>
  code?.toLowerCase().startsWith('en') ? 'en' : 'ru'

const internalTelegramRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.deps
  const users = app.deps.repos.users
  const records = notificationRecordsRepository(db)

  app.post(
    '/internal/telegram/session',
    {
      config: { access: 'internal' },
      schema: {
        operationId: 'internalTelegramSession',
        tags: ['internal'],
        summary:
          "The bot's session for a Telegram person: found by tg_id (username refreshed) or created as a client, with their stored language and roles.",
        body: from,
        response: { 200: tokenAndUser, ...errors(403, 413, 415, 422) },
      },
    },
    async (request) => {
      const tg = request.body
      const username = tg.username ?? null
      let userId = await users.findIdByTgId(tg.tg_id)
      if (userId !== undefined) await users.update(userId, { tgUsername: username })
      else {
        const name = (
          [tg.first_name, tg.last_name ?? ''].join(' ').trim() ||
          username ||
          `Telegram ${tg.tg_id}`
        ).slice(0, 200)
        try {
          userId = await users.create(
            { name, language: languageOf(tg.language_code), tgId: tg.tg_id, tgUsername: username },
            ['client'],
          )
        } catch (err) {
          // Two first updates at once: the other one created the user.
          userId =
            err instanceof AppError && err.status === 409 ? await users.findIdByTgId(tg.tg_id) : undefined
          if (userId === undefined) throw err
        }
      }
      // Writing to the bot undoes a block: the notifier may send to this chat again.
      await records.markReachable(tg.tg_id)
      const token = await createSession(db, userId, config.sessionTtlHours)
      return { token, user: (await users.findById(userId))! }
    },
  )
}

export default internalTelegramRoutes
