// Admin CRUD of locations and their weekly schedules. A location is retired with PATCH
// {"active": false}; DELETE is for mistakes and is refused (409 `in_use`) while rooms, specialists
// or bookings refer to it.
import type { FastifyInstance } from 'fastify'
import { createCatalogueRepository, type LocationInput } from '../../../data/catalogue-repository.ts'
import type { CatalogueChange } from '../../../domain/changes.ts'
import { notFound } from '../../../domain/errors.ts'
import type { WeeklySchedule } from '../../../domain/schedule.ts'
import { errors, id, idParams, obj, text } from '../../schemas/common.ts'
import {
  ADMIN,
  changed,
  checkSchedule,
  checkTimezone,
  deletedOutput,
  label,
  recalcAfter,
  refuseNulCharacters,
  scheduleInput,
  scheduleOutput,
  withRecalc,
} from './shared.ts'

const timezone = { type: 'string', minLength: 1, maxLength: 64, example: 'Europe/Moscow' } as const

export const locationOutput = obj(
  {
    id,
    name: { type: 'string' },
    address: { type: 'string' },
    timezone: { type: 'string' },
    work_schedule: scheduleOutput,
    active: { type: 'boolean' },
  },
  ['id', 'name', 'address', 'timezone', 'work_schedule', 'active'],
)

const fields = {
  name: label,
  address: text(500),
  timezone,
  work_schedule: scheduleInput,
  active: { type: 'boolean' },
} as const

interface LocationBody {
  name?: string
  address?: string
  timezone?: string
  work_schedule?: unknown
  active?: boolean
}

const security = [{ bearer: [] }]
const tags = ['admin: locations']

export default async function adminLocationRoutes(app: FastifyInstance) {
  const repo = createCatalogueRepository(app.deps.db)
  refuseNulCharacters(app)

  /** The body's fields checked beyond JSON schema: the zone is real, the schedule well formed. */
  const checked = (body: LocationBody): Partial<LocationInput> => ({
    ...(body.name !== undefined && { name: body.name }),
    ...(body.address !== undefined && { address: body.address }),
    ...(body.timezone !== undefined && { timezone: checkTimezone(body.timezone) }),
    ...(body.work_schedule !== undefined && { work_schedule: checkSchedule(body.work_schedule) }),
    ...(body.active !== undefined && { active: body.active }),
  })

  /** A location's grids change with its zone, hours or being open at all; not with its name. */
  const scheduleChange = (locationId: number): CatalogueChange[] => [
    { kind: 'location_schedule', locationId },
  ]

  app.get(
    '/locations',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
        summary: 'All locations, inactive ones included',
        response: {
          200: obj({ items: { type: 'array', items: locationOutput } }, ['items']),
          ...errors(401, 403),
        },
      },
    },
    async () => ({ items: await repo.listLocations() }),
  )

  app.get<{ Params: { id: number } }>(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
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

  app.post<{ Body: LocationBody & { name: string; timezone: string } }>(
    '/locations',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
        body: obj(fields, ['name', 'timezone']),
        response: { 201: withRecalc(locationOutput), ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const input = checked(request.body) as LocationInput
      const row = await repo.createLocation(input)
      const recalc = await recalcAfter(app, request, scheduleChange(row.id))
      return reply.code(201).send({ ...row, recalc })
    },
  )

  app.patch<{ Params: { id: number }; Body: LocationBody }>(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
        description: 'Changes the given fields. {"active": false} retires the location (soft delete).',
        params: idParams,
        body: { ...obj(fields), minProperties: 1 },
        response: { 200: withRecalc(locationOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const patch = checked(request.body)
      const updated = await repo.updateLocation(request.params.id, patch)
      if (!updated) throw notFound(`Location ${request.params.id}`)
      const { before, after } = updated
      const affectsGrids = (['timezone', 'work_schedule', 'active'] as const).some((k) =>
        changed(before, patch, k),
      )
      const recalc = affectsGrids ? await recalcAfter(app, request, scheduleChange(after.id)) : null
      return { ...after, recalc }
    },
  )

  app.put<{ Params: { id: number }; Body: { work_schedule: unknown } }>(
    '/locations/:id/schedule',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
        summary: "Replaces the location's weekly schedule",
        params: idParams,
        body: obj({ work_schedule: scheduleInput }, ['work_schedule']),
        response: { 200: withRecalc(locationOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const work_schedule: WeeklySchedule = checkSchedule(request.body.work_schedule)
      const updated = await repo.updateLocation(request.params.id, { work_schedule })
      if (!updated) throw notFound(`Location ${request.params.id}`)
      const { before, after } = updated
      const recalc = changed(before, { work_schedule }, 'work_schedule')
        ? await recalcAfter(app, request, scheduleChange(after.id))
        : null
      return { ...after, recalc }
    },
  )

  app.delete<{ Params: { id: number } }>(
    '/locations/:id',
    {
      config: ADMIN,
      schema: {
        tags,
        security,
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
