// GET /api/slots: free start times for a service, per location, in local time, with the price and
// duration that a booking of them is charged and given.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { date, errors, id, obj, nullable } from '../schemas/common.ts'

const slotsResponse = obj(
  {
    service_id: Type.Integer(),
    specialist_id: nullable(Type.Integer()),
    price: nullable(
      Type.Integer({
        description: 'With specialist_id: the price charged with that specialist (minor units); else null.',
      }),
    ),
    duration_minutes: nullable(
      Type.Integer({ description: 'With specialist_id: how long the service takes with them; else null.' }),
    ),
    locations: Type.Array(
      obj({
        location_id: Type.Integer(),
        timezone: Type.String(),
        price_from: Type.Integer({
          description:
            'Lowest price among the specialists asked about here (minor units): "from" when below price_to.',
        }),
        price_to: Type.Integer(),
        duration_minutes_from: Type.Integer(),
        duration_minutes_to: Type.Integer(),
        days: Type.Array(obj({ date: Type.String(), times: Type.Array(Type.String()) })),
      }),
    ),
  },
  ['service_id', 'specialist_id', 'price', 'duration_minutes', 'locations'],
)

const slotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runtime } = app.deps
  app.get(
    '/api/slots',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSlots',
        tags: ['slots'],
        summary: 'Free start times for a service, 60 days ahead by default',
        querystring: obj(
          {
            service_id: id,
            specialist_id: id,
            location_id: id,
            from: date,
            days: Type.Integer({ minimum: 1, maximum: 365 }),
          },
          ['service_id'],
        ),
        // The body comes from the slot reader as ready UTF-8 JSON (see slot-reader.ts), sent as it
        // is; the schema documents it.
        response: { 200: slotsResponse, ...errors(404, 422) },
      },
    },
    async (request, reply) => {
      const q = request.query
      const body = await runtime.slots.slotsJson({
        serviceId: q.service_id,
        specialistId: q.specialist_id,
        locationId: q.location_id,
        from: q.from,
        days: q.days,
      })
      // A Buffer is sent as it is (no serialiser runs on it); the schema types what it holds.
      return reply.type('application/json; charset=utf-8').send(body as never)
    },
  )
}

export default slotRoutes
