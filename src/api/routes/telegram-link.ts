// Linking a web account to Telegram with a one-time code (docs/product.md §7, "Linking Telegram
// with a code"): the logged-in user asks for a code in the web profile and sends it to the bot
// (`/link <code>`, or the t.me deep link `?start=link-<code>`); the bot hands the code and the
// Telegram person to the internal route, which links that tg_id to the code's user and uses the
// code up, in one transaction, so that a refused code changes nothing.
//
// The person has usually written to the bot before (every update opens a session, creating a
// client for an unknown tg_id): such an account that holds nothing gives its tg_id up and is
// removed; one with bookings, money, packages or discounts is kept and the link refused.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Db } from '../../data/db.ts'
import type { Repositories } from '../../data/repositories.ts'
import type { Holdings } from '../../data/telegram-links-repository.ts'
import { AppError, conflict } from '../../domain/errors.ts'
import { currentUserId } from '../plugins/auth.ts'
import { limitAttempts, resetAttempts } from '../plugins/rate-limit.ts'
import { errors, obj } from '../schemas/common.ts'
import { user } from './auth.ts'
import { from } from './internal-telegram.ts'

/** How long a code lives. */
export const LINK_CODE_MINUTES = 10
/** Link attempts per Telegram account (a success forgets them): codes cannot be guessed. */
export const LINK_LIMIT = { limit: 10, windowSeconds: 15 * 60 } as const

const linkCodeOutput = obj(
  {
    code: Type.String({
      description: 'Show it to the person; it is shown only this once.',
      example: '7K3Q-9XWM',
    }),
    command: Type.String({ description: 'What to send to the bot.', example: '/link 7K3Q-9XWM' }),
    expires_at: Type.String({ format: 'date-time' }),
    expires_in: Type.Integer({ description: 'Seconds until it expires (count down from this).' }),
    deep_link: Type.Union([Type.String(), Type.Null()], {
      description:
        'https://t.me/<bot>?start=link-<code>: opens the bot and links at once; null when the server does not know the bot username (TELEGRAM_BOT_USERNAME).',
    }),
  },
  ['code', 'command', 'expires_at', 'expires_in', 'deep_link'],
)

const linkBody = obj(
  {
    from,
    code: Type.String({ minLength: 1, maxLength: 64, example: '7K3Q-9XWM' }),
  },
  ['from', 'code'],
)

/** "2 bookings, a wallet": what keeps an account the bot created from being removed. */
function describeHoldings(h: Holdings): string | null {
  const parts = [
    h.bookings && `${h.bookings} booking${h.bookings === 1 ? '' : 's'}`,
    h.pending && 'a booking being made',
    h.wallet && 'a wallet',
    h.packages && `${h.packages} package${h.packages === 1 ? '' : 's'}`,
    h.discounts && `${h.discounts} personal discount${h.discounts === 1 ? '' : 's'}`,
  ].filter((p): p is string => typeof p === 'string')
  return parts.length ? parts.join(', ') : null
}

const ALREADY_LINKED = () =>
  conflict(
    'telegram_linked',
    'Your account is already linked to another Telegram account; unlink it in your profile on the site, then get a new code.',
  )
const TAKEN = () =>
  conflict(
    'telegram_taken',
    'This Telegram account belongs to another account that has its own login; log in to that account, unlink Telegram in its profile, then link it here again.',
  )

/**
 * Makes the Telegram account free for `userId`, inside `trx`: nothing to do when nobody has it or
 * `userId` does; an account the bot or the Mini App created for it that holds nothing is removed;
 * any other owner is refused (409) and kept. Shared by the code flow and POST /api/me/telegram.
 */
export async function freeTelegramFor(
  repos: Pick<Repositories, 'telegramLinks'>,
  tgId: number,
  userId: number,
  trx: Db,
): Promise<void> {
  const owner = await repos.telegramLinks.ownerOf(tgId, trx)
  if (!owner || owner.id === userId) return
  if (owner.real) throw TAKEN()
  const held = describeHoldings(owner.holdings)
  if (held)
    throw conflict(
      'telegram_account_in_use',
      `This Telegram account already has its own account here, with ${held}; it is not moved to your web account automatically. Ask the salon to merge the two accounts, or keep using that one through Telegram.`,
    )
  await repos.telegramLinks.removeShadow(owner.id, trx)
}

const telegramLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, redis, config } = app.deps
  const { users, telegramLinks } = app.deps.repos

  app.post(
    '/api/me/telegram/link-code',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'createTelegramLinkCode',
        tags: ['auth'],
        summary: 'A one-time code that links this account to Telegram when sent to the bot',
        description: `Valid ${LINK_CODE_MINUTES} minutes, used once; a new code replaces the earlier one. Send it to the bot as \`/link <code>\`, or open \`deep_link\`.`,
        response: { 201: linkCodeOutput, ...errors(401, 409, 503) },
      },
    },
    async (request, reply) => {
      if (!config.telegramBotToken)
        throw new AppError(503, 'telegram_disabled', 'Telegram is not configured on this server.')
      const userId = currentUserId(request)
      const me = await users.findById(userId)
      if (me?.tg_id != null) throw ALREADY_LINKED()
      const { code, expiresAt } = await telegramLinks.issue(userId, LINK_CODE_MINUTES)
      const bot = config.telegramBotUsername
      return reply.status(201).send({
        code,
        command: `/link ${code}`,
        expires_at: expiresAt.toISOString(),
        expires_in: Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000)),
        deep_link: bot ? `https://t.me/${bot}?start=link-${code.replace(/-/g, '')}` : null,
      })
    },
  )

  app.post(
    '/internal/telegram/link',
    {
      config: { access: 'internal' },
      schema: {
        operationId: 'internalTelegramLink',
        tags: ['internal'],
        summary:
          "The bot's `/link <code>`: links the Telegram person to the code's user and uses the code up; the account the bot had created for them goes if it holds nothing.",
        body: linkBody,
        response: { 200: obj({ user }, ['user']), ...errors(403, 404, 409, 410, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const { from: tg, code } = request.body
      const attempts = `rl:telegram-link:tg:${tg.tg_id}`
      await limitAttempts(redis, reply, [{ key: attempts, ...LINK_LIMIT }])
      const userId = await db.transaction(async (trx) => {
        const row = await telegramLinks.findForUse(code, trx)
        if (!row)
          throw new AppError(
            404,
            'link_code_unknown',
            'This code is not known or was already used; check it, or get a new one in your profile on the site.',
          )
        if (row.expires_at.getTime() <= Date.now())
          throw new AppError(
            410,
            'link_code_expired',
            `This code has expired (a code lives ${LINK_CODE_MINUTES} minutes); get a new one in your profile on the site.`,
          )
        const target = await users.lockLoginMethods(row.user_id, trx)
        if (!target) throw new AppError(404, 'link_code_unknown', 'This code is not known.')
        if (target.tg_id !== null && target.tg_id !== tg.tg_id) throw ALREADY_LINKED()
        if (target.tg_id === null) {
          await freeTelegramFor(app.deps.repos, tg.tg_id, row.user_id, trx)
          await users
            .setTelegram(row.user_id, { id: tg.tg_id, username: tg.username ?? null }, trx)
            .catch((err: unknown) => {
              // The bot opened a first session for this tg_id at this very moment.
              if ((err as { code?: unknown } | null)?.code === '23505')
                throw conflict('telegram_busy', 'Telegram was busy with this account; send the code again.')
              throw err
            })
        }
        await telegramLinks.consume(row.user_id, trx)
        return row.user_id
      })
      await resetAttempts(redis, [attempts])
      return { user: (await users.findById(userId))! }
    },
  )
}

export default telegramLinkRoutes
