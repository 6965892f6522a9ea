// A specialist blocks their own time (docs/product.md §1: "specialist sees their day and blocks time"): the
// same calendar overrides admins write, limited to the specialist's own calendar and to closing
// time (`blocked` intervals or `closed` days) — opening extra hours stays with admins.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { forbidden, notFound } from '../../domain/errors.ts'
import { currentUserId } from '../plugins/auth.ts'
import { date, errors, idParams, obj, text, list, listOf, oneOf } from '../schemas/common.ts'
import {
  checkIntervalsFor,
  checkRange,
  overrideChange,
  overrideOutput,
  refusePastDates,
} from './admin/overrides.ts'
import { deletedOutput, intervalsInput, recalcAfter, withRecalc } from './admin/shared.ts'

const SPECIALIST = { access: ['specialist'] } as const
const tags = ['specialist']

const specialistBlockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  const users = app.deps.repos.users

  async function ownSpecialistId(request: FastifyRequest): Promise<number> {
    const id = await users.specialistIdOf(currentUserId(request))
    if (id === null) throw forbidden('Your account has no specialist profile.')
    return id
  }

  app.get(
    '/api/me/blocks',
    {
      config: SPECIALIST,
      schema: {
        operationId: 'listMyBlocks',
        tags,
        summary: 'My blocked time',
        querystring: obj({ from: date, to: date }),
        response: {
          200: list(overrideOutput),
          ...errors(401, 403, 422),
        },
      },
    },
    async (request) => {
      const specialistId = await ownSpecialistId(request)
      const { items } = await repo.listOverrides({
        specialist_id: specialistId,
        ...request.query,
        limit: 500,
        offset: 0,
      })
      return listOf(items)
    },
  )

  app.post<{
    Body: {
      date_from: string
      date_to: string
      kind: 'blocked' | 'closed'
      intervals?: unknown
      reason?: string
    }
  }>(
    '/api/me/blocks',
    {
      config: SPECIALIST,
      schema: {
        operationId: 'createMyBlock',
        tags,
        summary: 'Block some of my time (intervals) or whole days',
        description: "Dates in my location's zone, from today on.",
        body: obj(
          {
            date_from: date,
            date_to: date,
            kind: oneOf(['blocked', 'closed']),
            intervals: intervalsInput,
            reason: text(500),
          },
          ['date_from', 'date_to', 'kind'],
        ),
        response: { 201: withRecalc(overrideOutput), ...errors(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const specialistId = await ownSpecialistId(request)
      const { date_from, date_to, kind, reason } = request.body
      checkRange(date_from, date_to)
      const intervals = checkIntervalsFor(kind, request.body.intervals)
      await refusePastDates(app.deps.repos.setup, { specialist_id: specialistId }, date_from)
      const row = await repo.createOverride({
        location_id: null,
        specialist_id: specialistId,
        room_id: null,
        date_from,
        date_to,
        kind,
        intervals,
        reason: reason ?? '',
        created_by: currentUserId(request),
      })
      const recalc = await recalcAfter(app, request, overrideChange(row))
      return reply.code(201).send({ ...row, recalc })
    },
  )

  app.delete(
    '/api/me/blocks/:id',
    {
      config: SPECIALIST,
      schema: {
        operationId: 'deleteMyBlock',
        tags,
        summary: 'Remove one of my blocks',
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const specialistId = await ownSpecialistId(request)
      const existing = await repo.getOverride(request.params.id)
      if (!existing || existing.specialist_id !== specialistId) throw notFound(`Block ${request.params.id}`)
      const row = (await repo.deleteOverride(existing.id))!
      const recalc = await recalcAfter(app, request, overrideChange(row))
      return { id: row.id, deleted: true, recalc }
    },
  )
}

export default specialistBlockRoutes
