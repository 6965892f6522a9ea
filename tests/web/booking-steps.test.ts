// The first booking steps in real Chromium against the real API (serving the built site) and
// workers: a client picks a service and a specialist and lands on the first free day, with the
// times grouped and the location's zone beside them; a time someone else books vanishes live; the
// English site; a 360 px phone; axe-core on every step. Screenshots go to scratch/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { createApiClient } from '@booking/api-client'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import {
  createCompany,
  createLocation,
  createService,
  createSpecialist,
  createUser,
} from '../helpers/fixtures.ts'

// Far from the browser's Moscow, so the zone notice must show.
const ZONE = 'Asia/Tokyo'
let stack: WebStack
let browser: Browser
let world: {
  service: { id: number }
  other: { id: number }
  anna: { id: number }
  boris: { id: number }
  outsider: { id: number }
  firstFree: string
}

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db)
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR' })
  const location = await createLocation(db, { name: 'Токио', timezone: ZONE })
  const service = await createService(db, {
    name: 'Стрижка',
    description: 'Мытьё, стрижка, укладка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 3000,
  })
  const other = await createService(db, { name: 'Маникюр', duration_minutes: 45, price: 2500 })
  // Both work only on the weekday three days from now: the first free day is then, not today.
  const firstFree = DateTime.now().setZone(ZONE).plus({ days: 3 })
  const schedule = JSON.stringify({ [String(firstFree.weekday - 1)]: [['09:00', '20:00']] })
  const anna = await createSpecialist(db, location.id, [service.id], { work_schedule: schedule })
  const boris = await createSpecialist(db, location.id, [service.id], { work_schedule: schedule })
  const outsider = await createSpecialist(db, location.id, [other.id], { work_schedule: schedule })
  // Boris charges more: the service then costs "from" its lowest price.
  await db('specialist_services').where({ specialist_id: boris.id }).update({ price: 4500 })
  for (const [s, name] of [
    [anna, 'Анна Смирнова'],
    [boris, 'Борис Петров'],
    [outsider, 'Вера Маникюрова'],
  ] as const)
    await db('users').where({ id: s.user.id }).update({ name })
  world = { service, other, anna, boris, outsider, firstFree: firstFree.toISODate()! }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

/** Services → specialist → time, checking each step on the way; leaves the page on the time step. */
async function walkToTimes(page: Page, shots: string, opts: { specialist: string; heading: RegExp }) {
  await page.goto(stack.baseUrl)
  await page.getByRole('heading', { level: 1, name: opts.heading }).waitFor()
  await page.getByRole('link', { name: /Стрижка|Haircut/ }).waitFor()
  await checkA11y(page, 'the services step')
  await screenshot(page, `${shots}-1-services`)

  await page.getByRole('link', { name: /Стрижка/ }).click()
  await page.getByText(opts.specialist).waitFor()
  // The nearest free times have arrived on every card.
  await page.waitForFunction(() => !document.body.innerText.match(/Ищем ближайшее|Looking for the next/))
  await checkA11y(page, 'the specialist step')
  await screenshot(page, `${shots}-2-specialist`)

  await page.getByRole('link', { name: new RegExp(opts.specialist) }).click()
  await page.locator('[data-time]').first().waitFor()
  await checkA11y(page, 'the time step')
  await screenshot(page, `${shots}-3-time`)
}

describe('the booking steps in a browser', () => {
  it('leads a client from a service and a specialist to the first free day, times grouped, the zone beside them', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    try {
      await page.goto(stack.baseUrl)
      // The services: the price is "from" the lowest, the duration shown; the search narrows the list.
      const haircut = page.getByRole('link', { name: /Стрижка/ })
      await haircut.waitFor()
      expect(await haircut.innerText()).toMatch(/от\s*30\s*€/)
      expect(await haircut.innerText()).toMatch(/1 ч/)
      await page.getByLabel('Поиск услуги').fill('маник')
      await page.getByRole('link', { name: /Маникюр/ }).waitFor()
      expect(await page.getByRole('link', { name: /Стрижка/ }).count()).toBe(0)
      await page.getByLabel('Поиск услуги').fill('')

      await walkToTimes(page, 'desktop-ru', { specialist: 'Анна Смирнова', heading: /Выберите услугу/ })
      // The specialist step listed "any" and both who perform it, not the one who does not.
      await page.goBack()
      await page.getByText('Любой специалист').waitFor()
      const names = await page.locator('.specialist-card__name').allInnerTexts()
      expect(names).toEqual(['Любой специалист', 'Анна Смирнова', 'Борис Петров'])
      // Each card looks for its nearest time after the list shows: read them once they have found it.
      await expect.poll(() => page.getByText('Ищем ближайшее время…').count(), { timeout: 15_000 }).toBe(0)
      const cards = await page.locator('.specialist-card').allInnerTexts()
      expect(cards[1]).toMatch(/Ближайшее:/)
      expect(await page.getByText('Вера Маникюрова').count()).toBe(0)
      await page.getByRole('link', { name: /Анна Смирнова/ }).click()
      await page.locator('[data-time]').first().waitFor()

      // Opened on the first free day, three days ahead, marked as chosen in the calendar.
      const chosen = page.locator('.day-calendar__day[aria-pressed="true"]')
      expect(await chosen.getAttribute('data-date')).toBe(world.firstFree)
      expect(await page.locator('.day-calendar__day--free').count()).toBeGreaterThan(1)
      // Grouped by part of the day, in 24-hour form, with the location's zone and the notice.
      const groups = await page.locator('.time-groups__title').allInnerTexts()
      expect(groups).toEqual(['Утро', 'День', 'Вечер'])
      const times = await page.locator('[data-time]').allInnerTexts()
      expect(times).toContain('09:00')
      expect(times).toContain('19:00')
      await page.getByText('Время салона «Токио» (GMT+9)').waitFor()
      await page.getByText(/Ваш часовой пояс \(GMT\+3\) отличается/).waitFor()
      // Every slot button says the full date and zone.
      const label = await page.locator('[data-time="09:00"]').getAttribute('aria-label')
      expect(label).toMatch(/^[а-я]+, \d+ [а-я]+ \d{4} г\., 09:00 \(GMT\+9\)$/)

      // A day without times offers the next free day instead of "all booked".
      await page
        .locator(
          `.day-calendar__day[data-date="${DateTime.fromISO(world.firstFree).plus({ days: 1 }).toISODate()}"]`,
        )
        .click()
      await page.getByText(/свободного времени нет/).waitFor()
      await page.getByRole('button', { name: /Показать/ }).click()
      await page.locator('[data-time]').first().waitFor()
      await checkA11y(page, 'the time step, a week on')
    } finally {
      await close()
    }
  })

  it('drops a time that another client books, without a reload', async () => {
    const { page, close } = await openPage(browser)
    try {
      await page.goto(`${stack.baseUrl}/book/${world.service.id}/time?specialist=${world.anna.id}`)
      await page.locator('[data-time="10:00"]').waitFor()
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))

      const someone = await createUser(stack.env.db, ['client'])
      const api = createApiClient({ baseUrl: stack.baseUrl, getToken: () => someone.token, channel: 'web' })
      const made = await api.POST('/api/bookings', {
        body: {
          service_id: world.service.id,
          specialist_id: world.anna.id,
          start: { date: world.firstFree, time: '10:00' },
        },
        headers: { 'idempotency-key': 'taken-live-1' },
      })
      expect(made).toMatchObject({ status: 'confirmed' })

      await page.locator('[data-time="10:00"]').waitFor({ state: 'detached' })
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
      expect(await page.locator('[data-time="09:00"]').count()).toBe(1)
      // …and says so to a screen reader.
      await page.getByText(/Время .*10:00.* только что заняли/).waitFor({ state: 'attached' })
    } finally {
      await close()
    }
  })

  it('speaks English to an English browser, and fits a 360 px phone', async () => {
    const { page, close } = await openPage(browser, {
      locale: 'en-GB',
      viewport: { width: 360, height: 740 },
    })
    try {
      await walkToTimes(page, 'phone-en', { specialist: 'Any specialist', heading: /Choose a service/ })
      expect(await page.locator('.time-groups__title').first().innerText()).toBe('Morning')
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)

      // The switch turns the site Russian and keeps it so after a reload.
      await page.getByRole('button', { name: /RU/ }).click()
      await page.getByRole('heading', { level: 1, name: 'Выберите время' }).waitFor()
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Выберите время' }).waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await screenshot(page, 'phone-ru-3-time')
    } finally {
      await close()
    }
  })
})
