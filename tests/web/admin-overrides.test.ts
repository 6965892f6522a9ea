// The overrides calendar in real Chromium against the real API and workers: a day closed for a
// specialist by clicking it takes that day's slots away (GET /api/slots) and deleting it brings them
// back; a drag across two days blocks 10:00–12:00 on both, a booking in the way is listed first and
// kept on purpose (flagged out_of_hours). axe-core runs on the screens; screenshots at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import { createCompany, createLocation, createService, createSpecialist } from '../helpers/fixtures.ts'

const ZONE = 'Europe/Riga'
const EVERY_DAY = JSON.stringify(
  Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['09:00', '18:00']]])),
)
let stack: WebStack
let browser: Browser
let world: { service: { id: number }; specialist: { id: number }; location: { id: number } }

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 60 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const location = await createLocation(db, { name: 'Рига', timezone: ZONE, work_schedule: EVERY_DAY })
  const service = await createService(db, { name: 'Стрижка', duration_minutes: 60, break_minutes: 0 })
  const specialist = await createSpecialist(db, location.id, [service.id], { work_schedule: EVERY_DAY })
  await db('users').where({ id: specialist.user.id }).update({ name: 'Анна Смирнова' })
  world = { service, specialist, location }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const localDay = (plus: number) => DateTime.now().setZone(ZONE).plus({ days: plus }).toISODate()!

/** The specialist's free times on `date` as the client site reads them. */
async function timesOn(date: string): Promise<string[]> {
  const slots = await stack.api().GET('/api/slots', {
    params: {
      query: { service_id: world.service.id, specialist_id: world.specialist.id, from: date, days: 1 },
    },
  })
  return slots.locations.flatMap((l) => l.days.filter((d) => d.date === date).flatMap((d) => d.times))
}

/** Shows the month of `date` (the calendar opens on this month). */
async function showMonthOf(page: Page, date: string) {
  for (let i = 0; i < 3 && !(await page.locator(`[data-date="${date}"]`).count()); i++)
    await page.getByRole('button', { name: 'Следующий месяц' }).click()
}

async function look(page: Page, name: string) {
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `admin-overrides-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `admin-overrides-${name}-1280`)
}

describe('the overrides calendar', () => {
  it('closes a day (its slots go), deletes it (they come back), and blocks an interval across a drag', async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const closedDay = localDay(3)
    const [dragFrom, dragTo] = [localDay(5), localDay(6)]
    await expect.poll(() => timesOn(closedDay), { timeout: 15_000 }).toContain('10:00')

    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    })
    try {
      await stack.logIn(page, admin.token, '/admin/overrides')
      await page.getByRole('heading', { name: 'Исключения в графике' }).waitFor()
      await page.getByText('Анна Смирнова').first().waitFor()
      await showMonthOf(page, closedDay)
      await look(page, 'calendar-empty')

      // Close one day with a click.
      await page.locator(`[data-date="${closedDay}"]`).click()
      const modal = page.getByRole('dialog')
      await modal.getByText('Весь день закрыт для записи').waitFor()
      await modal.getByRole('button', { name: 'Сохранить исключение' }).click()
      await modal.waitFor({ state: 'hidden' })
      const closed = await stack.env.db('calendar_overrides').where({ specialist_id: world.specialist.id })
      expect(closed).toMatchObject([{ kind: 'closed', date_from: closedDay, date_to: closedDay }])
      await expect.poll(() => timesOn(closedDay), { timeout: 15_000 }).toEqual([])

      // A booking at 11:00 on the first of the two days the drag will cover.
      const client = await stack.register()
      const booked = await client.api.POST('/api/bookings', {
        body: {
          service_id: world.service.id,
          specialist_id: world.specialist.id,
          start: { date: dragFrom, time: '11:00' },
        },
        headers: { 'idempotency-key': `overrides-${client.id}` },
      })
      const bookingId = (booked as { id: number }).id

      // Drag across two days, then block 10:00–12:00.
      await showMonthOf(page, dragTo)
      const a = (await page.locator(`[data-date="${dragFrom}"]`).boundingBox())!
      const b = (await page.locator(`[data-date="${dragTo}"]`).boundingBox())!
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
      await page.mouse.down()
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 })
      await page.mouse.up()
      await modal.locator('.n-radio', { hasText: 'Заблокировано' }).click()
      await modal.locator('input[name="from-0"]').fill('10:00')
      await modal.locator('input[name="to-0"]').fill('12:00')
      await modal.getByRole('button', { name: 'Сохранить исключение' }).click()
      // The booking in the way is listed; nothing is saved until the admin decides.
      await modal.getByTestId('ov-stranded').getByText('11:00').waitFor()
      await look(page, 'conflict')
      expect(await stack.env.db('calendar_overrides').where({ kind: 'blocked' })).toEqual([])
      await modal.getByRole('button', { name: 'Сохранить и оставить записи' }).click()
      await modal.waitFor({ state: 'hidden' })
      const blocked = await stack.env.db('calendar_overrides').where({ kind: 'blocked' })
      expect(blocked).toMatchObject([
        {
          specialist_id: world.specialist.id,
          date_from: dragFrom,
          date_to: dragTo,
          intervals: [['10:00', '12:00']],
        },
      ])
      expect(await stack.env.db('bookings').where({ id: bookingId }).first('out_of_hours')).toEqual({
        out_of_hours: true,
      })
      await expect
        .poll(async () => (await timesOn(dragTo)).filter((t) => t < '12:00' && t >= '09:15'), {
          timeout: 15_000,
        })
        .toEqual([])
      expect(await timesOn(dragTo)).toContain('13:00')
      await look(page, 'calendar')

      // Delete the closed day from the month's list: its slots come back.
      await showMonthOf(page, closedDay)
      await page.locator(`[data-override="${closed[0].id}"]`).getByRole('button', { name: 'Удалить' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click()
      await expect
        .poll(async () => stack.env.db('calendar_overrides').where({ id: closed[0].id }).first(), {
          timeout: 10_000,
        })
        .toBeUndefined()
      await expect.poll(() => timesOn(closedDay), { timeout: 15_000 }).toContain('10:00')
    } finally {
      await close()
    }
  }, 120_000)
})
