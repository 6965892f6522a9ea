// Web Push from the notifier to a real (local) push service: web-push-testing runs in this process
// on 127.0.0.1, hands out subscriptions, decrypts what it receives with the subscription's keys
// and checks the VAPID signature; it can expire a subscription, after which it answers 410.
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import webpush from 'web-push'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'
import { pushSubscriptionsRepository } from '../../src/data/push-subscriptions-repository.ts'
import { startNotifier } from '../../src/notifier/main.ts'

interface PushTestingServer {
  startServer(): void
  _server?: { close(cb: () => void): void }
}
const require = createRequire(import.meta.url)
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => object }
const WebPushTestingServer = require('web-push-testing/src/server.js') as new (
  model: object,
  port: number,
) => PushTestingServer

const ZONE = 'Europe/Moscow'
const vapid = webpush.generateVAPIDKeys()

let env: TestEnv
let notifier: Awaited<ReturnType<typeof startNotifier>>
let pushServer: PushTestingServer
let pushBase: string

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  const port = await freePort()
  pushServer = new WebPushTestingServer(new PushApiModel(), port)
  pushServer.startServer()
  pushBase = `http://localhost:${port}`
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`${pushBase}/status`, { method: 'POST' }).catch(() => null)
    if (up?.ok) break
    await new Promise((r) => setTimeout(r, 20))
  }
  env = await createTestEnv({ VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey })
  await env.startWorkers({ sweepEveryMs: 200 })
  notifier = await startNotifier(env.config, {}, { db: env.db })
})
afterAll(async () => {
  await notifier?.close()
  await env?.close()
  await new Promise<void>((resolve) => (pushServer?._server ? pushServer._server.close(resolve) : resolve()))
})

const pushApi = async (path: string, body?: object) => {
  const res = await fetch(`${pushBase}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  // JSON, except the bare "OK" of a 200 without a body.
  const parsed = (() => {
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch {
      return {}
    }
  })()
  return { status: res.status, body: parsed }
}

/** A browser's subscription at the push service, with the application server key of our VAPID pair. */
async function subscribe() {
  const res = await pushApi('/subscribe', { userVisibleOnly: 'true', applicationServerKey: vapid.publicKey })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.data as {
    endpoint: string
    keys: { p256dh: string; auth: string }
    clientHash: string
  }
}

/** What the push service decrypted for the subscription, as the JSON payloads sent. */
const received = async (clientHash: string) =>
  ((await pushApi('/get-notifications', { clientHash })).body.data as { messages: string[] }).messages.map(
    (m) => JSON.parse(m) as Record<string, unknown>,
  )

async function delivered(bookingId: number, count: number) {
  for (let i = 0; i < 600; i++) {
    const rows = await env.db('notification_outbox').where({ booking_id: bookingId }).orderBy('id')
    if (rows.length === count && rows.every((r) => r.delivered_at !== null)) return rows
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`the ${count} outbox rows of booking ${bookingId} were not all delivered`)
}

let keys = 0
const post = async (headers: Record<string, string>, url: string, payload: object) =>
  (await env.app()).inject({
    method: 'POST',
    url,
    headers: { ...headers, 'idempotency-key': `push-${++keys}-${Date.now()}` },
    payload,
  })

describe('Web Push from the notifier', () => {
  it('delivers an encrypted, VAPID-signed payload the push service decrypts, and deletes a subscription the service says is gone (410)', async () => {
    const w = await createWorld(env.db, { zone: ZONE })
    await env.db('locations').where({ id: w.location.id }).update({ name: 'Центр', address: 'Тверская, 1' })
    await env.db('services').where({ id: w.service.id }).update({ name: 'Массаж' })
    await env.db('users').where({ id: w.client.id }).update({ language: 'en' })
    const sub = await subscribe()
    // Stored as POST /api/me/push-subscriptions stores it (the API takes only https endpoints,
    // and this push service is plain http on localhost).
    const subscriptions = pushSubscriptionsRepository(env.db)
    await subscriptions.save(w.client.id, { endpoint: sub.endpoint, ...sub.keys })

    const date = DateTime.now().setZone(ZONE).plus({ days: 2 }).toISODate()!
    const res = await post(w.client.headers, '/api/bookings', {
      service_id: w.service.id,
      specialist_id: w.specialist.id,
      start: { date, time: '12:00' },
    })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id as number
    await delivered(id, 1)

    const when = `${DateTime.fromISO(`${date}T12:00`, { zone: ZONE }).setLocale('en-GB').toFormat('ccc, d MMMM')}, 12:00 (UTC+3)`
    expect(await received(sub.clientHash)).toEqual([
      {
        title: 'You are booked',
        body: ['Массаж', when, `Specialist: ${w.specialist.user.name}`, 'Центр, Тверская, 1'].join('\n'),
        url: `/account/bookings/${id}`,
        tag: `booking-${id}`,
      },
    ])
    expect(
      await env.db('notification_records').where({ booking_id: id }).select('user_id', 'channel', 'status'),
    ).toEqual([{ user_id: w.client.id, channel: 'push', status: 'sent' }])

    // The browser unsubscribed: the push service answers 410 from now on.
    expect((await pushApi(`/expire-subscription/${sub.clientHash}`)).status).toBe(200)
    const cancelled = await post(w.client.headers, `/api/bookings/${id}/cancel`, {})
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    await delivered(id, 2)
    expect(await subscriptions.ofUser(w.client.id)).toEqual([])
    const failed = await env
      .db('notification_records')
      .where({ booking_id: id, event: 'booking.cancelled' })
      .first('status', 'reason', 'destination')
    expect(failed).toMatchObject({ status: 'failed', destination: sub.endpoint })
    expect(failed.reason).toMatch(/^subscription gone \(push service answered 410.*\); deleted$/)
    expect(await received(sub.clientHash)).toHaveLength(1)
  }, 60_000)
})
