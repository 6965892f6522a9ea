// The catalogue screens in real Chromium against the real API: a service refused at its price
// field and then created, given to a specialist at their own price, which the client site then
// shows; a photo uploaded and seen on the client site's specialist step; a booked service's delete
// refused with the reason and the way out (deactivate), which works; a package created. axe-core
// runs on each tab; screenshots of each at 360 and 1280 px go to scratch/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import {
  createCompany,
  createLocation,
  createRoom,
  createService,
  createSpecialist,
  weekdays,
} from '../helpers/fixtures.ts'

const ZONE = 'Europe/Moscow'
/** A real 1 × 1 PNG (a warm pink pixel). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

let stack: WebStack
let browser: Browser
let world: { specialist: { id: number }; booked: { id: number } }

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30 })
  const location = await createLocation(db, {
    name: 'Центр',
    address: 'Тверская, 1',
    timezone: ZONE,
    work_schedule: JSON.stringify(weekdays([['09:00', '20:00']])),
  })
  const booked = await createService(db, {
    name: 'Маникюр',
    duration_minutes: 60,
    break_minutes: 0,
    price: 200000,
  })
  await createRoom(db, location.id, [])
  const specialist = await createSpecialist(db, location.id, [], { title: 'Мастер' })
  await db('users').where({ id: specialist.user.id }).update({ name: 'Анна Смирнова' })
  const other = await createSpecialist(db, location.id, [booked.id], { title: 'Мастер' })
  await db('users').where({ id: other.user.id }).update({ name: 'Ольга Иванова' })
  world = { specialist, booked }
  browser = await launchBrowser()
  // A client's upcoming booking of «Маникюр», so that deleting it is refused.
  const client = await stack.register()
  const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).toISODate()!
  await client.api.POST('/api/bookings', {
    body: { service_id: booked.id, specialist_id: other.id, start: { date: day, time: '12:00' } },
    headers: { 'idempotency-key': `catalogue-${client.id}` },
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

/** axe, then a screenshot at 360 px (nothing wider than the screen) and one at 1280 px. */
async function look(page: Page, name: string) {
  // The screen is checked once its toasts have gone: they fade in and out, and axe reads the fading
  // colours as too pale.
  await expect.poll(() => page.locator('.n-message').count(), { timeout: 10_000 }).toBe(0)
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  await screenshot(page, `admin-catalogue-${name}-360`)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `admin-catalogue-${name}-1280`)
}

const tab = (page: Page, name: string) =>
  page.locator('.catalogue-tabs .n-tabs-tab', { hasText: name }).click()
const row = (page: Page, name: string) => page.locator(`tr[data-row="${name}"]`)
const field = (page: Page, key: string) => page.locator(`.n-drawer [data-field="${key}"]`)
const fill = (page: Page, key: string, value: string) =>
  field(page, key).locator('input, textarea').first().fill(value)
const save = (page: Page) => page.locator('.n-drawer [data-action="save"]').click()
const closeDrawer = (page: Page) => page.locator('.n-drawer .n-base-close').click()

describe('the catalogue screens', () => {
  it('creates a service after a field error, prices it for a specialist, shows a photo on the site, refuses a booked delete and creates a package', async () => {
    const { db } = stack.env
    const admin = await stack.register({ roles: ['admin'] })
    const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    try {
      await stack.logIn(page, admin.token, '/admin/catalogue?tab=services')
      await row(page, 'Маникюр').waitFor()
      await look(page, 'services')

      // A negative price: the API's sentence under the price field, nothing written.
      await page.locator('[data-action="add"]:visible').click()
      await fill(page, 'name', 'Педикюр')
      await fill(page, 'duration_minutes', '90')
      await fill(page, 'price', '-100')
      await save(page)
      const priceError = field(page, 'price').locator('.n-form-item-feedback')
      await priceError.getByText(/Поле «Цена, RUB»: проверьте значение\. price/).waitFor()
      expect(await db('services').where({ name: 'Педикюр' }).first()).toBeUndefined()
      await look(page, 'service-error')

      await fill(page, 'price', '2500')
      await save(page)
      await page.locator('.n-drawer-header', { hasText: 'Педикюр' }).waitFor()
      const service = await db('services').where({ name: 'Педикюр' }).first()
      expect(service).toMatchObject({ price: 250000, duration_minutes: 90, active: true })
      await closeDrawer(page)
      await row(page, 'Педикюр').waitFor()

      // Given to Анна at her own price.
      await tab(page, 'Специалисты')
      await row(page, 'Анна Смирнова').locator('[data-action="edit"]').click()
      const own = page.locator('[data-own="Педикюр"]')
      await own.locator('.n-checkbox').click()
      await own.getByLabel('Своя цена: Педикюр').fill('3000')
      await page.locator('[data-action="save-services"]').click()
      await page.getByText('Услуги специалиста сохранены.').waitFor()
      expect(
        await db('specialist_services')
          .where({ specialist_id: world.specialist.id })
          .select('service_id', 'price'),
      ).toEqual([{ service_id: service.id, price: 300000 }])

      // The photo, previewed in the drawer.
      await page
        .locator('[data-photo-input]')
        .setInputFiles({ name: 'anna.png', mimeType: 'image/png', buffer: PNG })
      await page.getByText('Фото загружено.').waitFor()
      const stored = await db('specialist_photos').where({ specialist_id: world.specialist.id }).first()
      expect(stored.content_type).toBe('image/png')
      expect(Buffer.from(stored.content).equals(PNG)).toBe(true)
      const preview = page.locator('[data-photo] img')
      await preview.waitFor()
      const photoUrl = (await preview.getAttribute('src'))!
      expect(photoUrl).toMatch(new RegExp(`^/api/specialists/${world.specialist.id}/photo\\?v=`))
      await page.locator('[data-action="invite"]').click()
      await page.locator('[data-invitation]').getByText('/invite#code=').waitFor()
      await look(page, 'specialist')
      await closeDrawer(page)
      await look(page, 'specialists')

      // The client site: the service at Анна's price, her card with the photo.
      const services = await stack.api().GET('/api/services')
      expect(services.items.find((s) => s.id === service.id)).toMatchObject({
        price_from: 300000,
        price_to: 300000,
      })
      const site = await openPage(browser, { viewport: { width: 360, height: 740 } })
      try {
        // The services step shows the price that applies: Анна's, the only one who performs it.
        await site.page.goto(`${stack.baseUrl}/`)
        await site.page
          .locator('li', { hasText: 'Педикюр' })
          .getByText(/3\s000/)
          .first()
          .waitFor()
        await screenshot(site.page, 'admin-catalogue-site-services-360')
        await site.page.goto(`${stack.baseUrl}/book/${service.id}`)
        const card = site.page.locator('.specialist-card', { hasText: 'Анна Смирнова' })
        await card.waitFor()
        expect(await card.locator('img.ui-avatar').getAttribute('src')).toBe(photoUrl)
        expect(
          await card.locator('img.ui-avatar').evaluate((img: HTMLImageElement) => img.naturalWidth),
        ).toBe(1)
        await screenshot(site.page, 'admin-catalogue-site-specialist-360')
      } finally {
        await site.close()
      }

      // A booked service: its delete is refused with the reason and deactivating offered, which works.
      await tab(page, 'Услуги')
      await row(page, 'Маникюр').locator('[data-action="delete"]').click()
      await page.locator('.n-dialog').getByRole('button', { name: 'Удалить' }).click()
      const refusal = page.locator('.n-dialog', { hasText: 'Нельзя удалить «Маникюр»' })
      await refusal.getByText(/записи: 1.*деактивируйте вместо этого/).waitFor()
      // The confirmation has left; only the refusal is open.
      await expect.poll(() => page.locator('.n-dialog').count()).toBe(1)
      await look(page, 'in-use')
      await refusal.getByRole('button', { name: 'Деактивировать' }).click()
      await row(page, 'Маникюр').getByText('Не активен').waitFor()
      expect(await db('services').where({ id: world.booked.id }).first()).toMatchObject({ active: false })
      const [counted] = await db('bookings').where({ service_id: world.booked.id }).count({ n: '*' })
      expect(Number(counted?.n)).toBe(1)

      // A package of five pedicures.
      await tab(page, 'Абонементы')
      await page.locator('[data-area="packages"] [data-action="add"]').click()
      await fill(page, 'name', '5 педикюров')
      await fill(page, 'price', '11000')
      await fill(page, 'valid_days', '120')
      await page.locator('[data-item]').first().locator('.n-base-selection').click()
      await page.locator('.n-base-select-option', { hasText: 'Педикюр' }).click()
      await page.locator('[data-item]').first().getByLabel('Визитов').fill('5')
      await save(page)
      await page.locator('.n-drawer-header', { hasText: '5 педикюров' }).waitFor()
      const pkg = await db('service_packages').where({ name: '5 педикюров' }).first()
      expect([Number(pkg.price), pkg.composition.valid_days, pkg.active]).toEqual([1_100_000, 120, true])
      await look(page, 'package')
      await closeDrawer(page)
      await look(page, 'packages')

      // The remaining tabs, as an administrator sees them.
      await tab(page, 'Категории')
      await page.locator('[data-area="categories"]').getByText('Пока ничего нет').waitFor()
      await look(page, 'categories')
      await tab(page, 'Филиалы')
      await row(page, 'Центр').locator('[data-action="edit"]').click()
      await page.locator('[data-room]').first().waitFor()
      await look(page, 'location')
      await closeDrawer(page)
      // A toast fading out is half transparent: axe would measure it mid-fade.
      await page.locator('.n-message').first().waitFor({ state: 'detached' })
      await look(page, 'locations')
    } finally {
      await close()
    }
  }, 180_000)

  it('speaks English to an English-speaking admin', async () => {
    const admin = await stack.register({ roles: ['admin'], language: 'en' })
    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
    })
    try {
      await stack.logIn(page, admin.token, '/admin/catalogue?tab=specialists')
      await page.locator('.catalogue-tabs .n-tabs-tab', { hasText: 'Specialists' }).waitFor()
      await row(page, 'Анна Смирнова').locator('[data-action="edit"]').click()
      await page.getByText("The specialist's services").waitFor()
      await look(page, 'specialist-en')
    } finally {
      await close()
    }
  }, 60_000)
})
