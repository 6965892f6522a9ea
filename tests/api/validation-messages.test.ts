// Schema failures in words: each ajv keyword becomes a sentence naming the field and what it must
// be, never ajv's phrasing ("must match pattern", "must be integer") or a regular expression.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { validators } from '../../src/api/app.ts'
import { hhmm, id, money, name, obj, date, timestamp } from '../../src/api/schemas/common.ts'
import { describeSchemaError, type SchemaError } from '../../src/api/schemas/validation-messages.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createCompany, createUser } from '../helpers/fixtures.ts'

const { body: bodyAjv, text: textAjv } = validators()

/** The message the API gives for `value` against `schema` in `context`. */
function messageFor(schema: object, value: unknown, context = 'body', currency = 'RUB'): string {
  const validate = (context === 'body' ? bodyAjv : textAjv).compile(schema)
  if (validate(value)) throw new Error(`${JSON.stringify(value)} is valid`)
  return describeSchemaError(validate.errors?.[0] as SchemaError, context, currency)
}

/** Nothing of ajv's own phrasing or of a pattern may reach a person. */
const RAW = /must match|must be integer|must NOT|must be equal|pattern|\^|\$|\\[dsS]|\[0-9\]/

const service = obj(
  {
    name,
    price: money,
    duration_minutes: { type: 'integer', minimum: 15, maximum: 720 },
    opens: hhmm,
    day: date,
    at: timestamp,
    room_ids: { type: 'array', items: id, uniqueItems: true, maxItems: 3 },
    kind: { type: 'string', enum: ['percent', 'fixed'] },
    note: { type: ['string', 'null'], maxLength: 5 },
    items: { type: 'array', items: obj({ count: { type: 'integer', minimum: 1 } }, ['count']) },
  },
  ['name'],
)

describe('schema failures in words', () => {
  it.each([
    [{ name: 'x'.repeat(201) }, 'name must be at most 200 characters.'],
    [{ name: '' }, 'name must not be empty.'],
    [{ name: 'x', price: 1.5 }, 'price must be a whole number of kopecks ≥ 0.'],
    [{ name: 'x', price: '100' }, 'price must be a whole number of kopecks ≥ 0.'],
    [{ name: 'x', price: -1 }, 'price must be at least 0 kopecks.'],
    [{ name: 'x', duration_minutes: 10 }, 'duration_minutes must be at least 15.'],
    [{ name: 'x', duration_minutes: 7.5 }, 'duration_minutes must be a whole number.'],
    [{ name: 'x', opens: '25:00' }, 'opens must be a time HH:MM from 00:00 to 24:00, e.g. 09:30.'],
    [{ name: 'x', opens: 930 }, 'opens must be a time HH:MM from 00:00 to 24:00, e.g. 09:30.'],
    [{ name: 'x', day: '2026-02-30' }, 'day must be a date YYYY-MM-DD that exists, e.g. 2026-03-01.'],
    [
      { name: 'x', at: '2026-03-01 10:00' },
      'at must be a date and time with an offset, e.g. 2026-03-01T10:00:00+03:00.',
    ],
    [{ name: 'x', room_ids: [1, 1] }, 'room_ids lists the same value twice (items 0 and 1); list each once.'],
    [{ name: 'x', room_ids: [1, 2, 3, 4] }, 'room_ids must list at most 3 items.'],
    [{ name: 'x', room_ids: [0] }, 'room_ids[0] must be at least 1.'],
    [{ name: 'x', kind: 'half' }, 'kind must be one of: percent, fixed.'],
    [{ name: 'x', note: 5 }, 'note must be text (a JSON string) or null.'],
    [{ name: 'x', items: [{}] }, 'items[0] is missing "count".'],
    [{}, 'The body is missing "name".'],
    [[], 'The body must be a JSON object.'],
  ])('%j → %s', (value, message) => {
    const text = messageFor(service, value)
    expect(text).toBe(message)
    expect(text).not.toMatch(RAW)
  })

  it('names the unknown field and the fields the body takes', () => {
    const text = messageFor(obj({ reason: { type: 'string' } }), { reson: 'x' })
    expect(text).toBe('The body has an unknown field "reson"; remove it. It takes: reason.')
  })

  it('says a blank text is blank instead of echoing its pattern', () => {
    const text = messageFor(obj({ comment: { type: 'string', pattern: '\\S' } }), { comment: '   ' })
    expect(text).toBe('comment must not be blank.')
  })

  it('says in words what the shared patterns allow', () => {
    const key = {
      type: 'object',
      properties: { 'idempotency-key': { type: 'string', pattern: '^[\\x21-\\x7e]+$' } },
    }
    expect(messageFor(key, { 'idempotency-key': 'a b' }, 'headers')).toBe(
      'The Idempotency-Key header must be printable ASCII without spaces (a UUID will do).',
    )
    const job = obj({ id: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } })
    expect(messageFor(job, { id: 'a/b' }, 'params')).toBe(
      'The id in the URL may hold only Latin letters, digits, "_" and "-".',
    )
  })

  it('never echoes a pattern it has no words for', () => {
    const text = messageFor(obj({ code: { type: 'string', pattern: '^[A-Z]{3}$' } }), { code: 'rub' })
    expect(text).toMatch(/^code is not in the expected form/)
    expect(text).not.toMatch(RAW)
  })

  it('shows large money bounds as an amount too, in the company currency', () => {
    expect(messageFor(obj({ amount: { ...money, minimum: 1 } }), { amount: 0 })).toBe(
      'amount must be at least 1 kopeck.',
    )
    expect(messageFor(obj({ price: money }), { price: 100_000_000_01 })).toBe(
      `price must be at most 10000000000 kopecks (${new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(100_000_000)}).`,
    )
    expect(messageFor(obj({ price: money }), { price: 1.5 }, 'body', 'EUR')).toBe(
      'price must be a whole number of cents ≥ 0.',
    )
  })

  it('says where a query parameter, a path parameter or a header is wrong', () => {
    const query = obj({ days: { type: 'integer', minimum: 1, maximum: 60 } })
    expect(messageFor(query, { days: 'many' }, 'querystring')).toBe(
      'The query parameter days must be a whole number.',
    )
    expect(messageFor(obj({ id }, ['id']), { id: 'abc' }, 'params')).toBe(
      'The id in the URL must be a whole number.',
    )
    const headers = { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 5 } } }
    expect(messageFor(headers, { 'idempotency-key': 'x'.repeat(6) }, 'headers')).toBe(
      'The Idempotency-Key header must be at most 5 characters.',
    )
  })

  it('asks for at least one field when a change is empty', () => {
    const patch = { ...obj({ name }), minProperties: 1 }
    expect(messageFor(patch, {})).toBe('The body is empty: send at least one field to change.')
  })
})

describe('through the API', () => {
  let env: TestEnv
  let app: FastifyInstance
  let admin: Awaited<ReturnType<typeof createUser>>
  beforeAll(async () => {
    env = await createTestEnv()
    app = await env.app()
    await createCompany(env.db)
    admin = await createUser(env.db, ['admin'])
  })
  afterAll(async () => env?.close())

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: admin.headers, payload: payload as object })

  it('answers a too long name and a fractional price in words', async () => {
    const long = await post('/api/admin/services', {
      name: 'x'.repeat(300),
      duration_minutes: 60,
      price: 100,
    })
    expect(long.statusCode).toBe(422)
    expect(long.json()).toEqual({ error: 'invalid_input', message: 'name must be at most 200 characters.' })

    const fraction = await post('/api/admin/services', { name: 'Cut', duration_minutes: 60, price: 1.5 })
    expect(fraction.statusCode).toBe(422)
    expect(fraction.json().message).toBe('price must be a whole number of kopecks ≥ 0.')
  })

  it('names the company currency’s minor unit', async () => {
    await env.db('company').update({ currency: 'USD' })
    try {
      const fraction = await post('/api/admin/services', { name: 'Cut', duration_minutes: 60, price: 1.5 })
      expect(fraction.json().message).toBe('price must be a whole number of cents ≥ 0.')
    } finally {
      await env.db('company').update({ currency: 'RUB' })
    }
  })

  it('answers a bad query parameter in words', async () => {
    const res = await app.inject({ url: '/api/slots?service_id=abc' })
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toMatch(/^The query parameter service_id must be a whole number\.$/)
  })
})
