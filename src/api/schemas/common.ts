// JSON schema pieces shared by routes. Every object schema closes itself (additionalProperties:
// false) so that unknown input is refused and nothing unlisted leaks into a response.
import { EXPECTED, MONEY } from './validation-messages.ts'

export const errorResponse = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
  additionalProperties: true,
} as const

/** Error answers a route may give, for its response schema. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { $ref: 'Error#' }])) as Record<number, { $ref: 'Error#' }>

export const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id },
  additionalProperties: false,
} as const

/** An amount of money: whole minor units (kopecks). Marked so that errors name the unit. */
export const money = { type: 'integer', minimum: 0, maximum: 100_000_000_00, [MONEY]: true } as const
export const date = { type: 'string', format: 'date' } as const
export const hhmm = {
  type: 'string',
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$',
  [EXPECTED]: 'a time HH:MM from 00:00 to 24:00, e.g. 09:30',
} as const
export const timestamp = { type: 'string', format: 'date-time' } as const
export const name = { type: 'string', minLength: 1, maxLength: 200 } as const
export const text = (max = 2000) => ({ type: 'string', maxLength: max }) as const

/** An object schema that refuses unknown fields. */
export function obj<P extends Record<string, unknown>, R extends readonly string[] = []>(
  properties: P,
  required?: R,
) {
  return { type: 'object', properties, required: required ?? [], additionalProperties: false } as const
}

export const ok = obj({ ok: { type: 'boolean' } }, ['ok'])

/**
 * Every list answers this shape, so a channel reads each the same way. `total` counts everything
 * the request selects; `limit` and `offset` are there when the list pages.
 */
export const list = <S>(items: S) =>
  obj({ items: { type: 'array', items }, total: { type: 'integer', minimum: 0 } }, ['items', 'total'])

/** A paged list: the items of one page, the count of all, and the page asked for. */
export const page = <S>(items: S) =>
  obj(
    {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0 },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
    ['items', 'total', 'limit', 'offset'],
  )

/** A list's answer when it does not page: everything, and how many. */
export const listOf = <T>(items: T[]) => ({ items, total: items.length })
