// The Telegram bot (telegraf): /start greets in the person's language with a web_app button into
// the Mini App (at a deep link's step when /start carries one), /my lists the upcoming bookings
// with cancel (a confirmation stating what the terms will do, then the API's cancel) and
// reschedule (the Mini App at that booking), /help, and `/link <code>` (or the profile's deep link
// `/start link-<code>`) links a web account to this Telegram account. Every update's `from`
// becomes a session of the user with that tg_id (src/bot/people.ts); every change goes through
// the public API.
import { Telegraf, type Context, type Telegram } from 'telegraf'
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types'
import { createApiClient, IntentPendingError, isApiError, type ApiClient } from '@booking/api-client'
import { bookingText, cancelEffect, createCatalogue, settlementText, type Booking } from './bookings-text.ts'
import { linkCodeOf, miniAppUrl, parseStartParam, type StartStep } from './links.ts'
import { languageOfCode, say, type BotLanguage, type MessageKey } from './messages.ts'
import { createPeople, type People, type Person } from './people.ts'

export interface BotLog {
  info: (obj: object, msg?: string) => void
  warn: (obj: object, msg?: string) => void
  error: (obj: object, msg?: string) => void
}

export interface BotOptions {
  token: string
  /** Where the Bot API is (Telegram's, or the tests' double). */
  telegramApiRoot: string
  /** Where the booking API is. */
  apiUrl: string
  internalToken: string
  /** The Mini App's address; deep links add `?startapp=<param>`. */
  miniAppUrl: string
  log: BotLog
  /** Bookings listed by /my at most (default 10). */
  maxListed?: number
  /** How long a cancel waits for its intent before saying it is still being processed (default 20 s). */
  followMs?: number
}

interface BotState {
  person?: Person
}
type BotContext = Context & { state: BotState }

const UPCOMING = new Set(['requested', 'confirmed'])

const webAppButton = (text: string, url: string): InlineKeyboardButton => ({ text, web_app: { url } })
const keyboard = (...rows: InlineKeyboardButton[][]): InlineKeyboardMarkup => ({ inline_keyboard: rows })

export function createBot(options: BotOptions) {
  const bot = new Telegraf<BotContext>(options.token, { telegram: { apiRoot: options.telegramApiRoot } })
  const people: People = createPeople({ apiUrl: options.apiUrl, internalToken: options.internalToken })
  const anonymous: ApiClient = createApiClient({ baseUrl: options.apiUrl, channel: 'telegram' })
  const catalogue = createCatalogue(anonymous)
  const maxListed = options.maxListed ?? 10
  const open = (step?: StartStep | null) => miniAppUrl(options.miniAppUrl, step)

  const languageOf = (ctx: BotContext): BotLanguage =>
    ctx.state.person?.language ?? languageOfCode(ctx.from?.language_code)

  /** `run` as the update's person; a session the API no longer accepts (401) is renewed once. */
  async function asPerson<T>(ctx: BotContext, run: (person: Person) => Promise<T>): Promise<T> {
    const person = ctx.state.person!
    try {
      return await run(person)
    } catch (err) {
      if (!isApiError(err) || err.status !== 401 || !ctx.from) throw err
      people.forget(ctx.from.id)
      ctx.state.person = await people.of(ctx.from)
      return run(ctx.state.person)
    }
  }

  // Every update from a person: find or create them and open their session before anything else.
  bot.use(async (ctx, next) => {
    if (ctx.from && !ctx.from.is_bot) ctx.state.person = await people.of(ctx.from)
    return next()
  })

  /** The API's refusals of a link code, said in the person's words. */
  const LINK_REFUSALS: Record<string, MessageKey> = {
    link_code_unknown: 'linkUnknown',
    link_code_expired: 'linkExpired',
    too_many_requests: 'linkTooMany',
    telegram_taken: 'linkTaken',
    telegram_account_in_use: 'linkInUse',
    telegram_linked: 'linkAlready',
  }

  // `/link <code>` and `/start link-<code>`: the web account of the code takes this Telegram
  // account; the answer comes in that account's language, with the usual button into the Mini App.
  async function linkWith(ctx: BotContext & { from: NonNullable<BotContext['from']> }, code: string) {
    const answer = await people.link(ctx.from, code)
    if (answer.ok) {
      ctx.state.person = await people.of(ctx.from)
      const language = languageOf(ctx)
      await ctx.reply(say(language, 'linked', { name: answer.name }), {
        reply_markup: keyboard([webAppButton(say(language, 'book'), open())]),
      })
      return
    }
    const language = languageOf(ctx)
    const key = LINK_REFUSALS[answer.error]
    const minutes = Math.max(1, Math.ceil((answer.retryAfterS ?? 60) / 60))
    await ctx.reply(
      key ? say(language, key, { minutes }) : say(language, 'linkRefused', { reason: answer.message }),
    )
  }

  bot.command('link', async (ctx) => {
    const code = ctx.payload.trim()
    if (!code) {
      await ctx.reply(say(languageOf(ctx), 'linkHow'))
      return
    }
    await linkWith(ctx, code)
  })

  bot.start(async (ctx) => {
    const code = linkCodeOf(ctx.payload)
    if (code !== null) return linkWith(ctx, code)
    const language = languageOf(ctx)
    const step = parseStartParam(ctx.payload)
    const name = ctx.from.first_name
    await ctx.reply(say(language, step ? 'greetingDeepLink' : 'greeting', { name }), {
      reply_markup: keyboard([webAppButton(say(language, step ? 'open' : 'book'), open(step))]),
    })
  })

  bot.help(async (ctx) => {
    const language = languageOf(ctx)
    await ctx.reply(say(language, 'help'), {
      reply_markup: keyboard([webAppButton(say(language, 'book'), open())]),
    })
  })

  const bookingButtons = (b: Booking, language: BotLanguage) =>
    keyboard([
      { text: say(language, 'cancel'), callback_data: `cancel:${b.id}` },
      webAppButton(say(language, 'reschedule'), open({ kind: 'booking', id: b.id })),
    ])

  bot.command('my', async (ctx) => {
    const language = languageOf(ctx)
    const now = new Date()
    const [list, names] = await Promise.all([
      asPerson(ctx, (p) =>
        p.api.GET('/api/bookings', { params: { query: { from: now.toISOString(), limit: 100 } } }),
      ),
      catalogue.get(),
    ])
    const upcoming = list.items
      .filter((b) => UPCOMING.has(b.status) && new Date(b.start).getTime() > now.getTime())
      .sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime())
    if (upcoming.length === 0) {
      await ctx.reply(say(language, 'myNone'), {
        reply_markup: keyboard([webAppButton(say(language, 'book'), open())]),
      })
      return
    }
    await ctx.reply(say(language, 'myTitle', { count: upcoming.length }))
    for (const b of upcoming.slice(0, maxListed)) {
      await ctx.reply(bookingText(b, names, language), { reply_markup: bookingButtons(b, language) })
    }
    if (upcoming.length > maxListed)
      await ctx.reply(say(language, 'myMore', { count: maxListed }), {
        reply_markup: keyboard([webAppButton(say(language, 'open'), open())]),
      })
  })

  const readBooking = (ctx: BotContext, id: number) =>
    asPerson(ctx, (p) => p.api.GET('/api/bookings/{id}', { params: { path: { id } } }))

  // "Отменить": the same message becomes the confirmation, stating what the terms will do now.
  bot.action(/^cancel:(\d+)$/, async (ctx) => {
    const language = languageOf(ctx)
    const id = Number(ctx.match[1])
    const [b, names] = await Promise.all([readBooking(ctx, id), catalogue.get()])
    await ctx.answerCbQuery()
    await ctx.editMessageText(
      [
        bookingText(b, names, language),
        '',
        say(language, 'confirmTitle'),
        cancelEffect(b, names, language),
      ].join('\n'),
      {
        reply_markup: keyboard([
          { text: say(language, 'confirmYes'), callback_data: `cancel-yes:${id}` },
          { text: say(language, 'confirmNo'), callback_data: `cancel-no:${id}` },
        ]),
      },
    )
  })

  // "Нет": the booking as it was listed.
  bot.action(/^cancel-no:(\d+)$/, async (ctx) => {
    const language = languageOf(ctx)
    const id = Number(ctx.match[1])
    const [b, names] = await Promise.all([readBooking(ctx, id), catalogue.get()])
    await ctx.answerCbQuery(say(language, 'kept'))
    await ctx.editMessageText(bookingText(b, names, language), {
      reply_markup: UPCOMING.has(b.status) ? bookingButtons(b, language) : undefined,
    })
  })

  // "Да, отменить": the API's cancel (an intent); the message says what happened or why not.
  bot.action(/^cancel-yes:(\d+)$/, async (ctx) => {
    const language = languageOf(ctx)
    const id = Number(ctx.match[1])
    // Telegram delivers a press again when the webhook did not answer: the same key, one cancel.
    const key = `tg-cancel-${id}-${ctx.callbackQuery.id}`.replace(/[^\x21-\x7e]/g, '').slice(0, 200)
    await ctx.answerCbQuery()
    const names = await catalogue.get()
    try {
      const cancelled = await asPerson(ctx, (p) =>
        p.api.settle(
          p.api.raw.POST('/api/bookings/{id}/cancel', {
            params: { path: { id }, header: { 'idempotency-key': key } },
            body: {},
          }),
          { timeoutMs: options.followMs ?? 20_000 },
        ),
      )
      await ctx.editMessageText(
        [bookingText(cancelled, names, language), '', settlementText(cancelled, names, language)].join('\n'),
      )
    } catch (err) {
      if (err instanceof IntentPendingError) {
        await ctx.editMessageText(say(language, 'cancelPending'))
        return
      }
      if (!isApiError(err) || err.status >= 500) throw err
      // The API's sentence is English: a booking already cancelled is said in the person's words.
      const now = await readBooking(ctx, id).catch(() => null)
      if (now?.status === 'cancelled') {
        await ctx.editMessageText(
          [bookingText(now, names, language), '', say(language, 'alreadyCancelled')].join('\n'),
        )
        return
      }
      await ctx.editMessageText(say(language, 'cancelRefused', { reason: err.message }), {
        reply_markup: keyboard([webAppButton(say(language, 'open'), open({ kind: 'booking', id }))]),
      })
    }
  })

  bot.catch(async (err, ctx) => {
    options.log.error({ err, update_id: ctx.update.update_id }, 'the bot failed on an update')
    const chat = ctx.chat?.id
    if (chat === undefined) return
    await ctx.telegram
      .sendMessage(chat, say(languageOf(ctx), 'failed'))
      .catch((sendErr: unknown) => options.log.warn({ err: sendErr }, 'could not say that it failed'))
  })

  return bot
}

/** The bot's commands (ru, en and the default in Russian) and its menu button into the Mini App. */
export async function configureBot(telegram: Telegram, miniApp: string): Promise<void> {
  const commands = (language: BotLanguage) => [
    { command: 'start', description: say(language, 'commandStart') },
    { command: 'my', description: say(language, 'commandMy') },
    { command: 'help', description: say(language, 'commandHelp') },
  ]
  await telegram.setMyCommands(commands('ru'))
  await telegram.setMyCommands(commands('ru'), { language_code: 'ru' })
  await telegram.setMyCommands(commands('en'), { language_code: 'en' })
  await telegram.setChatMenuButton({
    menuButton: { type: 'web_app', text: say('ru', 'book'), web_app: { url: miniApp } },
  })
}
