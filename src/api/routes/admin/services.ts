// Admin CRUD of services and the rooms each can use. A service is retired with PATCH
// {"active": false} (it leaves the catalogue; existing bookings keep their copied duration and
// price). DELETE removes its room and specialist links with it, and is refused (409 `in_use`)
// while bookings, bought or defined packages, or personal discounts name it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { SetupChange } from '../../../domain/changes.ts'
import { notFound } from '../../../domain/errors.ts'
import { errors, id, idParams, money, nullable, obj, text, list, listOf } from '../../schemas/common.ts'
import adminServiceCategoryRoutes from './service-categories.ts'
import {
  ADMIN,
  changed,
  deletedOutput,
  label,
  recalcAfter,
  refuseNulCharacters,
  withRecalc,
} from './shared.ts'

export const serviceOutput = obj(
  {
    id,
    name: Type.String(),
    description: Type.String(),
    duration_minutes: Type.Integer(),
    break_minutes: Type.Integer(),
    price: Type.Integer({ description: 'Minor units (kopecks).' }),
    active: Type.Boolean(),
    room_ids: Type.Array(id, { description: 'Rooms it can use; empty: it needs no room.' }),
    category_id: nullable({ ...id, description: 'Its service category; null: none.' }),
  },
  [
    'id',
    'name',
    'description',
    'duration_minutes',
    'break_minutes',
    'price',
    'active',
    'room_ids',
    'category_id',
  ],
)

const fields = {
  name: label,
  description: text(2000),
  duration_minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  break_minutes: Type.Integer({ minimum: 0, maximum: 480, description: 'Buffer after the service.' }),
  price: { ...money, description: 'Minor units (kopecks).' },
  active: Type.Boolean(),
  category_id: nullable({
    ...id,
    description:
      'Its category (GET /api/admin/service-categories); null: none. Unknown: 422 `unknown_category`.',
  }),
} as const

const tags = ['admin: services']

const adminServiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)
  await app.register(adminServiceCategoryRoutes)

  const serviceChange = (serviceId: number): SetupChange[] => [{ kind: 'service', serviceId }]

  app.get(
    '/services',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListServices',
        tags,
        summary: 'All services, inactive ones included',
        response: {
          200: list(serviceOutput),
          ...errors(401, 403),
        },
      },
    },
    async () => listOf(await repo.listServices()),
  )

  app.get(
    '/services/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetService',
        tags,
        params: idParams,
        response: { 200: serviceOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getService(request.params.id)
      if (!row) throw notFound(`Service ${request.params.id}`)
      return row
    },
  )

  app.post(
    '/services',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateService',
        tags,
        body: obj(fields, ['name', 'duration_minutes', 'price']),
        response: { 201: withRecalc(serviceOutput), ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const row = await repo.createService(request.body)
      // No specialist performs a new service yet: no grid changes until one is given it.
      return reply.code(201).send({ ...row, recalc: null })
    },
  )

  app.patch(
    '/services/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateService',
        tags,
        description:
          'Changes the given fields; existing bookings keep the duration and price they were made with. ' +
          '{"active": false} retires the service (soft delete).',
        params: idParams,
        body: { ...obj(fields), minProperties: 1 },
        response: { 200: withRecalc(serviceOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const updated = await repo.updateService(request.params.id, request.body)
      if (!updated) throw notFound(`Service ${request.params.id}`)
      const { before, after } = updated
      const affectsSlots = (['duration_minutes', 'break_minutes', 'active'] as const).some((k) =>
        changed(before, request.body, k),
      )
      const recalc = affectsSlots ? await recalcAfter(app, request, serviceChange(after.id)) : null
      return { ...after, recalc }
    },
  )

  app.put(
    '/services/:id/rooms',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminSetServiceRooms',
        tags,
        summary: 'Replaces the rooms the service can use ([]: it needs no room)',
        params: idParams,
        body: obj({ room_ids: Type.Array(id, { uniqueItems: true, maxItems: 200 }) }, ['room_ids']),
        response: { 200: withRecalc(serviceOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const before = await repo.getService(request.params.id)
      if (!before) throw notFound(`Service ${request.params.id}`)
      const roomIds = [...request.body.room_ids].sort((a, b) => a - b)
      const after = await repo.setServiceRooms(request.params.id, roomIds)
      if (!after) throw notFound(`Service ${request.params.id}`)
      const recalc = changed(before, { room_ids: roomIds }, 'room_ids')
        ? await recalcAfter(app, request, serviceChange(after.id))
        : null
      return { ...after, recalc }
    },
  )

  app.delete(
    '/services/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteService',
        tags,
        description:
          'Deletes a service nothing refers to; otherwise 409 `in_use`: retire it with PATCH {"active": false}.',
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const result = await repo.deleteService(request.params.id)
      if (!result) throw notFound(`Service ${request.params.id}`)
      // The service is gone, so "its specialists" can no longer be looked up: name them instead.
      const recalc = await recalcAfter(
        app,
        request,
        result.specialistIds.map((specialistId) => ({ kind: 'specialist_schedule', specialistId })),
      )
      return { id: result.service.id, deleted: true, recalc }
    },
  )
}

export default adminServiceRoutes
