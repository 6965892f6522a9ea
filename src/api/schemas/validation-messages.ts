// JSON-schema failures (ajv errors) in words a person can act on: the field by its name, what it
// must be, never a regular expression or ajv's own phrasing. Schemas may say what a value must look
// like where the keyword alone cannot (`x-expected`, e.g. for a pattern), and mark amounts of money
// (`x-money`) so that they are described in the currency's minor units.
import { formatMoney } from '../../domain/money-format.ts'

/** The parts of an ajv error this reads (ajv runs with `verbose`, which adds `parentSchema`). */
export interface SchemaError {
  keyword: string
  instancePath?: string
  params: Record<string, unknown>
  parentSchema?: Record<string, unknown>
}

/** Where the failing value came from, as Fastify names it. */
export type ValidationContext = 'body' | 'querystring' | 'params' | 'headers' | string

/** Schema annotations this module reads (they are OpenAPI `x-` extensions, ignored by ajv). */
export const EXPECTED = 'x-expected'
export const MONEY = 'x-money'

const MINOR_UNITS: Record<string, [one: string, many: string]> = {
  RUB: ['kopeck', 'kopecks'],
  BYN: ['kopeck', 'kopecks'],
  USD: ['cent', 'cents'],
  EUR: ['cent', 'cents'],
}

/** Whether the message for `error` names amounts of money (and so needs the company's currency). */
export const concernsMoney = (error: SchemaError | undefined) => error?.parentSchema?.[MONEY] === true

function segments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** `/items/0/count` → `items[0].count`. */
function fieldPath(pointer: string): string {
  return segments(pointer).reduce(
    (path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s),
    '',
  )
}

const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())

/** The failing value as a sentence's subject: "name", "The query parameter days", "The body". */
function subject(context: ValidationContext, pointer: string): string {
  const path = fieldPath(pointer)
  switch (context) {
    case 'querystring':
      return path ? `The query parameter ${path}` : 'The query string'
    case 'params':
      return path ? `The ${path} in the URL` : 'The URL'
    case 'headers':
      return path ? `The ${headerName(path)} header` : 'The headers'
    default:
      return path || 'The body'
  }
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text (a JSON string)',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'a list',
  null: 'null',
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'a date YYYY-MM-DD that exists, e.g. 2026-03-01',
  'date-time': 'a date and time with an offset, e.g. 2026-03-01T10:00:00+03:00',
  time: 'a time with an offset, e.g. 10:00:00+03:00',
  email: 'an e-mail address',
  uri: 'a URL',
  url: 'a URL',
  uuid: 'a UUID',
}

/**
 * Patterns that routes share, in words (a schema may instead say it with `x-expected`). `\S` is how
 * schemas here say "not only spaces".
 */
const PATTERN_WORDS: Record<string, string> = {
  '\\S': 'must not be blank',
  '^[\\x21-\\x7e]+$': 'must be printable ASCII without spaces (a UUID will do)',
  '^[A-Za-z0-9_-]+$': 'may hold only Latin letters, digits, "_" and "-"',
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const list = (values: unknown[]) =>
  values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')

/**
 * One sentence for the first schema failure of a request part. `currency` (ISO 4217) is the
 * company's, for amounts of money.
 */
export function describeSchemaError(
  error: SchemaError | undefined,
  context: ValidationContext = 'body',
  currency = 'RUB',
): string {
  if (!error) return 'The request is not valid.'
  const p = error.params
  const schema = error.parentSchema ?? {}
  const who = subject(context, error.instancePath ?? '')
  const expected = typeof schema[EXPECTED] === 'string' ? (schema[EXPECTED] as string) : undefined
  const isMoney = schema[MONEY] === true
  const [one, many] = MINOR_UNITS[currency] ?? [`minor unit of ${currency}`, `minor units of ${currency}`]
  const amount = (n: number) =>
    `${n} ${Math.abs(n) === 1 ? one : many}${Math.abs(n) >= 100 ? ` (${formatMoney(n, currency)})` : ''}`
  const bound = (n: unknown) => (isMoney && typeof n === 'number' ? amount(n) : String(n))

  switch (error.keyword) {
    case 'required': {
      const field = String(p.missingProperty)
      if (context === 'headers') return `The ${headerName(field)} header is missing.`
      return `${who} is missing "${field}".`
    }
    case 'additionalProperties': {
      const known = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {})
      const takes = known.length ? ` It takes: ${known.join(', ')}.` : ''
      return `${who} has an unknown field "${String(p.additionalProperty)}"; remove it.${takes}`
    }
    case 'type': {
      if (expected) return `${who} must be ${expected}.`
      if (isMoney) {
        const min = schema.minimum
        const floor = typeof min === 'number' && min >= 0 ? ` ≥ ${min}` : ''
        return `${who} must be a whole number of ${many}${floor}.`
      }
      const types = [p.type].flat().map((t) => TYPE_WORDS[String(t)] ?? String(t))
      return `${who} must be ${types.join(' or ')}.`
    }
    case 'enum':
      return `${who} must be one of: ${list(p.allowedValues as unknown[])}.`
    case 'const':
      return `${who} must be ${list([p.allowedValue])}.`
    case 'minimum':
      return `${who} must be at least ${bound(p.limit)}.`
    case 'maximum':
      return `${who} must be at most ${bound(p.limit)}.`
    case 'exclusiveMinimum':
      return `${who} must be greater than ${bound(p.limit)}.`
    case 'exclusiveMaximum':
      return `${who} must be less than ${bound(p.limit)}.`
    case 'multipleOf':
      return `${who} must be a multiple of ${String(p.multipleOf)}.`
    case 'minLength':
      return p.limit === 1
        ? `${who} must not be empty.`
        : `${who} must be at least ${plural(Number(p.limit), 'character')} long.`
    case 'maxLength':
      return `${who} must be at most ${plural(Number(p.limit), 'character')}.`
    case 'pattern':
      if (expected) return `${who} must be ${expected}.`
      if (typeof schema.pattern === 'string' && PATTERN_WORDS[schema.pattern])
        return `${who} ${PATTERN_WORDS[schema.pattern]}.`
      return `${who} is not in the expected form; see the API documentation at /docs.`
    case 'format':
      return `${who} must be ${expected ?? FORMAT_WORDS[String(p.format)] ?? `a valid ${String(p.format)}`}.`
    case 'minItems':
      return `${who} must list at least ${plural(Number(p.limit), 'item')}.`
    case 'maxItems':
      return `${who} must list at most ${plural(Number(p.limit), 'item')}.`
    case 'uniqueItems': {
      const [a, b] = [Number(p.i), Number(p.j)].sort((x, y) => x - y)
      return `${who} lists the same value twice (items ${a} and ${b}); list each once.`
    }
    case 'minProperties':
      return context === 'body' && !error.instancePath && p.limit === 1
        ? 'The body is empty: send at least one field to change.'
        : `${who} must have at least ${plural(Number(p.limit), 'field')}.`
    case 'maxProperties':
      return `${who} must have at most ${plural(Number(p.limit), 'field')}.`
    case 'dependencies':
    case 'dependentRequired':
      return `${who} needs "${String(p.missingProperty)}" when "${String(p.property)}" is given.`
    case 'oneOf':
    case 'anyOf':
      return expected
        ? `${who} must be ${expected}.`
        : `${who} is not in any of the accepted forms; see the API documentation at /docs.`
    case 'not':
      return `${who} has a value that is not allowed here.`
    default:
      return `${who} is not valid.`
  }
}
