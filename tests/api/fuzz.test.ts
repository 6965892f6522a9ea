// Hostile input against every route the app registers (docs/product.md §11 "bad input"): malformed path
// params, query strings, JSON bodies, non-JSON bodies and wrong content types, sent by a caller
// who gets past the access check and by an anonymous one. Every answer must be a 4xx in the
// `{error, message}` shape (a 2xx only for a GET), never a 5xx, and nothing may change.
//
// Requests come from fast-check generators, sampled with a fixed seed per route (so adding a route
// does not change the requests others get): the same requests on every run.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createRoom, createUser, createWallet, createWorld } from '../helpers/fixtures.ts'
import {
  buildRecordedApp,
  isSkipped,
  pathParams,
  type RecordedApp,
  type RegisteredRoute,
} from '../helpers/routes.ts'

const SEED = 42
/** Requests per route and caller in the strict phase (always-invalid input). */
const STRICT_RUNS = 12
/** Requests per route in the loose phase (input that may be valid). */
const LOOSE_RUNS = 10
/** bull-board's routes: not ours to harden, only checked for 5xx, with fewer requests. */
const BOARD_RUNS = 2
const isBoard = (route: RegisteredRoute) => route.url.startsWith('/admin/queues')

/**
 * Routes that take no input at all: any request to them is a valid one, so a caller who gets past
 * the access check changes state (or, for DELETE /api/me/telegram, succeeds as a no-op) whatever
 * is sent. They are fuzzed as anonymous callers only.
 */
const NO_INPUT = new Set([
  'POST /api/auth/logout', // ends the caller's session
  'POST /api/admin/queue-board/code', // hands out a one-time code for the queue board
  'DELETE /api/me/telegram', // unlinks Telegram (nobody here has it: 200, nothing changes)
  'POST /api/me/telegram/link-code', // hands out a one-time code for linking Telegram
  'PUT /admin/queues/api/queues/pause', // pauses every queue
  'PUT /admin/queues/api/queues/resume',
])

/**
 * Routes that answer valid input with an endless stream (server-sent events): such an answer is
 * taken as a success once its headers arrive, and the stream is dropped.
 */
const STREAMING = new Set(['GET /api/slots/stream'])

/**
 * Redis keys that may appear while nothing changes: rate-limit counters (login, register and
 * Telegram attempts count whatever the answer), and the slot grids that GET /api/slots builds and
 * caches on a miss (derived from PostgreSQL, rebuilt on read), with their location's epoch, which
 * those writes move on.
 */
const IGNORED_KEYS = [/^rl:/, /^slots_preview:/, /^room_preview:/, /^grid_epoch:/]
/**
 * Derived state a read may build, like the slot grids above: the analytics rollup and its cache of
 * available minutes (migration 020), which a read folds and fills before it answers. Every other
 * table must be exactly as it was.
 */
const IGNORED_TABLES = /^analytics_/

interface Sent {
  options: InjectOptions
  /** A short description of the request, printed when it fails. */
  describe: string
}

let env: TestEnv
let recorded: RecordedApp
let app: FastifyInstance
let routes: RegisteredRoute[]
/** Error logs of the request being checked (requests go one at a time), by request id. */
const errorLogs = new Map<string, string>()
type Caller = { headers: Record<string, string> }
let ids: { real: number[]; admin: Caller; client: Caller; specialist: Caller }

beforeAll(async () => {
  env = await createTestEnv({
    // Telegram routes answer 503 telegram_disabled without a bot token: give them one.
    TELEGRAM_BOT_TOKEN: '123456:fuzz-test-token-abcdefghijklmnopq',
    // Accepted intents (loose phase) answer 202 at once: no worker runs here.
    INTENT_WAIT_MS: '0',
  })
  recorded = await buildRecordedApp(env, {
    logger: {
      level: 'error',
      stream: {
        write: (line: string) => {
          try {
            const entry = JSON.parse(line) as { reqId?: string; err?: { stack?: string }; msg?: string }
            errorLogs.set(entry.reqId ?? '-', entry.err?.stack ?? entry.msg ?? line)
          } catch {
            errorLogs.set('-', line)
          }
        },
      },
    },
  })
  app = recorded.app
  routes = recorded.routes.filter((r) => !isSkipped(r.key))

  const world = await createWorld(env.db, { n: 2 })
  const admin = await createUser(env.db, ['admin'])
  const room = await createRoom(env.db, world.location.id, [])
  await createWallet(env.db, world.client.id, 100_000)
  const [pkg] = await env
    .db('service_packages')
    .insert({
      name: 'Fuzz',
      composition: JSON.stringify({ items: [{ service_id: world.service.id, count: 2 }], valid_days: 30 }),
      price: 1000,
    })
    .returning('id')
  ids = {
    // Real ids: for bodies and query strings, and in the loose phase for path params too.
    real: [
      world.location.id,
      world.service.id,
      ...world.specialists.map((s) => s.id),
      world.client.id,
      admin.id,
      room.id,
      pkg!.id,
    ],
    admin,
    client: world.client,
    specialist: world.specialist.user,
  }
}, 60_000)
afterAll(async () => {
  await recorded?.close()
  await env?.close()
})

// ---------------------------------------------------------------- generators

/** encodeURIComponent that survives lone surrogates (sent as the bytes of one: invalid UTF-8). */
function encode(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return [...s].map((c) => (/[\ud800-\udfff]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('')
  }
}

/** Strings that have broken parsers, queries and pages elsewhere. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '1e309',
  '0x10',
  'NaN',
  'Infinity',
  '2147483648',
  '99999999999999999999999',
  '../',
  '../../etc/passwd',
  '..\\..\\windows',
  '1 OR 1=1',
  "' OR '1'='1",
  "'; DROP TABLE users;--",
  '"; SELECT pg_sleep(10);--',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e',
  '😀👍🏽',
  'ß',
  'İ',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '9999-12-31',
  '25:00',
  '24:01',
  '12:60',
  '2026-02-30T10:00:00+03:00',
  '2026-01-01T25:00:00Z',
  '2026-03-29T02:30:00',
  'Mars/Olympus_Mons',
  'Europe/Nowhere',
  '+03:00',
  'UTC+3',
  'x'.repeat(5000),
]

/** Would Ajv read this as an id that may exist? (It coerces "0x10", " 3", "1e2"… to numbers.) */
const SMALL_ID = (s: string) => {
  const n = Number(s.trim())
  return s.trim() !== '' && Number.isFinite(n) && n >= 1 && n < 10_000_000
}
const QUEUE_NAME = /^(bookings-\d+|recalc|reminders|maintenance|bulk.*)$/
/** A path param value that names nothing that exists: ids are ≤ 0 or far beyond any row, no queue. */
const nonexistentParam = fc
  .oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.integer({ min: -(2 ** 31), max: 0 }).map(String),
    fc.integer({ min: 10_000_000, max: 2 ** 31 - 1 }).map(String),
    fc.bigInt({ min: 2n ** 31n, max: 2n ** 80n }).map(String),
    fc.double().map(String),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .filter((s) => !SMALL_ID(s) && !QUEUE_NAME.test(s))

const realId = () => fc.constantFrom(...ids.real)
const paramValue = (loose: boolean) =>
  loose
    ? fc.oneof({ weight: 1, arbitrary: nonexistentParam }, { weight: 2, arbitrary: realId().map(String) })
    : nonexistentParam

/** Field names the routes use, so that random objects hit real fields with wrong values. */
const FIELDS = [
  'id service_id specialist_id location_id room_id client_id service_package_id start date',
  'time payment notes duration_minutes break_minutes allow_out_of_hours name title address',
  'timezone work_schedule schedule patch effective_from price price_paid amount comment items',
  'count valid_days kind value valid_from valid_to date_from date_to intervals reason dates',
  'email phone password login language init_data widget room_ids services specialist_ids',
  'active birth_date gender first_name auth_date hash roles limit offset from to days status',
  'q before_id token',
]
  .join(' ')
  .split(' ')

/** Values that are wrong somewhere: negative and float money, impossible dates, wrong types… */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    -0.5,
    0,
    0.1,
    1.5,
    99.99,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    1e308,
    -1e308,
    true,
    false,
    null,
    [],
    {},
    '1',
    '100',
    [['09:00', '13:00']],
    [['13:00', '09:00']],
    [['09:07', '10:00']],
    [['00:00', '24:00']],
    { '0': [['09:00', '18:00']] },
    { '7': [] },
    { '0': 'all day' },
    { date: '2026-02-30', time: '10:00' },
    { date: '2030-01-01', time: '25:00' },
    { date: '2030-03-31', time: '02:30' },
    [{ service_id: 1, count: -1 }],
    [{ service_id: 1, specialist_id: 1, duration_minutes: 0 }],
    ['2026-02-30'],
    '2030-01-01',
    '10:00',
    '2030-01-01T10:00:00+03:00',
    'Europe/Moscow',
    'anna@example.com',
    '+79991234567',
    'not-an-email',
    'percent',
    'closed',
    'blocked',
    'auto',
    'wallet',
    'ru',
  ),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.integer({ min: 1, max: 4 }).map((n) => nest(n * 250)),
)

/** Arrays nested `depth` deep with a string at the bottom. */
function nest(depth: number): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

const bodyObject = (loose: boolean) =>
  fc
    .dictionary(
      fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
      loose ? fc.oneof(hostileValue, realId()) : hostileValue,
      { maxKeys: 6 },
    )
    .map((o) => ({ ...o }))

/** The parts of JSON schema the routes use. */
interface Schema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, Schema>
  required?: string[]
  items?: Schema
  oneOf?: Schema[]
  anyOf?: Schema[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  format?: string
  pattern?: string
}

const DATES = [
  '2030-01-01',
  '2030-03-31',
  '2030-10-27',
  '2031-02-28',
  '2026-02-30',
  '2030-12-31',
  '9999-12-31',
  '0001-01-01',
  '0000-01-01',
  '1970-01-01',
]
const TIMESTAMPS = [
  '2030-01-01T10:00:00+03:00',
  '2030-03-31T02:30:00+02:00',
  '2030-01-01T00:00:00Z',
  // A leap second (valid for the date-time format, not for Date), the ends of the calendar.
  '2030-06-30T23:59:60Z',
  '9999-12-31T23:59:59+14:00',
  '0001-01-01T00:00:00-12:00',
  '0000-01-01T00:00:00Z',
]
const SCHEDULES = [
  {},
  { '0': [['09:00', '18:00']] },
  {
    '0': [
      ['09:00', '12:00'],
      ['11:00', '14:00'],
    ],
  },
  { '3': [['18:00', '09:00']], '6': [] },
  { '5': [['10:00', '14:00']], '6': null },
]
const INTERVALS = [
  [],
  [['09:00', '13:00']],
  [['09:00', '09:10']],
  [['23:45', '24:00']],
  [
    ['10:00', '11:00'],
    ['10:30', '12:00'],
  ],
]

/** Strings by field name, where a field has a shape a random string would never hit. */
function stringFor(field: string, schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date' || /date|from$|to$/.test(field)) return fc.constantFrom(...DATES)
  if (schema.format === 'date-time') return fc.constantFrom(...TIMESTAMPS)
  if (schema.pattern?.includes('[0-5][0-9]'))
    return fc.constantFrom('09:00', '10:15', '23:45', '24:00', '00:00')
  if (field === 'start') return fc.constantFrom(...TIMESTAMPS)
  if (/email|login/.test(field))
    return fc.constantFrom('anna@example.com', 'ANNA@EXAMPLE.COM', 'a@b', '+79991234567')
  if (field === 'phone')
    return fc.constantFrom('+79991234567', '8 (999) 123-45-67', '+1', '+0000000000000000')
  if (field === 'timezone')
    return fc.constantFrom('Europe/Moscow', 'europe/moscow', 'America/New_York', 'Etc/GMT+3', 'Asia/Calcutta')
  if (field === 'password') return fc.constantFrom('password123', 'short')
  if (field === 'init_data')
    return fc.constantFrom('user=%7B%22id%22%3A1%7D&auth_date=1&hash=00', 'hash=', 'a=b')
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) })
}

/** Mostly valid values for a schema (ids from the real ones), so that requests reach handlers. */
function valueFor(schema: Schema, field: string, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return hostileValue
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const variants = schema.properties ? undefined : (schema.oneOf ?? schema.anyOf)
  if (variants) return fc.oneof(...variants.map((v) => valueFor(v, field, depth + 1)))
  const types = [schema.type ?? (schema.properties ? 'object' : 'any')].flat()
  if (types.length > 1) return fc.oneof(...types.map((type) => valueFor({ ...schema, type }, field, depth)))
  switch (types[0]) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
    case 'number': {
      // A number's bounds may be fractional (a percentage from 0.01): integers inside them.
      const min = Math.ceil(schema.minimum ?? -1_000_000)
      const max = Math.floor(schema.maximum ?? 1_000_000)
      const inRange = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) })
      return /(^|_)ids?$/.test(field) ? fc.oneof(realId(), inRange) : inRange
    }
    case 'string':
      return stringFor(field, schema)
    case 'array':
      if (field === 'intervals') return fc.constantFrom(...INTERVALS)
      return fc.array(valueFor(schema.items ?? {}, field.replace(/s$/, ''), depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      })
    case 'object': {
      if (!schema.properties) {
        return /schedule|patch/.test(field) ? fc.constantFrom(...SCHEDULES) : bodyObject(true)
      }
      const required = new Set(schema.required ?? [])
      const entries = Object.entries(schema.properties)
      return fc
        .tuple(
          ...entries.map(([k, v]) =>
            fc.option(valueFor(v, k, depth + 1), { freq: required.has(k) ? 20 : 2 }),
          ),
        )
        .map((values) =>
          Object.fromEntries(entries.flatMap(([k], i) => (values[i] === null ? [] : [[k, values[i]]]))),
        )
    }
    default:
      if (field === 'intervals') return fc.constantFrom(...INTERVALS)
      return hostileValue
  }
}

/** A schema-shaped object with, now and then, one field (known or not) set to a hostile value. */
function schemaBody(schema: Schema): fc.Arbitrary<unknown> {
  const fields = Object.keys(schema.properties ?? {})
  return fc
    .tuple(
      valueFor(schema, ''),
      fc.option(fc.tuple(fields.length ? fc.constantFrom(...fields) : fc.constant('x'), hostileValue), {
        freq: 2,
      }),
    )
    .map(([value, mutation]) =>
      mutation && typeof value === 'object' && value !== null
        ? { ...value, [mutation[0]]: mutation[1] }
        : value,
    )
}

/** A query string from the route's querystring schema (values as text, arrays repeated). */
function schemaQuery(schema: Schema): fc.Arbitrary<string> {
  return schemaBody(schema).map((q) =>
    Object.entries((q ?? {}) as Record<string, unknown>)
      .flatMap(([k, v]) =>
        [v].flat().map((x) => `${encode(k)}=${encode(typeof x === 'string' ? x : JSON.stringify(x))}`),
      )
      .join('&'),
  )
}

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; payload: string; contentType: string | undefined }

const RAW_BODIES: { payload: string; contentType: string | undefined }[] = [
  { payload: '{', contentType: 'application/json' },
  { payload: '{"a":', contentType: 'application/json' },
  { payload: '[1,2', contentType: 'application/json' },
  { payload: 'nul', contentType: 'application/json' },
  { payload: '', contentType: 'application/json' },
  { payload: '\u0000', contentType: 'application/json' },
  { payload: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
  { payload: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json' },
  { payload: '{"a":1,"a":2}', contentType: 'application/json' },
  { payload: '"just a string"', contentType: 'application/json' },
  { payload: '12345', contentType: 'application/json' },
  { payload: 'null', contentType: 'application/json' },
  { payload: '{"name":"x"}', contentType: 'application/json; charset=utf-16' },
  { payload: '{"name":"x"}', contentType: 'text/plain' },
  { payload: 'name=x&roles=admin', contentType: 'application/x-www-form-urlencoded' },
  { payload: '<a>1</a>', contentType: 'application/xml' },
  {
    payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    contentType: 'multipart/form-data; boundary=x',
  },
  { payload: '{"name":"x"}', contentType: undefined },
  { payload: '{"name":"x"}', contentType: 'application/json, text/plain' },
  { payload: '{"name":"x"}', contentType: 'application/jsonp' },
  { payload: `{"a":"${'x'.repeat(70_000)}"}`, contentType: 'application/json' },
  { payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, contentType: 'application/json' },
  { payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, contentType: 'application/json' },
]

const body = (route: RegisteredRoute, loose: boolean): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    {
      weight: 5,
      arbitrary: fc
        .oneof(
          { weight: route.schema.body ? 6 : 0, arbitrary: schemaBody((route.schema.body ?? {}) as Schema) },
          { weight: 2, arbitrary: bodyObject(loose) },
          { weight: 1, arbitrary: hostileValue },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
        )
        .map((value): Body => ({ kind: 'json', value })),
    },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map((r): Body => ({ kind: 'raw', ...r })) },
  )

const randomQuery = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 10 })),
        fc.oneof(
          fc.constantFrom(...HOSTILE_STRINGS),
          fc.string({ maxLength: 20 }),
          fc.integer().map(String),
          fc.double().map(String),
          fc.constantFrom(...['2030-01-01', '2030-01-01T10:00:00+03:00', '1', '365', '366', '0']),
        ),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')),
  fc.constantFrom(
    '%',
    '%zz',
    '&&&',
    '=',
    'a[b][c]=1',
    'a=1&a=2&a=3',
    'limit=1&limit=2',
    `x=${'y'.repeat(5000)}`,
  ),
)

const queryString = (route: RegisteredRoute) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: route.schema.querystring ? 3 : 0,
      arbitrary: schemaQuery((route.schema.querystring ?? {}) as Schema),
    },
    { weight: 2, arbitrary: randomQuery },
  )

/** Odd headers: a broken Authorization, an Idempotency-Key with spaces or of 300 characters… */
const extraHeaders = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Record<string, string>>({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'idempotency-key': 'has space' },
      { 'idempotency-key': 'k'.repeat(300) },
      { 'idempotency-key': 'fuzz-key' },
      { 'x-client': 'telegram' },
      { 'x-request-id': '../../etc' },
      { accept: 'text/xml' },
    ),
  },
)
const anonymousAuthorization = fc.constantFrom<Record<string, string>>(
  {},
  {},
  { authorization: 'Bearer ' },
  { authorization: 'Bearer x' },
  { authorization: `Bearer ${'a'.repeat(43)}` },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: "Bearer ' OR 1=1--xxxxxxxxxxxxxxxx" },
  { 'x-internal-token': 'guess' },
)

interface Generated {
  params: Record<string, string>
  /** Insert params as they are (`../` and all) instead of percent-encoded. */
  rawPath: boolean
  query: string
  body: Body
  headers: Record<string, string>
}

const requestArb = (route: RegisteredRoute, loose: boolean, anonymous: boolean): fc.Arbitrary<Generated> =>
  fc.record({
    params: fc.record(
      Object.fromEntries(pathParams(route.url).map((p) => [p, paramValue(loose)])) as Record<
        string,
        fc.Arbitrary<string>
      >,
    ),
    rawPath: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    query: queryString(route),
    body: body(route, loose),
    headers: anonymous
      ? fc.tuple(anonymousAuthorization, extraHeaders).map(([a, b]) => ({ ...a, ...b }))
      : extraHeaders,
  })

// ---------------------------------------------------------------- requests

/** A seed per route, so that adding a route does not change what the others are sent. */
const seedOf = (key: string, salt: string) =>
  SEED ^ createHash('sha256').update(`${salt}:${key}`).digest().readInt32BE(0)

/** Who gets a route past its access check: the internal token, else an admin, a client or a specialist. */
function passer(route: RegisteredRoute): Record<string, string> {
  const access = route.access
  if (access === 'internal') return { 'x-internal-token': env.config.internalToken }
  if (!Array.isArray(access) || access.includes('admin')) return ids.admin.headers
  return access.includes('client') ? ids.client.headers : ids.specialist.headers
}

function toInject(route: RegisteredRoute, g: Generated, auth: Record<string, string>, strict: boolean): Sent {
  const path = route.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)|\*/g, (_m, name: string | undefined) => {
    const value = g.params[name ?? '*'] ?? ''
    // Raw: printable ASCII as it is (`../`, `%zz`, quotes, `<`…), only `?`, `#` and the rest encoded.
    return g.rawPath ? value.replace(/[^\x21-\x7e]|[?#]/g, (c) => encode(c)) : encode(value)
  })
  const url = g.query ? `${path}?${g.query}` : path
  const headers: Record<string, string> = { ...g.headers, ...auth }
  const options: InjectOptions = { method: route.method as InjectOptions['method'], url, headers }
  let shown = ''
  if (route.method !== 'GET' && g.body.kind === 'json') {
    let value = g.body.value
    // Strict: every body schema refuses unknown fields, so an object with this one is never valid.
    if (strict && typeof value === 'object' && value !== null && !Array.isArray(value))
      value = { ...value, __fuzz: true }
    options.payload = JSON.stringify(value) ?? 'null'
    headers['content-type'] = 'application/json'
    shown = options.payload
  } else if (route.method !== 'GET' && g.body.kind === 'raw') {
    options.payload = g.body.payload
    if (g.body.contentType !== undefined) headers['content-type'] = g.body.contentType
    shown = `(${g.body.contentType ?? 'no content-type'}) ${g.body.payload}`
  }
  const auths = Object.keys(auth).length ? '' : ' [anonymous]'
  return {
    options,
    describe: `${route.method} ${url}${auths} headers=${JSON.stringify(g.headers)} body=${shown.slice(0, 300)}`,
  }
}

/** With FUZZ_STATS=1: how many answers of each status and error code each phase got. */
const stats = new Map<string, number>()
afterAll(() => {
  if (process.env.FUZZ_STATS)
    console.log(
      [...stats]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join('\n'),
    )
})

interface Failure {
  route: string
  request: string
  status: number
  body: string
  log?: string
}

/** Sends one request and returns what is wrong with its answer, if anything. */
async function check(route: RegisteredRoute, sent: Sent, strict: boolean): Promise<Failure | null> {
  let res
  errorLogs.clear()
  try {
    if (STREAMING.has(route.key)) {
      const streamed = await app.inject({ ...sent.options, payloadAsStream: true })
      if (
        streamed.statusCode === 200 &&
        /^text\/event-stream/.test(String(streamed.headers['content-type']))
      ) {
        streamed.stream().destroy()
        return null
      }
      // Not a stream: the whole answer, read like any other.
      let text = ''
      for await (const chunk of streamed.stream()) text += String(chunk)
      res = { statusCode: streamed.statusCode, body: text, json: () => JSON.parse(text) as unknown }
    } else res = await app.inject(sent.options)
  } catch (err) {
    return { route: route.key, request: sent.describe, status: 0, body: String(err) }
  }
  const status = res.statusCode
  if (process.env.FUZZ_STATS) {
    let code = ''
    try {
      code = String((res.json() as { error?: unknown }).error)
    } catch {
      code = '-'
    }
    const k = `${strict ? 'strict' : 'loose'} ${status} ${code}`
    stats.set(k, (stats.get(k) ?? 0) + 1)
  }
  const fail = (why: string): Failure => ({
    route: route.key,
    request: sent.describe,
    status,
    body: `${why}: ${res.body.slice(0, 300)}`,
    log: [...errorLogs.values()].join('\n'),
  })
  if (status >= 500) return fail('5xx')
  const safe = route.method === 'GET' || route.method === 'OPTIONS'
  if (status < 400) return strict && !safe ? fail('a non-GET succeeded on input that is never valid') : null
  // bull-board answers its own errors in its own shape ({error: {key}}), which its UI reads.
  if (isBoard(route)) return null
  let json: unknown
  try {
    json = res.json()
  } catch {
    return fail('not JSON')
  }
  const { error, message } = (json ?? {}) as { error?: unknown; message?: unknown }
  // docs/product.md §8: `error` is a code (snake_case), `message` a text for people.
  if (
    typeof error !== 'string' ||
    !/^[a-z][a-z0-9_]*$/.test(error) ||
    typeof message !== 'string' ||
    !message
  )
    return fail('not {error: "<code>", message}')
  return null
}

// ---------------------------------------------------------------- state

async function databaseState() {
  const tables: string[] = await env
    .db('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .orderBy('table_name')
    .pluck('table_name')
    .then((names: string[]) => names.filter((t) => !IGNORED_TABLES.test(t)))
  const out: Record<string, { rows: number; md5: string }> = {}
  for (const table of tables) {
    const { rows } = await env.db.raw(
      `select count(*)::int as rows, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from ?? t`,
      [table],
    )
    out[table] = rows[0]
  }
  return out
}

async function redisKeys() {
  const prefix = env.config.redisPrefix
  const keys = new Set<string>()
  let cursor = '0'
  do {
    const [next, found] = await env.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    cursor = next
    for (const k of found) {
      const key = k.slice(prefix.length)
      if (!IGNORED_KEYS.some((p) => p.test(key))) keys.add(key)
    }
  } while (cursor !== '0')
  return [...keys].sort()
}

function report(failures: Failure[]) {
  for (const f of failures.slice(0, 30)) {
    console.error(
      `\n${f.route} → ${f.status}\n  request: ${f.request}\n  answer: ${f.body}${f.log ? `\n  log: ${f.log}` : ''}`,
    )
  }
}

// ---------------------------------------------------------------- tests

describe('fuzzing every route', () => {
  it('answers always-invalid input with a 4xx {error, message} and changes nothing', async () => {
    const dbBefore = await databaseState()
    const keysBefore = await redisKeys()
    const failures: Failure[] = []
    let sent = 0
    for (const route of routes) {
      const runs = isBoard(route) ? BOARD_RUNS : STRICT_RUNS
      const callers = [{ anonymous: true, auth: {} as Record<string, string> }]
      if (!NO_INPUT.has(route.key)) callers.push({ anonymous: false, auth: passer(route) })
      for (const caller of callers) {
        const samples = fc.sample(requestArb(route, false, caller.anonymous), {
          seed: seedOf(route.key, caller.anonymous ? 'anonymous' : 'strict'),
          numRuns: runs,
        })
        for (const g of samples) {
          const failure = await check(route, toInject(route, g, caller.auth, true), true)
          sent++
          if (failure) failures.push(failure)
        }
      }
    }
    report(failures)
    expect(failures.map((f) => `${f.route} → ${f.status}: ${f.request}`)).toEqual([])
    expect(sent).toBeGreaterThan(1500)
    expect(await databaseState()).toEqual(dbBefore)
    expect(await redisKeys()).toEqual(keysBefore)
  }, 180_000)

  it('never answers input that may be valid with a 5xx', async () => {
    const failures: Failure[] = []
    let sent = 0
    for (const route of routes.filter((r) => !NO_INPUT.has(r.key))) {
      const samples = fc.sample(requestArb(route, true, false), {
        seed: seedOf(route.key, 'loose'),
        numRuns: isBoard(route) ? 1 : LOOSE_RUNS,
      })
      for (const g of samples) {
        const failure = await check(route, toInject(route, g, passer(route), false), false)
        sent++
        if (failure) failures.push(failure)
      }
    }
    report(failures)
    expect(failures.map((f) => `${f.route} → ${f.status}: ${f.request}`)).toEqual([])
    expect(sent).toBeGreaterThan(300)
  }, 180_000)
})
