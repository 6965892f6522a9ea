// How the API answers requests as people send them with curl: actions without a body, an empty
// JSON body, bodies that are not JSON, URLs with raw non-ASCII bytes. Sent over a real socket as
// well as through inject, because inject fills in headers (and encodes URLs) that curl does not.
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let port: number
let world: Awaited<ReturnType<typeof createWorld>>
let admin: Awaited<ReturnType<typeof createUser>>

beforeAll(async () => {
  env = await createTestEnv()
  await env.startWorkers()
  app = await env.app()
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as { port: number }).port
  world = await createWorld(env.db)
  admin = await createUser(env.db, ['admin'])
}, 60_000)
afterAll(async () => env?.close())

interface RawAnswer {
  status: number
  headers: Record<string, string>
  body: string
  json: () => { error?: string; message?: string; [k: string]: unknown }
}

/**
 * Sends exactly these bytes on a fresh connection and reads the answer, as curl would: no header
 * is added that the caller did not write (not even Content-Length when there is no body).
 */
function rawRequest(head: Buffer | string, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from(head), Buffer.from('\r\n'), Buffer.from(body ?? '')]))
    })
    const chunks: Buffer[] = []
    socket.on('data', (c: Buffer) => chunks.push(c))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const [top = '', rest = ''] = text.split(/\r\n\r\n(.*)/s)
      const [statusLine = '', ...lines] = top.split('\r\n')
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      )
      // Chunked answers: strip the chunk sizes (the bodies here are small single chunks).
      const body = headers['transfer-encoding'] === 'chunked' ? (rest.split('\r\n')[1] ?? '') : rest
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, json: () => JSON.parse(body) })
    })
  })
}

/** A curl-like request: the headers given, Host and Connection: close, a body only when given. */
function curl(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawAnswer> {
  const all = {
    host: `127.0.0.1:${port}`,
    connection: 'close',
    ...headers,
    ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
  }
  const head = [`${method} ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`), ''].join(
    '\r\n',
  )
  return rawRequest(head, body)
}

let booked = 0
/** A confirmed booking of the world's client: four a day (10:00, 12:00, …) from tomorrow on. */
async function book(): Promise<number> {
  const n = booked++
  const date = DateTime.now()
    .setZone('Europe/Moscow')
    .plus({ days: 1 + Math.floor(n / 4) })
    .toISODate()!
  const time = `${10 + 2 * (n % 4)}:00`
  const res = await app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: world.client.headers,
    payload: { service_id: world.service.id, specialist_id: world.specialist.id, start: { date, time } },
  })
  expect(res.statusCode).toBe(201)
  return res.json().id as number
}

const bookingStatus = async (id: number) =>
  ((await env.db('bookings').where({ id }).first('status')) as { status: string }).status

describe('actions without a body', () => {
  it('cancels a booking with no body at all (no Content-Type, no Content-Length)', async () => {
    const id = await book()
    const res = await curl('POST', `/api/bookings/${id}/cancel`, world.client.headers)
    expect(res.status, res.body).toBe(200)
    expect(res.json().status).toBe('cancelled')
    expect(await bookingStatus(id)).toBe('cancelled')
  })

  it('cancels a booking with an empty JSON body', async () => {
    const id = await book()
    const res = await curl(
      'POST',
      `/api/bookings/${id}/cancel`,
      { ...world.client.headers, 'content-type': 'application/json' },
      '',
    )
    expect(res.status, res.body).toBe(200)
    expect(res.json().status).toBe('cancelled')
  })

  it('cancels through inject with no payload too', async () => {
    const id = await book()
    const res = await app.inject({
      method: 'POST',
      url: `/api/bookings/${id}/cancel`,
      headers: world.client.headers,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(await bookingStatus(id)).toBe('cancelled')
  })

  it('answers complete and no-show without a body exactly as with {}', async () => {
    for (const action of ['complete', 'no-show']) {
      const url = (id: number) => `/api/bookings/${id}/${action}`
      const [a, b, c] = [await book(), await book(), await book()]
      const withEmptyObject = await app.inject({
        method: 'POST',
        url: url(a),
        headers: admin.headers,
        payload: {},
      })
      const noBody = await curl('POST', url(b), admin.headers)
      const emptyJson = await curl(
        'POST',
        url(c),
        { ...admin.headers, 'content-type': 'application/json' },
        '',
      )
      // (A booking that has not begun cannot be completed yet: what matters is the same answer.)
      expect(withEmptyObject.json().error).not.toBe('invalid_input')
      for (const res of [noBody, emptyJson]) {
        expect(res.status, res.body).toBe(withEmptyObject.statusCode)
        expect(res.json().error).toBe(withEmptyObject.json().error)
        expect(res.json().status).toBe(withEmptyObject.json().status)
      }
      expect([await bookingStatus(b), await bookingStatus(c)]).toEqual([
        await bookingStatus(a),
        await bookingStatus(a),
      ])
    }
  })

  it('still needs the fields a body requires: reschedule without a body names "start"', async () => {
    const id = await book()
    for (const res of [
      await curl('POST', `/api/bookings/${id}/reschedule`, world.client.headers),
      await curl(
        'POST',
        `/api/bookings/${id}/reschedule`,
        { ...world.client.headers, 'content-type': 'application/json' },
        '',
      ),
    ]) {
      expect(res.status, res.body).toBe(422)
      expect(res.json()).toMatchObject({ error: 'invalid_input' })
      expect(res.json().message).toContain('body is missing "start"')
    }
    expect(await bookingStatus(id)).toBe('confirmed')
  })

  it('takes a DELETE that says Content-Type: application/json but sends nothing', async () => {
    const [discount] = await env
      .db('client_discounts')
      .insert({ client_id: world.client.id, kind: 'percent', value: 5 })
      .returning('id')
    const res = await curl('DELETE', `/api/admin/discounts/${discount.id}`, {
      ...admin.headers,
      'content-type': 'application/json',
      'content-length': '0',
    })
    expect(res.status, res.body).toBe(200)
    expect(res.json()).toEqual({ id: discount.id, deleted: true })
  })

  it('refuses a JSON null body as "not an object", in words', async () => {
    const id = await book()
    const res = await curl(
      'POST',
      `/api/bookings/${id}/cancel`,
      { ...world.client.headers, 'content-type': 'application/json' },
      'null',
    )
    expect(res.status).toBe(422)
    expect(res.json().message).toMatch(/body must be a JSON object/)
    expect(await bookingStatus(id)).toBe('confirmed')
  })
})

describe('bodies that are not JSON', () => {
  it.each([
    ['text/plain', '{}'],
    ['text/plain; charset=utf-8', '{"reason":"x"}'],
    ['application/x-www-form-urlencoded', 'reason=x'],
    ['application/xml', '<reason>x</reason>'],
  ])('answers %s with 415 naming application/json, and changes nothing', async (type, body) => {
    const id = await book()
    const res = await curl(
      'POST',
      `/api/bookings/${id}/cancel`,
      { ...world.client.headers, 'content-type': type },
      body,
    )
    expect(res.status, res.body).toBe(415)
    expect(res.json().error).toBe('unsupported_media_type')
    expect(res.json().message).toContain('application/json')
    expect(await bookingStatus(id)).toBe('confirmed')
  })

  it('answers text/plain with 415 through inject as well', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/services',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
      payload: JSON.stringify({ name: 'Plain', duration_minutes: 60, price: 100 }),
    })
    expect(res.statusCode).toBe(415)
    expect(res.json().error).toBe('unsupported_media_type')
    expect(await env.db('services').where({ name: 'Plain' }).first()).toBeUndefined()
  })
})

describe('JSON in another charset', () => {
  it('answers a JSON body declared in UTF-16 with 415 unsupported_charset, and creates nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/services',
      headers: { ...admin.headers, 'content-type': 'application/json; charset=utf-16' },
      payload: JSON.stringify({ name: 'Sixteen', duration_minutes: 60, price: 100 }),
    })
    expect(res.statusCode).toBe(415)
    expect(res.json()).toEqual({ error: 'unsupported_charset', message: expect.stringContaining('UTF-8') })
    expect(await env.db('services').where({ name: 'Sixteen' }).first()).toBeUndefined()
  })

  it('takes a JSON body declared in UTF-8', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/services',
      headers: { ...admin.headers, 'content-type': 'application/json; charset=UTF-8' },
      payload: JSON.stringify({ name: 'Eight', duration_minutes: 60, price: 100 }),
    })
    expect(res.statusCode, res.body).toBe(201)
  })
})

describe('URLs with raw non-ASCII bytes', () => {
  const cyrillic = Buffer.from('маникюр', 'utf8')
  const head = (before: string, after: string) =>
    Buffer.concat([
      Buffer.from(before),
      cyrillic,
      Buffer.from(`${after} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n`),
    ])

  it('answers an unencoded Cyrillic query with 400 invalid_url in the error format', async () => {
    const res = await rawRequest(head('GET /api/services?q=', ''))
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    const json = res.json()
    expect(json.error).toBe('invalid_url')
    expect(json.message).toMatch(/percent-encod/)
    expect(Object.keys(json).sort()).toEqual(['error', 'message'])
  })

  it('answers an unencoded Cyrillic path the same way', async () => {
    const res = await rawRequest(head('GET /api/', ''))
    expect(res.status).toBe(400)
    expect(res.json().error).toBe('invalid_url')
  })

  it('answers a request that is not HTTP at all in the error format', async () => {
    const res = await rawRequest('GET /a b c HTTP/1.1\r\nhost: x\r\n')
    expect(res.status).toBe(400)
    expect(res.json()).toMatchObject({ error: 'bad_request' })
    expect(typeof res.json().message).toBe('string')
  })

  it('still serves the same query percent-encoded', async () => {
    const res = await curl('GET', `/api/services?q=${encodeURIComponent('маникюр')}`)
    expect(res.status).not.toBe(400)
    expect(res.status).toBeLessThan(500)
  })
})
