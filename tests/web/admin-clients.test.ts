// The admin's clients and their money in real Chromium against the real API: the search finds a
// client by part of the name, by a phone typed in another form and by e-mail; a deposit whose answer
// is lost is retried with the same Idempotency-Key and applied once, while a separate press is a
// second deposit; an adjustment with its comment; a package granted; a discount added and ended.
// The database is read after each. axe-core on each screen; screenshots at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import { createCompany, createService, createUser } from '../helpers/fixtures.ts'

let stack: WebStack
let browser: Browser
let admin: { token: string }
let client: { id: number }
let service: { id: number }

beforeAll(async () => {
  stack = await startWebStack({ workers: false })
  const { db } = stack.env
  await createCompany(db)
  await db('company').where({ id: 1 }).update({ currency: 'RUB' })
  service = await createService(db, { name: 'Стрижка', price: 150_000 })
  client = await createUser(db, ['client'], {
    name: 'Светлана Кузнецова',
    phone: '+79165554321',
    email: 'svetlana.k@test.example',
  })
  await createUser(db, ['client'], { name: 'Пётр Иванов', phone: '+79035550000' })
  admin = await stack.register({ name: 'Администратор', roles: ['admin'] })
  await stack.api(admin.token).POST('/api/admin/packages', {
    body: {
      name: '5 стрижек',
      price: 600_000,
      valid_days: 90,
      items: [{ service_id: service.id, count: 5 }],
    },
  })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function open() {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 } })
  opened.page.setDefaultTimeout(10_000)
  return opened
}

async function look(page: Page, name: string) {
  await checkA11y(page, name)
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await screenshot(page, `admin-clients-${name}-${width}`)
  }
}

const rows = (page: Page) => page.locator('[data-client]')
const ledger = () => stack.env.db('wallet_transactions').where({ client_id: client.id }).orderBy('id')

describe('the clients screens in a browser', () => {
  it('finds a client by part of the name, by a phone typed in the national form and by e-mail', async () => {
    const { page, close } = await open()
    try {
      await stack.logIn(page, admin.token, '/admin/clients')
      const search = page.getByRole('searchbox', { name: 'Поиск клиента' })
      await search.waitFor()
      for (const q of ['Кузнец', '8 916 555-43', 'svetlana.k@']) {
        await search.fill(q)
        await page.getByText('Найдено: 1').waitFor()
        expect(await rows(page).getAttribute('data-client')).toBe(String(client.id))
      }
      await search.fill('')
      await page.getByText(/Найдено: [2-9]/).waitFor()
      await look(page, 'list')
      await search.fill('Кузнец')
      await page.getByText('Найдено: 1').waitFor()
      await rows(page).click()
      await page.getByRole('heading', { level: 1, name: 'Светлана Кузнецова' }).waitFor()
    } finally {
      await close()
    }
  })

  it('applies a deposit once when its answer is lost and it is retried; another press is another deposit', async () => {
    const { page, close } = await open()
    try {
      const keys: string[] = []
      let lose = true
      await page.route('**/api/admin/clients/*/wallet/deposits', async (route) => {
        keys.push(route.request().headers()['idempotency-key'] ?? '')
        // The first request reaches the API and is applied; its answer never reaches the page.
        const answer = await route.fetch()
        if (lose) {
          lose = false
          expect(answer.status()).toBe(201)
          return route.abort('connectionreset')
        }
        return route.fulfill({ response: answer })
      })
      await stack.logIn(page, admin.token, `/admin/clients/${client.id}`)
      const form = page.locator('[data-wallet-form="deposit"]')
      await form.getByLabel('Сумма, RUB').fill('1 500,50')
      await form.getByLabel('Комментарий').fill('Наличные')
      await form.getByRole('button', { name: 'Пополнить' }).click()
      await form.getByText(/Ответ не дошёл/).waitFor()
      expect(await ledger()).toHaveLength(1)

      await form.getByRole('button', { name: /Повторить/ }).click()
      await form.getByText(/Проведено\. Баланс: 1\s?500,50/).waitFor()
      expect(keys).toHaveLength(2)
      expect(keys[1]).toBe(keys[0])
      const once = await ledger()
      expect(once.map((r) => [r.kind, Number(r.amount), r.comment])).toEqual([
        ['deposit', 150_050, 'Наличные'],
      ])

      // A new operation: a new key, a second deposit.
      await form.getByLabel('Сумма, RUB').fill('100')
      await form.getByRole('button', { name: 'Пополнить' }).click()
      await form.getByText(/Баланс: 1\s?600,50/).waitFor()
      expect(keys[2]).not.toBe(keys[0])
      expect((await ledger()).map((r) => Number(r.amount))).toEqual([150_050, 10_000])
      await page
        .locator('[data-test="balance"]')
        .getByText(/1\s?600,50/)
        .waitFor()
      // Each ledger line names who made it.
      await expect
        .poll(() => page.locator('[data-test="transactions"] [data-test="tx-author"]').allInnerTexts())
        .toEqual(['Администратор', 'Администратор'])
    } finally {
      await close()
    }
  })

  it('adjusts with a comment, grants a package, adds and ends a discount', async () => {
    const { page, close } = await open()
    try {
      await stack.logIn(page, admin.token, `/admin/clients/${client.id}`)
      const adjust = page.locator('[data-wallet-form="adjustment"]')
      // Taking off more than the balance is refused at the amount, and nothing moves.
      const before = (await ledger()).length
      await adjust.getByLabel(/Сумма, RUB/).fill('-100000')
      await adjust.getByLabel('Комментарий').fill('Списание')
      await adjust.getByRole('button', { name: 'Провести корректировку' }).click()
      await adjust.locator('.n-form-item-feedback--error').waitFor()
      expect(await ledger()).toHaveLength(before)

      await adjust.getByLabel(/Сумма, RUB/).fill('250')
      await adjust.getByLabel('Комментарий').fill('')
      await adjust.getByRole('button', { name: 'Провести корректировку' }).click()
      await adjust.getByText('Напишите, почему меняется баланс.').waitFor()
      await adjust.getByLabel('Комментарий').fill('Ошибка кассира')
      await adjust.getByRole('button', { name: 'Провести корректировку' }).click()
      await adjust.getByText(/Проведено/).waitFor()
      const last = (await ledger()).at(-1)
      expect([last.kind, Number(last.amount), last.comment]).toEqual(['adjustment', 25_000, 'Ошибка кассира'])

      await page.locator('[data-test="package-select"]').click()
      await page.locator('.n-base-select-option', { hasText: '5 стрижек' }).click()
      await page.getByRole('button', { name: 'Выдать абонемент' }).click()
      await page.getByText('Стрижка: осталось 5 из 5').waitFor()
      const granted = await stack.env.db('client_packages').where({ client_id: client.id })
      expect(granted.map((p) => Number(p.price_paid))).toEqual([0])

      await page.getByLabel('Размер').fill('15')
      await page.getByRole('button', { name: 'Добавить скидку' }).click()
      await page.getByText('Скидка добавлена.').waitFor()
      const [discount] = await stack.env.db('client_discounts').where({ client_id: client.id })
      expect([discount.kind, Number(discount.value), discount.active]).toEqual(['percent', 15, true])
      await look(page, 'profile')

      await page
        .locator(`[data-discount="${discount.id}"]`)
        .getByRole('button', { name: 'Завершить' })
        .click()
      await page.getByText('Скидка завершена.').waitFor()
      expect((await stack.env.db('client_discounts').where({ id: discount.id }).first()).active).toBe(false)
    } finally {
      await close()
    }
  })
})
