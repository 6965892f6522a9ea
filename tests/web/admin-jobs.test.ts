// A bulk change for 50 specialists followed on its job page in real Chromium: the bar reaches
// 49 / 50 with the one specialist whose upcoming booking the new hours would strand failed, that
// booking listed; once it is cancelled, "retry failed" runs that item alone (the other 49 keep the
// hours they got, written once) and the bar reaches 50 / 50 with no failure. Screenshots at 360 and
// 1280 px; axe-core on the page.
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

const ZONE = 'Europe/Riga'
const COUNT = 50
let stack: WebStack
let browser: Browser
let admin: { token: string }
let staff: number[]
let bookingId: number
let day: DateTime

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: 30 })
  const location = await createLocation(db, { name: 'Рига', timezone: ZONE })
  const service = await createService(db, { name: 'Стрижка', duration_minutes: 60, break_minutes: 0 })
  const hours = JSON.stringify(weekdays([['09:00', '18:00']]))
  staff = []
  for (let i = 0; i < COUNT; i++) {
    staff.push((await createSpecialist(db, location.id, [service.id], { work_schedule: hours })).id)
  }
  admin = await stack.register({ roles: ['admin'] })
  // The seventh specialist has a booking five days ahead: taking that weekday off would strand it.
  day = DateTime.now().setZone(ZONE).plus({ days: 5 }).startOf('day')
  const client = await stack.register()
  const booked = await stack.api(admin.token).POST('/api/bookings', {
    body: {
      client_id: client.id,
      service_id: service.id,
      specialist_id: staff[6]!,
      start: { date: day.toISODate()!, time: '10:00' },
    },
    headers: { 'idempotency-key': 'jobs-test-booking' },
  })
  bookingId = booked.id!
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

async function look(page: Page, name: string) {
  // A toast is checked once it has faded in or out (axe reads the fading colours as too pale).
  await page
    .locator('.n-message')
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined)
  await checkA11y(page, name)
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await screenshot(page, `admin-jobs-${name}-${width}`)
  }
}

const progress = (page: Page) => page.getByTestId('job-progress')

describe('a bulk change on its job page', () => {
  it('lists the one failure at 49/50, retries only it and reaches 50/50', async () => {
    const weekday = String(day.weekday - 1)
    const started = await stack.api(admin.token).POST('/api/admin/schedules/bulk', {
      // A weekday taken off (null); the document types the patch's values loosely, hence the cast.
      body: {
        specialist_ids: staff,
        patch: { [weekday]: null } as unknown as Record<string, undefined>,
        on_conflict: 'refuse',
      },
      headers: { 'idempotency-key': 'jobs-test-bulk' },
    })
    const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    page.setDefaultTimeout(20_000)
    try {
      await stack.logIn(page, admin.token, `/admin/jobs/${started.job_id}`)
      const job = () =>
        stack.api(admin.token).GET('/api/admin/jobs/{id}', { params: { path: { id: started.job_id } } })
      // A failed item is not done: the job finishes at 49 / 50 with the failure listed.
      const finished = async () => {
        const j = await job()
        return [j.progress, j.failures.length]
      }
      await expect.poll(finished, { timeout: 60_000 }).toEqual([{ done: COUNT - 1, total: COUNT }, 1])
      await progress(page)
        .getByText(`${COUNT - 1} / ${COUNT}`)
        .waitFor()
      const failures = page.getByTestId('job-failures')
      await failures.waitFor()
      expect(await failures.innerText()).toContain('10:00')
      await look(page, 'failed')

      const { db } = stack.env
      const offOnThatDay = async () =>
        (await db('specialists').whereIn('id', staff).select('id', 'work_schedule', 'updated_at')).filter(
          (s) => !(s.work_schedule as Record<string, unknown>)[weekday]?.toString(),
        )
      const before = await offOnThatDay()
      expect(before.map((s) => s.id).sort((a, b) => a - b)).toEqual(staff.filter((id) => id !== staff[6]))

      await stack.api(admin.token).POST('/api/bookings/{id}/cancel', {
        params: { path: { id: bookingId } },
        body: { reason: 'Мастер не работает в этот день' },
        headers: { 'idempotency-key': 'jobs-test-cancel' },
      })
      await page.getByRole('button', { name: 'Повторить неудачные' }).click()
      await failures.waitFor({ state: 'detached' })
      await progress(page).getByText(`${COUNT} / ${COUNT}`).waitFor()
      const after = await offOnThatDay()
      expect(after.map((s) => s.id).sort((a, b) => a - b)).toEqual([...staff].sort((a, b) => a - b))
      // The 49 that had succeeded were not written again.
      const untouched = new Map(before.map((s) => [s.id, String(s.updated_at)]))
      for (const s of after) if (untouched.has(s.id)) expect(String(s.updated_at)).toBe(untouched.get(s.id))
      await look(page, 'done')
    } finally {
      await close()
    }
  }, 180_000)
})
