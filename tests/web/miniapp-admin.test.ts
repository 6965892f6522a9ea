// The Mini App's admin screens in real Chromium against the real API and workers, outside Telegram
// (tests/helpers/mini-app.ts signs initData and records what the app posts to Telegram). As a
// person would, with taps and typing: an admin changes a specialist's Tuesday to 10:00–14:00 (a
// booking in the way is listed and kept) and the public slots offer exactly that; edits a service's
// price (a negative one is refused at the field) and the client's list shows the new one, and adds
// a service; closes a day for a specialist (a booking in the way kept) and its slots disappear, then
// deletes the override and they return; applies a week to two specialists and follows the bulk
// job's progress to completion. axe runs on every screen in Telegram's light and dark themes, with
// screenshots at phone size (390 px, and the layout checked at 360 px).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.ts'
import {
  lastMainButton,
  posted,
  launchMiniApp,
  LIGHT_THEME,
  receive,
  type TgUser,
  DARK_THEME as DARK,
} from '../helpers/mini-app.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  weekdays,
} from '../helpers/fixtures.ts'

const BOT_TOKEN = '123456:TEST-admin-abcdefghijklmnopqrstuv'
const ZONE = 'Europe/Riga'

let stack: WebStack
let browser: Browser
let service: { id: number }
let admin: TgUser
const people: Record<'anna' | 'boris' | 'carl' | 'dina', { id: number }> = {} as never
let nextTgId = 710_000_000

beforeAll(async () => {
  stack = await startWebStack({ config: { TELEGRAM_BOT_TOKEN: BOT_TOKEN } })
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const hours = JSON.stringify(weekdays([['09:00', '18:00']]))
  const location = await createLocation(db, {
    name: 'Рига',
    timezone: ZONE,
    work_schedule: JSON.stringify(weekdays([['00:00', '24:00']])),
  })
  service = await createService(db, { name: 'Стрижка', duration_minutes: 60, break_minutes: 0, price: 3500 })
  const names = { anna: 'Анна Смирнова', boris: 'Борис Орлов', carl: 'Карл Берзиньш', dina: 'Дина Озола' }
  for (const [key, name] of Object.entries(names) as [keyof typeof names, string][]) {
    const s = await createSpecialist(db, location.id, [service.id], { work_schedule: hours })
    await db('users').where({ id: s.user.id }).update({ name })
    people[key] = s
  }
  const registered = await stack.register({ name: 'Главный Админ', roles: ['admin'] })
  admin = { id: nextTgId++, first_name: 'Главный', last_name: 'Админ', language_code: 'ru' }
  await db('users').where({ id: registered.id }).update({ tg_id: admin.id, language: 'ru' })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const localDay = (plus: number) => DateTime.now().setZone(ZONE).plus({ days: plus }).toISODate()!

/** The first date at least two days ahead that falls on `weekday` (1 Monday … 7 Sunday). */
function nextWeekday(weekday: number): string {
  let d = DateTime.now().setZone(ZONE).plus({ days: 2 })
  while (d.weekday !== weekday) d = d.plus({ days: 1 })
  return d.toISODate()!
}

/** The start times the public slots API offers for the service with `specialistId` on `date`. */
async function times(specialistId: number, date: string): Promise<string[]> {
  const slots = await stack.api().GET('/api/slots', {
    params: { query: { service_id: service.id, specialist_id: specialistId, from: date, days: 1 } },
  })
  return slots.locations.flatMap((l) => l.days.filter((d) => d.date === date).flatMap((d) => d.times))
}

/** Every quarter hour from `from` to `to`, both included ('10:00', '10:15', …). */
function quarters(from: string, to: string): string[] {
  const out: string[] = []
  for (let t = DateTime.fromISO(`2000-01-01T${from}`); t.toFormat('HH:mm') <= to; t = t.plus({ minutes: 15 }))
    out.push(t.toFormat('HH:mm'))
  return out
}

async function bookAs(name: string, specialistId: number, date: string, time: string) {
  const client = await stack.register({ name })
  return (await client.api.POST('/api/bookings', {
    body: { service_id: service.id, specialist_id: specialistId, start: { date, time } },
    headers: { 'idempotency-key': `miniapp-admin-${client.id}` },
  })) as { id: number }
}

const launchAdmin = () =>
  launchMiniApp(browser, {
    botToken: BOT_TOKEN,
    user: admin,
    url: `${stack.baseUrl}/miniapp`,
    timezoneId: ZONE,
  })

/** Whether the MainButton is shown (never set up counts as hidden: the SDK posts only changes). */
const mainButtonShown = async (page: Page) => (await lastMainButton(page))?.is_visible === true

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

/** axe in the light and the dark theme, phone-size screenshots of both, nothing wider than 360 px. */
async function look(page: Page, name: string) {
  await page.waitForFunction(() => document.querySelectorAll('.ui-spinner').length === 0)
  await checkA11y(page, `${name} (light)`)
  await screenshot(page, `miniapp-admin-${name}-390`)
  await receive(page, 'theme_changed', { theme_params: DARK })
  await expect.poll(() => background(page)).toBe('rgb(23, 33, 43)')
  await checkA11y(page, `${name} (dark)`)
  await screenshot(page, `miniapp-admin-${name}-390-dark`)
  await receive(page, 'theme_changed', { theme_params: LIGHT_THEME })
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)')
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.setViewportSize({ width: 390, height: 760 })
}

/** From the journal (the admin's home) to a specialist's screen. */
async function openSpecialist(page: Page, name: string) {
  await page.getByRole('heading', { name: 'Журнал на сегодня' }).waitFor()
  await page.getByRole('link', { name: 'Графики' }).click()
  await page.getByRole('heading', { name: 'Графики' }).waitFor()
  await page.getByRole('link', { name: new RegExp(name) }).click()
  await page.getByRole('heading', { name }).waitFor()
}

/** Opens a weekday's editor and sets its one interval. */
async function setDay(page: Page, day: string, index: number, from: string, to: string) {
  await page.getByRole('button', { name: `Изменить ${day}` }).click()
  await page.locator(`input[name="from-${index}-0"]`).fill(from)
  await page.locator(`input[name="to-${index}-0"]`).fill(to)
}

const scheduleOf = async (id: number) =>
  (await stack.env.db('specialists').where({ id }).first()).work_schedule as Record<string, string[][]>

describe('the Mini App’s schedules for an admin', () => {
  it('changes a Tuesday to 10:00–14:00, keeps a booking in the way, and the slots offer exactly that', async () => {
    const tuesday = nextWeekday(2)
    await bookAs('Ирина Клява', people.anna.id, tuesday, '16:00')
    await expect.poll(() => times(people.anna.id, tuesday), { timeout: 15_000 }).toContain('09:00')
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    try {
      await openSpecialist(page, 'Анна Смирнова')
      await page.locator('[data-day="1"]').getByText('09:00–18:00').waitFor()
      expect(await mainButtonShown(page)).toBe(false)
      await look(page, 'week')

      await setDay(page, 'вторник', 1, '10:00', '14:00')
      // A second interval can be added and taken away again.
      await page.getByRole('button', { name: 'Добавить интервал' }).click()
      await page.locator('input[name="from-1-1"]').waitFor()
      await look(page, 'week-day')
      await page.getByRole('button', { name: /Убрать интервал 14:00–15:00/ }).click()
      await page.getByRole('button', { name: 'Готово' }).click()
      await page.locator('[data-day="1"]').getByText('10:00–14:00').waitFor()
      await expect
        .poll(() => lastMainButton(page))
        .toMatchObject({ is_visible: true, text: 'Сохранить график' })

      // Telegram's MainButton saves; the 16:00 booking would fall outside and is listed first.
      await receive(page, 'main_button_pressed')
      const stranded = page.getByTestId('stranded')
      await stranded.getByText(/Ирина Клява, Стрижка/).waitFor()
      expect((await scheduleOf(people.anna.id))['1']).toEqual([['09:00', '18:00']])
      await look(page, 'week-conflict')
      await stranded.getByRole('button', { name: 'Сохранить и оставить записи' }).click()
      await page.getByTestId('week-notice').getByText('График сохранён.').waitFor()

      const saved = await scheduleOf(people.anna.id)
      expect(saved['1']).toEqual([['10:00', '14:00']])
      expect(saved['0']).toEqual([['09:00', '18:00']])
      await expect
        .poll(() => times(people.anna.id, tuesday), { timeout: 15_000 })
        .toEqual(quarters('10:00', '13:00'))
      // The other days are as they were.
      expect(await times(people.anna.id, nextWeekday(3))).toContain('09:00')
    } finally {
      await close()
    }
  })

  it('does not drop unsaved hours silently: leaving asks first, and closing asks Telegram to confirm', async () => {
    const before = await scheduleOf(people.anna.id)
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    const closing = async () => (await posted(page, 'web_app_setup_closing_behavior')).at(-1)
    try {
      await openSpecialist(page, 'Анна Смирнова')
      await page.locator('[data-day="2"]').waitFor()
      await setDay(page, 'среда', 2, '11:00', '15:00')
      await page.getByRole('button', { name: 'Готово' }).click()
      await page.locator('[data-day="2"]').getByText('11:00–15:00').waitFor()
      await expect.poll(closing).toEqual({ need_confirmation: true })

      // Telegram's BackButton: the dialog asks, and "Stay" keeps the edit on the screen.
      await receive(page, 'back_button_pressed')
      const dialog = page.getByRole('dialog', { name: 'Уйти без сохранения?' })
      await dialog.getByText('Изменения графика не сохранены и пропадут.').waitFor()
      await look(page, 'week-leave')
      await dialog.getByRole('button', { name: 'Остаться' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByRole('heading', { name: 'Анна Смирнова' }).waitFor()
      await page.locator('[data-day="2"]').getByText('11:00–15:00').waitFor()

      // Asked again, "Leave without saving" goes back to the list and stores nothing.
      await receive(page, 'back_button_pressed')
      await dialog.getByRole('button', { name: 'Уйти без сохранения' }).click()
      await page.getByRole('heading', { name: 'Графики' }).waitFor()
      await expect.poll(closing).toEqual({ need_confirmation: false })
      expect(await scheduleOf(people.anna.id)).toEqual(before)
    } finally {
      await close()
    }
  })

  it('applies a week to two specialists and shows the bulk job’s progress to completion', async () => {
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    try {
      await openSpecialist(page, 'Карл Берзиньш')
      await setDay(page, 'среда', 2, '11:00', '13:00')
      await page.getByRole('button', { name: 'Готово' }).click()
      await page.locator('summary', { hasText: 'Применить к нескольким' }).click()
      await page.getByLabel('Дина Озола').check()
      await page.getByRole('button', { name: 'Предпросмотр' }).click()
      await page
        .getByTestId('bulk-preview')
        .getByText(/Изменится специалистов: 2/)
        .waitFor()
      await look(page, 'bulk')
      await page.getByRole('button', { name: 'Применить' }).click()

      await page.getByRole('heading', { name: 'Графики работы' }).waitFor()
      expect(new URL(page.url()).pathname).toMatch(/^\/miniapp\/jobs\/bulk-/)
      await page.getByTestId('job-state').getByText('Завершено').waitFor()
      await page.getByText('2 из 2').waitFor()
      await page.getByTestId('job-done').getByText('Выполнено: 2').waitFor()
      await page.getByTestId('job-failed').getByText('Не выполнено: 0').waitFor()
      expect(await page.getByTestId('job-progress').getAttribute('aria-valuenow')).toBe('2')
      await look(page, 'job')
      for (const who of [people.carl.id, people.dina.id])
        expect((await scheduleOf(who))['2']).toEqual([['11:00', '13:00']])
      expect((await scheduleOf(people.boris.id))['2']).toEqual([['09:00', '18:00']])

      // The BackButton leads back to Karl's week, which shows the saved Wednesday.
      await receive(page, 'back_button_pressed')
      await page.getByRole('heading', { name: 'Карл Берзиньш' }).waitFor()
      await page.locator('[data-day="2"]').getByText('11:00–13:00').waitFor()
    } finally {
      await close()
    }
  })
})

describe('the Mini App’s overrides for an admin', () => {
  it('closes a day for a specialist (a booking in the way kept), its slots disappear, and come back when deleted', async () => {
    const day = localDay(4)
    await bookAs('Олег Лиепа', people.boris.id, day, '12:00')
    await expect.poll(() => times(people.boris.id, day), { timeout: 15_000 }).toContain('09:00')
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    try {
      await openSpecialist(page, 'Борис Орлов')
      await page.getByRole('tab', { name: 'Исключения' }).click()
      await page.getByText('Исключений нет.').waitFor()
      // The week's MainButton is not this tab's.
      await expect.poll(() => mainButtonShown(page)).toBe(false)
      await look(page, 'overrides')

      await page.locator('input[name="override-date"]').fill(day)
      await page.getByLabel('Выходной').check()
      await page.locator('input[name="override-reason"]').fill('Учёба')
      await page.getByRole('button', { name: 'Сохранить исключение' }).click()
      const stranded = page.getByTestId('stranded')
      await stranded.getByText(/Олег Лиепа, Стрижка/).waitFor()
      expect(await stack.env.db('calendar_overrides').where({ specialist_id: people.boris.id })).toEqual([])
      await stranded.getByRole('button', { name: 'Сохранить и оставить записи' }).click()
      await page
        .getByTestId('overrides-notice')
        .getByText(/Исключение сохранено: Выходной/)
        .waitFor()

      const rows = await stack.env.db('calendar_overrides').where({ specialist_id: people.boris.id })
      expect(rows).toMatchObject([{ kind: 'closed', date_from: day, date_to: day, reason: 'Учёба' }])
      await expect.poll(() => times(people.boris.id, day), { timeout: 15_000 }).toEqual([])
      expect(await times(people.boris.id, localDay(5))).toContain('09:00')
      const item = page.locator(`[data-override="${rows[0].id}"]`)
      await item.getByText('Учёба').waitFor()
      await look(page, 'overrides-list')

      await item.getByRole('button', { name: /Удалить исключение: Выходной/ }).click()
      const dialog = page.getByRole('dialog', { name: 'Удалить исключение?' })
      await dialog.waitFor()
      await look(page, 'overrides-delete')
      await dialog.getByRole('button', { name: 'Удалить' }).click()
      await page.getByText('Исключение удалено.').waitFor()
      expect(await stack.env.db('calendar_overrides').where({ specialist_id: people.boris.id })).toEqual([])
      await expect.poll(() => times(people.boris.id, day), { timeout: 15_000 }).toContain('09:00')
    } finally {
      await close()
    }
  })

  it('blocks hours for two specialists at once as a bulk change, followed to completion', async () => {
    // A Thursday: the bulk week above changed these two's Wednesdays only.
    const day = nextWeekday(4)
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    try {
      await openSpecialist(page, 'Дина Озола')
      await page.getByRole('tab', { name: 'Исключения' }).click()
      await page.locator('input[name="override-date"]').fill(day)
      await page.getByLabel('Заблокировать часы').check()
      await page.locator('input[name="override-from"]').fill('09:00')
      await page.locator('input[name="override-to"]').fill('12:00')
      await page.locator('summary', { hasText: 'Также для других специалистов' }).click()
      await page.getByRole('checkbox', { name: 'Карл Берзиньш' }).check()
      await page.getByRole('button', { name: 'Сохранить исключение' }).click()

      await page.getByRole('heading', { name: 'Исключения в графике' }).waitFor()
      await page.getByTestId('job-state').getByText('Завершено').waitFor()
      await page.getByText('2 из 2').waitFor()
      await page.getByTestId('job-done').getByText('Выполнено: 2').waitFor()
      for (const who of [people.dina.id, people.carl.id]) {
        expect(await stack.env.db('calendar_overrides').where({ specialist_id: who })).toMatchObject([
          { kind: 'blocked', date_from: day, date_to: day, intervals: [['09:00', '12:00']] },
        ])
        await expect.poll(() => times(who, day), { timeout: 15_000 }).toEqual(quarters('12:00', '17:00'))
      }
    } finally {
      await close()
    }
  })
})

describe('the Mini App’s catalogue for an admin', () => {
  it('edits a service’s price (a wrong one refused at the field), the client’s list shows it, and adds a service', async () => {
    const { page, close } = await launchAdmin()
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Журнал на сегодня' }).waitFor()
      await page.getByRole('link', { name: 'Услуги' }).click()
      await page.getByRole('heading', { name: 'Услуги' }).waitFor()
      const row = page.locator(`[data-service="${service.id}"]`)
      await row.getByText('35 €').waitFor()
      await look(page, 'catalogue')

      await row.click()
      await page.getByRole('heading', { name: 'Услуга' }).waitFor()
      const price = page.getByLabel('Цена, EUR')
      expect(await price.inputValue()).toBe('35')
      await expect.poll(() => lastMainButton(page)).toMatchObject({ is_visible: true, text: 'Сохранить' })
      await price.fill('-5')
      await receive(page, 'main_button_pressed')
      await page.getByText(/Проверьте поле «Цена, EUR»/).waitFor()
      expect(await price.getAttribute('aria-invalid')).toBe('true')
      expect((await stack.env.db('services').where({ id: service.id }).first()).price).toBe(3500)
      await look(page, 'service-error')

      await price.fill('42,50')
      await receive(page, 'main_button_pressed')
      await page.getByTestId('service-notice').getByText('Услуга сохранена.').waitFor()
      expect((await stack.env.db('services').where({ id: service.id }).first()).price).toBe(4250)
      const publicList = await stack.api().GET('/api/services')
      expect(publicList.items.find((s) => s.id === service.id)).toMatchObject({ price: 4250 })

      // A new one.
      await receive(page, 'back_button_pressed')
      await page.getByRole('link', { name: /Добавить услугу/ }).click()
      await page.getByRole('heading', { name: 'Новая услуга' }).waitFor()
      await page.getByLabel('Название').fill('Окрашивание')
      await page.getByLabel('Длительность, мин').fill('90')
      await page.getByLabel('Цена, EUR').fill('80')
      await look(page, 'service-new')
      await receive(page, 'main_button_pressed')
      await page.getByTestId('service-notice').getByText('Услуга добавлена.').waitFor()
      const added = await stack.env.db('services').where({ name: 'Окрашивание' }).first()
      expect(added).toMatchObject({ duration_minutes: 90, price: 8000, active: true })
      expect(new URL(page.url()).pathname).toBe(`/miniapp/catalogue/${added.id}`)

      // The same person as a client: the booking list shows the new price.
      await page.getByRole('button', { name: 'Клиент' }).click()
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
      await page
        .getByRole('link', { name: /Стрижка/ })
        .getByText(/42,50/)
        .waitFor()
    } finally {
      await close()
    }
  })
})

describe('the Mini App’s admin screens in English', () => {
  it('speaks the admin’s language on the services and a specialist’s week', async () => {
    const registered = await stack.register({ name: 'Chief Admin', roles: ['admin'], language: 'en' })
    const tg: TgUser = { id: nextTgId++, first_name: 'Chief', last_name: 'Admin', language_code: 'en' }
    await stack.env.db('users').where({ id: registered.id }).update({ tg_id: tg.id })
    const { page, close } = await launchMiniApp(browser, {
      botToken: BOT_TOKEN,
      user: tg,
      url: `${stack.baseUrl}/miniapp`,
      timezoneId: ZONE,
    })
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Today’s journal' }).waitFor()
      await page.getByRole('link', { name: 'Services' }).click()
      await page.getByRole('link', { name: /Add a service/ }).waitFor()
      await page.getByRole('link', { name: 'Schedules' }).click()
      await page.getByRole('link', { name: /Борис Орлов/ }).click()
      await page.getByRole('button', { name: 'Change Monday' }).click()
      await page.getByRole('button', { name: 'Add an interval' }).waitFor()
      await look(page, 'week-en')
    } finally {
      await close()
    }
  })
})
