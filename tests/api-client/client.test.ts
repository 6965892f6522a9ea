// The generated API client against the real API on a real port, with real workers: what a channel
// (web, Mini App) does through it — register, log in, read the catalogue and slots, book, meet a
// taken time as a typed error, and follow a 202 to its booking. It is imported by its package name,
// as the channels import it.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import {
  ApiError,
  createApiClient,
  IntentPendingError,
  isApiError,
  type ApiClient,
} from '@booking/api-client'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let baseUrl: string
let world: Awaited<ReturnType<typeof createWorld>>
const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!

beforeAll(async () => {
  // A short wait, and no worker until a test starts one: a booking is answered 202 first.
  env = await createTestEnv({ INTENT_WAIT_MS: '100' })
  app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the API is not on a TCP port')
  baseUrl = `http://127.0.0.1:${address.port}`
  world = await createWorld(env.db)
})
afterAll(async () => env?.close())

/** A client for one person: the token it sends is whatever `login` last stored. */
function personClient(): { api: ApiClient; session: { token?: string } } {
  const session: { token?: string } = {}
  return { api: createApiClient({ baseUrl, getToken: () => session.token, channel: 'web' }), session }
}

async function registeredClient(email: string) {
  const { api, session } = personClient()
  const registered = await api.POST('/api/auth/register', {
    body: { name: 'Anna', email, password: 'correct horse battery' },
  })
  expect(registered.user.roles).toEqual(['client'])
  const login = await api.POST('/api/auth/login', {
    body: { login: email, password: 'correct horse battery' },
  })
  expectTypeOf(login.token).toEqualTypeOf<string>()
  session.token = login.token
  return { api, userId: login.user.id }
}

describe('the API client against the running API', () => {
  it('follows a 202 to the booking once a worker has taken the intent', async () => {
    const { api, userId } = await registeredClient('follow@example.com')
    const answer = await api.raw.POST('/api/bookings', {
      body: {
        service_id: world.service.id,
        specialist_id: world.specialist.id,
        start: { date, time: '10:00' },
      },
      headers: { 'idempotency-key': 'client-follow-1' },
    })
    // No worker yet: the API waited INTENT_WAIT_MS and answered with where the outcome will be.
    expect(answer.response.status).toBe(202)
    expect(answer.data).toMatchObject({ intent_id: expect.any(Number), status_url: expect.any(String) })
    expect(await env.db('bookings').where({ client_id: userId }).count('* as n').first()).toMatchObject({
      n: 0,
    })

    // Following is bounded: while nothing takes the intent, it gives up and hands the intent back.
    const waited = await api.settle(answer, { timeoutMs: 300 }).then(
      () => null,
      (err: unknown) => err,
    )
    expect(waited).toBeInstanceOf(IntentPendingError)
    expect((waited as IntentPendingError).intent).toEqual(answer.data)

    await env.startWorkers()
    const booking = await api.settle(answer)
    // Typed as the 201 booking: the 202 shape is gone from what `settle` resolves with.
    expectTypeOf(booking).toHaveProperty('specialist_id')
    expectTypeOf(booking).not.toHaveProperty('intent_id')
    expect(booking).toMatchObject({
      status: 'confirmed',
      date,
      time: '10:00',
      specialist_id: world.specialist.id,
    })
    const row = await env.db('bookings').where({ id: booking.id }).first('client_id', 'source')
    expect(row).toEqual({ client_id: userId, source: 'web' })
  })

  it('logs in, reads services and slots, books, and reads a taken time as a typed 409', async () => {
    await env.startWorkers()
    const { api } = await registeredClient('anna@example.com')

    const services = await api.GET('/api/services')
    expect(services.items.map((s) => s.id)).toContain(world.service.id)

    const slots = await api.GET('/api/slots', {
      params: {
        query: { service_id: world.service.id, specialist_id: world.specialist.id, from: date, days: 1 },
      },
    })
    const times = slots.locations[0]?.days?.[0]?.times ?? []
    expect(times).toContain('14:00')

    const body = {
      service_id: world.service.id,
      specialist_id: world.specialist.id,
      start: { date, time: '14:00' },
    }
    const booking = await api.POST('/api/bookings', { body, headers: { 'idempotency-key': 'client-book-1' } })
    expect(booking).toMatchObject({ status: 'confirmed', date, time: '14:00' })
    expect(booking.start).toBe(`${date}T14:00:00+03:00`)

    // The same time again, as another attempt (a new key): refused, whether at once or after a 202.
    const refused = await api
      .POST('/api/bookings', { body, headers: { 'idempotency-key': 'client-book-2' } })
      .then(
        () => null,
        (err: unknown) => err,
      )
    expect(refused).toBeInstanceOf(ApiError)
    if (!isApiError(refused, 'slot_taken')) throw refused
    expect(refused.status).toBe(409)
    expectTypeOf(refused.error).toEqualTypeOf<string>()
    expect(refused.message).toMatch(/\w/)
    expect(refused.body).toMatchObject({ error: 'slot_taken', message: refused.message })

    // The same refusal read by status through openapi-fetch: the 409 body is typed there too.
    const raw = await api.raw.POST('/api/bookings', { body, headers: { 'idempotency-key': 'client-book-3' } })
    if (raw.response.status === 202) {
      await expect(api.settle(raw)).rejects.toMatchObject({ status: 409, error: 'slot_taken' })
    } else {
      expect(raw.response.status).toBe(409)
      expectTypeOf(raw.error!.message).toEqualTypeOf<string>()
      expect(raw.error).toMatchObject({ error: 'slot_taken', message: expect.any(String) })
    }
  })

  it('sends no token when there is none, and a refusal of the request itself is an ApiError', async () => {
    const { api } = personClient()
    const anonymous = await api.GET('/api/me').then(
      () => null,
      (err: unknown) => err,
    )
    expect(anonymous).toMatchObject({ status: 401, error: expect.any(String), message: expect.any(String) })

    const { api: signedIn } = await registeredClient('bad-input@example.com')
    const invalid = await signedIn
      .POST('/api/bookings', {
        body: { service_id: world.service.id, start: { date, time: '25:00' } },
      })
      .then(
        () => null,
        (err: unknown) => err,
      )
    expect(invalid).toBeInstanceOf(ApiError)
    expect((invalid as ApiError).status).toBe(422)
    expect((invalid as ApiError).message).toMatch(/time/i)
  })

  it('types requests from the document (checked by the type check: these calls are never sent)', () => {
    const api = createApiClient({ baseUrl })
    const neverSent = () => [
      // @ts-expect-error GET /api/slots needs a service_id
      api.GET('/api/slots'),
      // @ts-expect-error the API has no such path
      api.GET('/api/no-such-path'),
      // @ts-expect-error service_id is an integer
      api.POST('/api/bookings', { body: { service_id: '1', start: '2030-01-01T10:00:00+03:00' } }),
      // @ts-expect-error POST /api/auth/login needs a body
      api.POST('/api/auth/login'),
    ]
    expectTypeOf(neverSent).toBeFunction()
  })
})
