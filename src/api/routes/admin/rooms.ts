// Admin CRUD of rooms, which belong to a location. A room does not move between locations (its
// bookings and overrides are in that location's time zone): create a new one instead. A room is
// retired with PATCH {"active": false}; DELETE is refused (409 `in_use`) while a service lists it
// or a booking held it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { SetupChange } from '../../../domain/changes.ts'
import { notFound } from '../../../domain/errors.ts'
import { errors, id, idParams, obj, list, listOf } from '../../schemas/common.ts'
import {
  ADMIN,
  changed,
  deletedOutput,
  label,
  recalcAfter,
  refuseNulCharacters,
  withRecalc,
} from './shared.ts'

export const roomOutput = obj({ id, location_id: id, name: Type.String(), active: Type.Boolean() }, [
  'id',
  'location_id',
  'name',
  'active',
])
const roomList = list(roomOutput)

const tags = ['admin: rooms']

const adminRoomRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)

  const roomChange = (roomId: number): SetupChange[] => [{ kind: 'room', roomId }]

  app.get(
    '/rooms',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListRooms',
        tags,
        querystring: obj({ location_id: id, active: Type.Boolean() }),
        response: { 200: roomList, ...errors(401, 403, 422) },
      },
    },
    async (request) => {
      const { location_id, active } = request.query
      const items = await repo.listRooms({ locationId: location_id })
      return listOf(active === undefined ? items : items.filter((r) => r.active === active))
    },
  )

  app.get(
    '/locations/:id/rooms',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListLocationRooms',
        tags,
        params: idParams,
        response: { 200: roomList, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      if (!(await repo.getLocation(request.params.id))) throw notFound(`Location ${request.params.id}`)
      return listOf(await repo.listRooms({ locationId: request.params.id }))
    },
  )

  app.post(
    '/locations/:id/rooms',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateRoom',
        tags,
        summary: 'Adds a room to the location',
        params: idParams,
        body: obj({ name: label, active: Type.Boolean() }, ['name']),
        response: { 201: withRecalc(roomOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      if (!(await repo.getLocation(request.params.id))) throw notFound(`Location ${request.params.id}`)
      // A location deleted between the check and the insert fails the foreign key: a 422, not a 500.
      const row = await repo.createRoom({ location_id: request.params.id, ...request.body })
      const recalc = await recalcAfter(app, request, roomChange(row.id))
      return reply.code(201).send({ ...row, recalc })
    },
  )

  app.get(
    '/rooms/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetRoom',
        tags,
        params: idParams,
        response: { 200: roomOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getRoom(request.params.id)
      if (!row) throw notFound(`Room ${request.params.id}`)
      return row
    },
  )

  app.patch(
    '/rooms/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateRoom',
        tags,
        description: 'Renames or (de)activates a room. {"active": false} retires it (soft delete).',
        params: idParams,
        body: { ...obj({ name: label, active: Type.Boolean() }), minProperties: 1 },
        response: { 200: withRecalc(roomOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const updated = await repo.updateRoom(request.params.id, request.body)
      if (!updated) throw notFound(`Room ${request.params.id}`)
      const recalc = changed(updated.before, request.body, 'active')
        ? await recalcAfter(app, request, roomChange(request.params.id))
        : null
      return { ...updated.after, recalc }
    },
  )

  app.delete(
    '/rooms/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteRoom',
        tags,
        description:
          'Deletes a room no service lists and no booking held; otherwise 409 `in_use`: retire it with ' +
          'PATCH {"active": false}.',
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const row = await repo.deleteRoom(request.params.id)
      if (!row) throw notFound(`Room ${request.params.id}`)
      const recalc = await recalcAfter(app, request, roomChange(row.id))
      return { id: row.id, deleted: true, recalc }
    },
  )
}

export default adminRoomRoutes
