// The client's account and the admin's settings in real Chromium against the real API and workers:
// a booking made through the API shows in "my bookings"; it is moved (a time taken meanwhile is
// refused in place with alternatives, the booking staying put), then cancelled inside the free
// window with the refund read before confirming and the wallet whole again after; packages bought
// from the wallet (and a 402 explained); a password changed and used; /admin refused to a client
// and used by an admin; the booking page's requests never include the admin chunk. axe-core runs on
// every screen; screenshots at 360 and 1280 px go to scratch/screenshots/.
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
  createWallet,
  weekdays,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Riga'
let stack: WebStack
let browser: Browser
let world: { service: { id: number }; specialist: { id: number }; day: string }

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { free_cancellation_hours: 24, booking_horizon_days: 30 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const location = await createLocation(db, { name: 'Рига', timezone: ZONE, address: 'Brīvības iela 1' })
  const service = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 3000,
  })
  const specialist = await createSpecialist(db, location.id, [service.id], {
    work_schedule: JSON.stringify(weekdays([['09:00', '20:00']])),
  })
  await db('users').where({ id: specialist.user.id }).update({ name: 'Анна Смирнова' })
  world = { service, specialist, day: DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()! }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

/** A client registered through the API (so they have a password), with `balance` in the wallet. */
async function newClient(balance: number) {
  const client = await stack.register()
  if (balance) await createWallet(stack.env.db, client.id, balance)
  return client
}

const logIn = (page: Page, token: string, path: string) => stack.logIn(page, token, path)

/** axe, then a screenshot at 360 px and one at 1280 px (back to the phone after). */
async function look(page: Page, name: string) {
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `account-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `account-${name}-1280`)
  await page.setViewportSize({ width: 360, height: 740 })
}

const startOf = async (id: number) => {
  const row = await stack.env.db('bookings').where({ id }).first('starts_at', 'status')
  return {
    local: DateTime.fromJSDate(row.starts_at as Date, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm'),
    status: row.status as string,
  }
}

describe('the account in a browser', () => {
  it('lists a booking, moves it (a taken time refused in place), cancels it with the refund shown first', async () => {
    const client = await newClient(10_000)
    const booked = await client.api.POST('/api/bookings', {
      body: {
        service_id: world.service.id,
        specialist_id: world.specialist.id,
        start: { date: world.day, time: '10:00' },
        payment: 'wallet',
      },
      headers: { 'idempotency-key': `account-${client.id}` },
    })
    expect(booked).toMatchObject({ status: 'confirmed', price: 3000 })
    const id = booked.id!

    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    try {
      // My bookings: the service, when in Riga's zone, with whom, where, status and price.
      await logIn(page, client.token, '/account/bookings')
      const card = page.locator(`[data-booking="${id}"]`)
      await card.waitFor()
      const text = await card.innerText()
      expect(text).toMatch(/Стрижка/)
      expect(text).toMatch(/10:00 \(GMT\+[23]\)/)
      expect(text).toMatch(/Анна Смирнова · Рига/)
      expect(text).toMatch(/Подтверждена/)
      expect(text).toMatch(/30\s€/)
      await look(page, 'bookings')

      await card.getByRole('link').click()
      await page.getByRole('heading', { level: 1, name: 'Стрижка' }).waitFor()
      await page.getByText(/Бесплатная отмена до/).waitFor()
      await look(page, 'booking')

      // Someone takes 15:00 while the picker still shows it: the move is refused, nothing changes.
      await page.getByRole('button', { name: 'Перенести' }).click()
      await page.locator(`.day-calendar__day[data-date="${world.day}"]`).click()
      await page.locator('[data-time="15:00"]').waitFor()
      await look(page, 'reschedule')
      const other = await newClient(0)
      await other.api.POST('/api/bookings', {
        body: {
          service_id: world.service.id,
          specialist_id: world.specialist.id,
          start: { date: world.day, time: '15:00' },
        },
        headers: { 'idempotency-key': `other-${other.id}` },
      })
      await page.locator('[data-time="15:00"]').click()
      await page.getByText('Это время только что заняли. Запись осталась на прежнем времени.').waitFor()
      expect(await startOf(id)).toEqual({ local: `${world.day} 10:00`, status: 'confirmed' })
      const alternative = page.locator('[data-alternative]').first()
      const target = (await alternative.getAttribute('data-alternative'))!
      expect(target >= `${world.day} 15:00`).toBe(true)
      expect(target).not.toBe(`${world.day} 15:00`)
      await look(page, 'reschedule-taken')

      // An alternative moves it, atomically: the database holds the new time.
      await alternative.click()
      await page.getByText(/Запись перенесена на/).waitFor()
      expect(await startOf(id)).toEqual({ local: target, status: 'confirmed' })
      await page.locator('.detail-history').getByText('Перенесена').waitFor()

      // Cancelling inside the free window: the dialog says the whole price comes back, before it happens.
      await page.getByRole('button', { name: 'Отменить запись' }).click()
      const dialog = page.getByRole('dialog', { name: 'Отменить запись?' })
      await dialog.waitFor()
      expect(await dialog.locator('[data-cancel-preview]').innerText()).toMatch(
        /Отмена сейчас бесплатна\.\s+Вернём в кошелёк: 30\s€\./,
      )
      expect((await startOf(id)).status).toBe('confirmed')
      await look(page, 'cancel-dialog')
      await dialog.getByRole('button', { name: 'Да, отменить' }).click()
      await page.getByText('Запись отменена.').waitFor()
      await page.getByText(/Возвращено в кошелёк: 30\s€\./).waitFor()
      expect(await page.locator('[data-status]').innerText()).toBe('Отменена')
      expect((await startOf(id)).status).toBe('cancelled')
      await look(page, 'cancelled')

      // The wallet is whole again, every amount formatted.
      await page.getByRole('link', { name: 'Кошелёк' }).click()
      await page.locator('[data-balance]').waitFor()
      expect(await page.locator('[data-balance]').innerText()).toMatch(/^100\s€$/)
      const rows = await page.locator('[data-transaction]').allInnerTexts()
      expect(rows[0]).toMatch(/Возврат[\s\S]*\+30\s€/)
      expect(rows[1]).toMatch(/Оплата[\s\S]*−30\s€/)
      expect(rows[2]).toMatch(/Пополнение[\s\S]*\+100\s€/)
      await look(page, 'wallet')
    } finally {
      await close()
    }
  })

  it('buys a package from the wallet, and says how much is missing for one it cannot afford', async () => {
    const { db } = stack.env
    const composition = (count: number) =>
      JSON.stringify({ items: [{ service_id: world.service.id, count }], valid_days: 90 })
    const [five] = await db('service_packages')
      .insert({ name: '5 стрижек', price: 12_550, composition: composition(5) })
      .returning('id')
    const [ten] = await db('service_packages')
      .insert({ name: '10 стрижек', price: 24_000, composition: composition(10) })
      .returning('id')
    const client = await newClient(20_000)
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    try {
      await logIn(page, client.token, '/account/packages')
      await page.locator(`[data-package="${five.id}"]`).waitFor()
      expect(await page.locator(`[data-package="${five.id}"]`).innerText()).toMatch(
        /Стрижка × 5[\s\S]*125,50\s€/,
      )
      expect(await page.locator('p[data-balance]').innerText()).toMatch(/200\s€/)
      await page.getByText('У вас пока нет абонементов.').waitFor()
      await look(page, 'packages')

      await page.locator(`[data-package="${five.id}"]`).getByRole('button').click()
      const dialog = page.getByRole('dialog')
      expect(await dialog.innerText()).toMatch(/спишется 125,50\s€, останется 74,50\s€/)
      await dialog.getByRole('button', { name: 'Купить' }).click()
      await page.getByText(/Абонемент «5 стрижек» куплен\. В кошельке осталось 74,50\s€\./).waitFor()
      expect(await page.locator(`[data-my-package="${five.id}"]`).innerText()).toMatch(
        /Стрижка: осталось 5 из 5[\s\S]*Действует до/,
      )
      const packages = await db('client_packages').where({ client_id: client.id })
      expect(packages).toHaveLength(1)

      // 240 € with 74.50 € in the wallet: 402, explained.
      await page.locator(`[data-package="${ten.id}"]`).getByRole('button').click()
      await page.getByRole('dialog').getByRole('button', { name: 'Купить' }).click()
      await page.getByText(/Не хватает 165,50\s€: абонемент стоит 240\s€, в кошельке 74,50\s€/).waitFor()
      expect((await client.api.GET('/api/me/wallet')).balance).toBe(7_450)
      await look(page, 'packages-bought')
    } finally {
      await close()
    }
  })

  it('changes the password, which then logs in; the profile shows contacts, Telegram and the calendar feed', async () => {
    const client = await newClient(0)
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    try {
      await logIn(page, client.token, '/account/profile')
      await page.getByLabel('Эл. почта').waitFor()
      await page.waitForFunction(
        (email) => document.querySelector<HTMLInputElement>('input[type=email]')?.value === email,
        client.email,
      )
      await page.getByText(/Telegram не привязан/).waitFor()
      await look(page, 'profile')

      // A wrong current password is refused at its field.
      await page.getByLabel('Текущий пароль').fill('not-my-password')
      await page.getByLabel('Новый пароль').fill('second-pass-456')
      await page.getByRole('button', { name: 'Сменить пароль' }).click()
      await page.locator('.ui-field__error').first().waitFor()
      await page.getByLabel('Текущий пароль').fill(client.password)
      await page.getByRole('button', { name: 'Сменить пароль' }).click()
      await page.getByText(/Пароль изменён\./).waitFor()
      await expect(
        stack.api().POST('/api/auth/login', { body: { login: client.email, password: client.password } }),
      ).rejects.toMatchObject({ status: 401 })
      const again = await stack.api().POST('/api/auth/login', {
        body: { login: client.email, password: 'second-pass-456' },
      })
      expect(again.user.id).toBe(client.id)

      // The calendar feed: both links, then revoked.
      await page.getByRole('button', { name: 'Получить ссылку' }).click()
      const webcal = await page.locator('[data-feed="webcal"]').inputValue()
      const https = await page.locator('[data-feed="https"]').inputValue()
      expect(webcal).toMatch(/^webcal:\/\/.+\.ics$/)
      expect(https).toMatch(/^https?:\/\/.+\.ics$/)
      await look(page, 'profile-feed')
      await page.getByRole('button', { name: 'Отозвать ссылку' }).click()
      await page.getByText('Ссылка отозвана и больше не работает.').waitFor()
      expect((await client.api.GET('/api/me/calendar-feed')).active).toBe(false)

      // The language chosen here is the site's and the account's.
      await page.getByLabel('English').check()
      await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor()
      await expect.poll(async () => (await client.api.GET('/api/me')).language).toBe('en')
    } finally {
      await close()
    }
  })

  it('refuses /admin to a client and lets an admin change the horizon, with the API’s error at the field', async () => {
    const client = await newClient(0)
    await expect(client.api.GET('/api/admin/settings')).rejects.toMatchObject({ status: 403 })
    const admin = await newClient(0)
    await stack.env.db('user_roles').insert({ user_id: admin.id, role: 'admin' })

    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    try {
      await logIn(page, client.token, '/admin')
      await page.getByRole('heading', { level: 1, name: 'Вход для администратора' }).waitFor()
      await page.getByText(/нет прав администратора/).waitFor()
      expect(await page.getByLabel('Горизонт записи, дней').count()).toBe(0)
      await look(page, 'admin-refused')

      await page.getByLabel('Эл. почта или телефон').fill(admin.email)
      await page.getByLabel('Пароль').fill(admin.password)
      await page.getByRole('button', { name: 'Войти' }).click()
      // The panel opens on the journal; the settings are one of its sections.
      await page.getByRole('link', { name: 'Настройки' }).click()
      const horizon = page.getByLabel('Горизонт записи, дней')
      await horizon.waitFor()
      expect(await horizon.inputValue()).toBe('30')
      await look(page, 'admin-settings')

      await horizon.fill('400')
      await page.getByRole('button', { name: 'Сохранить' }).click()
      await page.locator('[data-setting="booking_horizon_days"] .ui-field__error').waitFor()
      expect(
        await page.locator('[data-setting="booking_horizon_days"] .ui-field__error').innerText(),
      ).toMatch(/365/)
      await look(page, 'admin-settings-invalid')

      await horizon.fill('45')
      await page.getByRole('button', { name: 'Сохранить' }).click()
      await page.getByText(/Настройки сохранены\./).waitFor()
      expect((await admin.api.GET('/api/admin/settings')).booking_horizon_days).toBe(45)
      expect((await stack.api().GET('/api/company')).booking_horizon_days).toBe(45)
    } finally {
      await close()
    }
  })

  it('never loads the admin chunk on the booking page', async () => {
    const { page, close } = await openPage(browser)
    try {
      const requested: string[] = []
      page.on('request', (r) => requested.push(new URL(r.url()).pathname))
      await page.goto(`${stack.baseUrl}/`)
      await page.getByRole('link', { name: /Стрижка/ }).waitFor()
      await page.waitForLoadState('networkidle')
      const scripts = requested.filter((p) => p.endsWith('.js'))
      expect(scripts.length).toBeGreaterThan(0)
      expect(scripts.filter((p) => /Admin/.test(p))).toEqual([])

      // …and /admin does load it: the check above looks at the right names.
      await page.goto(`${stack.baseUrl}/admin`)
      await page.getByRole('heading', { level: 1, name: 'Вход для администратора' }).waitFor()
      expect(requested.some((p) => /\/assets\/AdminApp-[\w-]+\.js$/.test(p))).toBe(true)
    } finally {
      await close()
    }
  })
})
