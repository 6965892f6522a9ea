// The end of the booking flow in real Chromium against the real API (serving the built site) and
// workers: a new client registers at the summary (the chosen time kept), is told what the wallet
// lacks (402), pays with it once topped up and sees the confirmation with calendar links; two
// browsers race for one time and the loser books an alternative offered in place; with the worker
// stopped the booking waits visibly (202) and completes when it is back; the English site at 360 px
// with an existing client logging in. axe-core on the summary and the outcome; screenshots at 360
// and 1280 px go to scratch/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  createUser,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Riga'
let stack: WebStack
let browser: Browser
let admin: { token: string }
let world: { service: { id: number }; anna: { id: number }; day: string }

beforeAll(async () => {
  // A booking that outlives one second answers 202 (the worker stopped in one test).
  stack = await startWebStack({ config: { INTENT_WAIT_MS: '1000' } })
  const { db } = stack.env
  await createCompany(db, { free_cancellation_hours: 24, late_cancellation_fee_percent: 50 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const location = await createLocation(db, { name: 'Рига', timezone: ZONE, address: 'Brīvības iela 1' })
  const service = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 3000,
  })
  // Anna and Boris work only on the weekday three days from now: the time step opens on it.
  const day = DateTime.now().setZone(ZONE).plus({ days: 3 })
  const schedule = JSON.stringify({ [String(day.weekday - 1)]: [['09:00', '18:00']] })
  const anna = await createSpecialist(db, location.id, [service.id], { work_schedule: schedule })
  const boris = await createSpecialist(db, location.id, [service.id], { work_schedule: schedule })
  await db('users').where({ id: anna.user.id }).update({ name: 'Анна Смирнова' })
  await db('users').where({ id: boris.user.id }).update({ name: 'Борис Петров' })
  admin = await createUser(db, ['admin'])
  world = { service, anna, day: day.toISODate()! }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const newClient = () => stack.register({ name: 'Ольга Клиентова' })
const logIn = (page: Page, token: string) => stack.logIn(page, token)

/** From the services to the summary: the service, a specialist card, then a time of the first free day. */
async function pickTime(page: Page, specialist: RegExp, time: string) {
  await page.goto(stack.baseUrl)
  await page.getByRole('link', { name: /Стрижка|Haircut/ }).click()
  await page.getByRole('link', { name: specialist }).click()
  await page.locator(`[data-time="${time}"]`).click()
  await page.locator('[data-fact="when"]').waitFor()
}

const confirmButton = (page: Page) => page.getByRole('button', { name: /^(Записаться|Book)(\s|$)/ })

async function bookingsOf(clientId: number) {
  return stack.env.db('bookings').where({ client_id: clientId }).orderBy('id')
}

/** A page of the test browser whose waits fail (with what they waited for) before the test's own timeout. */
async function open(options: Parameters<typeof openPage>[1] = {}) {
  const opened = await openPage(browser, options)
  opened.page.setDefaultTimeout(15_000)
  return opened
}

async function shots(page: Page, name: string) {
  await screenshot(page, `flow-${name}-${page.viewportSize()?.width ?? 0}`)
}

describe('the booking summary and its outcome in a browser', () => {
  it('registers a new client at the summary, explains the short wallet, books with it once topped up', async () => {
    const { page, close } = await open({ viewport: { width: 1280, height: 900 } })
    try {
      await pickTime(page, /Анна Смирнова/, '10:00')
      // Before logging in: the facts and the catalogue's price, and the form in place.
      expect(await page.locator('[data-fact="service"]').innerText()).toBe('Стрижка')
      expect(await page.locator('[data-fact="specialist"]').innerText()).toBe('Анна Смирнова')
      expect(await page.locator('[data-fact="address"]').innerText()).toBe('Brīvības iela 1')
      expect(await page.locator('[data-fact="when"]').innerText()).toMatch(/10:00 \(GMT\+[23]\)/)
      expect(await page.locator('[data-fact="duration"]').innerText()).toBe('1 ч')
      expect(await page.locator('[data-fact="price"]').innerText()).toMatch(/30\s*€/)
      await page.getByRole('heading', { name: 'Войдите или зарегистрируйтесь' }).waitFor()
      await checkA11y(page, 'the summary before logging in')
      await shots(page, '1-summary-auth')

      // A mistake is told at its field; then registration inside the flow.
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click()
      await page.getByText('Заполните это поле.').first().waitFor()
      const email = `new-${Date.now()}@test.example`
      await page.getByLabel('Имя').fill('Новая Клиентка')
      await page.getByLabel('Телефон или e-mail').fill(email)
      await page.getByLabel('Пароль').fill('new-pass-123')
      await page.getByRole('button', { name: 'Зарегистрироваться' }).click()

      // The same time is quoted for the new session: on site by default, the empty wallet offered.
      await page.locator('[data-payment="wallet"]').waitFor()
      expect(await page.locator('[data-fact="when"]').innerText()).toMatch(/10:00/)
      expect(await page.locator('[data-payment="on_site"] input').isChecked()).toBe(true)
      await page.locator('[data-payment="wallet"] input').check()
      expect(await page.locator('[data-payment="wallet"]').innerText()).toMatch(/не хватает 30\s*€/)
      expect(await page.locator('[data-terms]').innerText()).toMatch(
        /Бесплатная отмена до .*Позже удерживается 50 %/,
      )

      // Booking with the empty wallet: 402, saying what is missing, offering to pay on site.
      await confirmButton(page).click()
      const refused = page.locator('[data-state="refused"]')
      await refused.waitFor()
      expect(await refused.innerText()).toMatch(/На балансе 0\s*€, а запись стоит 30\s*€\. Не хватает 30\s*€/)
      await page.getByRole('button', { name: 'Оплатить на месте' }).waitFor()
      await checkA11y(page, 'the summary after a 402')
      await shots(page, '2-summary-402')
      expect(await bookingsOf((await stack.env.db('users').where({ email }).first('id')).id)).toHaveLength(0)

      // The salon tops the wallet up and gives a personal discount; the client refreshes the quote.
      const user = (await stack.env.db('users').where({ email }).first('id')) as { id: number }
      const desk = stack.api(admin.token)
      await desk.POST('/api/admin/clients/{id}/wallet/deposits', {
        params: { path: { id: user.id } },
        body: { amount: 5000 },
        headers: { 'idempotency-key': `flow-deposit-${user.id}` },
      })
      await desk.POST('/api/admin/clients/{id}/discounts', {
        params: { path: { id: user.id } },
        body: { kind: 'percent', value: 10 },
      })
      await page.locator('[data-payment="wallet"] input').check()
      await page.getByRole('button', { name: 'Обновить баланс' }).click()
      await page
        .locator('[data-payment="wallet"]')
        .getByText(/На балансе 50\s*€/)
        .waitFor()
      const price = await page.locator('[data-fact="price"]').innerText()
      expect(price).toMatch(/27\s*€/)
      expect(price).toMatch(/Ваша скидка: −3\s*€/)
      await shots(page, '3-summary-wallet')

      await confirmButton(page).click()
      await page.waitForURL(/\/bookings\/\d+\/done$/)
      await page.getByRole('heading', { name: 'Вы записаны' }).waitFor()
      expect(await page.locator('[data-fact="paid"]').innerText()).toMatch(/Оплачено с баланса: 27\s*€/)
      await checkA11y(page, 'the outcome')
      await shots(page, '4-outcome')

      // The booking exists, paid from the wallet; the balance is reduced by the discounted price.
      const rows = await bookingsOf(user.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: 'confirmed', payment_method: 'wallet', price: 2700 })
      const token = await page.evaluate(() => localStorage.getItem('booking.token'))
      expect((await stack.api(token!).GET('/api/me/wallet')).balance).toBe(2300)

      // Add to calendar: an .ics made from the booking (UTC), a Google link that loads nothing.
      const start = DateTime.fromISO(`${world.day}T10:00`, { zone: ZONE })
        .toUTC()
        .toFormat("yyyyMMdd'T'HHmmss'Z'")
      const ics = decodeURIComponent(
        (await page.locator('[data-link="ics"]').getAttribute('href'))!.split(',')[1]!,
      )
      expect(ics).toContain(`DTSTART:${start}`)
      expect(ics).toContain(`UID:booking-${rows[0].id}@`)
      expect(ics).toContain('LOCATION:Рига\\, Brīvības iela 1')
      const google = new URL((await page.locator('[data-link="google"]').getAttribute('href'))!)
      expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render')
      expect(google.searchParams.get('dates')).toMatch(new RegExp(`^${start}/\\d{8}T\\d{6}Z$`))
      // Manage: the account's page of this booking.
      await page.getByRole('link', { name: 'Управлять записью' }).click()
      await page.waitForURL(new RegExp(`/account/bookings/${rows[0].id}$`))
    } finally {
      await close()
    }
  }, 90_000)

  it('lets exactly one of two browsers have a time; the other books an alternative offered in place', async () => {
    const [ann, ben] = [await newClient(), await newClient()]
    const first = await open()
    const second = await open({ viewport: { width: 360, height: 740 } })
    try {
      for (const [p, c] of [
        [first.page, ann],
        [second.page, ben],
      ] as const) {
        await logIn(p, c.token)
        await pickTime(p, /Анна Смирнова/, '12:00')
        await confirmButton(p).waitFor()
      }
      await Promise.all([confirmButton(first.page).click(), confirmButton(second.page).click()])
      const settled = (p: Page) =>
        Promise.race([
          p.waitForURL(/\/bookings\/\d+\/done$/).then(() => 'booked' as const),
          p
            .locator('[data-state="taken"] [data-alternative]')
            .first()
            .waitFor()
            .then(() => 'taken' as const),
        ])
      const outcomes = await Promise.all([settled(first.page), settled(second.page)])
      expect([...outcomes].sort()).toEqual(['booked', 'taken'])
      const loser = outcomes[0] === 'taken' ? first.page : second.page
      const loserId = outcomes[0] === 'taken' ? ann.id : ben.id
      expect(await bookingsOf(loserId)).toHaveLength(0)

      // The nearest times of that day with Anna, and 12:00 with another specialist.
      const taken = loser.locator('[data-state="taken"]')
      expect(await taken.innerText()).toMatch(/Это время только что заняли/)
      const offered = await taken
        .locator('[data-alternative]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-alternative')))
      expect(offered).toContain('other-specialist')
      expect(offered).toContain(`${world.day} 11:00`)
      expect(offered).toContain(`${world.day} 13:00`)
      expect(offered).not.toContain(`${world.day} 12:00`)
      await checkA11y(loser, 'the summary, just taken')
      await shots(loser, '5-summary-taken')

      // One press re-opens the summary for 13:00 on the same page, and it books.
      const url = loser.url()
      await loser.locator(`[data-alternative="${world.day} 13:00"]`).click()
      await loser.locator('[data-fact="when"]').getByText(/13:00/).waitFor()
      expect(loser.url()).toBe(url)
      await confirmButton(loser).click()
      await loser.waitForURL(/\/bookings\/\d+\/done$/)
      const rows = await bookingsOf(loserId)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: 'confirmed', specialist_id: world.anna.id })
    } finally {
      await first.close()
      await second.close()
    }
  }, 90_000)

  it('waits visibly while the worker is stopped (202) and shows the confirmation once it is back', async () => {
    const client = await newClient()
    const { page, close } = await open()
    try {
      await logIn(page, client.token)
      await pickTime(page, /Любой специалист/, '15:00')
      await confirmButton(page).waitFor()
      await stack.workers.stop()
      try {
        await confirmButton(page).click()
        const waiting = page.locator('[data-state="waiting"]')
        await waiting.waitFor()
        expect(await waiting.innerText()).toMatch(/Ваша запись обрабатывается…/)
        expect(
          await page.locator('[data-state="waiting"]').evaluate((e) => e.closest('[aria-live]') !== null),
        ).toBe(true)
        await shots(page, '6-summary-waiting')
        expect(await bookingsOf(client.id)).toHaveLength(0)
      } finally {
        await stack.workers.start()
      }
      await page.waitForURL(/\/bookings\/\d+\/done$/)
      await page.getByRole('heading', { name: 'Вы записаны' }).waitFor()
      const rows = await bookingsOf(client.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: 'confirmed', payment_method: 'on_site' })
    } finally {
      await close()
    }
  }, 90_000)

  it('speaks English at 360 px: an existing client logs in at the summary and books any specialist', async () => {
    const client = await newClient()
    const { page, close } = await open({
      locale: 'en-GB',
      viewport: { width: 360, height: 740 },
    })
    try {
      await pickTime(page, /Any specialist/, '16:00')
      await page.getByRole('heading', { level: 1, name: 'Check your booking' }).waitFor()
      expect(await page.locator('[data-fact="specialist"]').innerText()).toMatch(/^Any specialist/)
      await page.getByRole('tab', { name: 'Log in' }).click()
      await page.getByLabel('Phone or e-mail').fill(client.email)
      await page.getByLabel('Password').fill('wrong-password')
      await page.getByRole('button', { name: 'Log in' }).last().click()
      await page.getByText('The login or the password is wrong.').waitFor()
      await page.getByLabel('Password').fill(client.password)
      await page.getByRole('button', { name: 'Log in' }).last().click()

      // Quoted for the assigned specialist, the time kept, in English words.
      await page.locator('[data-payment="on_site"]').waitFor()
      expect(await page.locator('[data-fact="specialist"]').innerText()).toMatch(
        /^(Анна Смирнова|Борис Петров) \(any specialist — free at this time\)$/,
      )
      expect(await page.locator('[data-fact="when"]').innerText()).toMatch(/4:00\s*PM \(GMT\+[23]\)/)
      expect(await page.locator('[data-terms]').innerText()).toMatch(/^Free cancellation until/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await checkA11y(page, 'the English summary')
      await shots(page, '7-summary-en')

      await confirmButton(page).click()
      await page.getByRole('heading', { name: 'You are booked' }).waitFor()
      expect(await page.locator('[data-fact="paid"]').innerText()).toMatch(/Pay on site: €30/)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await checkA11y(page, 'the English outcome')
      await shots(page, '8-outcome-en')
      await page.setViewportSize({ width: 1280, height: 900 })
      await shots(page, '8-outcome-en')
      const rows = await bookingsOf(client.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ status: 'confirmed', payment_method: 'on_site', price: 3000 })
    } finally {
      await close()
    }
  }, 90_000)
})
