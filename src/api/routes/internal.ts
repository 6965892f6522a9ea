// Internal routes: reachable only with the internal token (x-internal-token).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../domain/errors.ts'
import { date, errors, id, obj, nullable } from '../schemas/common.ts'

const internalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { runtime } = app.deps
  app.post(
    '/internal/slots/recalc',
    {
      config: { access: 'internal' },
      schema: {
        operationId: 'internalRecalcSlots',
        tags: ['internal'],
        summary: 'Enqueue a recalc of some dates of a specialist (or a room)',
        body: {
          ...obj(
            {
              specialist_id: id,
              room_id: id,
              dates: Type.Array(date, { minItems: 1, maxItems: 366, uniqueItems: true }),
            },
            ['dates'],
          ),
          oneOf: [{ required: ['specialist_id'] }, { required: ['room_id'] }],
        },
        response: {
          202: obj({ job_id: nullable(Type.String()) }, ['job_id']),
          ...errors(403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const b = request.body
      const target =
        b.specialist_id !== undefined
          ? { kind: 'specialist' as const, id: b.specialist_id }
          : { kind: 'room' as const, id: b.room_id! }
      const table = target.kind === 'specialist' ? 'specialists' : 'rooms'
      if (!(await app.deps.db(table).where({ id: target.id }).first('id'))) {
        throw notFound(`${target.kind === 'specialist' ? 'Specialist' : 'Room'} ${target.id}`)
      }
      const jobId = await runtime.queues.recalc.enqueue(target, b.dates)
      return reply.status(202).send({ job_id: jobId })
    },
  )
}

export default internalRoutes
