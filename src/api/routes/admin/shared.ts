// What the admin catalogue routes share: their access rule, schema pieces for schedules and the
// recalc answer, the edge checks that turn a bad schedule or time zone into a 422, and the call of
// the recalc hook after a write has committed.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { IANAZone } from 'luxon'
import type { SetupChange } from '../../../domain/changes.ts'
import { invalid } from '../../../domain/errors.ts'
import {
  parseIntervals,
  parseWeeklySchedule,
  type TimeInterval,
  type WeeklySchedule,
} from '../../../domain/schedule.ts'
import { normalizeEmail, normalizePhone } from '../../../data/users-repository.ts'
import { id, obj } from '../../schemas/common.ts'

export const ADMIN = { access: ['admin'] } as const

/** A name that is not blank. */
export const label = { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } as const

/** Normalised by `checkPhone`: spaces, dashes, dots and brackets are dropped. */
export const phone = { type: 'string', minLength: 1, maxLength: 40, example: '+7 999 123-45-67' } as const
/** Normalised (lower case) by `checkEmail`. */
export const email = { type: 'string', minLength: 3, maxLength: 254, example: 'anna@example.com' } as const
export const nullable = <S extends { type: string }>(schema: S) =>
  ({ ...schema, type: [schema.type, 'null'] }) as const

/**
 * A weekly schedule in a body. Deliberately loose here: `parseWeeklySchedule` checks it and says
 * exactly what is wrong (422 `invalid_schedule`), which a JSON-schema error could not.
 */
export const scheduleInput = {
  type: 'object',
  description:
    'Keys "0" (Monday) … "6" (Sunday), each a list of ["HH:MM","HH:MM"] local-time intervals on the ' +
    '15-minute grid, ascending and not overlapping; a missing key or [] is a day off.',
  example: {
    '0': [['09:00', '18:00']],
    '1': [
      ['09:00', '12:00'],
      ['14:00', '20:00'],
    ],
    '6': [],
  },
} as const

/** Override intervals in a body; checked by `parseIntervals` for the same reason. */
export const intervalsInput = {
  type: 'array',
  maxItems: 96,
  description: 'A list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid.',
  example: [['09:00', '13:00']],
} as const

export const intervalsOutput = {
  type: 'array',
  items: { type: 'array', items: { type: 'string' } },
} as const

export const scheduleOutput = {
  type: 'object',
  patternProperties: { '^[0-6]$': intervalsOutput },
  additionalProperties: false,
} as const

/** The recalc jobs a write enqueued; null when it changed no availability (or no runtime is wired). */
export const recalcOutput = {
  anyOf: [{ type: 'null' }, obj({ job_ids: { type: 'array', items: { type: 'string' } } }, ['job_ids'])],
} as const

export type Recalc = { job_ids: string[] } | null

/** An entity's response schema with the `recalc` field of an availability-changing write added. */
export function withRecalc<S extends { properties: object; required: readonly string[] }>(schema: S) {
  return {
    ...schema,
    properties: { ...schema.properties, recalc: recalcOutput },
    required: [...schema.required, 'recalc'],
  } as const
}

/** The answer to a DELETE. */
export const deletedOutput = obj({ id, deleted: { type: 'boolean' }, recalc: recalcOutput }, [
  'id',
  'deleted',
])

export const paging = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 2147483647, default: 0 },
} as const

export function checkSchedule(input: unknown): WeeklySchedule {
  const parsed = parseWeeklySchedule(input)
  if (!parsed.ok) throw invalid(parsed.message, 'invalid_schedule')
  return parsed.value
}

export function checkIntervals(input: unknown, what: string): TimeInterval[] {
  const parsed = parseIntervals(input, what)
  if (!parsed.ok) throw invalid(parsed.message, 'invalid_schedule')
  return parsed.value
}

/** A phone number in the one stored form, +<7–15 digits>, the same rule as registration. */
export function checkPhone(input: string): string {
  const normalized = normalizePhone(input)
  if (!normalized) {
    throw invalid(`phone ${JSON.stringify(input)} is not an international number such as +79991234567.`)
  }
  return normalized
}

/** An e-mail address in lower case, the same rule as registration. */
export function checkEmail(input: string): string {
  const normalized = normalizeEmail(input)
  if (!normalized) throw invalid(`email ${JSON.stringify(input)} is not an e-mail address.`)
  return normalized
}

/**
 * An IANA zone name, with its letter case fixed ("europe/moscow" → "Europe/Moscow"). Fixed offsets
 * ("+03:00") are refused: they know nothing of daylight saving, which is the point of a zone.
 */
export function checkTimezone(zone: string): string {
  if (!/^[A-Za-z]/.test(zone) || !IANAZone.isValidZone(zone)) {
    throw invalid(
      `${JSON.stringify(zone)} is not an IANA time zone; use a name such as "Europe/Moscow".`,
      'invalid_timezone',
    )
  }
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  // ICU may answer with an older alias (Asia/Kolkata → Asia/Calcutta): take only its letter case.
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone
}

/**
 * Tells the slot layer what changed, after the write's transaction has committed, and returns the
 * jobs it enqueued. A failing hook does not fail the request: the write is already durable, and
 * answering 500 would invite a retry that creates a duplicate. It is logged, and `recalc: null`
 * says that nothing was enqueued (grids rebuild when their keys expire).
 */
export async function recalcAfter(
  app: FastifyInstance,
  request: FastifyRequest,
  changes: SetupChange[],
): Promise<Recalc> {
  const hook = app.deps.onSetupChange
  if (!hook || changes.length === 0) return null
  const jobIds: string[] = []
  let enqueued = false
  for (const change of changes) {
    try {
      const result = await hook(change)
      if (result) {
        enqueued = true
        jobIds.push(...result.job_ids)
      }
    } catch (err) {
      request.log.error({ err, change }, 'recalc after a catalogue change failed')
    }
  }
  return enqueued ? { job_ids: jobIds } : null
}

/** Whether a patch sets `key` to something other than it was. */
export function changed<T extends object>(before: T, patch: Partial<T>, key: keyof T): boolean {
  return patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(before[key])
}

/**
 * Refuses NUL characters anywhere in a body or query string with a 422: PostgreSQL cannot store
 * them in text and would otherwise answer with an error that is not the client's to read.
 */
export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.body) || hasNul(request.query)) {
      throw invalid('Text may not contain NUL (\\u0000) characters.')
    }
  })
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (depth > 32 || typeof value !== 'object' || value === null) return false
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1))
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1))
}

/** How a change of hours treats upcoming bookings it would leave outside them. */
export const onConflictInput = {
  type: 'string',
  enum: ['refuse', 'keep'],
  description:
    'Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers ' +
    '409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags ' +
    'them out_of_hours and lists them in `bookings_outside_hours`.',
} as const

export const bookingSummaryOutput = obj(
  {
    id,
    start: { type: 'string', format: 'date-time' },
    end: { type: 'string', format: 'date-time' },
    new_start: { type: 'string', format: 'date-time' },
    specialist_id: id,
    specialist_name: { type: 'string' },
    client_id: id,
    client_name: { type: 'string' },
    service_id: id,
    service_name: { type: 'string' },
  },
  ['id', 'start', 'end', 'specialist_id', 'client_id', 'service_id'],
)

export const bookingListOutput = { type: 'array', items: bookingSummaryOutput } as const

/** A schedule-changing answer: the entity, its recalc, and the bookings it kept outside the hours. */
export function withHoursOutcome<S extends { properties: object; required: readonly string[] }>(schema: S) {
  const base = withRecalc(schema)
  return {
    ...base,
    properties: { ...base.properties, bookings_outside_hours: bookingListOutput },
    required: [...base.required, 'bookings_outside_hours'],
  } as const
}
