// Linking Telegram from the web profile in real Chromium, against the real API, the bot (its
// webhook) and the local Bot API double: the person opens the profile, presses "Привязать
// Telegram" and sees the code large with its countdown and the bot's deep link; the test sends
// `/link <code>` to the bot as Telegram would, and the page turns to "linked as @username" by
// itself. axe-core on each state; screenshots at 360 and 1280 px go to scratch/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startBot, type RunningBot } from '../../src/bot/main.ts'
import { startBotApiDouble, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import { createCompany } from '../helpers/fixtures.ts'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'

const SECRET = 'account-telegram-secret'
const olga = {
  id: 7_600_000_001,
  first_name: 'Ольга',
  username: 'olga_petrova',
  language_code: 'ru',
  is_bot: false,
}
let double: BotApiDouble
let stack: WebStack
let bot: RunningBot
let browser: Browser

beforeAll(async () => {
  double = await startBotApiDouble()
  stack = await startWebStack({
    config: {
      TELEGRAM_BOT_TOKEN: double.token,
      TELEGRAM_API_ROOT: double.apiRoot,
      TELEGRAM_BOT_USERNAME: 'salon_test_bot',
    },
    workers: false,
  })
  await createCompany(stack.env.db)
  await stack.env.db('company').where({ id: 1 }).update({ name: 'Салон «Тест»' })
  bot = await startBot(
    {
      ...stack.env.config,
      telegramWebhookSecret: SECRET,
      telegramMode: 'webhook',
      publicUrl: null,
      miniAppUrl: `${stack.baseUrl}/miniapp`,
      botPort: 0,
      apiUrl: stack.baseUrl,
    },
    { info: () => {}, warn: () => {}, error: (obj: object) => console.error('bot error', obj) },
  )
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await bot?.stop()
  await stack?.close()
  await double?.close()
})

/** axe, then a screenshot at 360 px and one at 1280 px (back to the phone after). */
async function look(page: Page, name: string) {
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.locator('.tg-link').scrollIntoViewIfNeeded()
  await screenshot(page, `account-telegram-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `account-telegram-${name}-1280`)
  await page.setViewportSize({ width: 360, height: 740 })
}

/** What Telegram posts to the bot's webhook when Olga sends `text`. */
async function sendToBot(text: string) {
  const command = /^\/\w+/.exec(text)![0]
  const response = await fetch(bot.webhookUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({
      update_id: Date.now() % 1_000_000,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: olga.id, type: 'private', first_name: olga.first_name },
        from: olga,
        text,
        entities: [{ offset: 0, length: command.length, type: 'bot_command' }],
      },
    }),
  })
  await response.arrayBuffer()
  expect(response.status).toBe(200)
}

describe('linking Telegram from the profile', () => {
  it('shows a code for the bot, and turns to "linked" once the bot has it', async () => {
    const maria = await stack.register({ name: 'Мария Иванова' })
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    page.setDefaultTimeout(15_000)
    try {
      await stack.logIn(page, maria.token, '/account/profile')
      const panel = page.locator('.tg-link')
      await panel.getByText('Telegram не привязан.', { exact: false }).waitFor()
      await look(page, 'unlinked')

      await panel.getByRole('button', { name: 'Привязать Telegram' }).click()
      const shown = panel.locator('[data-link-code]')
      await shown.waitFor()
      const code = (await shown.textContent())!.trim()
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      await expect
        .poll(() => panel.locator('[data-link-countdown]').textContent())
        .toMatch(/Код действует ещё (10:00|9:[0-5]\d)\./)
      expect(await panel.getByText(`/link ${code}`, { exact: false }).count()).toBe(1)
      const openBot = panel.getByRole('link', { name: 'Открыть бота' })
      expect(await openBot.getAttribute('href')).toBe(
        `https://t.me/salon_test_bot?start=link-${code.replace('-', '')}`,
      )
      await look(page, 'code')

      // The person sends the code to the bot; the page sees it without a reload.
      await sendToBot(`/link ${code}`)
      await double.waitFor(() => double.callsOf('sendMessage').length > 0)
      expect(String(double.callsOf('sendMessage').at(-1)!.params.text)).toMatch(
        /^Готово, Мария Иванова: Telegram привязан/,
      )
      await panel.getByText('Привязан как @olga_petrova.', { exact: true }).waitFor()
      await panel.getByText('Готово: Telegram привязан как @olga_petrova.').waitFor()
      expect(await panel.locator('[data-link-code]').count()).toBe(0)
      expect(await stack.env.db('users').where({ id: maria.id }).first('tg_id', 'tg_username')).toEqual({
        tg_id: olga.id,
        tg_username: olga.username,
      })
      await look(page, 'linked')
    } finally {
      await close()
    }
  })
})
