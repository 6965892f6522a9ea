// Admin bulk changes (docs/product.md §2, §8): one weekly schedule change or one override for many
// specialists, run asynchronously as a BullMQ flow (src/jobs/bulk-queue.ts). Everything that can
// be checked here is checked before anything is enqueued (the schedule JSON, the dates, that every
// target exists: 404/422); the answer is 202 {job_id} at once, and GET /api/admin/jobs/:id follows
// the work.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { addDays, isValidDate, todayIn } from '../../../domain/dates.ts'
import { AppError, invalid, notFound } from '../../../domain/errors.ts'
import { isDayKey, type DayKey, type TimeInterval, type WeeklySchedule } from '../../../domain/schedule.ts'
import { type OverrideKind } from '../../../data/setup-repository.ts'
import type { ScheduleChange } from '../../../data/schedule-staging.ts'
import { requestHash } from '../../../intents/intent-store.ts'
import { bulkJobId, type BulkItem, type BulkKind, type SchedulePatch } from '../../../jobs/bulk-queue.ts'
import { currentUserId } from '../../plugins/auth.ts'
import {
  date,
  errors,
  id,
  obj,
  text,
  oneOf,
  idempotencyHeaders,
  type KeyedHttpRequest,
  checkedInCode,
} from '../../schemas/common.ts'
import {
  ADMIN,
  bookingListOutput,
  checkIntervals,
  checkSchedule,
  intervalsInput,
  onConflictInput,
  refuseNulCharacters,
  scheduleInput,
} from './shared.ts'

/** The most specialists one request may name (the body limit allows it; the flow stays small). */
export const MAX_BULK_SPECIALISTS = 1000
/** How far ahead a schedule change may be dated (its bridging overrides cover at most this). */
const MAX_EFFECTIVE_DAYS = 366
/** The longest range one override may cover (as for a single override; the database agrees). */
const MAX_SPAN_DAYS = 366
const KINDS = ['closed', 'blocked', 'open'] as const

const accepted = obj({ job_id: Type.String(), status_url: Type.String() }, ['job_id', 'status_url'])

const specialistIds = Type.Array(id, {
  minItems: 1,
  maxItems: MAX_BULK_SPECIALISTS,
  description: `Up to ${MAX_BULK_SPECIALISTS} specialist ids, each once.`,
})

/** A per-day patch: keys "0"…"6", each a list of intervals (that day's new hours) or null (off). */
function checkPatch(input: Record<string, unknown>): SchedulePatch {
  const out: SchedulePatch = {}
  const keys = Object.keys(input)
  if (!keys.length)
    throw invalid('patch names no day; give at least one of "0" (Monday) … "6".', 'invalid_schedule')
  for (const key of keys) {
    if (!isDayKey(key)) {
      throw invalid(
        `patch: unknown key ${JSON.stringify(key)}; use "0" (Monday) … "6" (Sunday).`,
        'invalid_schedule',
      )
    }
    const day = input[key]
    out[key as DayKey] = day === null ? null : checkIntervals(day, `patch, day "${key}"`)
  }
  return out
}

function checkIntervalsFor(kind: OverrideKind, input: unknown): TimeInterval[] {
  if (kind === 'closed') {
    if (input !== undefined && !(Array.isArray(input) && input.length === 0)) {
      throw invalid('A "closed" override closes whole days: leave intervals out.', 'invalid_schedule')
    }
    return []
  }
  const intervals = checkIntervals(input ?? [], 'intervals')
  if (!intervals.length) {
    throw invalid(`A "${kind}" override needs at least one interval.`, 'invalid_schedule')
  }
  return intervals
}

function checkRange(from: string, to: string) {
  if (!isValidDate(from) || !isValidDate(to))
    throw invalid('date_from and date_to must be real dates.', 'invalid_date')
  if (to < from) throw invalid(`date_to (${to}) is before date_from (${from}).`, 'invalid_date_range')
  if (addDays(from, MAX_SPAN_DAYS) < to) {
    throw invalid(`One override covers at most ${MAX_SPAN_DAYS} days; split the range.`, 'invalid_date_range')
  }
}

function exactlyOne(what: string, values: unknown[], code: string) {
  if (values.filter((v) => v !== undefined).length !== 1) throw invalid(`Give exactly one of ${what}.`, code)
}

/** The body of a bulk schedule change, and of its preview. */
const scheduleChangeBody = obj({
  specialist_ids: specialistIds,
  location_id: id,
  schedule: scheduleInput,
  patch: checkedInCode<Record<string, unknown>>({
    type: 'object',
    maxProperties: 7,
    description: 'Keys "0"…"6": intervals, or null.',
  }),
  effective_from: date,
  on_conflict: {
    ...onConflictInput,
    description:
      'Per specialist: upcoming bookings the new hours leave outside working time make that ' +
      "specialist's item fail with them listed in the job's `failures[].bookings`, saving nothing " +
      '("refuse", the default), or are kept, flagged out_of_hours and listed in the job\'s ' +
      '`bookings_outside_hours` ("keep").',
  },
})

const adminBulkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runtime } = app.deps
  const catalogue = app.deps.repos.setup
  const staging = app.deps.repos.scheduleStaging
  refuseNulCharacters(app)

  /** The specialists a request targets, all of them existing (404 names the missing ones). */
  async function targets(body: { specialist_ids?: number[]; location_id?: number }): Promise<number[]> {
    if (body.location_id !== undefined) {
      if (!(await catalogue.locationExists(body.location_id))) throw notFound(`Location ${body.location_id}`)
      const ids = await catalogue.activeSpecialistIdsAt(body.location_id)
      if (!ids.length) {
        throw invalid(`Location ${body.location_id} has no active specialists.`, 'no_specialists')
      }
      return ids
    }
    const ids = body.specialist_ids!
    const unique = [...new Set(ids)]
    if (unique.length !== ids.length)
      throw invalid('specialist_ids lists a specialist twice.', 'duplicate_ids')
    const found = new Set<number>(await catalogue.existingSpecialistIds(unique))
    const missing = unique.filter((s) => !found.has(s))
    if (missing.length) {
      throw new AppError(
        404,
        'not_found',
        `Specialist${missing.length > 1 ? 's' : ''} ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''} ${missing.length > 1 ? 'were' : 'was'} not found.`,
        { missing_ids: missing },
      )
    }
    return unique.sort((a, b) => a - b)
  }

  /**
   * Refuses (422 `date_in_past`) a first date before today in the zone of any target: a change
   * dated in the past cannot take effect then, and saying so beats silently meaning "now".
   */
  async function refusePast(
    field: string,
    first: string,
    targets: { specialistIds?: number[]; locationId?: number },
  ) {
    for (const timezone of await catalogue.zonesOf(targets)) {
      const today = todayIn(timezone)
      if (first < today) {
        throw invalid(
          `${field} ${first} is in the past (today is ${today} in ${timezone}); give today or a later date.`,
          'date_in_past',
        )
      }
    }
  }

  /** A schedule change request checked (422/404 before anything happens), one change per target. */
  async function scheduleChanges(
    b: Static<typeof scheduleChangeBody>,
    bulkId: string,
    actorId: number,
  ): Promise<ScheduleChange[]> {
    exactlyOne('specialist_ids and location_id', [b.specialist_ids, b.location_id], 'invalid_target')
    exactlyOne('schedule and patch', [b.schedule, b.patch], 'invalid_change')
    const schedule: WeeklySchedule | undefined =
      b.schedule !== undefined ? checkSchedule(b.schedule) : undefined
    const patch = b.patch !== undefined ? checkPatch(b.patch) : undefined
    if (b.effective_from !== undefined) {
      if (!isValidDate(b.effective_from)) throw invalid('effective_from is not a real date.', 'invalid_date')
      // Earliest zone on Earth: nothing later than a year ahead anywhere.
      const latest = addDays(todayIn('Pacific/Kiritimati'), MAX_EFFECTIVE_DAYS)
      if (b.effective_from > latest) {
        throw invalid(`effective_from may be at most ${MAX_EFFECTIVE_DAYS} days ahead.`, 'invalid_date')
      }
    }
    const ids = await targets(b)
    if (b.effective_from !== undefined) {
      await refusePast('effective_from', b.effective_from, { specialistIds: ids })
    }
    return ids.map((specialistId) => ({
      bulkId,
      actorId,
      specialistId,
      ...(schedule ? { schedule } : { patch }),
      effectiveFrom: b.effective_from ?? null,
    }))
  }

  /** The job id of this request: from the admin's Idempotency-Key when given. */
  const jobIdOf = (request: KeyedHttpRequest) =>
    bulkJobId(currentUserId(request), request.headers['idempotency-key'])

  async function submit(request: FastifyRequest, kind: BulkKind, jobId: string, items: BulkItem[]) {
    const result = await runtime.queues.bulk.submit({
      jobId,
      kind,
      actorId: currentUserId(request),
      requestHash: requestHash(kind, request.body),
      items,
    })
    if (!result.sameRequest) {
      throw invalid(
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        'idempotency_key_reused',
      )
    }
    return { job_id: result.jobId, status_url: `/api/admin/jobs/${result.jobId}` }
  }

  app.post(
    '/schedules/bulk',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminBulkSetSchedules',
        tags: ['admin: bulk'],
        summary: 'Change the weekly schedule of many specialists (asynchronous, with progress)',
        description:
          'Targets: `specialist_ids`, or `location_id` (its active specialists). Change: `schedule` replaces ' +
          'the whole week; `patch` replaces the days it names ({"5": [["10:00","14:00"]], "6": null}: null ' +
          'is a day off). `effective_from` (a local date from today, at most a year ahead): the new schedule applies ' +
          'from that date on; until then every date keeps its old hours through specialist overrides ' +
          'written by the job (reason "bulk-…: the previous weekly hours…"). Answers 202 with the job id ' +
          'at once; follow it at GET /api/admin/jobs/:id. An Idempotency-Key makes a repeated request ' +
          'find the same job.',
        headers: idempotencyHeaders,
        body: scheduleChangeBody,
        response: { 202: accepted, ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const jobId = jobIdOf(request)
      const items: BulkItem[] = (await scheduleChanges(request.body, jobId, currentUserId(request))).map(
        (change) => ({ name: 'schedule', ...change, onConflict: request.body.on_conflict ?? 'refuse' }),
      )
      const body = await submit(request, 'bulk_schedule', jobId, items)
      return reply.code(202).header('location', body.status_url).send(body)
    },
  )

  app.post(
    '/schedules/bulk/preview',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminPreviewBulkSchedules',
        tags: ['admin: bulk'],
        summary: 'What a bulk schedule change would leave outside working time (changes nothing)',
        description:
          "The same body as POST /api/admin/schedules/bulk, checked the same way. Each specialist's change is " +
          'staged in a transaction that is rolled back (bridging overrides for a later `effective_from` ' +
          'included), and the upcoming bookings it would leave outside the new hours are listed, so the ' +
          'admin decides on `on_conflict` before anything is applied.',
        body: scheduleChangeBody,
        response: {
          200: obj(
            {
              specialists: Type.Integer({ description: 'Specialists the change targets.' }),
              bookings_outside_hours: bookingListOutput,
            },
            ['specialists', 'bookings_outside_hours'],
          ),
          ...errors(401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const changes = await scheduleChanges(request.body, 'preview', currentUserId(request))
      return { specialists: changes.length, bookings_outside_hours: await staging.preview(changes) }
    },
  )

  app.post(
    '/overrides/bulk',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminBulkCreateOverrides',
        tags: ['admin: bulk'],
        summary: 'One override for many specialists, or for a whole location (asynchronous)',
        description:
          '`location_id`: one location override (e.g. closed for a holiday), which closes or changes its ' +
          'specialists and rooms alike, then recalculates them all for those dates. `specialist_ids`: one ' +
          'override per specialist. Kinds and intervals as in POST /api/admin/overrides. A job that runs ' +
          'again never writes the same override twice.',
        headers: idempotencyHeaders,
        body: obj(
          {
            specialist_ids: specialistIds,
            location_id: id,
            date_from: date,
            date_to: date,
            kind: oneOf(KINDS),
            intervals: intervalsInput,
            reason: text(500),
          },
          ['date_from', 'date_to', 'kind'],
        ),
        response: { 202: accepted, ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const b = request.body
      exactlyOne('specialist_ids and location_id', [b.specialist_ids, b.location_id], 'invalid_target')
      checkRange(b.date_from, b.date_to)
      const intervals = checkIntervalsFor(b.kind, b.intervals)
      const jobId = jobIdOf(request)
      const common = {
        name: 'override' as const,
        bulkId: jobId,
        actorId: currentUserId(request),
        dateFrom: b.date_from,
        dateTo: b.date_to,
        kind: b.kind,
        intervals,
        reason: b.reason ?? '',
      }
      let items: BulkItem[]
      if (b.location_id !== undefined) {
        if (!(await catalogue.locationExists(b.location_id))) throw notFound(`Location ${b.location_id}`)
        await refusePast('date_from', b.date_from, { locationId: b.location_id })
        items = [{ ...common, locationId: b.location_id }]
      } else {
        const ids = await targets(b)
        await refusePast('date_from', b.date_from, { specialistIds: ids })
        items = ids.map((specialistId) => ({ ...common, specialistId }))
      }
      const body = await submit(request, 'bulk_override', jobId, items)
      return reply.code(202).header('location', body.status_url).send(body)
    },
  )
}

export default adminBulkRoutes
