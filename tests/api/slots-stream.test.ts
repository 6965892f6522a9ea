// GET /api/slots/stream: a page watching a service's times hears of a booking made through another
// API process, over real sockets, and the times it re-reads then lack the booked one.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime, type ApiRuntime } from '../../src/api/runtime.ts'
import { concerns, SlotStreamHub } from '../../src/api/slot-stream-hub.ts'
import { createRedis } from '../../src/infra/redis.ts'
import { loadSlotInputs } from '../../src/slots/slot-inputs.ts'
import { GridStore, type GridChange } from '../../src/slots/grid-store.ts'
import { GRID_CHANGES_CHANNEL } from '../../src/slots/keys.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createService, createSpecialist, createWorld } from '../helpers/fixtures.ts'

interface Api {
  app: FastifyInstance
  runtime: ApiRuntime
  redis: Redis
  base: string
}

let env: TestEnv
const apis: Api[] = []

/** One API process as the server builds it: its own Redis connections, runtime and port. */
async function startApi(name: string): Promise<Api> {
  const redis = createRedis(env.config, name)
  const runtime = await createApiRuntime(env.config, env.db, redis, { slotInputsMaxAgeMs: 0 })
  const app = await buildApp(
    { config: env.config, db: env.db, redis, runtime },
    { logger: { level: 'error' } },
  )
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const api = { app, runtime, redis, base: address }
  apis.push(api)
  return api
}

async function stopApi(api: Api) {
  apis.splice(apis.indexOf(api), 1)
  await api.app.close()
  await api.runtime.close()
  api.redis.disconnect()
}

const ORIGIN = 'https://salon.example.test'

beforeAll(async () => {
  env = await createTestEnv({ CORS_ORIGINS: ORIGIN })
  await env.startWorkers()
}, 60_000)
afterAll(async () => {
  for (const api of [...apis]) await stopApi(api)
  await env?.close()
})

/** Reads server-sent events from a fetch body: comments and events, as they arrive. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const blocks: string[] = []
  const next = async (): Promise<string | null> => {
    while (true) {
      const end = buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        blocks.push(block)
        return block
      }
      const { done, value } = await reader.read()
      if (done) return null
      buffer += decoder.decode(value, { stream: true })
    }
  }
  /** The data of the next `event: <type>` block, skipping comments and other events. */
  const nextEvent = async (type: string): Promise<unknown> => {
    while (true) {
      const block = await next()
      if (block === null) throw new Error(`stream ended before a ${type} event; got ${blocks.join(' | ')}`)
      const lines = block.split('\n')
      if (lines.includes(`event: ${type}`)) {
        const data = lines.find((l) => l.startsWith('data: '))
        return JSON.parse(data!.slice('data: '.length))
      }
    }
  }
  return { next, nextEvent, cancel: () => reader.cancel().catch(() => undefined) }
}

const tomorrow = (zone: string) => DateTime.now().setZone(zone).plus({ days: 1 }).toISODate()!

async function times(api: Api, query: string) {
  const res = await fetch(`${api.base}/api/slots?${query}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { locations: { days: { times: string[] }[] }[] }
  return body.locations[0]?.days[0]?.times ?? []
}

describe('GET /api/slots/stream', () => {
  it('tells a page on API #2 of a booking made through API #1; the re-read lacks the time', async () => {
    const w = await createWorld(env.db)
    const [api1, api2] = [await startApi('api-1'), await startApi('api-2')]
    const date = tomorrow(w.location.timezone)
    const query = `service_id=${w.service.id}&specialist_id=${w.specialist.id}`
    expect(await times(api2, `${query}&from=${date}&days=1`)).toContain('12:00')

    // Anonymous: a page showing times needs no session.
    const res = await fetch(`${api2.base}/api/slots/stream?${query}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(res.headers.get('cache-control')).toContain('no-cache')
    const events = eventReader(res.body!)
    expect(await events.next()).toContain(': open')

    const booked = await fetch(`${api1.base}/api/bookings`, {
      method: 'POST',
      headers: { ...w.client.headers, 'content-type': 'application/json', 'idempotency-key': 'stream-1' },
      body: JSON.stringify({
        service_id: w.service.id,
        specialist_id: w.specialist.id,
        start: { date, time: '12:00' },
      }),
    })
    expect(booked.status, await booked.clone().text()).toBe(201)

    const event = (await events.nextEvent('slots')) as Record<string, unknown>
    expect(event).toEqual({
      location_id: w.location.id,
      specialist_id: w.specialist.id,
      room_id: null,
      dates: [date],
    })
    const after = await times(api2, `${query}&from=${date}&days=1`)
    expect(after).not.toContain('12:00')
    expect(after).toContain('10:00')

    // Closing the process ends its streams (the browser reconnects elsewhere) instead of hanging.
    await stopApi(api2)
    expect(await events.next()).toBeNull()
    await stopApi(api1)
  }, 60_000)

  it('gives a page on another origin its CORS headers, with the security headers', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const res = await app.inject({
      url: `/api/slots/stream?service_id=${w.service.id}`,
      headers: { origin: ORIGIN },
      payloadAsStream: true,
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    res.stream().destroy()
  })

  it('refuses what GET /api/slots refuses, in its words, and needs service_id', async () => {
    const app = await env.app()
    const w = await createWorld(env.db)
    const other = await createService(env.db, { name: 'Not theirs' })
    const missing = await app.inject({ url: '/api/slots/stream' })
    expect(missing.statusCode).toBe(422)
    expect(missing.json().error).toBeTypeOf('string')
    const unknown = await app.inject({ url: '/api/slots/stream?service_id=999999' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ error: 'not_found' })
    const notTheirs = await app.inject({
      url: `/api/slots/stream?service_id=${other.id}&specialist_id=${w.specialist.id}`,
    })
    const slots = await app.inject({
      url: `/api/slots?service_id=${other.id}&specialist_id=${w.specialist.id}&days=1`,
    })
    expect(notTheirs.statusCode).toBeGreaterThanOrEqual(400)
    expect(notTheirs.statusCode).toBe(slots.statusCode)
    expect(notTheirs.json()).toEqual(slots.json())
  })
})

describe('the stream hub', () => {
  it('keeps to its cap and refuses one more stream with 503', async () => {
    const hub = new SlotStreamHub({
      subscriber: () => createRedis(env.config, 'hub-test'),
      channel: env.config.redisPrefix + GRID_CHANGES_CHANNEL,
      slotInputs: (await env.app()).deps.runtime.slotInputs,
      maxStreams: 1,
      heartbeatMs: 60_000,
    })
    try {
      const first = await hub.open({ serviceId: 1 })
      await expect(hub.open({ serviceId: 1 })).rejects.toMatchObject({
        status: 503,
        code: 'too_many_streams',
      })
      first.destroy()
      await new Promise((r) => setImmediate(r))
      expect(hub.size).toBe(0)
      const again = await hub.open({ serviceId: 1 })
      expect(hub.size).toBe(1)
      again.destroy()
    } finally {
      await hub.close()
    }
  })

  it('sends heartbeat comments to every open stream', async () => {
    const hub = new SlotStreamHub({
      subscriber: () => createRedis(env.config, 'hub-heartbeat'),
      channel: env.config.redisPrefix + GRID_CHANGES_CHANNEL,
      slotInputs: (await env.app()).deps.runtime.slotInputs,
      maxStreams: 10,
      heartbeatMs: 20,
    })
    try {
      const out = await hub.open({ serviceId: 1 })
      let text = ''
      for await (const chunk of out) {
        text += String(chunk)
        if (text.includes(': ping\n\n')) break
      }
      expect(text.startsWith('retry: 3000\n')).toBe(true)
    } finally {
      await hub.close()
    }
  })

  it('tells every stream to re-read all it shows after its subscriber reconnected', async () => {
    let subscriber: Redis | undefined
    const hub = new SlotStreamHub({
      subscriber: () => (subscriber = createRedis(env.config, 'hub-reconnect')),
      channel: env.config.redisPrefix + GRID_CHANGES_CHANNEL,
      slotInputs: (await env.app()).deps.runtime.slotInputs,
      maxStreams: 10,
      heartbeatMs: 60_000,
    })
    try {
      const out = await hub.open({ serviceId: 1 })
      subscriber!.disconnect(true)
      let text = ''
      for await (const chunk of out) {
        text += String(chunk)
        if (text.includes('event: reload\ndata: {}\n\n')) break
      }
      expect(text).toContain('event: reload')
    } finally {
      await hub.close()
    }
  })

  it("tells a stream only of its service's specialists and rooms, at its location", async () => {
    const w = await createWorld(env.db, { n: 2 })
    const room = await createRoom(env.db, w.location.id, [w.service.id])
    const otherService = await createService(env.db, { name: 'Other' })
    const outsider = await createSpecialist(env.db, w.location.id, [otherService.id])
    const view = await loadSlotInputs(env.db)
    const [a, b] = w.specialists.map((s) => s.id) as [number, number]
    const change = (kind: 'specialist' | 'room', id: number, location_id = w.location.id) => ({
      kind,
      id,
      location_id,
      dates: ['2030-01-01'],
    })
    const any = { serviceId: w.service.id }
    expect(concerns(view, any, change('specialist', a))).toBe(true)
    expect(concerns(view, any, change('specialist', b))).toBe(true)
    expect(concerns(view, any, change('specialist', outsider.id))).toBe(false)
    expect(concerns(view, any, change('room', room.id))).toBe(true)
    expect(concerns(view, { serviceId: otherService.id }, change('room', room.id))).toBe(false)
    const one = { serviceId: w.service.id, specialistId: a }
    expect(concerns(view, one, change('specialist', a))).toBe(true)
    expect(concerns(view, one, change('specialist', b))).toBe(false)
    expect(concerns(view, one, change('room', room.id))).toBe(true)
    const here = { serviceId: w.service.id, locationId: w.location.id }
    expect(concerns(view, here, change('specialist', a))).toBe(true)
    expect(concerns(view, here, change('specialist', a, w.location.id + 1))).toBe(false)
  })
})

describe('grid change announcements', () => {
  it('name the days whose cells a write changed, once per batch, and nothing for a rewrite', async () => {
    const sub = createRedis(env.config, 'grid-changes-test')
    const received: GridChange[] = []
    const waiters: (() => void)[] = []
    sub.on('message', (_channel: string, message: string) => {
      received.push(JSON.parse(message) as GridChange)
      waiters.shift()?.()
    })
    await sub.subscribe(env.config.redisPrefix + GRID_CHANGES_CHANNEL)
    const next = async () => {
      if (!received.length) await new Promise<void>((r) => waiters.push(r))
      return received.shift()!
    }
    try {
      const store = new GridStore(env.redis)
      const open = () => new Uint8Array(96).fill(1)
      const closed = () => new Uint8Array(96)
      const grids = (second: Uint8Array) =>
        new Map([
          ['2030-01-01', open()],
          ['2030-01-02', second],
        ])
      const computed = (version: number, second: Uint8Array) => ({
        id: 424242,
        locationId: 77,
        version,
        zone: 'UTC',
        grids: grids(second),
      })
      expect(await store.writeSpecialist(computed(1, open()))).toBe(2)
      expect(await next()).toEqual({
        kind: 'specialist',
        id: 424242,
        location_id: 77,
        dates: ['2030-01-01', '2030-01-02'],
      })
      // The same cells again (a refresh): written, not announced; then one day changes.
      expect(await store.writeSpecialist(computed(2, open()))).toBe(2)
      expect(await store.writeSpecialist(computed(3, closed()))).toBe(2)
      expect(await next()).toEqual({ kind: 'specialist', id: 424242, location_id: 77, dates: ['2030-01-02'] })
      // An older view is not written, so not announced either; a room's change says so.
      expect(await store.writeSpecialist(computed(1, open()))).toBe(0)
      await store.writeRoom(computed(1, open()))
      expect(await next()).toMatchObject({ kind: 'room', id: 424242 })
    } finally {
      sub.disconnect()
    }
  })
})
