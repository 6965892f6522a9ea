// The .ics import screen in real Chromium against the real API and workers: a file with a weekly
// RRULE in Europe/Riga (its own VTIMEZONE) and one in America/New_York, both crossing the next
// daylight-saving changes, is uploaded through the file input; the preview lists the busy times in
// Riga's local time and the booking one of them collides with; applied, it writes exactly the local
// intervals (the New York series an hour earlier between the US and the EU change, when the offset
// is 6 h instead of 7 h) and the client's slots lose exactly those times. The same source uploaded
// again replaces its blocks; an unknown TZID (in a file dropped on the drop zone) is said beside the
// upload and writes nothing; an import is deleted with its blocks. axe-core on the screens;
// screenshots at 360 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { Browser, Locator, Page } from 'playwright-core'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'
import { checkA11y, launchBrowser, openPage, screenshot } from '../helpers/browser.ts'
import { createCompany, createLocation, createService, createSpecialist } from '../helpers/fixtures.ts'

const RIGA = 'Europe/Riga'
const NEW_YORK = 'America/New_York'
const WORK = JSON.stringify(Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [['08:00', '20:00']]])))
let stack: WebStack
let browser: Browser
let world: { service: { id: number }; specialist: { id: number } }

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  // A year's horizon holds the next pair of changes whatever today is; a 15-minute service with no
  // break offers every free cell, so the slots show the blocks exactly.
  await createCompany(db, { booking_horizon_days: 365 })
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'EUR', timezone: RIGA })
  const location = await createLocation(db, { name: 'Рига', timezone: RIGA, work_schedule: WORK })
  const service = await createService(db, { name: 'Укладка', duration_minutes: 15, break_minutes: 0 })
  const specialist = await createSpecialist(db, location.id, [service.id], { work_schedule: WORK })
  await db('users').where({ id: specialist.user.id }).update({ name: 'Анна Смирнова' })
  world = { service, specialist }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const today = () => DateTime.now().setZone(RIGA).startOf('day')
const iso = (d: DateTime) => d.toISODate()!
const stamp = (date: string, time: string) => `${date.replaceAll('-', '')}T${time.replace(':', '')}00`

/** The first local date on or after `from` whose noon has another UTC offset than the day before's. */
function nextChange(zone: string, from: DateTime): string {
  let day = DateTime.fromISO(iso(from), { zone }).set({ hour: 12 })
  while (day.offset === day.minus({ days: 1 }).offset) day = day.plus({ days: 1 })
  return iso(day)
}

/**
 * The next Riga change and the New York change of the same season (the US moves on the second
 * Sunday of March and the first of November, the EU on the last Sundays of March and October), both
 * at least ten days ahead so that a week before the first one is inside the window.
 */
function changes(): { first: string; second: string } {
  let from = today().plus({ days: 14 })
  for (;;) {
    const riga = nextChange(RIGA, from)
    const ny = nextChange(NEW_YORK, DateTime.fromISO(riga).minus({ days: 40 }))
    const [first, second] = [riga, ny].sort() as [string, string]
    if (first >= iso(today().plus({ days: 10 }))) return { first, second }
    from = DateTime.fromISO(second).plus({ days: 1 })
  }
}

const RIGA_ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Riga',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

const calendar = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//calendars//EN',
    ...RIGA_ZONE,
    ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']),
    'END:VCALENDAR',
  ].join('\r\n')

/** A weekly series from `start` (a local date) at `from`–`to` in `zone`, until the end of `until`. */
const weekly = (
  uid: string,
  summary: string,
  zone: string,
  start: string,
  from: string,
  to: string,
  until: string,
) => [
  `UID:${uid}`,
  `SUMMARY:${summary}`,
  `DTSTART;TZID=${zone}:${stamp(start, from)}`,
  `DTEND;TZID=${zone}:${stamp(start, to)}`,
  `RRULE:FREQ=WEEKLY;UNTIL=${until.replaceAll('-', '')}T235959Z`,
]

/** Every start of 08:00–20:00 for a 15-minute service. */
const ALL_TIMES = Array.from({ length: 48 }, (_, i) =>
  DateTime.fromObject({ hour: 8 })
    .plus({ minutes: i * 15 })
    .toFormat('HH:mm'),
)

/** The specialist's free times on `date` as the client site reads them. */
async function timesOn(date: string): Promise<string[]> {
  const slots = await stack.api().GET('/api/slots', {
    params: {
      query: { service_id: world.service.id, specialist_id: world.specialist.id, from: date, days: 1 },
    },
  })
  return slots.locations.flatMap((l) => l.days.filter((d) => d.date === date).flatMap((d) => d.times))
}

const blockedRows = async () =>
  (
    await stack.env
      .db('calendar_overrides')
      .where({ specialist_id: world.specialist.id, kind: 'blocked' })
      .orderBy('date_from')
  ).map((r) => ({ date_from: r.date_from, date_to: r.date_to, intervals: r.intervals }))

const file = (name: string, text: string) => ({ name, mimeType: 'text/calendar', buffer: Buffer.from(text) })

/** A day's busy lines as read: 'from–to summary'. */
const linesOf = async (day: Locator) =>
  (await day.locator('.cal__line').allTextContents()).map((l) => l.replace(/\s+/g, ' ').trim())

async function look(page: Page, name: string) {
  await expect.poll(() => page.locator('.n-message').count(), { timeout: 10_000 }).toBe(0)
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `admin-calendars-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await screenshot(page, `admin-calendars-${name}-1280`)
}

describe('the .ics import screen', () => {
  it('A .ics file with a weekly RRULE that crosses a daylight-saving change blocks exactly the right local times', async () => {
    const { first, second } = changes()
    // The series start 20 days back, so today is never one of their days; they run two weeks past
    // the second change. The day after the last one's week is excluded (EXDATE) from the Riga series.
    const start = iso(today().minus({ days: 20 }))
    const last = iso(DateTime.fromISO(second).plus({ days: 14 }))
    const dates: string[] = []
    for (let d = DateTime.fromISO(start); iso(d) <= last; d = d.plus({ weeks: 1 }))
      if (iso(d) > iso(today())) dates.push(iso(d))
    const excluded = dates.at(-1)!
    const before = dates.find((d) => d < first)!
    const between = dates.find((d) => d >= first && d < second)!
    const after = dates.find((d) => d >= second)!
    const original = calendar(
      [
        ...weekly('standup@test', 'Планёрка', RIGA, start, '10:00', '11:00', last),
        `EXDATE;TZID=${RIGA}:${stamp(excluded, '10:00')}`,
      ],
      weekly('ny@test', 'Call with New York', NEW_YORK, start, '09:00', '10:00', last),
    )
    // 09:00 in New York is 16:00 in Riga, but 15:00 between the two changes (6 h apart, not 7).
    const nyHour = (d: string) => (d >= first && d < second ? ['15:00', '16:00'] : ['16:00', '17:00'])
    const expected = dates.map((d) => ({
      date_from: d,
      date_to: d,
      intervals: d === excluded ? [nyHour(d)] : [['10:00', '11:00'], nyHour(d)],
    }))

    // A client's booking at 10:15 on the first day of the series, which its busy time overlaps.
    const client = await stack.register({ name: 'Ольга Петрова' })
    await client.api.POST('/api/bookings', {
      body: {
        service_id: world.service.id,
        specialist_id: world.specialist.id,
        start: { date: before, time: '10:15' },
      },
      headers: { 'idempotency-key': `calendars-${client.id}` },
    })
    await expect
      .poll(async () => (await stack.env.db('bookings').where({ client_id: client.id }).first())?.status, {
        timeout: 15_000,
      })
      .toMatch(/^(requested|confirmed)$/)
    await expect.poll(() => timesOn(between), { timeout: 30_000 }).toEqual(ALL_TIMES)

    const admin = await stack.register({ roles: ['admin'] })
    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: RIGA,
    })
    try {
      await stack.logIn(page, admin.token, '/admin/calendars')
      await page.getByRole('heading', { name: 'Календари', level: 1 }).waitFor()
      await page.getByText('Анна Смирнова').first().waitFor()
      await page.getByText('У этого специалиста нет загруженных календарей.').waitFor()
      await look(page, 'empty')

      // Upload: the preview lists the busy times in Riga's local time and the collision.
      await page.getByTestId('cal-file').setInputFiles(file('anna.ics', original))
      const preview = page.getByTestId('cal-preview')
      await preview.waitFor()
      expect(await page.locator('input[name="source"]').inputValue()).toBe('anna.ics')
      await expect
        .poll(() => preview.getByTestId('cal-summary').textContent())
        .toBe(`Занятых интервалов: ${dates.length * 2 - 1}, блокировок будет записано: ${dates.length}.`)
      await preview.getByText('Новый календарь: ничего не заменяет.').waitFor()
      await look(page, 'preview')
      // A long preview shows its first weeks until asked for the rest.
      const showAll = preview.getByRole('button', { name: 'Показать все' })
      if (await showAll.count()) await showAll.click()
      const day = preview.locator(`[data-date="${between}"]`)
      expect(await linesOf(day)).toEqual(['10:00–11:00 Планёрка', '15:00–16:00 Call with New York'])
      expect(await linesOf(preview.locator(`[data-date="${after}"]`))).toEqual([
        '10:00–11:00 Планёрка',
        '16:00–17:00 Call with New York',
      ])
      const collision = preview.getByTestId('cal-collisions')
      await collision.getByText('Ольга Петрова, Укладка').waitFor()
      expect(await collision.textContent()).toContain('10:15–10:30')
      expect(await collision.textContent()).toContain('занято: Планёрка, 10:00–11:00')
      expect(await preview.getByTestId('cal-skipped').textContent()).toContain(
        'Планёрка — исключено из повторения (EXDATE)',
      )
      expect(await stack.env.db('calendar_imports').where({ specialist_id: world.specialist.id })).toEqual([])
      expect(await blockedRows()).toEqual([])

      // Apply: exactly the local intervals, on weeks before, between and after the changes.
      await preview.getByRole('button', { name: 'Применить' }).click()
      await page.getByTestId('cal-applied').waitFor()
      expect(await page.getByTestId('cal-applied').textContent()).toContain(
        `записано блокировок — ${dates.length}, снято прежних — 0`,
      )
      const rows = await blockedRows()
      expect(rows).toEqual(expected)
      expect(rows.find((r) => r.date_from === before)?.intervals).toEqual([
        ['10:00', '11:00'],
        ['16:00', '17:00'],
      ])
      expect(rows.find((r) => r.date_from === between)?.intervals).toEqual([
        ['10:00', '11:00'],
        ['15:00', '16:00'],
      ])
      expect(rows.find((r) => r.date_from === after)?.intervals).toEqual([
        ['10:00', '11:00'],
        ['16:00', '17:00'],
      ])
      await page.getByTestId('cal-imports').getByText('anna.ics').waitFor()
      // The client's site loses exactly those times on the day between the changes.
      const lost = ['10:00', '10:15', '10:30', '10:45', '15:00', '15:15', '15:30', '15:45']
      await expect
        .poll(() => timesOn(between), { timeout: 30_000 })
        .toEqual(ALL_TIMES.filter((t) => !lost.includes(t)))
      await look(page, 'applied')

      // The same source again with a changed file: its blocks replace the previous ones.
      const changed = calendar(weekly('standup@test', 'Планёрка', RIGA, start, '12:00', '13:30', last))
      await page.getByTestId('cal-file').setInputFiles(file('anna.ics', changed))
      await preview.waitFor()
      await preview
        .getByTestId('cal-replaces')
        .getByText(`: ${dates.length} блокиров`, { exact: false })
        .waitFor()
      expect(await preview.getByTestId('cal-replaces').textContent()).toMatch(
        /^Заменит загрузку от .+: \d+ блокиров/,
      )
      await preview.getByRole('button', { name: 'Применить' }).click()
      await expect
        .poll(() => page.getByTestId('cal-applied').textContent())
        .toContain(`записано блокировок — ${dates.length}, снято прежних — ${dates.length}`)
      expect(await blockedRows()).toEqual(
        dates.map((d) => ({ date_from: d, date_to: d, intervals: [['12:00', '13:30']] })),
      )
      expect(
        await stack.env
          .db('calendar_imports')
          .where({ specialist_id: world.specialist.id })
          .select('source', 'busy_count'),
      ).toEqual([{ source: 'anna.ics', busy_count: dates.length }])
      await expect
        .poll(() => timesOn(between), { timeout: 30_000 })
        .toEqual(ALL_TIMES.filter((t) => t < '12:00' || t >= '13:30'))

      // An unknown zone: the API's sentence beside the upload, nothing written.
      const mars = calendar([
        'UID:mars@test',
        'SUMMARY:Йога',
        `DTSTART;TZID=Mars/Olympus:${stamp(between, '10:00')}`,
        'DURATION:PT1H',
      ])
      // This one is dropped onto the drop zone.
      const dropped = await page.evaluateHandle((text) => {
        const data = new DataTransfer()
        data.items.add(new File([text], 'mars.ics', { type: 'text/calendar' }))
        return data
      }, mars)
      await page.getByTestId('cal-drop').dispatchEvent('drop', { dataTransfer: dropped })
      const error = page.getByTestId('cal-error')
      await error.waitFor()
      // The panel's sentence, then the API's, which names the event.
      expect(await error.locator('strong').textContent()).toBe(
        'Файл не загружен: часовой пояс «Mars/Olympus» не описан в файле и неизвестен.',
      )
      expect(await error.textContent()).toContain('The time zone "Mars/Olympus" of the event "Йога"')
      expect(await preview.count()).toBe(0)
      expect(await page.locator('input[name="source"]').inputValue()).toBe('mars.ics')
      await look(page, 'error')
      await page.getByRole('button', { name: 'Показать, что изменится' }).click()
      await expect.poll(() => error.textContent()).toContain('"Mars/Olympus"')
      expect(await page.getByRole('button', { name: 'Применить' }).count()).toBe(0)
      expect(
        await stack.env.db('calendar_imports').where({ specialist_id: world.specialist.id }).pluck('source'),
      ).toEqual(['anna.ics'])
      expect((await blockedRows()).every((r) => r.intervals[0]?.[0] === '12:00')).toBe(true)

      // Delete the import: its blocks go with it.
      await page.locator('[data-source="anna.ics"]').getByRole('button', { name: 'Удалить' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click()
      await page.getByText('У этого специалиста нет загруженных календарей.').waitFor()
      expect(await blockedRows()).toEqual([])
      expect(await stack.env.db('calendar_imports').where({ specialist_id: world.specialist.id })).toEqual([])
      await expect.poll(() => timesOn(between), { timeout: 30_000 }).toEqual(ALL_TIMES)
    } finally {
      await close()
    }
  }, 240_000)
})
