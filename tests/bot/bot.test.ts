// The bot process end to end, offline: the real API on a port (PostgreSQL, Redis, the workers),
// the bot started by its composition root against the local Bot API double, and updates POSTed to
// its webhook with Telegram's secret header. /start's web_app button (Russian and English, a deep
// link), the secret refused, a Telegram person created once as a client, and /my with a booking
// made through the API: the cancel confirmation states what the terms do, confirming cancels it
// through the API's intent and edits the message, and a second cancel shows the API's refusal.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '@booking/api-client'
import { startBot, type RunningBot } from '../../src/bot/main.ts'
import { createSession } from '../../src/data/sessions-repository.ts'
import { startBotApiDouble, type BotApiCall, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  createWallet,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Moscow'
const SECRET = 'test-webhook-secret_1'
const MINIAPP = 'https://salon.example/miniapp'
const EVERY_DAY = JSON.stringify(
  Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['10:00', '19:00']]])),
)

let env: TestEnv
let double: BotApiDouble
let bot: RunningBot
let apiUrl: string
let world: { serviceId: number; specialistId: number; locationId: number }
/** What the bot asked of the Bot API while starting. */
let startCalls: BotApiCall[] = []
let updateId = 1000
let tgId = 700_000

const silent = { info: () => {}, warn: () => {}, error: (obj: object) => console.error('bot error', obj) }

beforeAll(async () => {
  env = await createTestEnv()
  const app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the API is not on a TCP port')
  apiUrl = `http://127.0.0.1:${address.port}`
  await env.startWorkers()
  const { db } = env
  await createCompany(db, { booking_horizon_days: 30, free_cancellation_hours: 24 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'RUB', timezone: ZONE })
  const location = await createLocation(db, {
    name: 'Центр',
    address: 'ул. Тверская, 1',
    timezone: ZONE,
    work_schedule: EVERY_DAY,
  })
  const service = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 150000,
  })
  const specialist = await createSpecialist(db, location.id, [service.id], { work_schedule: EVERY_DAY })
  await db('users').where({ id: specialist.user.id }).update({ name: 'Анна Смирнова' })
  world = { serviceId: service.id, specialistId: specialist.id, locationId: location.id }

  double = await startBotApiDouble()
  bot = await startBot(
    {
      ...env.config,
      telegramBotToken: double.token,
      telegramWebhookSecret: SECRET,
      telegramApiRoot: double.apiRoot,
      telegramMode: 'webhook',
      publicUrl: 'https://salon.example',
      miniAppUrl: MINIAPP,
      botPort: 0,
      apiUrl,
    },
    silent,
  )
  startCalls = [...double.calls]
}, 120_000)

afterAll(async () => {
  await bot?.stop()
  await double?.close()
  await env?.close()
})

beforeEach(() => double.reset())

interface Tg {
  id: number
  first_name: string
  language_code?: string
}
const person = (fields: Partial<Tg> = {}): Tg => ({
  id: ++tgId,
  first_name: 'Ольга',
  language_code: 'ru',
  ...fields,
})

function message(from: Tg, text: string) {
  const command = /^\/\w+/.exec(text)?.[0]
  return {
    update_id: ++updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from: { ...from, is_bot: false },
      text,
      ...(command ? { entities: [{ offset: 0, length: command.length, type: 'bot_command' }] } : {}),
    },
  }
}

function press(from: Tg, messageId: number, data: string) {
  return {
    update_id: ++updateId,
    callback_query: {
      id: `cb-${updateId}`,
      from: { ...from, is_bot: false },
      chat_instance: `ci-${from.id}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        text: 'earlier',
      },
    },
  }
}

/** POSTs an update to the bot's webhook as Telegram does; the answer's status. */
async function post(update: object, secret: string | null = SECRET): Promise<number> {
  const response = await fetch(bot.webhookUrl!, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(update),
  })
  await response.arrayBuffer()
  return response.status
}

type Button = { text: string; web_app?: { url: string }; callback_data?: string }
const keyboardOf = (call: BotApiCall | undefined) =>
  (call?.params.reply_markup as { inline_keyboard: Button[][] } | undefined)?.inline_keyboard
/** Intl writes no-break spaces inside amounts ("1 500,00 ₽"): read them as plain spaces. */
const plain = (text: unknown) => String(text).replace(/[\u00a0\u202f]/g, ' ')
const sentTo = (chat: number) => double.callsOf('sendMessage').filter((c) => c.params.chat_id === chat)

describe('the bot', () => {
  it('set its commands in Russian and English and its menu button into the Mini App at start', async () => {
    const of = (method: string) => startCalls.filter((c) => c.method === method).map((c) => c.params)
    const names = (params: Record<string, unknown>) =>
      (params.commands as { command: string; description: string }[]).map(
        (c) => `${c.command}: ${c.description}`,
      )
    const commands = of('setMyCommands')
    expect(
      commands.find((p) => p.language_code === 'ru') &&
        names(commands.find((p) => p.language_code === 'ru')!),
    ).toEqual(['start: Записаться', 'my: Мои записи', 'help: Что умеет бот'])
    expect(names(commands.find((p) => p.language_code === 'en')!)).toEqual([
      'start: Book',
      'my: My bookings',
      'help: What the bot can do',
    ])
    expect(of('setChatMenuButton')).toEqual([
      { menu_button: { type: 'web_app', text: 'Записаться', web_app: { url: MINIAPP } } },
    ])
    expect(of('setWebhook')).toEqual([
      {
        url: 'https://salon.example/telegram/webhook',
        secret_token: SECRET,
        allowed_updates: ['message', 'callback_query'],
      },
    ])
  })

  it('answers /start in Russian with a web_app button into the Mini App', async () => {
    const olga = person()
    expect(await post(message(olga, '/start'))).toBe(200)
    const [reply] = sentTo(olga.id)
    expect(reply?.params.chat_id).toBe(olga.id)
    expect(reply?.params.text).toMatch(/^Здравствуйте, Ольга!/)
    expect(keyboardOf(reply)?.[0]?.[0]).toEqual({ text: 'Записаться', web_app: { url: MINIAPP } })
  })

  it('answers /start in English for language_code en', async () => {
    const john = person({ first_name: 'John', language_code: 'en' })
    expect(await post(message(john, '/start'))).toBe(200)
    const [reply] = sentTo(john.id)
    expect(reply?.params.text).toMatch(/^Hello, John!/)
    expect(keyboardOf(reply)?.[0]?.[0]).toEqual({ text: 'Book', web_app: { url: MINIAPP } })
    const stored = await env.db('users').where({ tg_id: john.id }).first('language', 'name')
    expect(stored).toEqual({ language: 'en', name: 'John' })
  })

  it('opens the Mini App at the deep link of /start service-<id>', async () => {
    const olga = person()
    expect(await post(message(olga, `/start service-${world.serviceId}`))).toBe(200)
    const [reply] = sentTo(olga.id)
    expect(keyboardOf(reply)?.[0]?.[0]?.web_app?.url).toBe(`${MINIAPP}?startapp=service-${world.serviceId}`)
    // Anything else as a parameter opens the Mini App's home.
    expect(await post(message(olga, '/start <script>'))).toBe(200)
    expect(keyboardOf(sentTo(olga.id)[1])?.[0]?.[0]?.web_app?.url).toBe(MINIAPP)
  })

  it('refuses a webhook POST without the secret header or with a wrong one, and sends nothing', async () => {
    const stranger = person()
    expect(await post(message(stranger, '/start'), null)).toBe(401)
    expect(await post(message(stranger, '/start'), 'wrong-secret')).toBe(401)
    expect(await post(message(stranger, '/start'), `${SECRET}x`)).toBe(401)
    expect(double.calls).toEqual([])
    expect(await env.db('users').where({ tg_id: stranger.id }).first('id')).toBeUndefined()
  })

  it('makes a new Telegram person a client once', async () => {
    const olga = person({ first_name: 'Ольга' })
    expect(await post(message(olga, '/start'))).toBe(200)
    expect(await post(message(olga, '/start'))).toBe(200)
    expect(await post(message(olga, '/help'))).toBe(200)
    const rows = await env.db('users').where({ tg_id: olga.id }).select('id', 'name', 'language')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: 'Ольга', language: 'ru' })
    const roles = await env.db('user_roles').where({ user_id: rows[0].id }).pluck('role')
    expect(roles).toEqual(['client'])
    expect(sentTo(olga.id).map((c) => c.params.text)).toEqual([
      expect.stringMatching(/^Здравствуйте/),
      expect.stringMatching(/^Здравствуйте/),
      expect.stringMatching(/^Что умеет бот:\n\/start/),
    ])
  })

  it('lists /my with cancel and reschedule; cancelling asks with the terms, then cancels through the API', async () => {
    const olga = person()
    // No bookings yet: a friendly line and the book button.
    expect(await post(message(olga, '/my'))).toBe(200)
    const [none] = sentTo(olga.id)
    expect(none?.params.text).toMatch(/^Ближайших записей нет/)
    expect(keyboardOf(none)?.[0]?.[0]?.web_app?.url).toBe(MINIAPP)

    // A booking made through the API as this person (paid from the wallet), three days ahead at 14:00.
    const userId = (await env.db('users').where({ tg_id: olga.id }).first('id')).id as number
    await createWallet(env.db, userId, 500000)
    const api = createApiClient({ baseUrl: apiUrl, getToken: async () => token })
    const token = await createSession(env.db, userId, 1)
    const date = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()!
    await expect
      .poll(
        async () => {
          const slots = await api.GET('/api/slots', {
            params: {
              query: { service_id: world.serviceId, specialist_id: world.specialistId, from: date, days: 1 },
            },
          })
          return slots.locations.flatMap((l) => l.days.filter((d) => d.date === date).flatMap((d) => d.times))
        },
        { timeout: 20_000 },
      )
      .toContain('14:00')
    const booked = await api.POST('/api/bookings', {
      body: {
        service_id: world.serviceId,
        specialist_id: world.specialistId,
        start: { date, time: '14:00' },
        payment: 'wallet',
      },
      headers: { 'idempotency-key': `bot-test-${userId}` },
    })
    const bookingId = (booked as { id: number }).id
    double.reset()

    expect(await post(message(olga, '/my'))).toBe(200)
    const [title, line] = sentTo(olga.id)
    expect(title?.params.text).toBe('Ваши ближайшие записи (1):')
    const when = new Intl.DateTimeFormat('ru-RU', {
      timeZone: ZONE,
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(DateTime.fromISO(`${date}T14:00`, { zone: ZONE }).toJSDate())
    expect(line?.params.text).toBe(
      `Стрижка\n${when} (GMT+3)\nСпециалист: Анна Смирнова\nАдрес: Центр, ул. Тверская, 1`,
    )
    expect(when).toContain('14:00')
    const buttons = keyboardOf(line)!
    expect(buttons[0]?.[0]).toEqual({ text: 'Отменить', callback_data: `cancel:${bookingId}` })
    expect(buttons[0]?.[1]).toEqual({
      text: 'Перенести',
      web_app: { url: `${MINIAPP}?startapp=booking-${bookingId}` },
    })

    // "Отменить": the message becomes the confirmation with what the terms do now.
    const listedId = 555
    expect(await post(press(olga, listedId, `cancel:${bookingId}`))).toBe(200)
    const [confirm] = double.callsOf('editMessageText')
    expect(confirm?.params).toMatchObject({ chat_id: olga.id, message_id: listedId })
    expect(plain(confirm?.params.text)).toContain(
      'Отменить запись?\nОтмена сейчас бесплатна.\nВернём в кошелёк: 1 500,00 ₽.',
    )
    expect(keyboardOf(confirm)?.[0]?.map((b) => [b.text, b.callback_data])).toEqual([
      ['Да, отменить', `cancel-yes:${bookingId}`],
      ['Нет', `cancel-no:${bookingId}`],
    ])
    expect(double.callsOf('answerCallbackQuery')).toHaveLength(1)
    expect((await env.db('bookings').where({ id: bookingId }).first('status')).status).toBe('confirmed')

    // Someone else pressing a forged "Да, отменить" for it: the API refuses (the booking is not
    // theirs), the message says why, and the booking stays.
    const stranger = person({ first_name: 'Пётр' })
    expect(await post(press(stranger, 777, `cancel-yes:${bookingId}`))).toBe(200)
    const refused = double.callsOf('editMessageText').find((c) => c.params.chat_id === stranger.id)
    expect(refused?.params.text).toMatch(/^Не удалось отменить запись: .+/)
    expect((await env.db('bookings').where({ id: bookingId }).first('status')).status).toBe('confirmed')
    double.reset()

    // "Да, отменить": cancelled through the API's intent, and the message says so.
    expect(await post(press(olga, listedId, `cancel-yes:${bookingId}`))).toBe(200)
    expect((await env.db('bookings').where({ id: bookingId }).first('status')).status).toBe('cancelled')
    const last = await env
      .db('booking_history')
      .where({ booking_id: bookingId })
      .orderBy('id', 'desc')
      .first()
    expect(last).toMatchObject({ to_state: 'cancelled', actor_user_id: userId })
    const done = double.callsOf('editMessageText')[0]
    expect(done?.params).toMatchObject({ chat_id: olga.id, message_id: listedId })
    expect(plain(done?.params.text)).toMatch(/Запись отменена\.\nВозвращено в кошелёк: 1 500,00 ₽\.$/)

    // Pressed again (an old confirmation): the API refuses; the message says it is already cancelled.
    expect(await post(press(olga, listedId, `cancel-yes:${bookingId}`))).toBe(200)
    expect(double.callsOf('editMessageText')[1]?.params.text).toMatch(/\n\nЭта запись уже отменена\.$/)
    const cancels = await env
      .db('booking_history')
      .where({ booking_id: bookingId, to_state: 'cancelled' })
      .pluck('id')
    expect(cancels).toHaveLength(1)

    // Nothing upcoming any more.
    double.reset()
    expect(await post(message(olga, '/my'))).toBe(200)
    expect(sentTo(olga.id)[0]?.params.text).toMatch(/^Ближайших записей нет/)
  }, 60_000)
})
