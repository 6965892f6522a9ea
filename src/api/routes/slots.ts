// GET /api/slots: free start times for a service, per location, in local time, with the price and
// duration that a booking of them is charged and given.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { date, errors, id, obj } from '../schemas/common.ts'
import { ref } from '../schemas/components.ts'

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
        response: { 200: ref('Slots'), ...errors(404, 422) },
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
