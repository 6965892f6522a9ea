// Admin calendar overrides: for a location, a specialist or a room, a range of dates (in that
// location's zone) that is closed, blocked for some intervals, or opened with its own hours in place
// of the weekly schedule. Only the affected dates are recalculated (docs/product.md §4).
// Asked to (on_conflict), a new override of a specialist or a location checks the upcoming bookings
// it would leave outside working time on its dates, in the transaction that inserts it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTime } from 'luxon'
import { Type } from 'typebox'
import { type OverrideKind, type OverrideRow } from '../../../data/setup-repository.ts'
import type { Repositories } from '../../../data/repositories.ts'
import {
  bookingsOutsideHours,
  flagOutOfHours,
  outsideHoursError,
  type BookingSummary,
  type ConflictScope,
} from '../../../data/schedule-conflicts.ts'
import type { SetupChange } from '../../../domain/changes.ts'
import { todayIn } from '../../../domain/dates.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import type { TimeInterval } from '../../../domain/schedule.ts'
import { date, errors, id, idParams, obj, text, instant, nullable, oneOf } from '../../schemas/common.ts'
import {
  ADMIN,
  bookingListOutput,
  checkIntervals,
  deletedOutput,
  intervalsInput,
  intervalsOutput,
  onConflictInput,
  paging,
  recalcAfter,
  refuseNulCharacters,
  withRecalc,
} from './shared.ts'

/** The longest range one override may cover (the database holds the same bound). */
const MAX_SPAN_DAYS = 366

const KINDS = ['closed', 'blocked', 'open'] as const

export const overrideOutput = obj(
  {
    id,
    location_id: nullable(Type.Integer()),
    specialist_id: nullable(Type.Integer()),
    room_id: nullable(Type.Integer()),
    date_from: date,
    date_to: date,
    kind: oneOf(KINDS),
    intervals: intervalsOutput,
    reason: Type.String(),
    created_by: nullable(Type.Integer()),
    created_at: instant,
  },
  [
    'id',
    'location_id',
    'specialist_id',
    'room_id',
    'date_from',
    'date_to',
    'kind',
    'intervals',
    'reason',
    'created_by',
    'created_at',
  ],
)

const tags = ['admin: overrides']

/** A created override, and with on_conflict the bookings it kept outside working time. */
const createdOutput = Type.Object(
  {
    ...withRecalc(overrideOutput).properties,
    bookings_outside_hours: Type.Optional({
      ...bookingListOutput,
      description: 'With on_conflict "keep": the bookings on these dates now outside hours (flagged).',
    }),
  },
  { additionalProperties: false },
)

/**
 * Upcoming bookings of the scope that stand outside working time on the override's dates (local
 * dates: a booking's `start` carries its location's offset, so its first ten characters are one).
 */
async function strandedOn(
  k: Parameters<typeof bookingsOutsideHours>[0],
  scope: ConflictScope,
  from: string,
  to: string,
): Promise<BookingSummary[]> {
  const outside = await bookingsOutsideHours(k, scope, { fromDate: from })
  return outside.filter((b) => b.start.slice(0, 10) <= to)
}

/** The change the slot layer recalculates for an override: its target and its dates only. */
export function overrideChange(row: OverrideRow): SetupChange[] {
  return [
    {
      kind: 'override',
      ...(row.location_id !== null && { locationId: row.location_id }),
      ...(row.specialist_id !== null && { specialistId: row.specialist_id }),
      ...(row.room_id !== null && { roomId: row.room_id }),
      dateFrom: row.date_from,
      dateTo: row.date_to,
    },
  ]
}

export function checkIntervalsFor(kind: OverrideKind, input: unknown): TimeInterval[] {
  if (kind === 'closed') {
    if (input !== undefined && !(Array.isArray(input) && input.length === 0)) {
      throw invalid('A "closed" override closes whole days: leave intervals out.', 'invalid_schedule')
    }
    return []
  }
  const intervals = checkIntervals(input ?? [], 'intervals')
  if (intervals.length === 0) {
    throw invalid(
      `A "${kind}" override needs at least one interval (${kind === 'blocked' ? 'the time blocked' : 'the opening hours'}).`,
      'invalid_schedule',
    )
  }
  return intervals
}

export function checkRange(from: string, to: string) {
  const days = DateTime.fromISO(to, { zone: 'utc' }).diff(
    DateTime.fromISO(from, { zone: 'utc' }),
    'days',
  ).days
  if (!(days >= 0)) throw invalid(`date_to (${to}) is before date_from (${from}).`, 'invalid_date_range')
  if (days > MAX_SPAN_DAYS) {
    throw invalid(`One override covers at most ${MAX_SPAN_DAYS} days; split the range.`, 'invalid_date_range')
  }
}

/**
 * Refuses (422 `date_in_past`) an override that starts before today in its target's zone: past
 * dates have no slots to change, and accepting one reads as if it did something. A target that
 * does not exist is left to the insert's foreign key (422 `unknown_reference`).
 */
export async function refusePastDates(
  setup: Repositories['setup'],
  target: { location_id?: number | null; specialist_id?: number | null; room_id?: number | null },
  dateFrom: string,
) {
  const zone = await setup.zoneOfTarget(target)
  if (!zone) return
  const today = todayIn(zone)
  if (dateFrom < today) {
    throw invalid(
      `date_from ${dateFrom} is in the past (today is ${today} in ${zone}); give today or a later date.`,
      'date_in_past',
    )
  }
}

const adminOverrideRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)

  app.get(
    '/overrides',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListOverrides',
        tags,
        summary: 'Overrides, filtered by target and by dates they touch',
        querystring: obj({
          location_id: id,
          specialist_id: id,
          room_id: id,
          from: { ...date, description: 'Overrides ending on or after this date.' },
          to: { ...date, description: 'Overrides starting on or before this date.' },
          ...paging,
        }),
        response: {
          200: obj(
            {
              items: Type.Array(overrideOutput),
              total: Type.Integer(),
              limit: Type.Integer(),
              offset: Type.Integer(),
            },
            ['items', 'total', 'limit', 'offset'],
          ),
          ...errors(401, 403, 422),
        },
      },
    },
    async (request) => {
      const { items, total } = await repo.listOverrides(request.query)
      return { items, total, limit: request.query.limit, offset: request.query.offset }
    },
  )

  app.get(
    '/overrides/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetOverride',
        tags,
        params: idParams,
        response: { 200: overrideOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getOverride(request.params.id)
      if (!row) throw notFound(`Override ${request.params.id}`)
      return row
    },
  )

  app.post(
    '/overrides',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateOverride',
        tags,
        description:
          'Exactly one of location_id, specialist_id, room_id. `closed`: the dates are closed (no intervals); ' +
          '`blocked`: the intervals are closed; `open`: the intervals replace the weekly schedule. Dates are ' +
          `in the location's zone, inclusive, at most ${MAX_SPAN_DAYS} days apart, from today on.`,
        body: obj(
          {
            location_id: id,
            specialist_id: id,
            room_id: id,
            date_from: date,
            date_to: date,
            kind: oneOf(KINDS),
            intervals: intervalsInput,
            reason: text(500),
            on_conflict: {
              ...onConflictInput,
              description:
                'Specialist and location overrides: upcoming bookings on these dates that the override ' +
                'leaves outside working time. "refuse": 409 `bookings_outside_hours` listing them, nothing ' +
                'saved; "keep": saved, the bookings flagged out_of_hours and listed in ' +
                '`bookings_outside_hours`. Left out (and for rooms), bookings are not looked at.',
            },
          },
          ['date_from', 'date_to', 'kind'],
        ),
        response: { 201: createdOutput, ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { location_id, specialist_id, room_id, date_from, date_to, kind, reason } = request.body
      const targets = [location_id, specialist_id, room_id].filter((t) => t !== undefined).length
      if (targets !== 1) {
        throw invalid('Give exactly one of location_id, specialist_id and room_id.', 'invalid_target')
      }
      checkRange(date_from, date_to)
      const intervals = checkIntervalsFor(kind, request.body.intervals)
      await refusePastDates(app.deps.repos.setup, { location_id, specialist_id, room_id }, date_from)
      const input = {
        location_id: location_id ?? null,
        specialist_id: specialist_id ?? null,
        room_id: room_id ?? null,
        date_from,
        date_to,
        kind,
        intervals,
        reason: reason ?? '',
        created_by: request.auth?.userId ?? null,
      }
      const { on_conflict } = request.body
      const scope: ConflictScope | null =
        specialist_id !== undefined
          ? { specialistId: specialist_id }
          : location_id !== undefined
            ? { locationId: location_id }
            : null
      // A target that does not exist fails its foreign key: 422 `unknown_reference`.
      if (!on_conflict || !scope) {
        const row = await repo.createOverride(input)
        const recalc = await recalcAfter(app, request, overrideChange(row))
        return reply.code(201).send({ ...row, recalc })
      }
      // Read after the insert, in its transaction: the list is what this override does to them, and
      // a refusal rolls the insert back.
      const { row, kept } = await app.deps.db.transaction(async (trx) => {
        const row = await repo.createOverride(input, trx)
        const stranded = await strandedOn(trx, scope, date_from, date_to)
        if (stranded.length && on_conflict !== 'keep') throw outsideHoursError(stranded)
        await flagOutOfHours(
          trx,
          stranded.map((b) => b.id),
        )
        return { row, kept: stranded }
      })
      const recalc = await recalcAfter(app, request, overrideChange(row))
      return reply.code(201).send({ ...row, recalc, bookings_outside_hours: kept })
    },
  )

  app.delete(
    '/overrides/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteOverride',
        tags,
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.deleteOverride(request.params.id)
      if (!row) throw notFound(`Override ${request.params.id}`)
      const recalc = await recalcAfter(app, request, overrideChange(row))
      return { id: row.id, deleted: true, recalc }
    },
  )
}

export default adminOverrideRoutes
