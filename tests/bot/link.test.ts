// Linking a web account in the bot, offline: the real API on a port, the bot started by its
// composition root against the local Bot API double, updates POSTed to its webhook. A person who
// opens the profile's deep link (`/start link-<code>`) is linked and answered in the web account's
// language with the Mini App's button, and the account the bot had just created for them is gone;
// `/link <code>` does the same; a wrong or missing code gets a clear answer and changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startBot, type RunningBot } from '../../src/bot/main.ts'
import { startBotApiDouble, type BotApiCall, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createCompany, createUser } from '../helpers/fixtures.ts'

const SECRET = 'link-webhook-secret_1'
const MINIAPP = 'https://salon.example/miniapp'

let env: TestEnv
let double: BotApiDouble
let bot: RunningBot
let apiUrl: string
let updateId = 5000
let tgId = 7_500_000_000

beforeAll(async () => {
  double = await startBotApiDouble()
  env = await createTestEnv({ TELEGRAM_BOT_TOKEN: double.token, TELEGRAM_BOT_USERNAME: 'salon_test_bot' })
  await createCompany(env.db)
  const app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the API is not on a TCP port')
  apiUrl = `http://127.0.0.1:${address.port}`
  bot = await startBot(
    {
      ...env.config,
      telegramWebhookSecret: SECRET,
      telegramApiRoot: double.apiRoot,
      telegramMode: 'webhook',
      publicUrl: null,
      miniAppUrl: MINIAPP,
      botPort: 0,
      apiUrl,
    },
    { info: () => {}, warn: () => {}, error: (obj: object) => console.error('bot error', obj) },
  )
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
  username: string
  language_code: string
}
const person = (language_code = 'ru'): Tg => {
  const id = ++tgId
  return { id, first_name: 'Ольга', username: `olga${id}`, language_code }
}

async function post(from: Tg, text: string): Promise<void> {
  const command = /^\/\w+/.exec(text)![0]
  const response = await fetch(bot.webhookUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({
      update_id: ++updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from: { ...from, is_bot: false },
        text,
        entities: [{ offset: 0, length: command.length, type: 'bot_command' }],
      },
    }),
  })
  await response.arrayBuffer()
  expect(response.status).toBe(200)
}

const sentTo = (chat: number) => double.callsOf('sendMessage').filter((c) => c.params.chat_id === chat)
type Button = { text: string; web_app?: { url: string } }
const keyboardOf = (call: BotApiCall | undefined) =>
  (call?.params.reply_markup as { inline_keyboard: Button[][] } | undefined)?.inline_keyboard

/** A web account (e-mail and password) and the code its profile shows. */
async function webAccountWithCode(language: 'ru' | 'en') {
  const anna = await createUser(env.db, ['client'], {
    name: 'Анна Иванова',
    email: `anna${++tgId}@test.example`,
    password_hash: 'x',
    language,
  })
  const res = await fetch(`${apiUrl}/api/me/telegram/link-code`, {
    method: 'POST',
    headers: anna.headers,
  })
  expect(res.status).toBe(201)
  const answer = (await res.json()) as { code: string; deep_link: string }
  return { anna, code: answer.code, deepLink: answer.deep_link }
}

describe('linking a web account in the bot', () => {
  it('links with the deep link’s /start link-<code> and answers in the web account’s language', async () => {
    const { anna, deepLink } = await webAccountWithCode('en')
    const startParam = new URL(deepLink).searchParams.get('start')!
    expect(startParam).toMatch(/^link-[0-9A-Z]{8}$/)
    const olga = person('ru')
    // Olga had written to the bot before: it made her a client of her own.
    await post(olga, '/help')
    const shadow = await env.db('users').where({ tg_id: olga.id }).first('id')
    expect(shadow.id).not.toBe(anna.id)

    await post(olga, `/start ${startParam}`)
    const reply = sentTo(olga.id).at(-1)
    expect(reply?.params.text).toBe(
      'Done, Анна Иванова: Telegram is linked to your account on the site. Your bookings, wallet and packages are here now too.',
    )
    expect(keyboardOf(reply)?.[0]?.[0]).toEqual({ text: 'Book', web_app: { url: MINIAPP } })
    expect(await env.db('users').where({ tg_id: olga.id }).pluck('id')).toEqual([anna.id])
    expect(await env.db('users').where({ id: shadow.id })).toEqual([])
    expect(await env.db('users').where({ id: anna.id }).first('tg_username')).toEqual({
      tg_username: olga.username,
    })

    // From now on the bot speaks to her as the web account.
    await post(olga, '/start')
    expect(sentTo(olga.id).at(-1)?.params.text).toMatch(/^Hello, Ольга!/)
  })

  it('links with /link <code> typed by hand', async () => {
    const { anna, code } = await webAccountWithCode('ru')
    const maria = person('en')
    await post(maria, `/link ${code.toLowerCase()}`)
    expect(sentTo(maria.id).at(-1)?.params.text).toMatch(
      /^Готово, Анна Иванова: Telegram привязан к вашему аккаунту на сайте/,
    )
    expect(keyboardOf(sentTo(maria.id).at(-1))?.[0]?.[0]?.web_app).toEqual({ url: MINIAPP })
    expect(await env.db('users').where({ tg_id: maria.id }).pluck('id')).toEqual([anna.id])
  })

  it('answers a wrong code and a missing one clearly, linking nothing', async () => {
    const { anna, code } = await webAccountWithCode('ru')
    const olga = person('ru')
    const wrong = code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA'
    await post(olga, `/link ${wrong}`)
    expect(sentTo(olga.id).at(-1)?.params.text).toBe(
      'Такого кода нет или он уже использован. Проверьте его или получите новый в профиле на сайте.',
    )
    await post(olga, '/link')
    expect(sentTo(olga.id).at(-1)?.params.text).toMatch(/^Чтобы привязать аккаунт с сайта.*\/link КОД$/)
    const john = person('en')
    await post(john, '/start link-ZZZZ0000')
    expect(sentTo(john.id).at(-1)?.params.text).toMatch(/^There is no such code, or it was already used/)
    expect(await env.db('users').where({ id: anna.id }).first('tg_id')).toEqual({ tg_id: null })
    // The right code still works afterwards.
    await post(olga, `/link ${code}`)
    expect(await env.db('users').where({ tg_id: olga.id }).pluck('id')).toEqual([anna.id])
  })
})
