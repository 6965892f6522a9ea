// GET /api/slots: free start times for a service, per location, in local time, with the price and
// duration that a booking of them is charged and given.
import type { FastifyInstance } from 'fastify'
import { date, errors, id, obj } from '../schemas/common.ts'

interface SlotsQuery {
  service_id: number
  specialist_id?: number
  location_id?: number
  from?: string
  days?: number
}

const slotsResponse = obj(
  {
    service_id: { type: 'integer' },
    specialist_id: { type: ['integer', 'null'] },
    price: {
      type: ['integer', 'null'],
      description: 'With specialist_id: the price charged with that specialist (minor units); else null.',
    },
    duration_minutes: {
      type: ['integer', 'null'],
      description: 'With specialist_id: how long the service takes with them; else null.',
    },
    locations: {
      type: 'array',
      items: obj({
        location_id: { type: 'integer' },
        timezone: { type: 'string' },
        price_from: {
          type: 'integer',
          description:
            'Lowest price among the specialists asked about here (minor units): "from" when below price_to.',
        },
        price_to: { type: 'integer' },
        duration_minutes_from: { type: 'integer' },
        duration_minutes_to: { type: 'integer' },
        days: {
          type: 'array',
          items: obj({ date: { type: 'string' }, times: { type: 'array', items: { type: 'string' } } }),
        },
      }),
    },
  },
  ['service_id', 'specialist_id', 'price', 'duration_minutes', 'locations'],
)

export default async function slotRoutes(app: FastifyInstance) {
  const { runtime } = app.deps
  app.get<{ Querystring: SlotsQuery }>(
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
            days: { type: 'integer', minimum: 1, maximum: 365 },
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
      // A Buffer is sent as it is (no serialiser runs on it).
      return reply.type('application/json; charset=utf-8').send(body)
    },
  )
}
