// What the admin catalogue routes share: their access rule, schema pieces for schedules and the
// recalc answer, the edge checks that turn a bad schedule or time zone into a 422, and the call of
// the recalc hook after a write has committed.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { IANAZone } from 'luxon'
import { Type, type Static, type TObject, type TProperties } from 'typebox'
import type { SetupChange } from '../../../domain/changes.ts'
import { invalid } from '../../../domain/errors.ts'
import {
  parseIntervals,
  parseWeeklySchedule,
  type TimeInterval,
  type WeeklySchedule,
} from '../../../domain/schedule.ts'
import { normalizeEmail, normalizePhone } from '../../../data/users-repository.ts'
import { checkedInCode, id, obj, oneOf, withDefault } from '../../schemas/common.ts'

export const ADMIN = { access: ['admin'] } as const

/** A name that is not blank. */
export const label = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })

/** Normalised by `checkPhone`: spaces, dashes, dots and brackets are dropped. */
export const phone = Type.String({ minLength: 1, maxLength: 40, example: '+7 999 123-45-67' })
/** Normalised (lower case) by `checkEmail`. */
export const email = Type.String({ minLength: 3, maxLength: 254, example: 'anna@example.com' })

/**
 * A weekly schedule in a body. Deliberately loose here: `parseWeeklySchedule` checks it and says
 * exactly what is wrong (422 `invalid_schedule`), which a JSON-schema error could not.
 */
export const scheduleInput = checkedInCode<Record<string, unknown>>({
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
})

/** Override intervals in a body; checked by `parseIntervals` for the same reason. */
export const intervalsInput = checkedInCode<unknown[]>({
  type: 'array',
  maxItems: 96,
  description: 'A list of ["HH:MM","HH:MM"] local-time intervals on the 15-minute grid.',
  example: [['09:00', '13:00']],
})

export const intervalsOutput = Type.Array(Type.Array(Type.String()))

export const scheduleOutput = Type.Unsafe<Record<string, string[][]>>({
  type: 'object',
  patternProperties: { '^[0-6]$': intervalsOutput },
  additionalProperties: false,
})

/** The recalc jobs a write enqueued; null when it changed no availability (or no runtime is wired). */
export const recalcOutput = Type.Union([
  Type.Null(),
  obj({ job_ids: Type.Array(Type.String()) }, ['job_ids']),
])

export type Recalc = Static<typeof recalcOutput>

/** An entity's response schema with the `recalc` field of an availability-changing write added. */
export function withRecalc<P extends TProperties>(schema: TObject<P>) {
  return Type.Object({ ...schema.properties, recalc: recalcOutput }, { additionalProperties: false })
}

/** The answer to a DELETE. */
export const deletedOutput = obj({ id, deleted: Type.Boolean(), recalc: recalcOutput }, ['id', 'deleted'])

export const paging = {
  limit: withDefault(Type.Integer({ minimum: 1, maximum: 100 }), 50),
  offset: withDefault(Type.Integer({ minimum: 0, maximum: 2147483647 }), 0),
}

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
export const onConflictInput = oneOf(['refuse', 'keep'], {
  description:
    'Upcoming bookings the new hours would leave outside working time: "refuse" (the default) answers ' +
    '409 `bookings_outside_hours` listing them and changes nothing; "keep" applies the change, flags ' +
    'them out_of_hours and lists them in `bookings_outside_hours`.',
})

export const bookingSummaryOutput = obj(
  {
    id,
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    new_start: Type.String({ format: 'date-time' }),
    specialist_id: id,
    specialist_name: Type.String(),
    client_id: id,
    client_name: Type.String(),
    service_id: id,
    service_name: Type.String(),
  },
  ['id', 'start', 'end', 'specialist_id', 'client_id', 'service_id'],
)

export const bookingListOutput = Type.Array(bookingSummaryOutput)

/** A schedule-changing answer: the entity, its recalc, and the bookings it kept outside the hours. */
export function withHoursOutcome<P extends TProperties>(schema: TObject<P>) {
  return Type.Object(
    { ...withRecalc(schema).properties, bookings_outside_hours: bookingListOutput },
    { additionalProperties: false },
  )
}
