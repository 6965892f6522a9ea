// Calendar feeds, read the way a calendar app reads them: fetched by their secret URL and parsed
// with a real iCalendar parser (ical.js).
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { redactUrl } from '../../src/infra/log-redaction.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>
type World = Awaited<ReturnType<typeof createWorld>>

let env: TestEnv
let app: FastifyInstance
let w: World
let other: User
let date: string
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  await env.startWorkers()
  w = await createWorld(env.db, { zone: 'Europe/Riga' })
  other = await createUser(env.db, ['client'], { name: 'Пётр Соседов' })
  date = DateTime.now().setZone('Europe/Riga').plus({ days: 2 }).toISODate()!
}, 60_000)
afterAll(async () => env?.close())

let keys = 0
const post = (user: User, url: string, payload: object = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...user.headers, 'idempotency-key': `feed-${++keys}` },
    payload,
  })

async function book(user: User, time: string): Promise<number> {
  const res = await post(user, '/api/bookings', {
    service_id: w.service.id,
    specialist_id: w.specialist.id,
    start: { date, time },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id
}

async function openFeed(user: User, scope?: 'client' | 'specialist') {
  const res = await post(user, '/api/me/calendar-feed', scope ? { scope } : {})
  expect(res.statusCode, res.body).toBe(201)
  const body = res.json() as { https_url: string; webcal_url: string; scope: string }
  return { ...body, path: new URL(body.https_url).pathname }
}

interface FeedEvent {
  uid: string
  sequence: number
  status: string | null
  summary: string
  start: string
}

async function readFeed(path: string) {
  const res = await app.inject({ url: path })
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8')
  const calendar = new ICAL.Component(ICAL.parse(res.body) as unknown[])
  const events: FeedEvent[] = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v)
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
    }
  })
  return { events, etag: res.headers.etag as string, body: res.body }
}

const uid = (id: number) => `booking-${id}@localhost`
const startOf = (time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: 'Europe/Riga' }).toUTC().toJSDate().toISOString()

describe('a client’s calendar feed', () => {
  it('holds my bookings as events with stable UIDs, raises SEQUENCE on reschedule and keeps a cancelled one as CANCELLED', async () => {
    const mine = [await book(w.client, '10:00'), await book(w.client, '12:00')]
    const theirs = await book(other, '14:00')
    const feed = await openFeed(w.client)
    expect(feed.scope).toBe('client')
    expect(feed.webcal_url).toBe(`webcal://localhost:80${feed.path}`)
    // The URL is a credential: it never reaches a log line.
    expect(redactUrl(feed.path)).not.toContain(feed.path.split('/').pop()!.replace('.ics', ''))

    const first = await readFeed(feed.path)
    expect(first.body).toContain('BEGIN:VCALENDAR')
    expect(first.events.map((e) => e.uid)).toEqual(mine.map(uid))
    expect(first.events.map((e) => e.start)).toEqual([startOf('10:00'), startOf('12:00')])
    expect(first.events.every((e) => e.sequence === 0 && e.status === 'CONFIRMED')).toBe(true)
    // Times in UTC, never floating or in a local zone.
    expect(first.body).toMatch(/DTSTART:\d{8}T\d{6}Z/)
    expect(first.body).not.toContain(uid(theirs))

    // Unchanged: the same text, so the same ETag, and a conditional poll is a 304.
    const again = await readFeed(feed.path)
    expect(again.body).toBe(first.body)
    expect(again.etag).toBe(first.etag)
    const notModified = await app.inject({ url: feed.path, headers: { 'if-none-match': first.etag } })
    expect(notModified.statusCode).toBe(304)
    expect(notModified.body).toBe('')

    const moved = await post(w.client, `/api/bookings/${mine[0]}/reschedule`, {
      start: { date, time: '16:00' },
    })
    expect(moved.statusCode, moved.body).toBe(200)
    const afterMove = await readFeed(feed.path)
    expect(afterMove.etag).not.toBe(first.etag)
    const movedEvent = afterMove.events.find((e) => e.uid === uid(mine[0]!))!
    expect(movedEvent).toMatchObject({ sequence: 1, start: startOf('16:00'), status: 'CONFIRMED' })
    expect((await app.inject({ url: feed.path, headers: { 'if-none-match': first.etag } })).statusCode).toBe(
      200,
    )

    const cancelled = await post(w.client, `/api/bookings/${mine[1]}/cancel`, { reason: 'ill' })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    const afterCancel = await readFeed(feed.path)
    expect(afterCancel.events.map((e) => e.uid).sort()).toEqual(mine.map(uid).sort())
    expect(afterCancel.events.find((e) => e.uid === uid(mine[1]!))).toMatchObject({
      status: 'CANCELLED',
      sequence: 1,
    })

    // A month after the cancellation the event is gone.
    await env
      .db('bookings')
      .where({ id: mine[1] })
      .update({ cancelled_at: DateTime.now().minus({ days: 31 }).toJSDate() })
    expect((await readFeed(feed.path)).events.map((e) => e.uid)).toEqual([uid(mine[0]!)])

    // The other client's feed has their booking only.
    const theirFeed = await openFeed(other)
    expect((await readFeed(theirFeed.path)).events.map((e) => e.uid)).toEqual([uid(theirs)])
  }, 60_000)

  it('says whether it exists, replaces its URL on POST and stops answering once revoked', async () => {
    const client = await createUser(env.db, ['client'])
    const url = '/api/me/calendar-feed'
    expect((await app.inject({ url, headers: client.headers })).json()).toEqual({
      scope: 'client',
      active: false,
      created_at: null,
    })
    const old = await openFeed(client)
    const state = (await app.inject({ url, headers: client.headers })).json()
    expect(state).toMatchObject({ scope: 'client', active: true, created_at: expect.any(String) })
    // The state never shows the URL again.
    expect(JSON.stringify(state)).not.toContain('.ics')

    const rotated = await openFeed(client)
    expect(rotated.path).not.toBe(old.path)
    const gone = await app.inject({ url: old.path })
    expect(gone.statusCode).toBe(404)
    expect(gone.json()).toMatchObject({ error: 'feed_not_found' })
    expect((await app.inject({ url: rotated.path })).statusCode).toBe(200)

    const revoke = await app.inject({ method: 'DELETE', url, headers: client.headers, payload: {} })
    expect(revoke.json()).toEqual({ scope: 'client', revoked: true })
    expect((await app.inject({ url: rotated.path })).statusCode).toBe(404)
    expect((await app.inject({ url, headers: client.headers })).json()).toMatchObject({ active: false })
    expect(
      (await app.inject({ method: 'DELETE', url, headers: client.headers, payload: {} })).json(),
    ).toEqual({
      scope: 'client',
      revoked: false,
    })
  })

  it('refuses a malformed token, a missing session and a specialist feed for a client', async () => {
    expect((await app.inject({ url: '/api/calendar/not-a-real-token-at-all-0123.ics' })).statusCode).toBe(404)
    expect((await app.inject({ url: '/api/calendar/short.ics' })).statusCode).toBe(422)
    expect((await app.inject({ url: '/api/me/calendar-feed' })).statusCode).toBe(401)
    const res = await post(other, '/api/me/calendar-feed', { scope: 'specialist' })
    expect(res.statusCode).toBe(403)
    expect(res.json().message).toContain('client feed')
    expect((await post(other, '/api/me/calendar-feed', { scope: 'everyone' })).statusCode).toBe(422)
  })
})

describe('a specialist’s calendar feed', () => {
  it('holds their appointments with each client’s name, and none of another specialist', async () => {
    const feed = await openFeed(w.specialist.user)
    expect(feed.scope).toBe('specialist')
    const { events } = await readFeed(feed.path)
    // All of theirs but the one cancelled a month ago.
    const rows = await env
      .db('bookings')
      .where({ specialist_id: w.specialist.id })
      .whereRaw("(status <> 'cancelled' or cancelled_at > now() - interval '30 days')")
      .select('id', 'client_id')
    expect(rows.length).toBeGreaterThan(1)
    expect(events.map((e) => e.uid).sort()).toEqual(rows.map((r) => uid(r.id)).sort())
    const theirs = rows.find((r) => r.client_id === other.id)!
    expect(events.find((e) => e.uid === uid(theirs.id))!.summary).toContain('Пётр Соседов')

    const colleague = await createWorld(env.db)
    const colleagueFeed = await openFeed(colleague.specialist.user)
    expect((await readFeed(colleagueFeed.path)).events).toEqual([])
  })
})
