// GET /api/slots/stream: server-sent events for a page that shows free times, so that a time taken
// by someone else disappears at once. Public like GET /api/slots. The stream names the days whose
// times may have changed; the page re-reads them with GET /api/slots (see slot-stream-hub.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createRedis } from '../../infra/redis.ts'
import { GRID_CHANGES_CHANNEL } from '../../slots/keys.ts'
import { SlotStreamHub } from '../slot-stream-hub.ts'
import { errors, id, obj } from '../schemas/common.ts'

/** The 200 answer: an event stream, never JSON (Fastify sends the stream as it is). */
const eventStream = {
  description: 'The stream of `slots` events, open until the client leaves.',
  content: {
    'text/event-stream': {
      schema: Type.String({
        description:
          'Server-sent events: `event: slots` with `data: {"location_id", "specialist_id", "room_id", ' +
          '"dates": ["YYYY-MM-DD", …]}`; `event: reload` (after the server lost its feed for a while: ' +
          're-read every shown day); `: ping` comment lines as heartbeats.',
        example:
          'event: slots\ndata: {"location_id":1,"specialist_id":3,"room_id":null,"dates":["2026-03-02"]}\n\n',
      }),
    },
  },
}

/** Streams one API process keeps open at most (each is a socket and a little memory). */
export const MAX_STREAMS = 2000
export const HEARTBEAT_MS = 15_000

const slotStreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, runtime } = app.deps
  const hub = new SlotStreamHub({
    subscriber: () => createRedis(config, 'slot-stream-subscriber'),
    // Channel names get no keyPrefix from ioredis.
    channel: config.redisPrefix + GRID_CHANGES_CHANNEL,
    slotInputs: runtime.slotInputs,
    maxStreams: MAX_STREAMS,
    heartbeatMs: HEARTBEAT_MS,
  })
  // Before the server stops accepting: an open stream would keep `close()` waiting for ever.
  app.addHook('preClose', async () => hub.close())

  app.get(
    '/api/slots/stream',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'streamSlots',
        tags: ['slots'],
        summary: 'Live changes of the free times of a service (server-sent events)',
        description:
          'text/event-stream. Each `slots` event is JSON `{location_id, specialist_id, room_id, dates}`: ' +
          'the times of those local dates may have changed; re-read them with GET /api/slots and the ' +
          'same service_id, specialist_id and location_id. Comment lines (`: ping`) keep the stream open. ' +
          'The same checks and errors as GET /api/slots.',
        querystring: obj({ service_id: id, specialist_id: id, location_id: id }, ['service_id']),
        response: { 200: eventStream, ...errors(404, 422, 503) },
      },
    },
    async (request, reply) => {
      const q = request.query
      const filter = { serviceId: q.service_id, specialistId: q.specialist_id, locationId: q.location_id }
      // The same checks and words as GET /api/slots (an unknown service, a specialist who does not
      // perform it, a location that contradicts them), by reading one day of that very query.
      await runtime.slots.slotsJson({ ...filter, days: 1 })
      const stream = await hub.open(filter).catch((err: unknown) => {
        reply.header('retry-after', '60')
        throw err
      })
      // The server's inactivity timeout would cut a quiet stream between heartbeats.
      request.raw.socket?.setTimeout?.(0)
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          // The typed reply is the documented text; Fastify pipes a stream as it is.
          .send(stream as never)
      )
    },
  )
}

export default slotStreamRoutes
