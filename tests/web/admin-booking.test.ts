// The admin's booking dialogs in real Chromium against the real API and workers, opened from the
// journal: a booking for a client created inline (a bad phone refused at its field first) with a
// custom duration; a chain of two services back to back; a booking made in an empty cell and dragged
// to another specialist's column (the database and the client's "my bookings" agree); a taken time refused in place with free
// times offered, nothing created; a booking's drawer with its history, cancelled with a reason (the
// salon's cancellation says the money comes back first), and a begun visit marked done, paid at the
// desk by card, and another missed. Every assertion on an outcome reads the database. axe-core runs on both dialogs;
// screenshots at 360 and 1280 px go to scratch/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { a11yViolations, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  weekdays,
} from '../helpers/fixtures.ts'
import { openBookDialog, openBooking } from './admin-booking.open.ts'

const ZONE = 'Europe/Moscow'
let stack: WebStack
let browser: Browser
let admin: Awaited<ReturnType<WebStack['register']>>
let w: {
  location: { id: number }
  haircut: { id: number }
  colour: { id: number }
  anna: { id: number }
  boris: { id: number }
  day: string
}

/** The first weekday at least two days ahead, in the location's zone. */
function nextWeekday(): string {
  let d = DateTime.now().setZone(ZONE).plus({ days: 2 })
  while (d.weekday > 5) d = d.plus({ days: 1 })
  return d.toISODate()!
}

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { free_cancellation_hours: 24, booking_horizon_days: 30 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'RUB', timezone: ZONE })
  const location = await createLocation(db, { name: 'Тверская', timezone: ZONE, address: 'Тверская, 1' })
  const haircut = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 200_000,
  })
  const colour = await createService(db, {
    name: 'Окрашивание',
    duration_minutes: 90,
    break_minutes: 0,
    price: 450_000,
  })
  const schedule = JSON.stringify(weekdays([['09:00', '20:00']]))
  const anna = await createSpecialist(db, location.id, [haircut.id, colour.id], { work_schedule: schedule })
  const boris = await createSpecialist(db, location.id, [haircut.id, colour.id], { work_schedule: schedule })
  await db('users').where({ id: anna.user.id }).update({ name: 'Анна Смирнова' })
  await db('users').where({ id: boris.user.id }).update({ name: 'Борис Орлов' })
  w = { location, haircut, colour, anna, boris, day: nextWeekday() }
  admin = await stack.register({ name: 'Ольга Админ', roles: ['admin'] })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

/** A page at 1280 px whose waits fail with their own message well before the test's timeout. */
async function open() {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 } })
  opened.page.setDefaultTimeout(8_000)
  return opened
}

/** axe, then a screenshot at 360 px and one at 1280 px (back to 1280 after). */
async function look(page: Page, name: string) {
  // The dialogs' own violations: the journal behind them is the journal test's to check (its
  // blocks are found by their data-booking attribute or their class).
  const found = (await a11yViolations(page)).filter((v) => !/journal__|data-booking/.test(v))
  expect(found, `accessibility violations on ${name}`).toEqual([])
  await page.setViewportSize({ width: 360, height: 740 })
  await screenshot(page, `admin-booking-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `admin-booking-${name}-1280`)
}

const local = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')

/** Picks `option` in the Naive UI select of `scope` named `label`, by typing and choosing it. */
async function choose(page: Page, scope: ReturnType<Page['locator']>, label: string, option: string) {
  await scope.getByLabel(label, { exact: true }).click()
  await page.locator('.n-base-select-option:visible', { hasText: option }).click()
  // The menu fades out; axe would read its options half transparent.
  await expect.poll(() => page.locator('.n-base-select-menu:visible').count()).toBe(0)
}

async function bookingsOf(clientId: number) {
  return stack.env
    .db('bookings')
    .where({ client_id: clientId })
    .orderBy('starts_at')
    .select('id', 'specialist_id', 'service_id', 'starts_at', 'ends_at', 'status', 'out_of_hours')
}

/** Moves a booking `hours` into the past, its machine's memory included (a visit that has begun). */
async function intoThePast(bookingId: number, hours: number) {
  await stack.env.db.raw(
    `update bookings set starts_at = starts_at - make_interval(hours => ?),
            ends_at = ends_at - make_interval(hours => ?), busy_until = busy_until - make_interval(hours => ?),
            machine_snapshot = jsonb_set(machine_snapshot, '{snapshot,context,startsAt}',
              to_jsonb(to_char((starts_at - make_interval(hours => ?)) at time zone 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
      where id = ?`,
    [hours, hours, hours, hours, bookingId],
  )
}

/** A booking made through the API as the admin, for a client registered through it. */
async function bookThroughApi(clientId: number, time: string, specialistId = w.anna.id, date = w.day) {
  return admin.api.POST('/api/bookings', {
    body: {
      client_id: clientId,
      service_id: w.haircut.id,
      specialist_id: specialistId,
      start: { date, time },
    },
    headers: { 'idempotency-key': `admin-booking-test-${clientId}-${date}-${time}-${specialistId}` },
  })
}

describe('the admin booking dialogs', () => {
  it('books a client created inline, with a custom duration (a bad phone refused at its field first)', async () => {
    const { page, close } = await open()
    try {
      const dialog = await openBookDialog(page, stack, admin.token, {
        specialistId: w.anna.id,
        date: w.day,
        time: '10:00',
      })
      await dialog.getByRole('button', { name: /Новый клиент/ }).click()
      await dialog.getByLabel('Имя', { exact: true }).fill('Вера Новикова')
      await dialog.getByLabel('Телефон', { exact: true }).fill('12')
      await dialog.getByRole('button', { name: 'Создать клиента' }).click()
      // The API's sentence, at the phone field: nothing created.
      await dialog.getByText(/phone "12" is not an international number/).waitFor()
      expect(await stack.env.db('users').where({ name: 'Вера Новикова' }).first()).toBeUndefined()
      await dialog.getByLabel('Телефон', { exact: true }).fill('+7 916 555-12-34')
      await dialog.getByRole('button', { name: 'Создать клиента' }).click()
      await dialog.getByRole('button', { name: /Новый клиент/ }).waitFor()
      const client = await stack.env.db('users').where({ phone: '+79165551234' }).first('id', 'name')
      expect(client).toMatchObject({ name: 'Вера Новикова' })

      await choose(page, dialog, 'Услуга', 'Стрижка')
      await dialog.getByLabel('Длительность, мин').fill('45')
      await dialog.getByText('Итого').waitFor()
      await look(page, 'book')
      await dialog.getByRole('button', { name: 'Записать', exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })

      const rows = await bookingsOf(client.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        specialist_id: w.anna.id,
        service_id: w.haircut.id,
        status: 'confirmed',
      })
      expect(local(rows[0].starts_at)).toBe(`${w.day} 10:00`)
      expect((rows[0].ends_at.getTime() - rows[0].starts_at.getTime()) / 60_000).toBe(45)
    } finally {
      await close()
    }
  })

  it('books two services back to back with two specialists, found by a search for the client', async () => {
    const client = await stack.register({ name: 'Галина Цепочкина' })
    const { page, close } = await open()
    try {
      const dialog = await openBookDialog(page, stack, admin.token, {
        specialistId: w.anna.id,
        date: w.day,
        time: '12:00',
      })
      await dialog.getByLabel('Клиент', { exact: true }).pressSequentially('Цепоч')
      await page.locator('.n-base-select-option:visible', { hasText: 'Галина Цепочкина' }).click()
      const first = dialog.locator('[data-item="0"]')
      await choose(page, first, 'Услуга', 'Стрижка')
      await dialog.getByRole('button', { name: /Добавить услугу следом/ }).click()
      const second = dialog.locator('[data-item="1"]')
      await choose(page, second, 'Специалист', 'Борис Орлов')
      await choose(page, second, 'Услуга', 'Окрашивание')
      // The second starts where the first ends.
      await second.getByText('13:00–14:30').waitFor()
      await look(page, 'chain')
      await dialog.getByRole('button', { name: 'Записать', exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })

      const rows = await bookingsOf(client.id)
      expect(rows).toHaveLength(2)
      expect(rows.map((r) => [r.specialist_id, r.service_id, local(r.starts_at)])).toEqual([
        [w.anna.id, w.haircut.id, `${w.day} 12:00`],
        [w.boris.id, w.colour.id, `${w.day} 13:00`],
      ])
      expect(rows[1].starts_at.getTime()).toBe(rows[0].ends_at.getTime())
    } finally {
      await close()
    }
  })

  it("books a client in an empty cell, then drags the booking to another specialist's column", async () => {
    const client = await stack.register({ name: 'Зоя Переносова' })
    const { page, close } = await open()
    try {
      const dialog = await openBookDialog(page, stack, admin.token, {
        specialistId: w.anna.id,
        date: w.day,
        time: '09:00',
      })
      await dialog.getByLabel('Клиент', { exact: true }).pressSequentially('Зоя')
      await page.locator('.n-base-select-option:visible', { hasText: 'Зоя Переносова' }).click()
      await choose(page, dialog, 'Услуга', 'Стрижка')
      await dialog.getByRole('button', { name: 'Записать', exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })
      const [made] = await bookingsOf(client.id)
      expect(made).toMatchObject({ specialist_id: w.anna.id })
      expect(local(made.starts_at)).toBe(`${w.day} 09:00`)

      // Drag the block by its top edge onto Boris's 10:00 cell.
      const block = page.locator(`[data-booking="${made.id}"]`)
      await block.waitFor()
      const cell = page.locator(
        `.journal__col[data-specialist="${w.boris.id}"][data-date="${w.day}"] [data-time="10:00"]`,
      )
      await cell.scrollIntoViewIfNeeded()
      const from = (await block.boundingBox())!
      const to = (await cell.boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + 4)
      await page.mouse.down()
      await page.mouse.move(to.x + to.width / 2, to.y + 4, { steps: 12 })
      await page.mouse.up()
      await page.locator('.n-message', { hasText: 'Запись перенесена: Борис Орлов' }).waitFor()

      const [moved] = await bookingsOf(client.id)
      expect(moved).toMatchObject({ id: made.id, specialist_id: w.boris.id, status: 'confirmed' })
      expect(local(moved.starts_at)).toBe(`${w.day} 10:00`)
      await page
        .locator(
          `.journal__col[data-specialist="${w.boris.id}"][data-date="${w.day}"] [data-booking="${made.id}"]`,
        )
        .waitFor()

      // The client's "my bookings" says the same: Boris, at 10:00.
      await stack.logIn(page, client.token, '/account/bookings')
      const card = page.locator(`[data-booking="${made.id}"]`)
      await card.waitFor()
      const text = await card.innerText()
      expect(text).toMatch(/Борис Орлов/)
      expect(text).toMatch(/10:00/)
    } finally {
      await close()
    }
  })

  it('refuses a time taken while the dialog was open, in place with free times nearby, creating nothing', async () => {
    const client = await stack.register({ name: 'Елена Вторая' })
    const { page, close } = await open()
    try {
      const dialog = await openBookDialog(page, stack, admin.token, {
        specialistId: w.boris.id,
        date: w.day,
        time: '15:00',
      })
      await dialog.getByLabel('Клиент', { exact: true }).pressSequentially('Елена')
      await page.locator('.n-base-select-option:visible', { hasText: 'Елена Вторая' }).click()
      await choose(page, dialog, 'Услуга', 'Стрижка')
      // Someone else takes 15:00 meanwhile.
      const holder = await stack.register({ name: 'Дарья Первая' })
      await bookThroughApi(holder.id, '15:00', w.boris.id)
      await dialog.getByRole('button', { name: 'Записать', exact: true }).click()
      const refusal = dialog.locator('[data-test="book-refusal"]')
      await refusal.waitFor()
      expect(await refusal.innerText()).toMatch(/^Это время уже заняли\. Выберите другое свободное время\./)
      await refusal.getByText('Свободно рядом:').waitFor()
      expect(await bookingsOf(client.id)).toHaveLength(0)
      await look(page, 'taken')

      // A free time offered moves the form there; booking it works.
      await refusal.getByRole('button').first().click()
      await dialog.getByRole('button', { name: 'Записать', exact: true }).click()
      await dialog.waitFor({ state: 'hidden' })
      const rows = await bookingsOf(client.id)
      expect(rows).toHaveLength(1)
      expect(local(rows[0].starts_at)).not.toBe(`${w.day} 15:00`)
    } finally {
      await close()
    }
  })

  it('shows a booking with its history and cancels it with a reason; marks begun visits done and missed', async () => {
    const client = await stack.register({ name: 'Жанна Отменова' })
    const toCancel = await bookThroughApi(client.id, '17:00')
    const toComplete = await bookThroughApi(client.id, '09:00', w.boris.id)
    const toMiss = await bookThroughApi(client.id, '18:00', w.boris.id)
    await intoThePast(toComplete.id, 24 * 7)
    await intoThePast(toMiss.id, 24 * 7)
    const weekBefore = DateTime.fromISO(w.day).minus({ days: 7 }).toISODate()!
    const { page, close } = await open()
    try {
      let drawer = await openBooking(page, stack, admin.token, { bookingId: toCancel.id, date: w.day })
      await drawer.getByText('Жанна Отменова').waitFor()
      await drawer.locator('[data-test="history"]').getByText('Создана').waitFor()
      await drawer.getByRole('button', { name: 'Отменить запись' }).click()
      await drawer.getByLabel('Причина отмены').fill('Клиент заболел')
      expect(await drawer.locator('[data-test="cancel-preview"]').innerText()).toMatch(
        /на месте, деньги не двигаются/,
      )
      await look(page, 'drawer')
      await drawer.getByRole('button', { name: 'Отменить', exact: true }).click()
      await drawer.locator('[data-status="cancelled"]').waitFor()
      await drawer.locator('[data-test="history"]').getByText('«Клиент заболел»').waitFor()
      // Who did it, by name.
      await drawer.locator('[data-test="history"]').getByText('Ольга Админ').first().waitFor()
      expect(await stack.env.db('bookings').where({ id: toCancel.id }).first('status')).toEqual({
        status: 'cancelled',
      })
      const history = await stack.env
        .db('booking_history')
        .where({ booking_id: toCancel.id, to_state: 'cancelled' })
      expect(history).toHaveLength(1)
      expect(history[0]).toMatchObject({ reason: 'Клиент заболел', actor_user_id: admin.id })
      await look(page, 'drawer-cancelled')

      drawer = await openBooking(page, stack, admin.token, { bookingId: toComplete.id, date: weekBefore })
      await drawer.getByRole('button', { name: 'Визит состоялся' }).click()
      await drawer.locator('[data-status="completed"]').waitFor()
      expect(await stack.env.db('bookings').where({ id: toComplete.id }).first('status')).toEqual({
        status: 'completed',
      })
      // Paid at the desk: the amount typed in roubles is recorded in kopecks, once, by this admin.
      const desk = drawer.locator('[data-test="desk-payments"]')
      expect(await desk.getByLabel('Сумма').inputValue()).toBe('2000')
      await desk.getByLabel('Сумма').fill('1 500,50')
      await desk.getByText('Карта').click()
      await desk.getByRole('button', { name: 'Принять оплату' }).click()
      await desk.getByText(/Принято 1\s500,50\s₽/).waitFor()
      expect(
        await stack.env
          .db('booking_payments')
          .where({ booking_id: toComplete.id })
          .select('method', 'amount', 'created_by'),
      ).toEqual([{ method: 'card', amount: 150050, created_by: admin.id }])
      await look(page, 'drawer-paid')

      drawer = await openBooking(page, stack, admin.token, { bookingId: toMiss.id, date: weekBefore })
      await drawer.getByRole('button', { name: 'Клиент не пришёл' }).click()
      await drawer.locator('[data-status="no_show"]').waitFor()
      expect(await stack.env.db('bookings').where({ id: toMiss.id }).first('status')).toEqual({
        status: 'no_show',
      })
    } finally {
      await close()
    }
  })

  it('speaks English to an English browser', async () => {
    const opened = await openPage(browser, { viewport: { width: 1280, height: 900 }, locale: 'en-US' })
    opened.page.setDefaultTimeout(8_000)
    const { page, close } = opened
    try {
      const dialog = await openBookDialog(page, stack, admin.token, {
        specialistId: w.anna.id,
        date: w.day,
        time: '16:00',
      })
      await dialog.getByRole('heading', { name: 'New booking' }).waitFor()
      await dialog.getByText('Book outside working hours').waitFor()
      await choose(page, dialog, 'Service', 'Стрижка')
      await dialog.getByText('Empty: the service’s own (60 min).').waitFor()
      await look(page, 'book-en')
    } finally {
      await close()
    }
  })
})
