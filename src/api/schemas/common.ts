// Schema pieces shared by routes, written with TypeBox: each is a JSON schema (what ajv validates
// and the OpenAPI document shows) and a TypeScript type at once (`Static<typeof schema>`, which the
// type provider gives each handler's request and reply). Every object schema closes itself
// (additionalProperties: false) so that unknown input is refused and nothing unlisted leaks into a
// response.
import type { FastifyRequest } from 'fastify'
import { Type, type Static, type TObject, type TOptional, type TProperties, type TSchema } from 'typebox'
import { EXPECTED, MONEY } from './validation-messages.ts'

export const errorResponse = Type.Object(
  { error: Type.String(), message: Type.String() },
  { additionalProperties: true },
)

/** The body of every refusal: a code to branch on, a sentence, and whatever details it names. */
export type ErrorBody = Static<typeof errorResponse> & Record<string, unknown>

/** Error answers a route may give, for its response schema (the named `Error` component). */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, Type.Unsafe<ErrorBody>({ $ref: 'Error#' })])) as Record<
    number,
    ReturnType<typeof Type.Unsafe<ErrorBody>>
  >

export const id = Type.Integer({ minimum: 1, maximum: 2147483647 })

/** An amount of money: whole minor units (kopecks). Marked so that errors name the unit. */
export const MAX_MONEY = 100_000_000_00
export const money = Type.Integer({ minimum: 0, maximum: MAX_MONEY, [MONEY]: true })
export const date = Type.String({ format: 'date' })
export const hhmm = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  [EXPECTED]: 'a time HH:MM from 00:00 to 24:00, e.g. 09:30',
})
export const timestamp = Type.String({ format: 'date-time' })
/** An instant in an answer: ISO 8601 text, or a Date, which the serialiser writes as ISO 8601 in UTC. */
export const instant = Type.Unsafe<string | Date>({ type: 'string', format: 'date-time' })
export const name = Type.String({ minLength: 1, maxLength: 200 })
export const text = (max = 2000) => Type.String({ maxLength: max })

/** `type: [T, 'null']`: the value, or null (the field stays required when the object says so). */
export const nullable = <S extends TSchema & { type: string }>(schema: S) =>
  Type.Unsafe<Static<S> | null>({ ...schema, type: [schema.type, 'null'] })

/** `{type: 'string', enum}`: one of the given words, typed as their union. */
export const oneOf = <const V extends readonly string[]>(values: V, options: Record<string, unknown> = {}) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: values, ...options })

/** One of the given words, or null (`{type: ['string', 'null'], enum: [...values, null]}`). */
export const oneOfOrNull = <const V extends readonly string[]>(values: V) =>
  Type.Unsafe<V[number] | null>({ type: ['string', 'null'], enum: [...values, null] })

/** Any JSON value, checked in code (a schedule, a booking's start); `T` is what the code reads. */
export const checkedInCode = <T = unknown>(schema: Record<string, unknown>) => Type.Unsafe<T>(schema)

/**
 * A field that may be left out of a request and then takes `value` (ajv fills it in), so the
 * handler always sees it: `obj` keeps it out of `required` but types it as present.
 */
export const withDefault = <S extends TSchema, const V extends Static<S>>(schema: S, value: V) =>
  ({ ...schema, default: value }) as S & { default: V }

/** The properties of `obj(properties, required)`: those not listed, nor defaulted, are optional. */
export type Closed<P extends TProperties, R extends PropertyKey> = {
  [K in keyof P]: K extends R ? P[K] : P[K] extends { default: unknown } ? P[K] : TOptional<P[K]>
}

/**
 * An object schema that refuses unknown fields. `required` lists the fields that are always there;
 * the others are optional, in the schema and in its type.
 */
export function obj<P extends TProperties, const R extends readonly (keyof P & string)[] = []>(
  properties: P,
  required?: R,
): TObject<Closed<P, R[number]>> {
  const listed = new Set<string>(required ?? [])
  const entries = Object.entries(properties).map(([k, s]) => [k, listed.has(k) ? s : Type.Optional(s)])
  return Type.Object(Object.fromEntries(entries) as P, { additionalProperties: false }) as never
}

export const idParams = obj({ id }, ['id'])

export const ok = obj({ ok: Type.Boolean() }, ['ok'])

/**
 * Every list answers this shape, so a channel reads each the same way. `total` counts everything
 * the request selects; `limit` and `offset` are there when the list pages.
 */
export const list = <S extends TSchema>(items: S) =>
  obj({ items: Type.Array(items), total: Type.Integer({ minimum: 0 }) }, ['items', 'total'])

/** A paged list: the items of one page, the count of all, and the page asked for. */
export const page = <S extends TSchema>(items: S) =>
  obj(
    {
      items: Type.Array(items),
      total: Type.Integer({ minimum: 0 }),
      limit: Type.Integer(),
      offset: Type.Integer(),
    },
    ['items', 'total', 'limit', 'offset'],
  )

/** A list's answer when it does not page: everything, and how many. */
export const listOf = <T>(items: T[]) => ({ items, total: items.length })

/** `{...schema, minProperties: 1}`: a patch must change something (same type). */
export const patchOf = <S extends TObject>(schema: S): S => ({ ...schema, minProperties: 1 }) as S

/** The Idempotency-Key header: printable ASCII, as a UUID is. */
export const idempotencyKey = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' })

/** The headers of a request that takes an Idempotency-Key (other headers pass). */
export const idempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(idempotencyKey) })

/** A request whose schema declares the optional Idempotency-Key header. */
export type KeyedHttpRequest = FastifyRequest & { headers: { 'idempotency-key'?: string } }
