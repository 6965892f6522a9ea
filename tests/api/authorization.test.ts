// Who may call what (docs/product.md §7): every route the app registers × every kind of caller, against a
// table that names each route. A route added without a row here fails the test, and so does a
// row whose route is gone. Path params are filled with the real ids of client A's resources, so
// the table checks ownership as well as roles.
import { DateTime } from 'luxon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createSession } from '../../src/data/sessions-repository.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createUser, createWallet, createWorld } from '../helpers/fixtures.ts'
import { fillPath, isSkipped, listRoutes, pathParams, type RegisteredRoute } from '../helpers/routes.ts'

type User = Awaited<ReturnType<typeof createUser>>

const ACTORS = ['anonymous', 'clientA', 'clientB', 'specialist', 'admin', 'internal'] as const
type Actor = (typeof ACTORS)[number]

/**
 * - 'ok': 2xx.
 * - 'allow': past the access check: any answer but 401/403 (a 404 for an id that does not exist, a
 *   422 for the deliberately invalid body that keeps a probe from changing anything).
 * - 401, 403: refused by the access check.
 * - 404: hidden (another client's booking): the answer a resource that does not exist gets.
 */
type Outcome = 'ok' | 'allow' | 401 | 403 | 404
/** One outcome per actor, in the order of ACTORS. */
type Rule = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]

const OK = 'ok'
const A = 'allow'

// prettier-ignore
const RULES = {
  //              anonymous clientA clientB specialist admin  internal
  PUBLIC_GET:     [OK,       OK,     OK,     OK,        OK,    OK],
  PUBLIC_POST:    [A,        A,      A,      A,         A,     A],
  INTERNAL:       [403,      403,    403,    403,       403,   A],
  INTERNAL_GET:   [403,      403,    403,    403,       403,   OK],
  USER_GET:       [401,      OK,     OK,     OK,        OK,    401],
  USER:           [401,      A,      A,      A,         A,     401],
  CLIENT_GET:     [401,      OK,     OK,     403,       403,   401],
  CLIENT:         [401,      A,      A,      403,       403,   401],
  BOOKER:         [401,      A,      A,      403,       A,     401],
  SPECIALIST_GET: [401,      403,    403,    OK,        403,   401],
  SPECIALIST:     [401,      403,    403,    A,         403,   401],
  // Clients and specialists (their own calendar feed), not admins.
  FEED_GET:       [401,      OK,     OK,     OK,        403,   401],
  FEED:           [401,      A,      A,      A,         403,   401],
  // Another specialist's override, through the specialist's own route: hidden.
  OTHERS_BLOCK:   [401,      403,    403,    404,       403,   401],
  ADMIN_GET:      [401,      403,    403,    403,       OK,    401],
  ADMIN:          [401,      403,    403,    403,       A,     401],
  // Client A's booking (with the other specialist): A and admins; hidden from the others.
  A_READ:         [401,      OK,     404,    404,       OK,    401],
  A_WRITE:        [401,      A,      404,    404,       A,     401],
  A_STAFF:        [401,      403,    403,    404,       A,     401],
  // The acting specialist's booking (client B's).
  S_READ:         [401,      404,    OK,     OK,        OK,    401],
  S_WRITE:        [401,      404,    A,      A,         A,     401],
  S_STAFF:        [401,      403,    403,    A,         A,     401],
} as const satisfies Record<string, Rule>

interface World {
  clientA: User
  clientB: User
  specialist: User
  admin: User
  location: number
  service: number
  room: number
  pkg: number
  /** Client A's booking, with the specialist who is not the acting one. */
  bookingA: number
  /** The acting specialist's booking, for client B. */
  bookingS: number
  intentA: number
  discountA: number
  /** An override of the other specialist (written by an admin). */
  override: number
  /** A block of the acting specialist's own. */
  blockS: number
  specialistId: number
  otherSpecialistId: number
}

type Params = Record<string, string | number>

interface Row {
  /** `METHOD /pattern` exactly as registered, or a pattern for a whole family of library routes. */
  route: string | RegExp
  rule: Rule
  params?: (w: World) => Params
  query?: (w: World) => string
  /**
   * What refused actors send: a valid request, so that a missing check would show as a success
   * rather than as a validation error. Default `{}` for routes with a body schema.
   */
  valid?: (w: World) => unknown
  /**
   * How actors that are let through keep the request from changing anything: 'invalid-body' (an
   * unknown field: every body schema refuses it), 'invalid-id' (id 0 fails the params schema),
   * 'as-is' (the request changes nothing anyway, or is undone by a later row). Default: 'as-is'
   * for GET; else 'invalid-body' with a body schema, 'invalid-id' with an :id param, or 'as-is'.
   */
  probe?: 'invalid-body' | 'invalid-id' | 'as-is'
  /** Each actor sends this with a session of its own, made for the row (e.g. logout ends it). */
  freshSession?: boolean
  /** The URL to send to, when the pattern is not one (the CORS preflight's `*`). */
  url?: string
  headers?: Record<string, string>
}

const ORIGIN = 'https://app.example.test'
const id = (pick: (w: World) => number) => (w: World) => ({ id: pick(w) })

// prettier-ignore
const TABLE: Row[] = [
  // ---- public ----
  // @fastify/cors's preflight route: an allowed origin gets its answer, whoever asks.
  { route: 'OPTIONS *', rule: RULES.PUBLIC_POST, url: '/api/bookings', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } },
  { route: 'GET /healthz', rule: RULES.PUBLIC_GET },
  { route: 'GET /readyz', rule: RULES.PUBLIC_GET },
  { route: 'GET /api/slots', rule: RULES.PUBLIC_GET, query: (w) => `service_id=${w.service}&days=2` },
  // An open stream never ends, so actors get a refused query (422 past the access check); the open
  // stream itself, anonymous, is tested in slots-stream.test.ts.
  { route: 'GET /api/slots/stream', rule: RULES.PUBLIC_POST, query: () => 'service_id=0' },
  { route: 'GET /api/services', rule: RULES.PUBLIC_GET },
  { route: 'GET /api/specialists', rule: RULES.PUBLIC_GET },
  { route: 'GET /api/specialists/:id/photo', rule: RULES.PUBLIC_POST, params: id((w) => w.specialistId) },
  { route: 'GET /api/locations', rule: RULES.PUBLIC_GET },
  { route: 'GET /api/packages', rule: RULES.PUBLIC_GET },
  { route: 'GET /api/company', rule: RULES.PUBLIC_GET },
  { route: 'POST /api/auth/register', rule: RULES.PUBLIC_POST },
  { route: 'POST /api/auth/login', rule: RULES.PUBLIC_POST },
  { route: 'POST /api/auth/telegram', rule: RULES.PUBLIC_POST },
  { route: 'POST /api/auth/telegram-widget', rule: RULES.PUBLIC_POST },
  { route: 'POST /api/auth/invitation', rule: RULES.PUBLIC_POST },

  // ---- internal: the token, never a role (admins included) ----
  { route: 'POST /internal/slots/recalc', rule: RULES.INTERNAL, valid: (w) => ({ specialist_id: w.specialistId, dates: ['2030-01-01'] }) },
  { route: 'GET /metrics', rule: RULES.INTERNAL_GET },
  { route: 'POST /internal/telegram/session', rule: RULES.INTERNAL, valid: () => ({ tg_id: 9_000_001, first_name: 'Probe' }) },
  { route: 'POST /internal/telegram/link', rule: RULES.INTERNAL, valid: () => ({ from: { tg_id: 9_000_002, first_name: 'Probe' }, code: 'ZZZZ-ZZZZ' }) },

  // ---- any logged-in user, about themselves ----
  { route: 'GET /api/me', rule: RULES.USER_GET },
  { route: 'PATCH /api/me', rule: RULES.USER, valid: () => ({ name: 'Renamed by someone else' }) },
  { route: 'POST /api/auth/logout', rule: RULES.USER_GET, freshSession: true },
  { route: 'POST /api/me/telegram', rule: RULES.USER },
  // A code of one's own (nobody here has Telegram linked); it changes nothing until the bot uses it.
  { route: 'POST /api/me/telegram/link-code', rule: RULES.USER },
  { route: 'POST /api/me/password', rule: RULES.USER, valid: () => ({ current_password: 'x', new_password: 'not-yours-123' }) },
  // Nobody here has Telegram linked: unlinking changes nothing.
  { route: 'DELETE /api/me/telegram', rule: RULES.USER_GET, probe: 'as-is' },
  { route: 'GET /api/bookings', rule: RULES.USER_GET },

  // ---- bookings: own ones (client), theirs (specialist), any (admin) ----
  { route: 'POST /api/bookings', rule: RULES.BOOKER },
  { route: 'POST /api/bookings/quote', rule: RULES.BOOKER, valid: (w) => ({ service_id: w.service, specialist_id: w.specialistId, start: '2030-01-02T12:00:00+03:00' }) },
  { route: 'GET /api/bookings/:id', rule: RULES.A_READ, params: id((w) => w.bookingA) },
  { route: 'GET /api/bookings/:id', rule: RULES.S_READ, params: id((w) => w.bookingS) },
  { route: 'GET /api/bookings/:id/history', rule: RULES.A_READ, params: id((w) => w.bookingA) },
  { route: 'GET /api/bookings/:id/history', rule: RULES.S_READ, params: id((w) => w.bookingS) },
  { route: 'GET /api/intents/:id', rule: RULES.A_READ, params: id((w) => w.intentA) },
  { route: 'POST /api/bookings/:id/cancel', rule: RULES.A_WRITE, params: id((w) => w.bookingA), valid: () => ({ reason: 'not mine' }) },
  { route: 'POST /api/bookings/:id/cancel', rule: RULES.S_WRITE, params: id((w) => w.bookingS), valid: () => ({ reason: 'not mine' }) },
  { route: 'POST /api/bookings/:id/reschedule', rule: RULES.A_WRITE, params: id((w) => w.bookingA), valid: () => ({ start: '2030-01-02T12:00:00+03:00' }) },
  { route: 'POST /api/bookings/:id/reschedule', rule: RULES.S_WRITE, params: id((w) => w.bookingS), valid: () => ({ start: '2030-01-02T12:00:00+03:00' }) },
  { route: 'POST /api/bookings/:id/complete', rule: RULES.A_STAFF, params: id((w) => w.bookingA), valid: () => ({}) },
  { route: 'POST /api/bookings/:id/complete', rule: RULES.S_STAFF, params: id((w) => w.bookingS), valid: () => ({}) },
  { route: 'POST /api/bookings/:id/no-show', rule: RULES.A_STAFF, params: id((w) => w.bookingA), valid: () => ({}) },
  { route: 'POST /api/bookings/:id/no-show', rule: RULES.S_STAFF, params: id((w) => w.bookingS), valid: () => ({}) },
  { route: 'POST /api/admin/bookings/chain', rule: RULES.ADMIN, valid: (w) => ({ client_id: w.clientA.id, start: '2030-01-02T12:00:00+03:00', items: [{ service_id: w.service, specialist_id: w.specialistId }] }) },

  // ---- a specialist's own blocked time (calendar overrides of their own calendar only) ----
  { route: 'GET /api/me/blocks', rule: RULES.SPECIALIST_GET },
  { route: 'POST /api/me/blocks', rule: RULES.SPECIALIST, valid: () => ({ date_from: '2030-01-01', date_to: '2030-01-01', kind: 'closed' }) },
  { route: 'DELETE /api/me/blocks/:id', rule: RULES.SPECIALIST, params: id((w) => w.blockS) },
  // The other specialist's override: hidden from the acting one.
  { route: 'DELETE /api/me/blocks/:id', rule: RULES.OTHERS_BLOCK, params: id((w) => w.override) },
  { route: 'GET /api/me/calendar-feed', rule: RULES.FEED_GET },
  { route: 'POST /api/me/calendar-feed', rule: RULES.FEED },
  { route: 'DELETE /api/me/calendar-feed', rule: RULES.FEED },
  // The feed itself: its URL is the credential; an unknown token is a 404 for everyone.
  { route: 'GET /api/calendar/:token.ics', rule: RULES.PUBLIC_POST, params: () => ({ token: 'no-such-feed-token-0123456789' }) },
  // Without VAPID keys (as here) it answers 404 push_disabled to everyone.
  { route: 'GET /api/push/config', rule: RULES.PUBLIC_POST },
  { route: 'POST /api/me/push-subscriptions', rule: RULES.USER },
  { route: 'DELETE /api/me/push-subscriptions', rule: RULES.USER },

  // ---- a client's money: their own only (the caller is the subject: no id to swap) ----
  { route: 'GET /api/me/wallet', rule: RULES.CLIENT_GET },
  { route: 'GET /api/me/packages', rule: RULES.CLIENT_GET },
  { route: 'POST /api/packages/:id/purchase', rule: RULES.CLIENT, params: id((w) => w.pkg) },

  // ---- admin: catalogue ----
  { route: 'GET /api/admin/locations', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/locations/:id', rule: RULES.ADMIN_GET, params: id((w) => w.location) },
  { route: 'POST /api/admin/locations', rule: RULES.ADMIN, valid: () => ({ name: 'X', timezone: 'Europe/Moscow' }) },
  { route: 'PATCH /api/admin/locations/:id', rule: RULES.ADMIN, params: id((w) => w.location), valid: () => ({ name: 'X' }) },
  { route: 'PUT /api/admin/locations/:id/schedule', rule: RULES.ADMIN, params: id((w) => w.location), valid: () => ({ work_schedule: {} }) },
  { route: 'DELETE /api/admin/locations/:id', rule: RULES.ADMIN, params: id((w) => w.location) },
  { route: 'GET /api/admin/rooms', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/locations/:id/rooms', rule: RULES.ADMIN_GET, params: id((w) => w.location) },
  { route: 'POST /api/admin/locations/:id/rooms', rule: RULES.ADMIN, params: id((w) => w.location), valid: () => ({ name: 'New room' }) },
  { route: 'GET /api/admin/rooms/:id', rule: RULES.ADMIN_GET, params: id((w) => w.room) },
  { route: 'PATCH /api/admin/rooms/:id', rule: RULES.ADMIN, params: id((w) => w.room), valid: () => ({ active: false }) },
  { route: 'DELETE /api/admin/rooms/:id', rule: RULES.ADMIN, params: id((w) => w.room) },
  { route: 'GET /api/admin/services', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/services/:id', rule: RULES.ADMIN_GET, params: id((w) => w.service) },
  { route: 'POST /api/admin/services', rule: RULES.ADMIN, valid: () => ({ name: 'S', duration_minutes: 30, price: 1 }) },
  { route: 'PATCH /api/admin/services/:id', rule: RULES.ADMIN, params: id((w) => w.service), valid: () => ({ price: 2 }) },
  { route: 'PUT /api/admin/services/:id/rooms', rule: RULES.ADMIN, params: id((w) => w.service), valid: (w) => ({ room_ids: [w.room] }) },
  { route: 'DELETE /api/admin/services/:id', rule: RULES.ADMIN, params: id((w) => w.service) },
  { route: 'GET /api/admin/service-categories', rule: RULES.ADMIN_GET },
  { route: 'POST /api/admin/service-categories', rule: RULES.ADMIN, valid: () => ({ name: 'C' }) },
  { route: 'PATCH /api/admin/service-categories/:id', rule: RULES.ADMIN, params: () => ({ id: 999999 }), valid: () => ({ name: 'D' }) },
  { route: 'DELETE /api/admin/service-categories/:id', rule: RULES.ADMIN, params: () => ({ id: 999999 }) },
  { route: 'GET /api/admin/packages', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/packages/:id', rule: RULES.ADMIN_GET, params: id((w) => w.pkg) },
  { route: 'POST /api/admin/packages', rule: RULES.ADMIN, valid: (w) => ({ name: 'P', items: [{ service_id: w.service, count: 1 }], valid_days: 1, price: 1 }) },
  { route: 'PATCH /api/admin/packages/:id', rule: RULES.ADMIN, params: id((w) => w.pkg), valid: () => ({ price: 2 }) },
  { route: 'DELETE /api/admin/packages/:id', rule: RULES.ADMIN, params: id((w) => w.pkg) },
  { route: 'GET /api/admin/specialists', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/specialists/:id', rule: RULES.ADMIN_GET, params: id((w) => w.specialistId) },
  { route: 'POST /api/admin/specialists', rule: RULES.ADMIN, valid: (w) => ({ name: 'New', location_id: w.location }) },
  { route: 'PATCH /api/admin/specialists/:id', rule: RULES.ADMIN, params: id((w) => w.specialistId), valid: () => ({ title: 'X' }) },
  // A specialist may not edit even their own schedule or services: that is the salon's (admin's).
  { route: 'PUT /api/admin/specialists/:id/schedule', rule: RULES.ADMIN, params: id((w) => w.specialistId), valid: () => ({ work_schedule: {} }) },
  { route: 'PUT /api/admin/specialists/:id/services', rule: RULES.ADMIN, params: id((w) => w.specialistId), valid: () => ({ services: [] }) },
  { route: 'DELETE /api/admin/specialists/:id', rule: RULES.ADMIN, params: id((w) => w.specialistId) },
  { route: 'PUT /api/admin/specialists/:id/photo', rule: RULES.ADMIN, params: id((w) => w.specialistId) },
  { route: 'DELETE /api/admin/specialists/:id/photo', rule: RULES.ADMIN, params: id((w) => w.specialistId) },
  // Overrides of any calendar; specialists block their own time at /api/me/blocks (below).
  { route: 'GET /api/admin/overrides', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/overrides/:id', rule: RULES.ADMIN_GET, params: id((w) => w.override) },
  { route: 'POST /api/admin/overrides', rule: RULES.ADMIN, valid: (w) => ({ specialist_id: w.specialistId, date_from: '2030-01-01', date_to: '2030-01-01', kind: 'closed' }) },
  { route: 'DELETE /api/admin/overrides/:id', rule: RULES.ADMIN, params: id((w) => w.override) },
  { route: 'POST /api/admin/schedules/bulk', rule: RULES.ADMIN, valid: (w) => ({ specialist_ids: [w.specialistId], schedule: {} }) },
  { route: 'POST /api/admin/schedules/bulk/preview', rule: RULES.ADMIN, valid: (w) => ({ specialist_ids: [w.specialistId], schedule: {} }) },
  { route: 'POST /api/admin/overrides/bulk', rule: RULES.ADMIN, valid: (w) => ({ specialist_ids: [w.specialistId], date_from: '2030-01-01', date_to: '2030-01-01', kind: 'closed' }) },
  { route: 'GET /api/admin/jobs', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/jobs/:id', rule: RULES.ADMIN, params: () => ({ id: 'bulk-nothing' }) },
  { route: 'GET /api/admin/journal', rule: RULES.ADMIN_GET, query: (w) => `location_id=${w.location}` },
  { route: 'GET /api/admin/notifications', rule: RULES.ADMIN_GET },
  { route: 'POST /api/admin/jobs/:id/retry', rule: RULES.ADMIN, params: () => ({ id: 'bulk-nothing' }) },
  // .ics import of a specialist's calendar (an empty calendar: nothing to block).
  { route: 'GET /api/admin/specialists/:id/calendar-imports', rule: RULES.ADMIN_GET, params: id((w) => w.specialistId) },
  { route: 'POST /api/admin/specialists/:id/calendar-import/preview', rule: RULES.ADMIN, params: id((w) => w.specialistId), valid: () => ({ source: 'authz', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' }) },
  { route: 'POST /api/admin/specialists/:id/calendar-import', rule: RULES.ADMIN, params: id((w) => w.specialistId), valid: () => ({ source: 'authz', ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' }) },
  { route: 'DELETE /api/admin/specialists/:id/calendar-import/:source', rule: RULES.ADMIN, params: (w) => ({ id: w.specialistId, source: 'authz' }) },
  // Load analytics (the last 30 days when no period is given).
  { route: 'GET /api/admin/analytics', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/analytics/utilisation', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/analytics/heatmap', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/analytics/revenue', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/analytics/outcomes', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/analytics/clients', rule: RULES.ADMIN_GET },

  // ---- admin: clients and their money (client A's) ----
  { route: 'GET /api/admin/settings', rule: RULES.ADMIN_GET },
  { route: 'POST /api/admin/specialists/:id/invitation', rule: RULES.ADMIN, params: id((w) => w.specialistId) },
  { route: 'PATCH /api/admin/settings', rule: RULES.ADMIN, valid: () => ({ min_lead_minutes: 30 }) },
  { route: 'GET /api/admin/clients', rule: RULES.ADMIN_GET },
  { route: 'GET /api/admin/clients/:id', rule: RULES.ADMIN_GET, params: id((w) => w.clientA.id) },
  { route: 'POST /api/admin/clients', rule: RULES.ADMIN, valid: () => ({ name: 'C' }) },
  { route: 'PATCH /api/admin/clients/:id', rule: RULES.ADMIN, params: id((w) => w.clientA.id), valid: () => ({ name: 'C' }) },
  { route: 'POST /api/admin/clients/:id/wallet/deposits', rule: RULES.ADMIN, params: id((w) => w.clientA.id), valid: () => ({ amount: 100 }), headers: { 'idempotency-key': 'authz-deposit' } },
  { route: 'POST /api/admin/clients/:id/wallet/adjustments', rule: RULES.ADMIN, params: id((w) => w.clientA.id), valid: () => ({ amount: -100, comment: 'x' }), headers: { 'idempotency-key': 'authz-adjust' } },
  // Payments taken at the desk for a booking paid on site.
  { route: 'GET /api/admin/bookings/:id/payments', rule: RULES.ADMIN_GET, params: id((w) => w.bookingA) },
  { route: 'POST /api/admin/bookings/:id/payments', rule: RULES.ADMIN, params: id((w) => w.bookingA), valid: () => ({ method: 'cash', amount: 100 }), headers: { 'idempotency-key': 'authz-desk-payment' } },
  { route: 'GET /api/admin/clients/:id/wallet', rule: RULES.ADMIN_GET, params: id((w) => w.clientA.id) },
  { route: 'GET /api/admin/clients/:id/packages', rule: RULES.ADMIN_GET, params: id((w) => w.clientA.id) },
  { route: 'POST /api/admin/clients/:id/packages', rule: RULES.ADMIN, params: id((w) => w.clientA.id), valid: (w) => ({ service_package_id: w.pkg }) },
  { route: 'GET /api/admin/clients/:id/discounts', rule: RULES.ADMIN_GET, params: id((w) => w.clientA.id) },
  { route: 'POST /api/admin/clients/:id/discounts', rule: RULES.ADMIN, params: id((w) => w.clientA.id), valid: () => ({ kind: 'percent', value: 50 }) },
  { route: 'PATCH /api/admin/discounts/:id', rule: RULES.ADMIN, params: id((w) => w.discountA), valid: () => ({ value: 99 }) },
  { route: 'DELETE /api/admin/discounts/:id', rule: RULES.ADMIN, params: id((w) => w.discountA) },

  // ---- the queue board (bull-board): admins only ----
  { route: 'GET /admin/queues', rule: RULES.ADMIN_GET },
  { route: 'POST /api/admin/queue-board/code', rule: RULES.ADMIN },
  // Every route bull-board adds under the board (its pages and its API; plugins/security.ts gives
  // them all the admin rule as they are added). Params name no queue, so nothing is touched; the
  // two that act on every queue, PUT …/queues/pause and …/resume, run in that order.
  {
    route: /^[A-Z]+ \/admin\/queues\/.+$/,
    rule: RULES.ADMIN,
    params: () => ({ queueName: 'no-such-queue', jobId: '1', queueStatus: 'failed', schedulerId: 'none' }),
    probe: 'as-is',
  },
]

let env: TestEnv
let app: FastifyInstance
let routes: RegisteredRoute[]
let w: World

const tomorrow = DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate()!

async function book(who: User, specialistId: number, serviceId: number, time: string, extra = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/bookings',
    headers: who.headers,
    payload: {
      service_id: serviceId,
      specialist_id: specialistId,
      start: { date: tomorrow, time },
      payment: 'on_site',
      ...extra,
    },
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json() as { id: number; client_id: number }
}

beforeAll(async () => {
  env = await createTestEnv({
    CORS_ORIGINS: ORIGIN,
    // The Telegram routes answer 503 without a bot token; with one they reach their checks.
    TELEGRAM_BOT_TOKEN: '123456:authz-test-token-abcdefghijklmnop',
  })
  routes = await listRoutes(env)
  app = await env.app()
  await env.startWorkers()

  const world = await createWorld(env.db, { n: 2 })
  const [acting, other] = world.specialists as [(typeof world.specialists)[0], (typeof world.specialists)[0]]
  const admin = await createUser(env.db, ['admin'])
  const clientB = await createUser(env.db, ['client'])
  const room = await createRoom(env.db, world.location.id)
  await createWallet(env.db, world.client.id, 500_000)
  const [pkg] = await env
    .db('service_packages')
    .insert({
      name: 'Three',
      composition: JSON.stringify({ items: [{ service_id: world.service.id, count: 3 }], valid_days: 30 }),
      price: 1000,
    })
    .returning('id')
  const asAdmin = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { ...admin.headers, 'idempotency-key': url }, payload })
  const granted = await asAdmin(`/api/admin/clients/${world.client.id}/packages`, {
    service_package_id: pkg!.id,
  })
  expect(granted.statusCode, granted.body).toBe(201)
  const discount = await asAdmin(`/api/admin/clients/${world.client.id}/discounts`, {
    kind: 'percent',
    value: 10,
  })
  expect(discount.statusCode, discount.body).toBe(201)
  const override = await asAdmin('/api/admin/overrides', {
    specialist_id: other.id,
    date_from: '2031-01-01',
    date_to: '2031-01-01',
    kind: 'closed',
  })
  expect(override.statusCode, override.body).toBe(201)

  const block = await app.inject({
    method: 'POST',
    url: '/api/me/blocks',
    headers: acting.user.headers,
    payload: {
      date_from: '2031-02-01',
      date_to: '2031-02-01',
      kind: 'blocked',
      intervals: [['10:00', '11:00']],
    },
  })
  expect(block.statusCode, block.body).toBe(201)

  const bookingA = await book(world.client, other.id, world.service.id, '12:00')
  const bookingS = await book(clientB, acting.id, world.service.id, '12:00')
  const intent = await env.db('intents').where({ user_id: world.client.id }).first('id')
  w = {
    clientA: world.client,
    clientB,
    specialist: acting.user,
    admin,
    location: world.location.id,
    service: world.service.id,
    room: room.id,
    pkg: pkg!.id,
    bookingA: bookingA.id,
    bookingS: bookingS.id,
    intentA: intent!.id,
    discountA: discount.json().id,
    override: override.json().id,
    blockS: block.json().id,
    specialistId: acting.id,
    otherSpecialistId: other.id,
  }
}, 120_000)
afterAll(async () => env?.close())

const matches = (row: Row, key: string) =>
  typeof row.route === 'string' ? row.route === key : row.route.test(key)
const checked = () => routes.filter((r) => !isSkipped(r.key))

function actorHeaders(actor: Actor, token?: string): Record<string, string> {
  if (actor === 'anonymous') return {}
  if (actor === 'internal') return { 'x-internal-token': env.config.internalToken }
  return { authorization: `Bearer ${token ?? w[actor].token}` }
}

/** The request an actor sends for a row: a valid one if it should be refused, a harmless one if not. */
function requestFor(
  row: Row,
  route: RegisteredRoute,
  actor: Actor,
  expected: Outcome,
  token?: string,
): InjectOptions {
  const through = expected === 'ok' || expected === 'allow'
  const probe =
    row.probe ??
    (route.method === 'GET'
      ? 'as-is'
      : route.hasBody
        ? 'invalid-body'
        : pathParams(route.url).includes('id')
          ? 'invalid-id'
          : 'as-is')
  const params = { ...(row.params?.(w) ?? {}) }
  if (through && probe === 'invalid-id') params.id = 0
  let url = row.url ?? fillPath(route.url, params)
  if (row.query) url += `?${row.query(w)}`
  const hasPayload = route.hasBody && route.method !== 'GET'
  const payload = through && probe === 'invalid-body' ? { __authz_probe: true } : (row.valid?.(w) ?? {})
  return {
    method: route.method as InjectOptions['method'],
    url,
    headers: { ...actorHeaders(actor, token), ...(row.headers ?? {}) },
    ...(hasPayload && { payload: payload as object }),
  }
}

describe('the route × role table', () => {
  it('has a row for every registered route and no row for a route that is gone', () => {
    const keys = checked().map((r) => r.key)
    const missing = keys.filter((k) => !TABLE.some((row) => matches(row, k)))
    expect(missing, 'routes without a row in TABLE (add one: who may call it?)').toEqual([])
    const stale = TABLE.filter((row) => !keys.some((k) => matches(row, k))).map((row) => String(row.route))
    expect(stale, 'rows of TABLE whose route is no longer registered').toEqual([])
    // A real table, not a handful of rows: our routes plus bull-board's.
    expect(keys.length).toBeGreaterThan(80)
  })

  it('gives every actor on every route the answer of its row', async () => {
    const failures: string[] = []
    let requests = 0
    for (const row of TABLE) {
      for (const route of checked().filter((r) => matches(row, r.key))) {
        for (const [i, actor] of ACTORS.entries()) {
          const expected = row.rule[i]!
          const userId = actor === 'anonymous' || actor === 'internal' ? undefined : w[actor].id
          const token =
            row.freshSession && userId !== undefined ? await createSession(env.db, userId, 1) : undefined
          const req = requestFor(row, route, actor, expected, token)
          const res = await app.inject(req)
          requests++
          const status = res.statusCode
          const json = (): { error?: unknown; message?: unknown } => {
            try {
              return res.json()
            } catch {
              return {}
            }
          }
          const where = `${route.key} as ${actor} (${req.method} ${req.url}): expected ${expected}, got ${status} ${res.body.slice(0, 160)}`
          if (status >= 500) failures.push(where)
          else if (expected === 'ok') {
            if (status < 200 || status >= 300) failures.push(where)
          } else if (expected === 'allow') {
            // A 404 from the not-found handler would mean the URL missed the route.
            if (status === 401 || status === 403 || /^There is no route/.test(String(json().message)))
              failures.push(where)
          } else {
            const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[expected]
            if (status !== expected || json().error !== code) failures.push(where)
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect(requests).toBeGreaterThan(6 * 80)
  }, 120_000)

  it('left client A’s booking, wallet and packages as they were', async () => {
    const booking = await env
      .db('bookings')
      .where({ id: w.bookingA })
      .first('client_id', 'status', 'starts_at')
    expect(booking).toMatchObject({ client_id: w.clientA.id, status: 'confirmed' })
    const wallet = await app.inject({ url: '/api/me/wallet', headers: w.clientA.headers })
    expect(wallet.json().balance).toBe(500_000)
    const packages = await app.inject({ url: '/api/me/packages', headers: w.clientA.headers })
    expect(packages.json().items).toHaveLength(1)
    // The board's pause/resume rows leave every queue running.
    for (const queue of (
      await app.inject({ url: '/admin/queues/api/queues', headers: w.admin.headers })
    ).json().queues as { name: string; isPaused: boolean }[])
      expect(queue.isPaused, queue.name).toBe(false)
  })
})

describe('ids and roles in requests are not the caller’s to choose', () => {
  it('refuses a client_id in a client’s booking, and books nothing for anyone', async () => {
    const count = async () => Number((await env.db('bookings').count({ n: '*' }))[0]!.n)
    const before = await count()
    const res = await app.inject({
      method: 'POST',
      url: '/api/bookings',
      headers: w.clientA.headers,
      payload: {
        service_id: w.service,
        specialist_id: w.specialistId,
        start: { date: tomorrow, time: '16:00' },
        payment: 'on_site',
        client_id: w.clientB.id,
      },
    })
    expect([res.statusCode, res.json().error], res.body).toEqual([403, 'forbidden'])
    expect(res.json().message).toContain('client_id')
    expect(await count()).toBe(before)
  })

  it('refuses roles in a registration, a profile change or an admin-made client', async () => {
    const register = await app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { name: 'Mallory', email: 'mallory@example.com', password: 'long enough', roles: ['admin'] },
    })
    expect(register.statusCode).toBe(422)
    expect(register.json()).toMatchObject({
      error: 'invalid_input',
      message: expect.stringContaining('roles'),
    })
    expect(await env.db('users').where({ email: 'mallory@example.com' }).first()).toBeUndefined()

    for (const payload of [
      { roles: ['admin'] },
      { name: 'A', roles: ['admin'] },
      { name: 'A', is_admin: true },
    ]) {
      const patch = await app.inject({ method: 'PATCH', url: '/api/me', headers: w.clientA.headers, payload })
      expect(patch.statusCode, JSON.stringify(payload)).toBe(422)
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/clients',
      headers: w.admin.headers,
      payload: { name: 'Made at the desk', roles: ['admin'] },
    })
    expect(created.statusCode).toBe(422)
    const me = await app.inject({ url: '/api/me', headers: w.clientA.headers })
    expect(me.json().roles).toEqual(['client'])
    expect(await env.db('user_roles').where({ role: 'admin' }).pluck('user_id')).toEqual([w.admin.id])
  })

  it('keeps a specialist to their own calendar', async () => {
    const mine = await app.inject({ url: '/api/me/blocks', headers: w.specialist.headers })
    expect(mine.statusCode).toBe(200)
    const items = mine.json().items as { id: number; specialist_id: number }[]
    expect(items.map((b) => b.id)).toEqual([w.blockS])
    const forOther = await app.inject({
      method: 'POST',
      url: '/api/me/blocks',
      headers: w.specialist.headers,
      payload: {
        specialist_id: w.otherSpecialistId,
        date_from: '2031-03-01',
        date_to: '2031-03-01',
        kind: 'closed',
      },
    })
    expect(forOther.statusCode).toBe(422)
    expect(
      await env.db('calendar_overrides').where({ specialist_id: w.otherSpecialistId }).pluck('id'),
    ).toEqual([w.override])
  })

  it('lists only the caller’s own bookings, whatever filters name someone else', async () => {
    const asA = async (query: string) => {
      const res = await app.inject({ url: `/api/bookings?${query}`, headers: w.clientA.headers })
      expect(res.statusCode, query).toBe(200)
      return res.json().items as { id: number; client_id: number; specialist_id: number }[]
    }
    for (const query of [
      `client_id=${w.clientB.id}`,
      `specialist_id=${w.specialistId}`,
      `client_id=${w.clientB.id}&specialist_id=${w.specialistId}`,
    ]) {
      const list = await asA(query)
      expect(
        list.map((b) => b.id),
        query,
      ).toContain(w.bookingA)
      expect(
        list.every((b) => b.client_id === w.clientA.id),
        query,
      ).toBe(true)
    }
    const asSpecialist = await app.inject({
      url: `/api/bookings?client_id=${w.clientA.id}&specialist_id=${w.otherSpecialistId}`,
      headers: w.specialist.headers,
    })
    const theirs = asSpecialist.json().items as { id: number; specialist_id: number }[]
    expect(theirs.map((b) => b.id)).toContain(w.bookingS)
    expect(theirs.every((b) => b.specialist_id === w.specialistId)).toBe(true)
    // An admin's filters do apply.
    const asAdmin = await app.inject({
      url: `/api/bookings?client_id=${w.clientB.id}`,
      headers: w.admin.headers,
    })
    expect((asAdmin.json().items as { id: number }[]).map((b) => b.id)).toEqual([w.bookingS])
  })
})
