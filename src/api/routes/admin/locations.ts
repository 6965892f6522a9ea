// Admin CRUD of locations and their weekly schedules. A location is retired with PATCH
// {"active": false}; DELETE is for mistakes and is refused (409 `in_use`) while rooms, specialists
// or bookings refer to it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type Static } from 'typebox'
import { type LocationInput } from '../../../data/setup-repository.ts'
import {
  bookingsMovedByZone,
  guardHours,
  timezoneChangeError,
  type BookingSummary,
} from '../../../data/schedule-conflicts.ts'
import type { SetupChange } from '../../../domain/changes.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import type { WeeklySchedule } from '../../../domain/schedule.ts'
import { errors, id, idParams, obj, text, list, listOf } from '../../schemas/common.ts'
import {
  ADMIN,
  bookingListOutput,
  changed,
  checkSchedule,
  checkTimezone,
  deletedOutput,
  label,
  onConflictInput,
  recalcAfter,
  refuseNulCharacters,
  scheduleInput,
  scheduleOutput,
  withHoursOutcome,
  withRecalc,
} from './shared.ts'

const timezone = Type.String({ minLength: 1, maxLength: 64, example: 'Europe/Moscow' })

export const locationOutput = obj(
  {
    id,
    name: Type.String(),
    address: Type.String(),
    timezone: Type.String(),
    work_schedule: scheduleOutput,
    active: Type.Boolean(),
  },
  ['id', 'name', 'address', 'timezone', 'work_schedule', 'active'],
)

const fields = {
  name: label,
  address: text(500),
  timezone,
  work_schedule: scheduleInput,
  active: Type.Boolean(),
} as const

const createBody = obj(fields, ['name', 'timezone'])
/** A location's own fields, each optional, as a patch gives them. */
type LocationFields = { [K in keyof typeof fields]?: Static<(typeof fields)[K]> }

/** What a change of an existing location may add: how to treat the upcoming bookings it concerns. */
const changeOptions = {
  on_conflict: onConflictInput,
  confirm_timezone_change: Type.Boolean({
    description:
      'A new time zone keeps the instants of upcoming bookings but changes their local times: without ' +
      'true, a location with upcoming bookings answers 409 `has_future_bookings` listing them.',
  }),
}
type ChangeOptions = { [K in keyof typeof changeOptions]?: Static<(typeof changeOptions)[K]> }

/** The answer to a change of hours or zone. */
const changedOutput = Type.Object(
  { ...withHoursOutcome(locationOutput).properties, timezone_changed_bookings: bookingListOutput },
  { additionalProperties: false },
)

const tags = ['admin: locations']

const adminLocationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)

  /** The body's fields checked beyond JSON schema: the zone is real, the schedule well formed. */
  const checked = (body: LocationFields): Partial<LocationInput> => ({
    ...(body.name !== undefined && { name: body.name }),
    ...(body.address !== undefined && { address: body.address }),
    ...(body.timezone !== undefined && { timezone: checkTimezone(body.timezone) }),
    ...(body.work_schedule !== undefined && { work_schedule: checkSchedule(body.work_schedule) }),
    ...(body.active !== undefined && { active: body.active }),
  })

  /** A location's grids change with its zone, hours or being open at all; not with its name. */
  const scheduleChange = (locationId: number): SetupChange[] => [{ kind: 'location_schedule', locationId }]

  app.get(
    '/locations',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListLocations',
        tags,
        summary: 'All locations, inactive ones included',
        response: {
          200: list(locationOutput),
          ...errors(401, 403),
        },
      },
    },
    async () => listOf(await repo.listLocations()),
  )

  app.get(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetLocation',
        tags,
        params: idParams,
        response: { 200: locationOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getLocation(request.params.id)
      if (!row) throw notFound(`Location ${request.params.id}`)
      return row
    },
  )

  app.post(
    '/locations',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateLocation',
        tags,
        body: createBody,
        response: { 201: withRecalc(locationOutput), ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { name, timezone } = request.body
      const row = await repo.createLocation({
        ...checked(request.body),
        name,
        timezone: checkTimezone(timezone),
      })
      const recalc = await recalcAfter(app, request, scheduleChange(row.id))
      return reply.code(201).send({ ...row, recalc })
    },
  )

  /**
   * Applies a patch in one transaction with its checks of upcoming bookings: a new zone changes
   * their local times (409 unless confirmed), new hours may leave them outside (409 unless kept).
   */
  async function change(id: number, patch: Partial<LocationInput>, opts: ChangeOptions) {
    return app.deps.db.transaction(async (trx) => {
      const updated = await repo.updateLocation(id, patch, trx)
      if (!updated) throw notFound(`Location ${id}`)
      const { before, after } = updated
      let timezone_changed_bookings: BookingSummary[] = []
      if (changed(before, patch, 'timezone')) {
        const moved = await bookingsMovedByZone(trx, id, before.timezone)
        if (moved.length && opts.confirm_timezone_change !== true) {
          throw timezoneChangeError(moved, { from: before.timezone, to: after.timezone })
        }
        timezone_changed_bookings = moved
      }
      const hoursChanged = changed(before, patch, 'timezone') || changed(before, patch, 'work_schedule')
      const bookings_outside_hours = hoursChanged
        ? await guardHours(trx, { locationId: id }, opts.on_conflict)
        : []
      return { before, after, bookings_outside_hours, timezone_changed_bookings }
    })
  }

  app.patch(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateLocation',
        tags,
        description:
          'Changes the given fields. {"active": false} retires the location (soft delete). New hours or a new ' +
          'zone are checked against upcoming bookings first (see on_conflict and confirm_timezone_change).',
        params: idParams,
        body: { ...obj({ ...fields, ...changeOptions }), minProperties: 1 },
        response: { 200: changedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { on_conflict, confirm_timezone_change, ...body } = request.body
      const patch = checked(body)
      if (!Object.keys(patch).length) {
        throw invalid('Give at least one field of the location to change.')
      }
      const { before, after, ...outcome } = await change(request.params.id, patch, {
        on_conflict,
        confirm_timezone_change,
      })
      const affectsGrids = (['timezone', 'work_schedule', 'active'] as const).some((k) =>
        changed(before, patch, k),
      )
      const recalc = affectsGrids ? await recalcAfter(app, request, scheduleChange(after.id)) : null
      return { ...after, recalc, ...outcome }
    },
  )

  app.put(
    '/locations/:id/schedule',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminSetLocationSchedule',
        tags,
        summary: "Replaces the location's weekly schedule",
        description:
          'Upcoming bookings the new hours leave outside working time: 409 `bookings_outside_hours`, unless ' +
          'on_conflict is "keep".',
        params: idParams,
        body: obj({ work_schedule: scheduleInput, on_conflict: onConflictInput }, ['work_schedule']),
        response: { 200: changedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const work_schedule: WeeklySchedule = checkSchedule(request.body.work_schedule)
      const { before, after, ...outcome } = await change(
        request.params.id,
        { work_schedule },
        { on_conflict: request.body.on_conflict },
      )
      const recalc = changed(before, { work_schedule }, 'work_schedule')
        ? await recalcAfter(app, request, scheduleChange(after.id))
        : null
      return { ...after, recalc, ...outcome }
    },
  )

  app.delete(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteLocation',
        tags,
        description:
          'Deletes a location nothing refers to; otherwise 409 `in_use`: retire it with PATCH {"active": false}.',
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const row = await repo.deleteLocation(request.params.id)
      if (!row) throw notFound(`Location ${request.params.id}`)
      // Nothing is left to recalculate: the location had no rooms or specialists (or it would be in use).
      return { id: row.id, deleted: true, recalc: null }
    },
  )
}

export default adminLocationRoutes
