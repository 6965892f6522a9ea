// The whole Telegram flow on one stack, offline: a person writes /start to the bot (its webhook,
// answered through the local Bot API double) and gets the Mini App's button; they open the Mini
// App at that button's address, as Telegram would, and book on the MainButton; the notifier tells
// them and the specialist, each in their language; the booking's reminder comes due and reaches
// them too. Real PostgreSQL, Redis, BullMQ workers, the bot and the notifier, and Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser } from 'playwright-core'
import { startBot, type RunningBot } from '../../src/bot/main.ts'
import { startNotifier } from '../../src/notifier/main.ts'
import { startBotApiDouble, type BotApiCall, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { launchBrowser } from '../helpers/browser.ts'
import { createCompany, createLocation, createService, createSpecialist } from '../helpers/fixtures.ts'
import { lastMainButton, launchMiniApp, receive, type TgUser } from '../helpers/mini-app.ts'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'

const ZONE = 'Europe/Moscow'
const SECRET = 'flow-webhook-secret'
const EVERY_DAY = JSON.stringify(
  Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['10:00', '19:00']]])),
)
let double: BotApiDouble
let stack: WebStack
let bot: RunningBot
let notifier: Awaited<ReturnType<typeof startNotifier>>
let browser: Browser
const client: TgUser = { id: 7_300_000_001, first_name: 'Ольга', last_name: 'Петрова', language_code: 'ru' }
const specialistChat = 7_300_000_002

beforeAll(async () => {
  double = await startBotApiDouble()
  stack = await startWebStack({
    config: { TELEGRAM_BOT_TOKEN: double.token, TELEGRAM_API_ROOT: double.apiRoot },
  })
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'RUB', timezone: ZONE })
  const location = await createLocation(db, {
    name: 'Центр',
    address: 'ул. Тверская, 1',
    timezone: ZONE,
    work_schedule: EVERY_DAY,
  })
  const service = await createService(db, { name: 'Стрижка', duration_minutes: 60, break_minutes: 0 })
  const anna = await createSpecialist(db, location.id, [service.id], { work_schedule: EVERY_DAY })
  await db('users')
    .where({ id: anna.user.id })
    .update({ name: 'Анна Смирнова', tg_id: specialistChat, language: 'en' })
  bot = await startBot(
    {
      ...stack.env.config,
      telegramWebhookSecret: SECRET,
      telegramMode: 'webhook',
      publicUrl: 'https://salon.example',
      miniAppUrl: `${stack.baseUrl}/miniapp`,
      botPort: 0,
      apiUrl: stack.baseUrl,
    },
    { info: () => {}, warn: () => {}, error: (obj: object) => console.error('bot error', obj) },
  )
  notifier = await startNotifier(stack.env.config, {}, { db })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await notifier?.close()
  await bot?.stop()
  await stack?.close()
  await double?.close()
})

const sentTo = (chat: number) => double.callsOf('sendMessage').filter((c) => c.params.chat_id === chat)
const texts = (calls: BotApiCall[]) => calls.map((c) => String(c.params.text))

describe('Telegram from /start to the reminder', () => {
  it('starts in the bot, books in the Mini App, and the messages and the reminder arrive', async () => {
    // /start, as Telegram posts it to the webhook.
    const start = await fetch(bot.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: client.id, type: 'private', first_name: client.first_name },
          from: { ...client, is_bot: false },
          text: '/start',
          entities: [{ offset: 0, length: 6, type: 'bot_command' }],
        },
      }),
    })
    expect(start.status).toBe(200)
    await double.waitFor(() => sentTo(client.id).length > 0)
    const keyboard = sentTo(client.id)[0]!.params.reply_markup as {
      inline_keyboard: { text: string; web_app?: { url: string } }[][]
    }
    const button = keyboard.inline_keyboard.flat().find((b) => b.web_app)!
    expect(button.web_app!.url.startsWith(`${stack.baseUrl}/miniapp`)).toBe(true)

    // The button opens the Mini App; the person books on the MainButton.
    const day = DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate()!
    const { page, close } = await launchMiniApp(browser, {
      botToken: double.token,
      user: client,
      url: button.web_app!.url,
      timezoneId: ZONE,
    })
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('link', { name: /Стрижка/ }).click()
      await page.getByRole('link', { name: /Анна Смирнова/ }).click()
      await page.locator(`[data-date="${day}"]`).click()
      await page.locator('[data-time="15:00"]').click()
      await expect.poll(() => lastMainButton(page)).toMatchObject({ text: 'Записаться на 15:00' })
      await receive(page, 'main_button_pressed')
      await page.getByRole('heading', { name: 'Мои записи' }).waitFor()
    } finally {
      await close()
    }
    const [person] = await stack.env.db('users').where({ tg_id: client.id })
    const [booking] = await stack.env.db('bookings').where({ client_id: person.id })
    expect(booking).toMatchObject({ status: 'confirmed', source: 'telegram' })

    // The notifier tells both, each in their language, with the local time and the address.
    await double.waitFor(() => sentTo(client.id).length >= 2 && sentTo(specialistChat).length >= 1, 20_000)
    const toClient = texts(sentTo(client.id)).at(-1)!
    expect(toClient).toMatch(/Вы записаны/)
    expect(toClient).toMatch(/15:00/)
    expect(toClient).toMatch(/Тверская, 1/)
    expect(texts(sentTo(specialistChat))[0]).toMatch(/New booking/)

    // The reminder a day before comes due now: it is sent too.
    const reminders = stack.workers.queues()!.reminders.queue
    const due = (await reminders.getDelayed()).find(
      (j) => j.data.bookingId === booking.id && j.data.offsetMin === 1440,
    )!
    await due.promote()
    await double.waitFor(() => texts(sentTo(client.id)).some((t) => /Напоминание о записи/.test(t)), 20_000)
    // Each message is on record: the booking's and the reminder, each to both (the specialist's
    // reminder may wait out their chat's one-message-a-second slot).
    const sent = async () =>
      (await stack.env.db('notification_records').where({ booking_id: booking.id, status: 'sent' })).map(
        (r) => `${r.event}:${r.user_id === person.id ? 'client' : 'specialist'}:${r.channel}`,
      )
    await expect
      .poll(async () => (await sent()).sort(), { timeout: 10_000 })
      .toEqual([
        'booking.created:client:telegram',
        'booking.created:specialist:telegram',
        'booking.reminder:client:telegram',
        'booking.reminder:specialist:telegram',
      ])
  })
})
