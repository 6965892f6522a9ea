// The schedule editor in real Chromium against the real API and workers. The scenario: the
// admin paints a specialist's Tuesday from 10:00 to 14:00 and saves; the client site's slots for
// that specialist change on exactly the Tuesdays within the horizon. Then the editing itself: a drag
// begun on a working cell removes, Esc mid-drag cancels, undo (button and Ctrl+Z) restores, the
// keyboard paints, "copy day" copies, a booking in the way of a save is listed and kept on purpose,
// the week's bookings lie over the grid; and the week applied to several specialists lists the
// booking it would strand before anything changes, then starts the bulk job. axe-core runs on the
// screens; screenshots at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import { createCompany, createLocation, createService, createSpecialist } from '../helpers/fixtures.ts'

const ZONE = 'Europe/Riga'
const HORIZON = 30
const NINE_TO_SIX: [string, string][] = [['09:00', '18:00']]
const week = (days: number[], intervals: [string, string][]) =>
  Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), days.includes(d) ? intervals : []]))

let stack: WebStack
let browser: Browser
let world: {
  service: { id: number }
  location: { id: number }
  anna: { id: number }
  boris: { id: number }
  vera: { id: number }
}

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db, { booking_horizon_days: HORIZON })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: ZONE })
  const location = await createLocation(db, {
    name: 'Рига',
    timezone: ZONE,
    work_schedule: JSON.stringify(week([0, 1, 2, 3, 4, 5, 6], [['08:00', '21:00']])),
  })
  const service = await createService(db, { name: 'Стрижка', duration_minutes: 60, break_minutes: 0 })
  const make = async (name: string, schedule: Record<string, [string, string][]>) => {
    const s = await createSpecialist(db, location.id, [service.id], {
      work_schedule: JSON.stringify(schedule),
    })
    await db('users').where({ id: s.user.id }).update({ name })
    return s
  }
  // Anna works Monday, Wednesday and Friday; her Tuesday is off.
  const anna = await make('Анна Смирнова', week([0, 2, 4], NINE_TO_SIX))
  const boris = await make('Борис Орлов', week([0, 1, 2, 3, 4, 5, 6], NINE_TO_SIX))
  const vera = await make('Вера Котова', week([0, 1, 2, 3, 4, 5, 6], NINE_TO_SIX))
  world = { service, location, anna, boris, vera }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const today = () => DateTime.now().setZone(ZONE).startOf('day')
/** The first date after today that falls on `weekday` (1 = Monday … 7 = Sunday). */
const next = (weekday: number) => {
  const t = today()
  return t.plus({ days: ((weekday - t.weekday + 7) % 7) + (weekday === t.weekday ? 7 : 0) })
}

/** The specialist's free times for the whole horizon as the client site reads them, by date. */
async function horizonTimes(specialistId: number): Promise<Map<string, string[]>> {
  const slots = await stack.api().GET('/api/slots', {
    params: {
      query: {
        service_id: world.service.id,
        specialist_id: specialistId,
        from: today().toISODate()!,
        days: HORIZON,
      },
    },
  })
  return new Map(slots.locations.flatMap((l) => l.days.map((d) => [d.date, d.times] as [string, string[]])))
}

const scheduleOf = async (id: number) =>
  (await stack.env.db('specialists').where({ id }).first('work_schedule')).work_schedule as Record<
    string,
    string[][]
  >

const cell = (page: Page, day: number, time: string) => {
  const [h, m] = time.split(':').map(Number)
  return page.locator(`[data-testid="paint-grid"] [data-day="${day}"][data-slot="${h! * 4 + m! / 15}"]`)
}
const lines = (page: Page) => page.getByTestId('sch-lines')

/** Scrolls the grid's box so `time` is near its top and the box into the page's view. */
async function showFrom(page: Page, time: string) {
  await cell(page, 0, time).evaluate((el) => {
    const box = el.closest('.pg__box') as HTMLElement
    box.scrollTop = (el as HTMLElement).offsetTop - 40
    box.scrollIntoView({ block: 'start' })
  })
}

async function centre(page: Page, day: number, time: string) {
  const b = (await cell(page, day, time).boundingBox())!
  const viewport = page.viewportSize()!
  expect(b.y + b.height).toBeLessThanOrEqual(viewport.height)
  expect(b.y).toBeGreaterThanOrEqual(0)
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
}

/** A drag with the mouse from one cell to another; `before` runs with the button still down. */
async function drag(page: Page, from: [number, string], to: [number, string], before?: () => Promise<void>) {
  const a = await centre(page, ...from)
  const b = await centre(page, ...to)
  await page.mouse.move(a.x, a.y)
  await page.mouse.down()
  await page.mouse.move(b.x, b.y, { steps: 8 })
  if (before) await before()
  await page.mouse.up()
}

async function pickSpecialist(page: Page, name: string) {
  await page.getByTestId('sch-entity').click()
  await page.locator('.n-base-select-option', { hasText: name }).click()
  await page.getByRole('grid', { name: `Недельный график: ${name}` }).waitFor()
}

async function look(page: Page, name: string) {
  // A toast is checked once it has gone (axe reads its fading colours as too pale).
  await expect.poll(() => page.locator('.n-message').count(), { timeout: 10_000 }).toBe(0)
  await checkA11y(page, name)
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
    await screenshot(page, `admin-schedules-${name}-${width}`)
  }
}

describe('the schedule editor', () => {
  it("paints Anna's Tuesday 10:00–14:00 and saves: her slots change on exactly the Tuesdays of the horizon", async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const anna = world.anna.id
    // The slots are computed by the workers after the seed: wait until a Monday has its 10:00.
    const monday = next(1).toISODate()!
    await expect
      .poll(async () => (await horizonTimes(anna)).get(monday) ?? [], { timeout: 20_000 })
      .toContain('10:00')
    const before = await horizonTimes(anna)
    const mondayTimes = before.get(monday)!

    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    })
    page.setDefaultTimeout(20_000)
    try {
      await stack.logIn(page, admin.token, '/admin/schedules')
      await page.getByRole('heading', { name: 'Расписания' }).waitFor()
      await pickSpecialist(page, 'Анна Смирнова')
      await lines(page).getByText('Вт выходной').waitFor()
      await look(page, 'editor')

      await showFrom(page, '09:00')
      await drag(page, [1, '10:00'], [1, '13:45'])
      await lines(page).getByText('Вт 10:00–14:00').waitFor()
      await page.getByRole('button', { name: 'Сохранить график' }).click()
      await expect
        .poll(() => scheduleOf(anna), { timeout: 10_000 })
        .toMatchObject({ '1': [['10:00', '14:00']] })
      expect(await scheduleOf(anna)).toEqual({ ...week([0, 2, 4], NINE_TO_SIX), '1': [['10:00', '14:00']] })

      // The site's slots: every Tuesday after today now has exactly the 60-minute starts from 10:00
      // to 13:00 (on the same step as a Monday's), every other day exactly what it had.
      const tuesdayTimes = mondayTimes.filter((t) => t >= '10:00' && t <= '13:00')
      expect(tuesdayTimes[0]).toBe('10:00')
      expect(tuesdayTimes.at(-1)).toBe('13:00')
      // Every date of the horizon after today (a day without free times is not listed by the site).
      const dates = Array.from({ length: HORIZON - 1 }, (_, i) =>
        today()
          .plus({ days: i + 1 })
          .toISODate()!,
      )
      const tuesdays = dates.filter((d) => DateTime.fromISO(d).weekday === 2)
      expect(tuesdays.length).toBeGreaterThanOrEqual(4)
      await expect
        .poll(async () => (await horizonTimes(anna)).get(tuesdays.at(-1)!), { timeout: 20_000 })
        .toEqual(tuesdayTimes)
      const after = await horizonTimes(anna)
      for (const date of dates) {
        if (tuesdays.includes(date)) {
          expect(before.get(date) ?? [], date).toEqual([])
          expect(after.get(date), date).toEqual(tuesdayTimes)
        } else expect(after.get(date) ?? [], date).toEqual(before.get(date) ?? [])
      }
    } finally {
      await close()
    }
  }, 120_000)

  it('removes from a working cell, cancels with Esc, undoes, paints with the keyboard, and keeps a booking in the way', async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const anna = world.anna.id
    const saved = await scheduleOf(anna)
    expect(saved['1']).toEqual([['10:00', '14:00']])
    // A booking on Anna's next Wednesday at 16:00.
    const wednesday = next(3).toISODate()!
    const client = await stack.register({ name: 'Ольга Клиентова' })
    await expect
      .poll(async () => (await horizonTimes(anna)).get(wednesday) ?? [], { timeout: 20_000 })
      .toContain('16:00')
    const booked = await client.api.POST('/api/bookings', {
      body: { service_id: world.service.id, specialist_id: anna, start: { date: wednesday, time: '16:00' } },
      headers: { 'idempotency-key': `schedules-${client.id}` },
    })
    const bookingId = (booked as { id: number }).id

    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    })
    page.setDefaultTimeout(20_000)
    try {
      await stack.logIn(page, admin.token, '/admin/schedules')
      await pickSpecialist(page, 'Анна Смирнова')
      await lines(page).getByText('Вт 10:00–14:00').waitFor()
      const undo = page.getByTestId('sch-undo')
      expect(await undo.isDisabled()).toBe(true)

      // The keyboard first (the pointer moves the cursor): it starts on Monday 09:00; right to
      // Tuesday, Space adds 09:00–09:15, then a selection of 09:15–09:45 (Shift+arrows) is added
      // with Enter.
      const grid = page.getByRole('grid', { name: 'Недельный график: Анна Смирнова' })
      await grid.focus()
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('Space')
      await lines(page).getByText('Вт 09:00–09:15, 10:00–14:00').waitFor()
      await page.keyboard.press('ArrowDown')
      await page.keyboard.press('Shift+ArrowDown')
      await page.keyboard.press('Shift+ArrowDown')
      await page.keyboard.press('Enter')
      await lines(page).getByText('Вт 09:00–14:00').waitFor()

      // Begun on a working cell (Tuesday 11:00), the drag removes 11:00–12:00.
      await showFrom(page, '09:00')
      await drag(page, [1, '11:00'], [1, '11:45'])
      await lines(page).getByText('Вт 09:00–11:00, 12:00–14:00').waitFor()

      // Esc during a drag: the preview showed the stroke, the grid is as it was after.
      await showFrom(page, '17:00')
      await drag(page, [3, '19:00'], [4, '20:45'], async () => {
        await expect.poll(() => cell(page, 3, '20:00').getAttribute('class')).toContain('pg__cell--on')
        await page.keyboard.press('Escape')
        expect(await cell(page, 3, '20:00').getAttribute('class')).not.toContain('pg__cell--on')
      })
      await lines(page).getByText('Чт выходной').waitFor()
      expect(await lines(page).innerText()).toContain('Пт 09:00–18:00\n')

      // Undo brings the removed hour back; Ctrl+Z undoes a stroke too.
      await undo.click()
      await lines(page).getByText('Вт 09:00–14:00').waitFor()
      await showFrom(page, '09:00')
      await drag(page, [5, '10:00'], [5, '10:45'])
      await lines(page).getByText('Сб 10:00–11:00').waitFor()
      await page.keyboard.press('Control+z')
      await lines(page).getByText('Сб выходной').waitFor()

      // Copy Tuesday onto Wednesday: Wednesday's 16:00 booking is then outside the hours.
      await page.getByTestId('sch-copy-from').click()
      await page.locator('.n-base-select-option', { hasText: 'вторник' }).click()
      await page.getByRole('group', { name: 'На какие дни' }).getByText('Ср', { exact: true }).click()
      await page.getByRole('button', { name: 'Копировать' }).click()
      await lines(page).getByText('Ср 09:00–14:00').waitFor()

      // The week's bookings lie over the grid, read only: the week of that Wednesday.
      const weeksAhead = next(3).startOf('week').diff(today().startOf('week'), 'weeks').weeks
      for (let i = 0; i < Math.round(weeksAhead); i++) {
        await page.getByRole('button', { name: 'Следующая неделя' }).click()
      }
      const block = page.locator(`[data-booking="${bookingId}"]`)
      await block.waitFor()
      expect(await block.innerText()).toContain('16:00 Ольга Клиентова')
      expect(await block.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none')
      const blockBox = (await block.boundingBox())!
      const slotBox = (await cell(page, 2, '16:00').boundingBox())!
      expect(Math.abs(blockBox.y - slotBox.y)).toBeLessThan(4)
      expect(blockBox.x).toBeGreaterThanOrEqual(slotBox.x)

      // Saving is refused with the booking listed; nothing changed until "keep".
      await page.getByRole('button', { name: 'Сохранить график' }).click()
      const stranded = page.getByTestId('sch-stranded')
      await stranded.getByText('Ольга Клиентова').waitFor()
      expect(await stranded.innerText()).toContain('16:00')
      expect(await stranded.innerText()).toContain('Ольга Клиентова, Стрижка')
      expect(await scheduleOf(anna)).toEqual(saved)
      await look(page, 'conflict')
      await page.getByRole('button', { name: 'Сохранить и оставить записи' }).click()
      await stranded.waitFor({ state: 'detached' })
      await expect
        .poll(() => scheduleOf(anna), { timeout: 10_000 })
        .toEqual({ ...saved, '1': [['09:00', '14:00']], '2': [['09:00', '14:00']] })
      expect(await stack.env.db('bookings').where({ id: bookingId }).first('out_of_hours')).toEqual({
        out_of_hours: true,
      })
      await look(page, 'saved')
    } finally {
      await close()
    }
  }, 120_000)

  it('applies a week to three specialists: the preview lists the booking it would strand first, then the job runs', async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const { anna, boris, vera } = world
    // Boris has a booking on the next Saturday at 12:00; Monday to Friday leaves it outside.
    const saturday = next(6).toISODate()!
    await expect
      .poll(async () => (await horizonTimes(boris.id)).get(saturday) ?? [], { timeout: 20_000 })
      .toContain('12:00')
    const client = await stack.register({ name: 'Пётр Субботин' })
    await client.api.POST('/api/bookings', {
      body: {
        service_id: world.service.id,
        specialist_id: boris.id,
        start: { date: saturday, time: '12:00' },
      },
      headers: { 'idempotency-key': `schedules-bulk-${client.id}` },
    })
    const before = await Promise.all([anna, boris, vera].map((s) => scheduleOf(s.id)))

    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    })
    page.setDefaultTimeout(20_000)
    try {
      await stack.logIn(page, admin.token, '/admin/schedules')
      await pickSpecialist(page, 'Вера Котова')
      await page.getByRole('button', { name: 'Пн–Пт 09:00–18:00' }).click()
      await lines(page).getByText('Сб выходной').waitFor()

      const bulk = page.getByTestId('bulk-apply')
      // Vera is chosen already (the one being edited); Anna and Boris are added.
      expect(await bulk.getByRole('checkbox', { name: 'Вера Котова' }).getAttribute('aria-checked')).toBe(
        'true',
      )
      await bulk.getByText('Анна Смирнова').click()
      await bulk.getByText('Борис Орлов').click()
      expect(await bulk.getByLabel('С какой даты').inputValue()).toBe(today().toISODate())
      await bulk.getByRole('button', { name: 'Предпросмотр' }).click()
      const preview = page.getByTestId('bulk-preview')
      await preview.getByText('Изменится специалистов: 3.').waitFor()
      expect(await preview.innerText()).toContain('Борис Орлов: Пётр Субботин, Стрижка')
      expect(await preview.innerText()).toContain('12:00')
      // Nothing changed yet.
      expect(await Promise.all([anna, boris, vera].map((s) => scheduleOf(s.id)))).toEqual(before)
      await look(page, 'bulk-preview')

      await bulk.locator('.n-radio', { hasText: 'Менять и оставить записи' }).click()
      await bulk.getByRole('button', { name: 'Применить' }).click()
      await page.waitForURL(/\/admin\/jobs\/[^/]+$/)
      await page.getByRole('heading', { name: 'Графики работы' }).waitFor()
      const weekdays = week([0, 1, 2, 3, 4], NINE_TO_SIX)
      for (const s of [anna, boris, vera])
        await expect.poll(() => scheduleOf(s.id), { timeout: 60_000 }).toEqual(weekdays)
    } finally {
      await close()
    }
  }, 180_000)

  it('speaks English to an English browser', async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
      locale: 'en-GB',
    })
    page.setDefaultTimeout(20_000)
    try {
      await stack.logIn(page, admin.token, '/admin/schedules')
      await page.getByRole('heading', { name: 'Schedules', exact: true }).waitFor()
      await page.getByTestId('sch-entity').click()
      await page.locator('.n-base-select-option', { hasText: 'Вера Котова' }).click()
      await page.getByRole('grid', { name: 'Weekly schedule: Вера Котова' }).waitFor()
      await lines(page).getByText('Mon 09:00–18:00').waitFor()
      await lines(page).getByText('Sat day off').waitFor()
      await page.getByRole('button', { name: 'Save schedule' }).waitFor()
      await page.getByRole('heading', { name: 'Apply to several specialists' }).waitFor()
      await look(page, 'en')
    } finally {
      await close()
    }
  }, 60_000)
})
