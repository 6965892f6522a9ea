// The analytics screen in real Chromium against the real API and workers: the figures it shows for a
// seeded period and location (tiles, and every chart switched to its table) equal an independent SQL
// computation on the bookings written here, a revenue CSV downloaded through its button has the same
// rows, and a period without bookings shows the empty state. axe-core runs in chart and table mode;
// screenshots at 360 and 1280 px.
import { readFile } from 'node:fs/promises'
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
  createUser,
} from '../helpers/fixtures.ts'
import { formatMoney } from '../../packages/ui/src/format.ts'

const ZONE = 'Europe/Moscow'
type Day = [string, string][]
const schedule = (days: Record<number, Day>) => JSON.stringify(days)
const EVERY_DAY = (hours: [string, string]) =>
  Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, [hours]])) as Record<number, Day>
const LOCATION_HOURS = EVERY_DAY(['09:00', '21:00'])
const ANNA_HOURS = EVERY_DAY(['10:00', '19:00'])
const OLGA_HOURS = Object.fromEntries([0, 1, 2, 3, 4].map((d) => [d, [['09:00', '18:00']]])) as Record<
  number,
  Day
>

let stack: WebStack
let browser: Browser
const localDay = (minus: number) => DateTime.now().setZone(ZONE).minus({ days: minus }).toISODate()!
// The period: the 14 local days before today.
const FROM = localDay(14)
const TO = localDay(1)
let ids: { moscow: number; kazan: number; anna: number; olga: number; irina: number }

type Status = 'completed' | 'cancelled' | 'no_show' | 'confirmed' | 'rejected'

beforeAll(async () => {
  stack = await startWebStack()
  const { db } = stack.env
  await createCompany(db)
  await db('company').where({ id: 1 }).update({ name: 'Салон «Тест»', currency: 'RUB', timezone: ZONE })
  const moscow = await createLocation(db, {
    name: 'Москва, Тверская',
    timezone: ZONE,
    work_schedule: schedule(LOCATION_HOURS),
  })
  const kazan = await createLocation(db, {
    name: 'Казань',
    timezone: ZONE,
    work_schedule: schedule(LOCATION_HOURS),
  })
  const cut = await createService(db, {
    name: 'Стрижка',
    duration_minutes: 60,
    break_minutes: 0,
    price: 150000,
  })
  const colour = await createService(db, {
    name: 'Окрашивание',
    duration_minutes: 90,
    break_minutes: 15,
    price: 420000,
  })
  const services = [cut.id, colour.id]
  const anna = await createSpecialist(db, moscow.id, services, { work_schedule: schedule(ANNA_HOURS) })
  const olga = await createSpecialist(db, moscow.id, services, { work_schedule: schedule(OLGA_HOURS) })
  const irina = await createSpecialist(db, kazan.id, services, { work_schedule: schedule(ANNA_HOURS) })
  await db('users').where({ id: anna.user.id }).update({ name: 'Анна Смирнова' })
  await db('users').where({ id: olga.user.id }).update({ name: 'Ольга Петрова' })
  await db('users').where({ id: irina.user.id }).update({ name: 'Ирина Ким' })
  ids = { moscow: moscow.id, kazan: kazan.id, anna: anna.id, olga: olga.id, irina: irina.id }

  const client = async (name: string) => (await createUser(db, ['client'], { name })).id
  const [c1, c2, c3, c4, c5] = [
    await client('Клиент Один'),
    await client('Клиент Два'),
    await client('Клиент Три'),
    await client('Клиент Четыре'),
    await client('Клиент Пять'),
  ]
  const specialistLocation = new Map([
    [anna.id, moscow.id],
    [olga.id, moscow.id],
    [irina.id, kazan.id],
  ])
  const serviceOf = new Map([
    [cut.id, cut],
    [colour.id, colour],
  ])
  /** A booking `minus` local days ago at a local wall time; `price` below the list price is a discount. */
  const book = async (
    specialist: number,
    clientId: number,
    service: number,
    minus: number,
    time: string,
    status: Status,
    price?: number,
  ) => {
    const s = serviceOf.get(service)!
    const start = DateTime.fromISO(`${localDay(minus)}T${time}`, { zone: ZONE })
    await db('bookings').insert({
      client_id: clientId,
      specialist_id: specialist,
      service_id: service,
      location_id: specialistLocation.get(specialist),
      starts_at: start.toJSDate(),
      duration_minutes: s.duration_minutes,
      break_minutes: s.break_minutes,
      ends_at: start.plus({ minutes: s.duration_minutes }).toJSDate(),
      busy_until: start.plus({ minutes: s.duration_minutes + s.break_minutes }).toJSDate(),
      status,
      price: price ?? s.price,
      base_price: s.price,
      cancelled_at: status === 'cancelled' ? start.minus({ days: 1 }).toJSDate() : null,
    })
  }
  // Before the period: a visit makes Клиент Один returning; a cancelled one leaves Клиент Два new.
  await book(anna.id, c1, cut.id, 20, '10:00', 'completed')
  await book(anna.id, c2, cut.id, 25, '10:00', 'cancelled')
  // The period's first local day at 00:30 (the UTC day before) is inside; the day before at 23:30 is not.
  await book(anna.id, c4, cut.id, 14, '00:30', 'completed')
  await book(anna.id, c5, cut.id, 15, '23:30', 'completed')
  // Anna, Moscow.
  await book(anna.id, c1, cut.id, 14, '10:00', 'completed')
  await book(anna.id, c2, colour.id, 13, '12:00', 'completed', 378000)
  await book(anna.id, c3, cut.id, 12, '10:30', 'completed')
  await book(anna.id, c2, cut.id, 11, '15:00', 'cancelled')
  await book(anna.id, c4, colour.id, 10, '10:00', 'cancelled')
  await book(anna.id, c3, cut.id, 9, '16:00', 'no_show')
  await book(anna.id, c1, cut.id, 7, '11:00', 'confirmed')
  await book(anna.id, c2, cut.id, 5, '13:00', 'rejected')
  await book(anna.id, c3, colour.id, 3, '17:00', 'completed')
  // Olga, Moscow (weekdays only; a weekend visit is out of hours and still counts).
  await book(olga.id, c2, cut.id, 14, '09:00', 'completed')
  await book(olga.id, c3, cut.id, 12, '14:00', 'no_show')
  await book(olga.id, c1, colour.id, 8, '09:30', 'completed')
  await book(olga.id, c2, cut.id, 6, '11:00', 'cancelled')
  await book(olga.id, c1, cut.id, 2, '10:00', 'completed', 120000)
  await book(olga.id, c3, cut.id, 1, '12:00', 'completed')
  // Today: after the period.
  await book(olga.id, c3, cut.id, 0, '00:15', 'completed')
  // Kazan: not in Moscow's figures.
  await book(irina.id, c5, cut.id, 10, '10:00', 'completed')
  await book(irina.id, c1, colour.id, 4, '10:00', 'completed')
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

// The figures, computed here from the bookings table (not through src/data/analytics-repository.ts).
const IN_PERIOD = `
  select b.*, (b.starts_at at time zone l.timezone) as local_start
    from bookings b join locations l on l.id = b.location_id
   where b.location_id = :location and (b.starts_at at time zone l.timezone)::date between :from and :to`

async function sql<T>(query: string, location: number): Promise<T[]> {
  const { rows } = await stack.env.db.raw(query, { location, from: FROM, to: TO })
  return rows as T[]
}

type Money = { id: number; bookings: number; revenue: number; list_value: number }
const revenueBy = (column: 'service_id' | 'specialist_id', location: number) =>
  sql<Money>(
    `with b as (${IN_PERIOD})
     select ${column} as id, count(*)::int as bookings, sum(price)::int as revenue, sum(base_price)::int as list_value
       from b where status = 'completed' group by ${column} order by ${column}`,
    location,
  )

const round4 = (x: number) => Math.round(x * 10000) / 10000

/** Minutes of one day's working time: the specialist's intervals ∩ the location's. */
function dayMinutes(own: Day, location: Day): number {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
  let total = 0
  for (const [a, b] of own)
    for (const [c, d] of location) total += Math.max(0, Math.min(m(b), m(d)) - Math.max(m(a), m(c)))
  return total
}
function availableMinutes(own: Record<number, Day>): Map<string, number> {
  const days = new Map<string, number>()
  for (let d = DateTime.fromISO(FROM); d.toISODate()! <= TO; d = d.plus({ days: 1 }))
    days.set(d.toISODate()!, dayMinutes(own[d.weekday - 1] ?? [], LOCATION_HOURS[d.weekday - 1] ?? []))
  return days
}

async function expected(location: number) {
  const booked = await sql<{ specialist_id: number; date: string; minutes: number }>(
    `with b as (${IN_PERIOD})
     select specialist_id, to_char(local_start, 'YYYY-MM-DD') as date, sum(duration_minutes)::int as minutes
       from b where status not in ('cancelled', 'rejected') group by 1, 2`,
    location,
  )
  const outcomes = await sql<{
    id: number
    bookings: number
    completed: number
    cancelled: number
    no_show: number
  }>(
    `with b as (${IN_PERIOD})
     select specialist_id as id,
            count(*) filter (where status <> 'rejected')::int as bookings,
            count(*) filter (where status = 'completed')::int as completed,
            count(*) filter (where status = 'cancelled')::int as cancelled,
            count(*) filter (where status = 'no_show')::int as no_show
       from b group by 1 order by 1`,
    location,
  )
  const [clients] = await sql<{ clients: number; new: number; returning: number }>(
    `with holding as (
       select b.client_id, b.location_id, (b.starts_at at time zone l.timezone)::date as day
         from bookings b join locations l on l.id = b.location_id
        where b.status not in ('cancelled', 'rejected')),
     firsts as (select client_id, min(day) as first_day from holding group by client_id),
     theirs as (
       select distinct client_id from holding
        where location_id = :location and day between :from and :to)
     select count(*)::int as clients,
            count(*) filter (where f.first_day >= :from::date)::int as new,
            count(*) filter (where f.first_day < :from::date)::int as returning
       from theirs t join firsts f using (client_id)`,
    location,
  )
  return {
    booked,
    outcomes,
    clients: clients!,
    services: await revenueBy('service_id', location),
    specialists: await revenueBy('specialist_id', location),
  }
}

/** Booked minutes per local weekday (0 = Monday) and hour, for one specialist's bookings that hold time. */
async function heatmapOf(specialist: number, location: number) {
  const rows = await sql<{ weekday: number; hour: number; minutes: number }>(
    `with b as (${IN_PERIOD}),
     pieces as (
       select h, greatest(b.local_start, h) as a,
              least(b.local_start + make_interval(mins => b.duration_minutes), h + interval '1 hour') as z
         from b, generate_series(date_trunc('hour', b.local_start),
                                 b.local_start + make_interval(mins => b.duration_minutes) - interval '1 second',
                                 interval '1 hour') as h
        where b.status not in ('cancelled', 'rejected') and b.specialist_id = ${Number(specialist)})
     select extract(isodow from h)::int - 1 as weekday, extract(hour from h)::int as hour,
            (sum(extract(epoch from z - a)) / 60)::int as minutes
       from pieces group by 1, 2`,
    location,
  )
  return new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r.minutes]))
}

/** The rows of a figure's table: `data-id` → `data-key` → the raw value. */
async function tableOf(page: Page, figure: string): Promise<Map<string, Record<string, string>>> {
  const section = page.locator(`[data-figure="${figure}"]`)
  const rows = await section.locator('table tr[data-id]').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.getAttribute('data-id')!,
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td[data-key]')].map((td) => [
          td.getAttribute('data-key')!,
          td.getAttribute('data-value')!,
        ]),
      ),
    })),
  )
  return new Map(rows.map((r) => [r.id, r.cells]))
}

async function showTable(page: Page, figure: string) {
  const section = page.locator(`[data-figure="${figure}"]`)
  expect(await section.locator('[role="img"] canvas').count()).toBeGreaterThan(0)
  await section.getByRole('button', { name: 'Показать таблицей' }).click()
  await section.locator('table').waitFor()
  expect(await section.locator('canvas').count()).toBe(0)
}

async function tile(page: Page, key: string) {
  const el = page.locator(`[data-tile="${key}"]`)
  return {
    value: await el.getAttribute('data-value'),
    text: ((await el.locator('.an__tile-value').textContent()) ?? '').trim(),
  }
}

/** The period and location shown once their answer is in. */
async function shown(page: Page, from: string, to: string, location: number) {
  await page
    .locator(
      `[data-testid="an-range"][data-from="${from}"][data-to="${to}"][data-location="${location}"][aria-busy="false"]`,
    )
    .waitFor()
}

/** Chooses an option of a Naive select and waits until its menu has gone. */
async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click()
  await page.locator('.n-base-select-option', { hasText: option }).click()
  await expect.poll(() => page.locator('.n-base-select-menu:visible').count()).toBe(0)
}

async function choosePeriod(page: Page, from: string, to: string) {
  await page.locator('input[name="from"]').fill(from)
  await page.locator('input[name="to"]').fill(to)
}

async function look(page: Page, name: string) {
  await expect.poll(() => page.locator('.n-message').count()).toBe(0)
  await checkA11y(page, name)
  await page.setViewportSize({ width: 360, height: 740 })
  // ECharts follows its box after a resize (vue-echarts' ResizeObserver, throttled).
  await page.waitForTimeout(400)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await screenshot(page, `admin-analytics-${name}-360`)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.waitForTimeout(400)
  await screenshot(page, `admin-analytics-${name}-1280`)
}

const percentRu = (ratio: number) =>
  new Intl.NumberFormat('ru', { style: 'percent', maximumFractionDigits: 1 }).format(ratio)

describe('the analytics screen', () => {
  it('shows for a seeded period the figures an independent SQL computation gives, tables and CSV included', async () => {
    const admin = await stack.register({ roles: ['admin'] })
    const want = await expected(ids.moscow)
    const { page, close } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
      timezoneId: ZONE,
    })
    try {
      await stack.logIn(page, admin.token, '/admin/analytics')
      await page.getByRole('heading', { name: 'Аналитика', level: 1 }).waitFor()
      // It opens on the last 30 days, for all locations.
      await shown(page, localDay(29), localDay(0), 0)

      await choosePeriod(page, FROM, TO)
      await pick(page, 'an-location', 'Москва, Тверская')
      await shown(page, FROM, TO, ids.moscow)

      // The tiles.
      const all = want.outcomes.reduce(
        (s, r) => ({
          bookings: s.bookings + r.bookings,
          cancelled: s.cancelled + r.cancelled,
          no_show: s.no_show + r.no_show,
        }),
        { bookings: 0, cancelled: 0, no_show: 0 },
      )
      const revenue = want.services.reduce((s, r) => s + r.revenue, 0)
      const hours = { [ids.anna]: availableMinutes(ANNA_HOURS), [ids.olga]: availableMinutes(OLGA_HOURS) }
      const available = (id: number) => [...hours[id]!.values()].reduce((s, m) => s + m, 0)
      const bookedOf = (id: number) =>
        want.booked.filter((r) => r.specialist_id === id).reduce((s, r) => s + r.minutes, 0)
      const bookedAll = bookedOf(ids.anna) + bookedOf(ids.olga)
      const availableAll = available(ids.anna) + available(ids.olga)
      expect(all.bookings).toBe(15) // the seed's bookings in Moscow's period, rejected left out
      expect(await tile(page, 'bookings')).toEqual({
        value: String(all.bookings),
        text: String(all.bookings),
      })
      expect(await tile(page, 'revenue')).toEqual({
        value: String(revenue),
        text: formatMoney(revenue, 'RUB', 'ru'),
      })
      const cancellation = round4(all.cancelled / all.bookings)
      expect(await tile(page, 'cancellation-rate')).toEqual({
        value: String(cancellation),
        text: percentRu(cancellation),
      })
      const noShow = round4(all.no_show / all.bookings)
      expect(await tile(page, 'no-show-rate')).toEqual({ value: String(noShow), text: percentRu(noShow) })
      const utilisation = round4(bookedAll / availableAll)
      expect(await tile(page, 'utilisation')).toEqual({
        value: String(utilisation),
        text: percentRu(utilisation),
      })
      expect(want.clients).toEqual({ clients: 4, new: 3, returning: 1 })
      expect((await tile(page, 'clients')).value).toBe(`${want.clients.new}/${want.clients.returning}`)
      await look(page, 'charts')

      // Every chart as its table.
      for (const figure of [
        'utilisation-specialists',
        'utilisation-days',
        'heatmap',
        'revenue-services',
        'revenue-specialists',
        'outcomes',
      ])
        await showTable(page, figure)

      const utilTable = await tableOf(page, 'utilisation-specialists')
      for (const id of [ids.anna, ids.olga])
        expect(utilTable.get(String(id))).toEqual({
          booked: String(bookedOf(id)),
          available: String(available(id)),
          utilisation: String(round4(bookedOf(id) / available(id))),
        })
      expect(utilTable.get('total')).toMatchObject({
        booked: String(bookedAll),
        available: String(availableAll),
      })
      expect([...utilTable.keys()].sort()).toEqual([String(ids.anna), String(ids.olga), 'total'].sort())

      const dayTable = await tableOf(page, 'utilisation-days')
      const days = [...hours[ids.anna]!.keys()]
      expect([...dayTable.keys()]).toEqual(days)
      for (const date of days) {
        const b = want.booked.filter((r) => r.date === date).reduce((s, r) => s + r.minutes, 0)
        const a = hours[ids.anna]!.get(date)! + hours[ids.olga]!.get(date)!
        expect(dayTable.get(date), date).toEqual({
          booked: String(b),
          available: String(a),
          utilisation: String(round4(b / a)),
        })
      }

      const moneyRows = (rows: Money[]) =>
        new Map(
          rows.map((r) => [
            String(r.id),
            { bookings: String(r.bookings), revenue: String(r.revenue), list_value: String(r.list_value) },
          ]),
        )
      const serviceTable = await tableOf(page, 'revenue-services')
      const total = serviceTable.get('total')
      serviceTable.delete('total')
      expect(serviceTable).toEqual(moneyRows(want.services))
      expect(total).toMatchObject({ revenue: String(revenue) })
      const specialistTable = await tableOf(page, 'revenue-specialists')
      specialistTable.delete('total')
      expect(specialistTable).toEqual(moneyRows(want.specialists))

      const outcomeTable = await tableOf(page, 'outcomes')
      expect(outcomeTable.get('total')).toMatchObject({
        bookings: String(all.bookings),
        cancelled: String(all.cancelled),
        no_show: String(all.no_show),
        cancellation_rate: String(cancellation),
      })
      outcomeTable.delete('total')
      expect(outcomeTable).toEqual(
        new Map(
          want.outcomes.map((r) => [
            String(r.id),
            {
              bookings: String(r.bookings),
              completed: String(r.completed),
              cancelled: String(r.cancelled),
              no_show: String(r.no_show),
              cancellation_rate: String(round4(r.cancelled / r.bookings)),
              no_show_rate: String(round4(r.no_show / r.bookings)),
            },
          ]),
        ),
      )

      // The heatmap of one specialist: weekday rows × hour columns of booked minutes.
      await pick(page, 'an-heat-specialist', 'Анна Смирнова')
      const annaHeat = await heatmapOf(ids.anna, ids.moscow)
      await expect
        .poll(async () => {
          const grid = await tableOf(page, 'heatmap')
          const seen = new Map<string, number>()
          for (const [weekday, cells] of grid)
            for (const [key, value] of Object.entries(cells))
              if (Number(value)) seen.set(`${weekday}:${key.slice(1)}`, Number(value))
          return Object.fromEntries([...seen].sort())
        })
        .toEqual(Object.fromEntries([...annaHeat].sort()))
      expect(annaHeat.get(`${DateTime.fromISO(localDay(12)).weekday - 1}:10`)).toBeGreaterThanOrEqual(30)
      await look(page, 'tables')

      // The revenue CSV through its button.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator('[data-figure="revenue-services"]')
          .getByRole('button', { name: 'Скачать CSV: Выручка по услугам' })
          .click(),
      ])
      expect(download.suggestedFilename()).toBe(`revenue-${FROM}-${TO}.csv`)
      const text = await readFile((await download.path())!, 'utf8')
      const [header, ...lines] = text.trimEnd().split('\r\n')
      expect(header).toBe('group,id,name,bookings,package_visits,revenue,list_value,currency')
      const csvServices = lines
        .map((line) => line.split(','))
        .filter((cells) => cells[0] === 'service')
        .map((cells) => ({
          id: Number(cells[1]),
          bookings: Number(cells[3]),
          revenue: Number(cells[5]),
          list_value: Number(cells[6]),
          currency: cells[7],
        }))
        .sort((a, b) => a.id - b.id)
      expect(csvServices).toEqual(want.services.map((r) => ({ ...r, currency: 'RUB' })))
      expect(lines.find((line) => line.startsWith('total,'))?.split(',')[5]).toBe(String(revenue))

      // Kazan has its own figures: one completed visit in each of two services.
      await pick(page, 'an-location', 'Казань')
      await shown(page, FROM, TO, ids.kazan)
      const kazan = await expected(ids.kazan)
      expect(kazan.services).toHaveLength(2)
      expect((await tile(page, 'revenue')).value).toBe(
        String(kazan.services.reduce((s, r) => s + r.revenue, 0)),
      )
      expect((await tile(page, 'bookings')).value).toBe('2')

      // In English the words, the weekdays and the money follow the language.
      await page.getByRole('button', { name: /^EN/ }).click()
      await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor()
      await expect
        .poll(async () => (await tile(page, 'revenue')).text)
        .toBe(
          formatMoney(
            kazan.services.reduce((s, r) => s + r.revenue, 0),
            'RUB',
            'en',
          ),
        )
      // The sections are still in table mode.
      await page.locator('[data-figure="outcomes"] th', { hasText: 'No-show rate' }).waitFor()
      await page
        .locator('[data-figure="heatmap"] th', {
          hasText: /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/,
        })
        .first()
        .waitFor()
      await look(page, 'english')
      await page.getByRole('button', { name: /^RU/ }).click()
      await page.getByRole('heading', { name: 'Аналитика', level: 1 }).waitFor()

      // A period without bookings: the empty state, no axes.
      await choosePeriod(page, localDay(80), localDay(60))
      await shown(page, localDay(80), localDay(60), ids.kazan)
      await page.getByTestId('an-empty').getByText('За этот период записей нет').waitFor()
      expect(await page.locator('[data-figure]').count()).toBe(0)
      await look(page, 'empty')
    } finally {
      await close()
    }
  }, 180_000)
})
