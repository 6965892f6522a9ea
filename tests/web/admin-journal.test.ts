// The admin journal in real Chromium against the real API and workers: a booking made through the
// API appears in the open journal without a reload; the week view shows every specialist of every
// day. axe-core runs; screenshots of the week at 360 and 1280 px go to scratch/screenshots/.
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
  weekdays,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Moscow'
let stack: WebStack
let browser: Browser
let admin: Awaited<ReturnType<WebStack['register']>>
let world: {
  service: { id: number }
  anna: { id: number }
  boris: { id: number }
  day: string
}

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30, min_lead_minutes: 0 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Журнал»', currency: 'RUB', timezone: ZONE })
  const location = await createLocation(db, { name: 'Тверская', timezone: ZONE })
  const service = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 150000,
  })
  const anna = await createSpecialist(db, location.id, [service.id], {
    work_schedule: JSON.stringify(weekdays([['10:00', '19:00']])),
  })
  const boris = await createSpecialist(db, location.id, [service.id], {
    work_schedule: JSON.stringify(weekdays([['12:00', '20:00']])),
  })
  await db('users').where({ id: anna.user.id }).update({ name: 'Анна Смирнова' })
  await db('users').where({ id: boris.user.id }).update({ name: 'Борис Петров' })
  world = { service, anna, boris, day: DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate()! }
  admin = await stack.register({ name: 'Администратор', roles: ['admin'] })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function book(
  client: { api: WebStack['api'] extends (t?: string) => infer A ? A : never; id: number },
  specialistId: number,
  time: string,
) {
  const made = await client.api.POST('/api/bookings', {
    body: { service_id: world.service.id, specialist_id: specialistId, start: { date: world.day, time } },
    headers: { 'idempotency-key': `journal-${client.id}-${specialistId}-${time}` },
  })
  return made.id
}

/** Opens the journal on `world.day` (two days ahead: "next" twice). */
async function openJournal(page: Page) {
  await stack.logIn(page, admin.token, '/admin/journal')
  await page.locator('[data-test="journal-grid"]').waitFor()
  await page.locator('[data-test="next"]').click()
  await page.locator('[data-test="next"]').click()
  await page.locator(`[data-date="${world.day}"]`).first().waitFor()
}

async function look(page: Page, name: string) {
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `admin-journal-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `admin-journal-${name}-1280`)
}

describe('the admin journal in a browser', () => {
  it('shows a booking made through the API without a reload, and the week', async () => {
    const { page, close } = await openPage(browser)
    try {
      await page.setViewportSize({ width: 1280, height: 900 })
      await openJournal(page)
      const client = await stack.register({ name: 'Живая Запись' })
      const id = await book(client, world.boris.id, '17:00')
      await page.locator(`[data-booking="${id}"]`).waitFor({ timeout: 15_000 })
      expect(await page.locator(`[data-booking="${id}"]`).textContent()).toContain('Живая Запись')
      await page.locator('[data-test="view-week"]').click()
      await expect.poll(() => page.locator('[data-test="specialist-head"]').count()).toBe(14)
      await look(page, 'week')
    } finally {
      await close()
    }
  })
})
