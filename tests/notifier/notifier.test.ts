// The notifier against the local Bot API double: real PostgreSQL, Redis and BullMQ, the worker
// (intents, reminders, the outbox relay) and the notifier started in-process from their composition
// roots. Bookings are made through the API; what reaches Telegram is read from the double's calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'
import { startBotApiDouble, type BotApiCall, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { startNotifier } from '../../src/notifier/main.ts'

const ZONE = 'Europe/Moscow'
const MINI_APP = 'https://salon.example/miniapp'

let double: BotApiDouble
let env: TestEnv
let notifier: Awaited<ReturnType<typeof startNotifier>>
let workers: Awaited<ReturnType<TestEnv['startWorkers']>>

beforeAll(async () => {
  double = await startBotApiDouble()
  env = await createTestEnv({
    TELEGRAM_BOT_TOKEN: double.token,
    TELEGRAM_API_ROOT: double.apiRoot,
    MINIAPP_URL: MINI_APP,
  })
  workers = await env.startWorkers({ sweepEveryMs: 200 })
  notifier = await startNotifier(env.config, {}, { db: env.db })
})
afterAll(async () => {
  await notifier?.close()
  await env?.close()
  await double?.close()
})

let nextTg = 7_100_000_000 + Math.floor(Math.random() * 1e6) * 10
const newTg = () => (nextTg += 1)

/** A salon whose client (English) and specialist (Russian) both talk to the bot. */
async function setup() {
  const w = await createWorld(env.db, { zone: ZONE })
  await env.db('locations').where({ id: w.location.id }).update({ name: 'Центр', address: 'Тверская, 1' })
  await env.db('services').where({ id: w.service.id }).update({ name: 'Массаж' })
  const clientTg = newTg()
  const specialistTg = newTg()
  await env.db('users').where({ id: w.client.id }).update({ tg_id: clientTg, language: 'en' })
  await env
    .db('users')
    .where({ id: w.specialist.user.id })
    .update({ tg_id: specialistTg, language: 'ru', name: 'Анна Смирнова' })
  return { ...w, clientTg, specialistTg }
}

let keys = 0
const post = async (headers: Record<string, string>, url: string, payload: object) => {
  const app = await env.app()
  return app.inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': `notifier-${++keys}-${Date.now()}` },
    payload,
  })
}

async function book(w: Awaited<ReturnType<typeof setup>>, daysAhead: number, time: string) {
  const date = DateTime.now().setZone(ZONE).plus({ days: daysAhead }).toISODate()!
  const res = await post(w.client.headers, '/api/bookings', {
    service_id: w.service.id,
    specialist_id: w.specialist.id,
    start: { date, time },
  })
  expect(res.statusCode, res.body).toBe(201)
  return { id: res.json().id as number, date }
}

/** The location's clock as the messages must show it, computed here independently. */
const shown = (date: string, time: string, locale: 'ru' | 'en-GB') =>
  `${DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).setLocale(locale).toFormat('ccc, d MMMM')}, ${time} (UTC+3)`

const messagesTo = (chat: number, calls: BotApiCall[] = double.calls) =>
  calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === chat)
const textOf = (c: BotApiCall) => String(c.params.text)

const outboxOf = (bookingId: number) =>
  env.db('notification_outbox').where({ booking_id: bookingId }).orderBy('id').select('*')

/** Resolves once every outbox row of the booking (there are `count`) was marked delivered. */
async function delivered(bookingId: number, count: number) {
  for (let i = 0; i < 600; i++) {
    const rows = await outboxOf(bookingId)
    if (rows.length === count && rows.every((r) => r.delivered_at !== null)) return rows
    await new Promise((r) => setTimeout(r, 50))
  }
  // Where each row stopped (relayed? its notify job's state, attempts and failure), for the reader.
  const rows = await outboxOf(bookingId)
  const where = await Promise.all(
    rows.map(async (r) => {
      const job = await workers.queues.notify.getJob(`notify-${r.id}`)
      return {
        id: r.id,
        relayed: r.relayed_at !== null,
        delivered: r.delivered_at !== null,
        job: job && { state: await job.getState(), attempts: job.attemptsMade, failed: job.failedReason },
      }
    }),
  )
  throw new Error(
    `the ${count} outbox rows of booking ${bookingId} were not all delivered: ${JSON.stringify(where)}`,
  )
}

const recordsOf = (bookingId: number) =>
  env.db('notification_records').where({ booking_id: bookingId }).orderBy('id').select('*')

const remindersOf = async (bookingId: number) =>
  (await workers.queues.reminders.queue.getDelayed()).filter((j) => j.data.bookingId === bookingId)

describe('the notifier', () => {
  it('tells the client and the specialist of a new booking, each in their language, with the local time, the address and a Mini App button', async () => {
    const w = await setup()
    const { id, date } = await book(w, 2, '12:00')
    await double.waitFor(
      (calls) => messagesTo(w.clientTg, calls).length > 0 && messagesTo(w.specialistTg, calls).length > 0,
      15_000,
    )
    const [toClient] = messagesTo(w.clientTg)
    const [toSpecialist] = messagesTo(w.specialistTg)
    expect(textOf(toClient!).split('\n')).toEqual([
      'You are booked',
      '',
      'Массаж',
      shown(date, '12:00', 'en-GB'),
      'Specialist: Анна Смирнова',
      'Центр, Тверская, 1',
    ])
    expect(textOf(toSpecialist!).split('\n')).toEqual([
      'Новая запись',
      '',
      'Массаж',
      shown(date, '12:00', 'ru'),
      `Клиент: ${w.client.name}`,
      'Центр, Тверская, 1',
    ])
    expect(shown(date, '12:00', 'ru')).toMatch(/^[а-я]{2}, \d{1,2} [а-я]+, 12:00 \(UTC\+3\)$/)
    expect(toClient!.params.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Open the booking', web_app: { url: `${MINI_APP}?startapp=booking-${id}` } }],
      ],
    })
    expect(toSpecialist!.params.reply_markup).toMatchObject({
      inline_keyboard: [[{ text: 'Открыть запись' }]],
    })

    await delivered(id, 1)
    expect(
      (await recordsOf(id)).map((r) => [r.user_id, r.channel, r.destination, r.status, r.event]),
    ).toEqual([
      [w.client.id, 'telegram', String(w.clientTg), 'sent', 'booking.created'],
      [w.specialist.user.id, 'telegram', String(w.specialistTg), 'sent', 'booking.created'],
    ])
    expect(messagesTo(w.clientTg)).toHaveLength(1)
    expect(messagesTo(w.specialistTg)).toHaveLength(1)
  }, 60_000)

  it('sends the cancel messages and the cancel removes the booking’s reminders', async () => {
    const w = await setup()
    const { id, date } = await book(w, 3, '15:00')
    await delivered(id, 1)
    expect((await remindersOf(id)).map((j) => j.data.offsetMin).sort((a, b) => a - b)).toEqual([120, 1440])

    const cancelled = await post(w.client.headers, `/api/bookings/${id}/cancel`, {})
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    await double.waitFor(
      (calls) => messagesTo(w.clientTg, calls).length === 2 && messagesTo(w.specialistTg, calls).length === 2,
      15_000,
    )
    expect(textOf(messagesTo(w.clientTg)[1]!)).toMatch(
      new RegExp(
        `^Booking cancelled\n\nМассаж\n${shown(date, '15:00', 'en-GB').replace(/[()+]/g, '\\$&')}\n`,
      ),
    )
    expect(textOf(messagesTo(w.specialistTg)[1]!)).toMatch(/^Запись отменена\n\nМассаж\n/)
    expect(await remindersOf(id)).toEqual([])
    await delivered(id, 2)
  }, 60_000)

  it('ends a storm of 429s with every message delivered exactly once', async () => {
    const w = await setup()
    // The first calls to each chat are answered 429 retry_after 1; later ones succeed.
    const storm = { client: 3, specialist: 2 }
    double.scriptFor('sendMessage', w.clientTg, ...Array(storm.client).fill({ status: 429, retry_after: 1 }))
    double.scriptFor(
      'sendMessage',
      w.specialistTg,
      ...Array(storm.specialist).fill({ status: 429, retry_after: 1 }),
    )
    const { id, date } = await book(w, 4, '11:00')
    const moved = await post(w.client.headers, `/api/bookings/${id}/reschedule`, {
      start: { date, time: '16:00' },
    })
    expect(moved.statusCode, moved.body).toBe(200)

    await delivered(id, 2)
    // The calls after the scripted 429s are the ones Telegram accepted.
    const accepted = {
      client: messagesTo(w.clientTg).slice(storm.client),
      specialist: messagesTo(w.specialistTg).slice(storm.specialist),
    }
    expect(accepted.client.map((c) => textOf(c).split('\n')[0]).sort()).toEqual([
      'Booking moved',
      'You are booked',
    ])
    expect(accepted.specialist.map((c) => textOf(c).split('\n')[0]).sort()).toEqual([
      'Запись перенесена',
      'Новая запись',
    ])
    const movedText = accepted.client.find((c) => textOf(c).startsWith('Booking moved'))!
    expect(textOf(movedText)).toContain(
      `\n${shown(date, '16:00', 'en-GB')}\nWas: ${shown(date, '11:00', 'en-GB')}\n`,
    )
    const records = await recordsOf(id)
    expect(records).toHaveLength(4)
    expect(records.every((r) => r.status === 'sent')).toBe(true)
  }, 60_000)

  it('holds every chat after a 429 until its retry_after has passed', async () => {
    const w = await setup()
    const other = await setup()
    double.scriptFor('sendMessage', w.clientTg, { status: 429, retry_after: 2 })
    const first = await book(w, 6, '10:00')
    await double.waitFor((calls) => messagesTo(w.clientTg, calls).length > 0, 15_000)
    const refusedAt = messagesTo(w.clientTg)[0]!.at
    // Another salon's booking, made once the 429 was answered: its chats wait too.
    const second = await book(other, 6, '10:00')
    await delivered(first.id, 1)
    await delivered(second.id, 1)

    const after = double.calls.filter((c) => c.method === 'sendMessage' && c.at > refusedAt)
    const chats = [w.clientTg, w.specialistTg, other.clientTg, other.specialistTg]
    expect(after.map((c) => c.params.chat_id).sort()).toEqual([...chats].sort())
    for (const call of after) expect(call.at - refusedAt).toBeGreaterThanOrEqual(2000)
    expect((await recordsOf(first.id)).map((r) => r.status)).toEqual(['sent', 'sent'])
  }, 60_000)

  it('marks a chat that blocked the bot unreachable, records why, and does not try it again', async () => {
    const w = await setup()
    double.scriptFor('sendMessage', w.specialistTg, { status: 403 })
    const { id } = await book(w, 5, '13:00')
    await delivered(id, 1)
    expect(messagesTo(w.specialistTg)).toHaveLength(1)
    expect(messagesTo(w.clientTg)).toHaveLength(1)
    expect(
      await env.db('telegram_unreachable_chats').where({ tg_id: w.specialistTg }).first('reason'),
    ).toEqual({ reason: 'Forbidden: bot was blocked by the user' })
    const [toClient, toSpecialist] = await recordsOf(id)
    expect(toClient).toMatchObject({ user_id: w.client.id, status: 'sent', reason: null })
    expect(toSpecialist).toMatchObject({
      user_id: w.specialist.user.id,
      status: 'failed',
      reason: '403: Forbidden: bot was blocked by the user',
    })
    const job = await workers.queues.notify.getJob(`notify-${(await outboxOf(id))[0].id}`)
    expect(await job!.getState()).toBe('completed')
    expect(job!.attemptsMade).toBeLessThanOrEqual(1)

    // The next event of the booking: the client is told, the blocked chat is not even tried.
    const cancelled = await post(w.client.headers, `/api/bookings/${id}/cancel`, {})
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    await delivered(id, 2)
    expect(messagesTo(w.clientTg)).toHaveLength(2)
    expect(messagesTo(w.specialistTg)).toHaveLength(1)
    // (The client's chat had a message a moment ago, so theirs may come second.)
    const second = (await recordsOf(id)).slice(2)
    expect(second.find((r) => r.user_id === w.client.id)).toMatchObject({ status: 'sent', reason: null })
    expect(second.find((r) => r.user_id === w.specialist.user.id)).toMatchObject({
      status: 'failed',
      reason: 'chat unreachable: the bot was blocked',
    })
    expect(second).toHaveLength(2)
  }, 60_000)

  it('records a 400 as failed with Telegram’s reason, without retrying', async () => {
    const w = await setup()
    double.scriptFor('sendMessage', w.clientTg, { status: 400, description: 'Bad Request: chat not found' })
    const { id } = await book(w, 6, '10:00')
    await delivered(id, 1)
    expect(messagesTo(w.clientTg)).toHaveLength(1)
    expect(messagesTo(w.specialistTg)).toHaveLength(1)
    expect((await recordsOf(id)).map((r) => [r.user_id, r.status, r.reason])).toEqual([
      [w.client.id, 'failed', '400: Bad Request: chat not found'],
      [w.specialist.user.id, 'sent', null],
    ])
    // A 400 is about the message, not the chat: the chat stays reachable.
    expect(await env.db('telegram_unreachable_chats').where({ tg_id: w.clientTg }).first()).toBeUndefined()
  }, 60_000)

  it('sends the reminder when the booking’s reminder comes due', async () => {
    const w = await setup()
    const { id, date } = await book(w, 2, '17:00')
    await delivered(id, 1)
    // The reminder the booking scheduled 2 hours before its start, due now.
    const reminder = (await remindersOf(id)).find((j) => j.data.offsetMin === 120)!
    await reminder.promote()
    await double.waitFor(
      (calls) => messagesTo(w.clientTg, calls).length === 2 && messagesTo(w.specialistTg, calls).length === 2,
      15_000,
    )
    expect(textOf(messagesTo(w.clientTg)[1]!).split('\n').slice(0, 4)).toEqual([
      'Booking reminder: in 2 hours',
      '',
      'Массаж',
      shown(date, '17:00', 'en-GB'),
    ])
    expect(textOf(messagesTo(w.specialistTg)[1]!).split('\n')[0]).toBe('Напоминание о записи: через 2 часа')
    const rows = await delivered(id, 2)
    expect(rows.map((r) => r.event)).toEqual(['booking.created', 'booking.reminder'])
  }, 60_000)

  it('tells the specialist who had a booking moved to another one (same time: no «was» line), and the one who has it now', async () => {
    const w = await setup()
    const { id, date } = await book(w, 8, '12:00')
    await delivered(id, 1)
    const other = (await createWorld(env.db, { zone: ZONE })).specialist
    await env.db('specialists').where({ id: other.id }).update({ location_id: w.location.id })
    await env.db('specialist_services').insert({ specialist_id: other.id, service_id: w.service.id })
    const otherTg = newTg()
    await env
      .db('users')
      .where({ id: other.user.id })
      .update({ tg_id: otherTg, language: 'en', name: 'Boris' })
    const admin = await createUser(env.db, ['admin'])
    const moved = await post(admin.headers, `/api/bookings/${id}/reschedule`, {
      start: { date, time: '12:00' },
      specialist_id: other.id,
    })
    expect(moved.statusCode, moved.body).toBe(200)
    await delivered(id, 2)
    expect(textOf(messagesTo(w.specialistTg)[1]!).split('\n')).toEqual([
      'Запись передана другому мастеру',
      '',
      'Массаж',
      shown(date, '12:00', 'ru'),
      'Мастер: Boris',
      `Клиент: ${w.client.name}`,
      'Центр, Тверская, 1',
    ])
    expect(textOf(messagesTo(otherTg)[0]!).split('\n')[0]).toBe('A booking was moved to you')
    expect(textOf(messagesTo(w.clientTg)[1]!)).toContain('\nSpecialist: Boris\n')
  }, 60_000)

  it('shows an admin the records of a booking, newest first with the names, and refuses a client', async () => {
    const w = await setup()
    double.scriptFor('sendMessage', w.clientTg, { status: 403 })
    const { id } = await book(w, 7, '14:00')
    await delivered(id, 1)
    const admin = await createUser(env.db, ['admin'])
    const app = await env.app()
    const res = await app.inject({
      method: 'GET',
      url: `/api/admin/notifications?booking_id=${id}`,
      headers: admin.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body.total).toBe(2)
    expect(
      body.items.map((r: Record<string, unknown>) => [r.recipient_name, r.channel, r.status, r.reason]),
    ).toEqual([
      ['Анна Смирнова', 'telegram', 'sent', null],
      [w.client.name, 'telegram', 'failed', '403: Forbidden: bot was blocked by the user'],
    ])
    const failed = await app.inject({
      method: 'GET',
      url: `/api/admin/notifications?booking_id=${id}&status=failed`,
      headers: admin.headers,
    })
    expect(failed.json()).toMatchObject({
      total: 1,
      items: [{ user_id: w.client.id, event: 'booking.created' }],
    })

    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/admin/notifications',
      headers: w.client.headers,
    })
    expect(forbidden.statusCode).toBe(403)
  }, 60_000)
})
