// The local Bot API double (tests/helpers/bot-api-double.ts) through telegraf's own client: the
// default answers, a wrong token, an unknown method, and scripted 429 / 403 / 400 answers in
// Telegram's error shape, overall and per chat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Telegram, TelegramError } from 'telegraf'
import { startBotApiDouble, type BotApiDouble } from '../helpers/bot-api-double.ts'

describe('Bot API double', () => {
  let double: BotApiDouble
  let telegram: Telegram

  beforeAll(async () => {
    double = await startBotApiDouble()
    telegram = new Telegram(double.token, { apiRoot: double.apiRoot })
  })
  afterAll(async () => {
    await double.close()
  })

  it('answers getMe and sendMessage as Telegram does and records the calls', async () => {
    double.reset()
    const me = await telegram.getMe()
    expect(me).toMatchObject({ is_bot: true, username: 'test_salon_bot' })
    const first = await telegram.sendMessage(42, 'Привет', {
      reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] },
    })
    const second = await telegram.sendMessage(42, 'Again')
    expect(first.chat.id).toBe(42)
    expect(first.text).toBe('Привет')
    expect(second.message_id).toBe(first.message_id + 1)
    expect(double.callsOf('sendMessage').map((c) => c.params.text)).toEqual(['Привет', 'Again'])
    expect(double.callsOf('sendMessage')[0]?.params.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'A', callback_data: 'a' }]],
    })
    const edited = await telegram.editMessageText(42, first.message_id, undefined, 'Edited')
    expect(edited).toMatchObject({ message_id: first.message_id, text: 'Edited' })
  })

  it('refuses a wrong token with 401 and an unknown method with 404', async () => {
    const wrong = new Telegram('999:wrong', { apiRoot: double.apiRoot })
    await expect(wrong.getMe()).rejects.toMatchObject({ code: 401 })
    const response = await fetch(`${double.apiRoot}/bot${double.token}/noSuchMethod`, { method: 'POST' })
    expect(response.status).toBe(404)
  })

  it('plays scripted errors once each, in order, then succeeds', async () => {
    double.reset()
    double.script(
      'sendMessage',
      { status: 429, retry_after: 3 },
      { status: 400, description: 'Bad Request: chat not found' },
    )
    double.scriptFor('sendMessage', 7, { status: 403 })
    const error429 = await telegram.sendMessage(1, 'x').catch((e: unknown) => e)
    expect(error429).toBeInstanceOf(TelegramError)
    expect((error429 as TelegramError).response).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    })
    const error403 = (await telegram.sendMessage(7, 'x').catch((e: unknown) => e)) as TelegramError
    expect(error403.code).toBe(403)
    expect(error403.description).toBe('Forbidden: bot was blocked by the user')
    const error400 = (await telegram.sendMessage(1, 'x').catch((e: unknown) => e)) as TelegramError
    expect(error400.code).toBe(400)
    expect(error400.description).toBe('Bad Request: chat not found')
    await expect(telegram.sendMessage(7, 'ok')).resolves.toMatchObject({ text: 'ok' })
    expect(double.callsOf('sendMessage')).toHaveLength(4)
    await double.waitFor((calls) => calls.length === 4)
    await expect(double.waitFor(() => false, 100)).rejects.toThrow(/waited 100 ms/)
  })

  it('reads form-encoded bodies', async () => {
    double.reset()
    const response = await fetch(`${double.apiRoot}/bot${double.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '5', text: 'form' }),
    })
    expect(await response.json()).toMatchObject({ ok: true, result: { chat: { id: 5 }, text: 'form' } })
  })
})
