// The Telegram Mini App in real Chromium against the real API and workers, outside Telegram: the
// test signs initData with the test bot token, opens /miniapp with Telegram's launch hash, and a
// TelegramWebviewProxy stub records every event the app posts to Telegram; Telegram's side (the
// MainButton press, the BackButton, a theme change) is played with Telegram.WebView.receiveEvent.
// A client books through the steps and confirms on the MainButton, then cancels in my bookings; a
// dark theme paints the page and a theme change repaints it; a specialist sees their day with the
// client's name and phone, marks a begun booking completed and blocks an hour the client site then
// stops offering; an admin sees today's journal; a `service-<id>` start parameter opens that
// service's specialist step (in English, the person's language). Every request stays on 127.0.0.1
// (openPage fails the test otherwise). A client opened by `booking-<id>` moves that booking on the
// MainButton, and sees their wallet (a deposit, a package); `specialist-<id>` lists that
// specialist's services, each leading to their times. axe runs on each screen; screenshots at 360
// and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, screenshot } from '../helpers/browser.ts'
import {
  lastMainButton,
  launchMiniApp,
  LIGHT_THEME as LIGHT,
  posted,
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

const BOT_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuv'
const ZONE = 'Europe/Riga'

let stack: WebStack
let browser: Browser
let w: {
  service: { id: number }
  anna: { id: number; user: { id: number } }
  location: { id: number }
}
let nextTgId = 700_000_000

beforeAll(async () => {
  stack = await startWebStack({ config: { TELEGRAM_BOT_TOKEN: BOT_TOKEN } })
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const hours = JSON.stringify(weekdays([['00:00', '24:00']]))
  const location = await createLocation(db, { name: 'Рига', timezone: ZONE, work_schedule: hours })
  const service = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 3500,
  })
  const anna = await createSpecialist(db, location.id, [service.id], { work_schedule: hours })
  await db('users').where({ id: anna.user.id }).update({ name: 'Анна Смирнова' })
  w = { service, anna, location }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const localDay = (plus: number) => DateTime.now().setZone(ZONE).plus({ days: plus }).toISODate()!

const tgUser = (first: string, last: string, language = 'ru'): TgUser => ({
  id: nextTgId++,
  first_name: first,
  last_name: last,
  language_code: language,
})

/** Opens the Mini App as Telegram would, with the event recorder in place. */
const launchApp = (user: TgUser, opts: { theme?: object; startParam?: string; width?: number } = {}) =>
  launchMiniApp(browser, {
    botToken: BOT_TOKEN,
    user,
    url: `${stack.baseUrl}/miniapp`,
    timezoneId: ZONE,
    ...opts,
  })

async function look(page: Page, name: string) {
  await page.waitForFunction(() => document.querySelectorAll('.ui-spinner').length === 0)
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `miniapp-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `miniapp-${name}-1280`)
  await page.setViewportSize({ width: 390, height: 760 })
}

/** Moves a booking `minutes` earlier, its machine's memory included (a visit that has begun). */
async function intoThePast(bookingId: number, minutes: number) {
  await stack.env.db.raw(
    `update bookings set starts_at = starts_at - make_interval(mins => ?),
            ends_at = ends_at - make_interval(mins => ?), busy_until = busy_until - make_interval(mins => ?),
            machine_snapshot = jsonb_set(machine_snapshot, '{snapshot,context,startsAt}',
              to_jsonb(to_char((starts_at - make_interval(mins => ?)) at time zone 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      where id = ?`,
    [minutes, minutes, minutes, minutes, bookingId],
  )
}

/** A person with a Telegram account and `roles`, created as the API would find them by tg_id. */
async function staffWithTelegram(tg: TgUser, userId: number, roles: ('admin' | 'specialist')[]) {
  await stack.env.db('users').where({ id: userId }).update({ tg_id: tg.id, language: 'ru' })
  const have = (await stack.env.db('user_roles').where({ user_id: userId })).map((r) => r.role)
  const missing = roles.filter((r) => !have.includes(r))
  if (missing.length)
    await stack.env.db('user_roles').insert(missing.map((role) => ({ user_id: userId, role })))
}

describe('the Mini App for a client', () => {
  it('books on the MainButton (the Telegram user becomes a client), lists the booking and cancels it', async () => {
    const tg = tgUser('Ольга', 'Петрова')
    const day = localDay(2)
    const { page, close } = await launchApp(tg)
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
      // The shell told Telegram it is ready and bound the theme.
      expect(await posted(page, 'web_app_ready')).toHaveLength(1)
      await look(page, 'services')

      await page.getByRole('link', { name: /Стрижка/ }).click()
      await page.getByRole('heading', { name: 'Выберите специалиста' }).waitFor()
      await page
        .getByText(/Ближайшее/)
        .first()
        .waitFor()
      // An inner screen: Telegram's BackButton is shown, and its press goes back.
      expect((await posted(page, 'web_app_setup_back_button')).at(-1)).toEqual({ is_visible: true })
      await receive(page, 'back_button_pressed')
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
      expect((await posted(page, 'web_app_setup_back_button')).at(-1)).toEqual({ is_visible: false })
      await page.getByRole('link', { name: /Стрижка/ }).click()
      await look(page, 'specialists')

      await page.getByRole('link', { name: /Анна Смирнова/ }).click()
      await page.getByRole('heading', { name: 'Выберите время' }).waitFor()
      await page.locator(`[data-date="${day}"]`).click()
      await page.locator('[data-time="15:00"]').waitFor()
      await look(page, 'time')
      await page.locator('[data-time="15:00"]').click()

      await page.getByRole('heading', { name: 'Подтверждение' }).waitFor()
      await page.getByTestId('confirm-price').getByText(/35/).waitFor()
      await expect
        .poll(() => lastMainButton(page))
        .toMatchObject({ is_visible: true, text: 'Записаться на 15:00' })
      await look(page, 'confirm')
      expect(await stack.env.db('bookings')).toEqual([])

      await receive(page, 'main_button_pressed')
      await page.getByRole('heading', { name: 'Мои записи' }).waitFor()
      const [client] = await stack.env.db('users').where({ tg_id: tg.id })
      expect(client.name).toBe('Ольга Петрова')
      expect(Number(client.tg_id)).toBe(tg.id)
      expect((await stack.env.db('user_roles').where({ user_id: client.id })).map((r) => r.role)).toEqual([
        'client',
      ])
      const booked = await stack.env.db('bookings').where({ client_id: client.id })
      expect(booked).toHaveLength(1)
      expect(booked[0]).toMatchObject({ status: 'confirmed', specialist_id: w.anna.id, source: 'telegram' })
      expect(DateTime.fromJSDate(booked[0].starts_at).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(
        `${day} 15:00`,
      )
      expect(await posted(page, 'web_app_trigger_haptic_feedback')).toContainEqual({
        type: 'notification',
        notification_type: 'success',
      })
      // The MainButton is gone with the confirmation screen.
      expect(await lastMainButton(page)).toMatchObject({ is_visible: false })

      // My bookings shows it, marked; cancelling states its effect first.
      const card = page.locator(`[data-booking="${booked[0].id}"]`)
      await card.getByText('Стрижка').waitFor()
      await expect.poll(() => card.getAttribute('class')).toContain('booking-item--open')
      await page
        .getByTestId('bookings-notice')
        .getByText(/Вы записаны/)
        .waitFor()
      await look(page, 'bookings')
      await card.getByRole('button', { name: 'Отменить' }).click()
      const dialog = page.getByRole('dialog', { name: 'Отменить запись?' })
      await dialog
        .getByText(/Оплата на месте|Отмена бесплатна/)
        .first()
        .waitFor()
      await look(page, 'cancel-dialog')
      await dialog.getByRole('button', { name: 'Отменить запись' }).click()
      await page.getByText(/Запись отменена/).waitFor()
      await expect
        .poll(async () => (await stack.env.db('bookings').where({ id: booked[0].id }).first()).status)
        .toBe('cancelled')
      await page.getByRole('heading', { name: 'Прошедшие' }).waitFor()
    } finally {
      await close()
    }
  })
})

describe('the Mini App in Telegram’s theme', () => {
  it('paints the page in a dark theme’s bg_color and follows theme_changed', async () => {
    const { page, close } = await launchApp(tgUser('Иван', 'Тёмный'), { theme: DARK })
    try {
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(await background()).toBe('rgb(23, 33, 43)')
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
      expect(
        await page.evaluate(() =>
          getComputedStyle(document.documentElement).getPropertyValue('--tg-theme-bg-color').trim(),
        ),
      ).toBe('#17212b')
      await look(page, 'dark-services')

      await receive(page, 'theme_changed', { theme_params: LIGHT })
      await expect.poll(background).toBe('rgb(255, 255, 255)')
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light')
    } finally {
      await close()
    }
  })
})

describe('the Mini App for a specialist', () => {
  it('shows their day with the client’s name and phone, marks a begun booking completed, and blocks an hour', async () => {
    const client = await stack.register({ name: 'Пётр Кузнецов' })
    await stack.env.db('users').where({ id: client.id }).update({ phone: '+37120000001' })
    const booked = (await client.api.POST('/api/bookings', {
      body: {
        service_id: w.service.id,
        specialist_id: w.anna.id,
        start: { date: localDay(1), time: '12:00' },
      },
      headers: { 'idempotency-key': `miniapp-begun-${client.id}` },
    })) as { id: number; start: string }
    // Begun half an hour ago.
    const shift = Math.ceil((new Date(booked.start).getTime() - Date.now()) / 60_000) + 30
    await intoThePast(booked.id, shift)
    const begunDate = DateTime.now().setZone(ZONE).minus({ minutes: 30 }).toISODate()!

    const tg = tgUser('Анна', 'Смирнова')
    await staffWithTelegram(tg, w.anna.user.id, ['specialist'])
    const { page, close } = await launchApp(tg)
    try {
      await page.getByRole('heading', { name: 'Мой день' }).waitFor()
      if (begunDate !== localDay(0)) await page.getByRole('button', { name: /Раньше/ }).click()
      const card = page.locator(`[data-booking="${booked.id}"]`)
      await card.getByText('Пётр Кузнецов', { exact: true }).waitFor()
      await card.getByRole('link', { name: /Позвонить Пётр Кузнецов/ }).waitFor()
      expect(await card.getByRole('link').getAttribute('href')).toBe('tel:+37120000001')
      await look(page, 'specialist-day')

      await card.getByRole('button', { name: 'Состоялась' }).click()
      await page.getByText('Запись отмечена как состоявшаяся.').waitFor()
      await expect
        .poll(async () => (await stack.env.db('bookings').where({ id: booked.id }).first()).status)
        .toBe('completed')

      // The week: seven days, each titled.
      await page.getByRole('tab', { name: 'Неделя' }).click()
      await expect.poll(() => page.locator('section[data-date]').count()).toBe(7)

      // Block 13:00–14:00 three days ahead: the client site stops offering 13:00.
      const day = localDay(3)
      const times = async () => {
        const slots = await stack.api().GET('/api/slots', {
          params: { query: { service_id: w.service.id, specialist_id: w.anna.id, from: day, days: 1 } },
        })
        return slots.locations.flatMap((l) => l.days.filter((d) => d.date === day).flatMap((d) => d.times))
      }
      await expect.poll(times, { timeout: 15_000 }).toContain('13:00')
      await page.getByRole('link', { name: 'Занятое время' }).click()
      await page.getByRole('heading', { name: 'Занятое время' }).waitFor()
      await page.locator('input[name="date"]').fill(day)
      await page.locator('input[name="from"]').fill('13:00')
      await page.locator('input[name="to"]').fill('14:00')
      await page.locator('input[name="reason"]').fill('Врач')
      await page.getByRole('button', { name: 'Заблокировать' }).click()
      await page.getByText(/13:00–14:00 .* заблокировано/).waitFor()
      const blocks = await stack.env.db('calendar_overrides').where({ specialist_id: w.anna.id })
      expect(blocks).toMatchObject([{ kind: 'blocked', date_from: day, date_to: day, reason: 'Врач' }])
      await expect.poll(times, { timeout: 15_000 }).not.toContain('13:00')
      expect(await times()).toContain('12:00')
      expect(await times()).toContain('14:00')
      await look(page, 'specialist-block')
    } finally {
      await close()
    }
  })
})

describe('the Mini App for an admin', () => {
  it('shows today’s journal across specialists, with a booking’s details, and a way to the web panel', async () => {
    const client = await stack.register({ name: 'Дарья Лебедева' })
    const today = localDay(0)
    const booked = (await client.api.POST('/api/bookings', {
      body: {
        service_id: w.service.id,
        specialist_id: w.anna.id,
        start: { date: localDay(1), time: '16:00' },
      },
      headers: { 'idempotency-key': `miniapp-journal-${client.id}` },
    })) as { id: number; start: string }
    // Moved to later today (or earlier, near midnight) so it is one of today's bookings.
    const now = DateTime.now().setZone(ZONE)
    const target = now.hour < 22 ? now.plus({ minutes: 60 }) : now.minus({ minutes: 120 })
    await intoThePast(booked.id, Math.round((new Date(booked.start).getTime() - target.toMillis()) / 60_000))
    const admin = await stack.register({ name: 'Главный Админ', roles: ['admin'] })
    const tg = tgUser('Главный', 'Админ')
    await staffWithTelegram(tg, admin.id, ['admin'])
    const { page, close } = await launchApp(tg)
    try {
      await page.getByRole('heading', { name: 'Журнал на сегодня' }).waitFor()
      const section = page.locator(`section[data-specialist="${w.anna.id}"]`)
      await section.getByRole('heading', { name: /Анна Смирнова/ }).waitFor()
      const item = section.locator(`[data-booking="${booked.id}"]`)
      await item.getByText('Дарья Лебедева').waitFor()
      await item.locator('summary').click()
      await item.getByText('на месте').waitFor()
      expect(today).toBe(localDay(0))
      // Several roles: the switcher shows them, admin chosen.
      await page.getByRole('button', { name: 'Администратор', exact: true }).waitFor()
      expect(
        await page.getByRole('button', { name: 'Администратор', exact: true }).getAttribute('aria-pressed'),
      ).toBe('true')
      await look(page, 'admin-journal')
      await page.getByRole('button', { name: 'Полная панель администратора' }).click()
      await expect
        .poll(() => posted(page, 'web_app_open_link'))
        .toContainEqual(expect.objectContaining({ url: `${stack.baseUrl}/admin/journal` }))
      // The client role is there too.
      await page.getByRole('button', { name: 'Клиент' }).click()
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
    } finally {
      await close()
    }
  })
})

describe('the Mini App for a client with a booking and money', () => {
  /** A web client who also has Telegram: the Mini App finds them by tg_id. */
  async function clientWithTelegram(name: string) {
    const client = await stack.register({ name })
    const [first, last] = name.split(' ') as [string, string]
    const tg = tgUser(first, last)
    await stack.env.db('users').where({ id: client.id }).update({ tg_id: tg.id })
    return { client, tg }
  }

  it('opens booking-<id> in my bookings and moves it to another day on the MainButton', async () => {
    const { client, tg } = await clientWithTelegram('Мария Волкова')
    const booked = (await client.api.POST('/api/bookings', {
      body: {
        service_id: w.service.id,
        specialist_id: w.anna.id,
        start: { date: localDay(4), time: '10:00' },
      },
      headers: { 'idempotency-key': `miniapp-move-${client.id}` },
    })) as { id: number }
    const { page, close } = await launchApp(tg, { startParam: `booking-${booked.id}` })
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Мои записи' }).waitFor()
      expect(new URL(page.url()).search).toBe(`?open=${booked.id}`)
      const card = page.locator(`[data-booking="${booked.id}"]`)
      await expect.poll(() => card.getAttribute('class')).toContain('booking-item--open')
      await card.getByRole('link', { name: 'Перенести' }).click()

      await page.getByRole('heading', { name: 'Новое время' }).waitFor()
      expect((await posted(page, 'web_app_setup_back_button')).at(-1)).toEqual({ is_visible: true })
      // Nothing chosen yet: no MainButton to press.
      expect((await lastMainButton(page))?.is_visible ?? false).toBe(false)
      const day = localDay(5)
      await page.locator(`[data-date="${day}"]`).click()
      await page.locator('[data-time="17:00"]').click()
      await page.getByTestId('reschedule-chosen').waitFor()
      await expect
        .poll(() => lastMainButton(page))
        .toMatchObject({ is_visible: true, text: 'Перенести на 17:00' })
      await look(page, 'reschedule')
      // Someone takes 17:00 first: the API's refusal is said in Russian, and another time goes through.
      const other = await stack.register({ name: 'Олег Быстров' })
      await other.api.POST('/api/bookings', {
        body: { service_id: w.service.id, specialist_id: w.anna.id, start: { date: day, time: '17:00' } },
        headers: { 'idempotency-key': `miniapp-first-${other.id}` },
      })
      await receive(page, 'main_button_pressed')
      await page.getByText('Это время уже заняли. Выберите другое свободное время.').waitFor()
      expect(await posted(page, 'web_app_trigger_haptic_feedback')).toContainEqual({
        type: 'notification',
        notification_type: 'error',
      })
      // The day's times are read again without 17:00, and nothing is chosen until another is picked.
      await page.locator('[data-time="17:00"]').waitFor({ state: 'detached' })
      await expect.poll(() => lastMainButton(page)).toMatchObject({ is_visible: false })
      await look(page, 'reschedule-taken')
      await page.locator('[data-time="18:00"]').click()
      await expect
        .poll(() => lastMainButton(page))
        .toMatchObject({ is_visible: true, text: 'Перенести на 18:00' })
      await receive(page, 'main_button_pressed')

      await page.getByRole('heading', { name: 'Мои записи' }).waitFor()
      await page
        .getByTestId('bookings-notice')
        .getByText(/Запись перенесена на/)
        .waitFor()
      const moved = await stack.env.db('bookings').where({ id: booked.id }).first()
      expect(moved.status).toBe('confirmed')
      expect(DateTime.fromJSDate(moved.starts_at).setZone(ZONE).toFormat('yyyy-MM-dd HH:mm')).toBe(
        `${day} 18:00`,
      )
      expect(await posted(page, 'web_app_trigger_haptic_feedback')).toContainEqual({
        type: 'notification',
        notification_type: 'success',
      })
      expect(await lastMainButton(page)).toMatchObject({ is_visible: false })
    } finally {
      await close()
    }
  })

  it('shows the wallet: the balance, what remains of a package, and the history', async () => {
    const { client, tg } = await clientWithTelegram('Ирина Соколова')
    const admin = await stack.register({ name: 'Кассир Салона', roles: ['admin'] })
    const desk = stack.api(admin.token)
    await desk.POST('/api/admin/clients/{id}/wallet/deposits', {
      params: { path: { id: client.id } },
      body: { amount: 5000, comment: 'Подарок' },
      headers: { 'idempotency-key': `miniapp-deposit-${client.id}` },
    })
    const pkg = (await desk.POST('/api/admin/packages', {
      body: {
        name: '3 стрижки',
        price: 9000,
        valid_days: 60,
        items: [{ service_id: w.service.id, count: 3 }],
      },
    })) as { id: number }
    await desk.POST('/api/admin/clients/{id}/packages', {
      params: { path: { id: client.id } },
      body: { service_package_id: pkg.id, price_paid: 0 },
    })
    const { page, close } = await launchApp(tg)
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Выберите услугу' }).waitFor()
      await page.getByRole('link', { name: 'Кошелёк' }).click()
      await page.getByRole('heading', { name: 'Кошелёк' }).waitFor()
      await expect.poll(() => page.getByTestId('wallet-balance').innerText()).toMatch(/^50\s€$/)
      await page.getByText('3 стрижки').waitFor()
      await page.getByText('Стрижка: осталось 3 из 3').waitFor()
      await page.getByText(/Подарок/).waitFor()
      await page.getByText(/\+50\s€/).waitFor()
      await look(page, 'wallet')
    } finally {
      await close()
    }
  })
})

describe('the Mini App’s deep links', () => {
  it('opens the specialist step of service-<id>, in the person’s language', async () => {
    const { page, close } = await launchApp(tgUser('John', 'Smith', 'en'), {
      startParam: `service-${w.service.id}`,
    })
    try {
      await page.getByRole('heading', { name: 'Choose a specialist' }).waitFor({ timeout: 15_000 })
      expect(new URL(page.url()).pathname).toBe(`/miniapp/book/${w.service.id}`)
      await page.getByRole('link', { name: /Анна Смирнова/ }).waitFor()
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
      await look(page, 'deep-link-en')
    } finally {
      await close()
    }
  })

  it('opens specialist-<id> with that specialist’s services, each leading straight to their times', async () => {
    const { page, close } = await launchApp(tgUser('Олег', 'Ссылкин'), {
      startParam: `specialist-${w.anna.id}`,
    })
    page.setDefaultTimeout(15_000)
    try {
      await page.getByRole('heading', { name: 'Услуги специалиста Анна Смирнова' }).waitFor()
      expect(new URL(page.url()).search).toBe(`?specialist=${w.anna.id}`)
      await look(page, 'deep-link-specialist')
      await page.getByRole('link', { name: /Стрижка/ }).click()
      await page.getByRole('heading', { name: 'Выберите время' }).waitFor()
      const url = new URL(page.url())
      expect([url.pathname, url.searchParams.get('specialist')]).toEqual([
        `/miniapp/book/${w.service.id}/time`,
        String(w.anna.id),
      ])
      await page.locator(`[data-date="${localDay(2)}"]`).click()
      await page.locator('[data-time="11:00"]').waitFor()
    } finally {
      await close()
    }
  })
})
