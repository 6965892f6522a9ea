// Admin view of background jobs: the state and progress of a bulk job (src/jobs/bulk-queue.ts)
// or of a recalc job (the ids that admin writes answer with in `recalc.job_ids`), and the retry of
// a bulk job's failed children — only those, never the ones that succeeded.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Job } from 'bullmq'
import { Type } from 'typebox'
import { AppError, notFound } from '../../../domain/errors.ts'
import type { BulkStatus } from '../../../jobs/bulk-queue.ts'
import type { RecalcTarget } from '../../../slots/keys.ts'
import { errors, obj, timestamp, nullable, oneOf } from '../../schemas/common.ts'
import { ADMIN, bookingListOutput, paging } from './shared.ts'

const jobIdParams = obj({ id: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_-]+$' }) }, [
  'id',
])

const target = {
  specialist_id: nullable(Type.Integer()),
  location_id: Type.Integer(),
  room_id: Type.Integer(),
} as const

const jobOutput = obj(
  {
    id: Type.String(),
    kind: oneOf(['bulk_schedule', 'bulk_override', 'recalc']),
    state: Type.String({
      description:
        'Bulk jobs: waiting (nothing finished yet), active, completed (every item finished; failed items ' +
        'are in `failures` and can be retried), failed. Recalc jobs: their queue state.',
    }),
    progress: obj({ done: Type.Integer(), total: Type.Integer() }, ['done', 'total']),
    failures: Type.Array(
      obj({ ...target, reason: Type.String(), bookings: bookingListOutput }, ['specialist_id', 'reason']),
      {
        description:
          'Items that failed for good. A schedule item refused because upcoming bookings would fall outside ' +
          'the new hours (on_conflict "refuse") lists them in `bookings` and saved nothing.',
      },
    ),
    bookings_outside_hours: {
      ...bookingListOutput,
      description: 'Bookings that items done with on_conflict "keep" left outside the new hours (flagged).',
    },
    created_at: timestamp,
    finished_at: nullable(Type.String({ format: 'date-time' })),
  },
  ['id', 'kind', 'state', 'progress', 'failures', 'bookings_outside_hours', 'created_at', 'finished_at'],
)

const retryOutput = obj(
  {
    job_id: Type.String(),
    retried: Type.Array(obj(target, ['specialist_id'])),
    status_url: Type.String(),
  },
  ['job_id', 'retried', 'status_url'],
)

const tags = ['admin: jobs']

const isBulkId = (id: string) => id.startsWith('bulk-')

/** What GET answers: a bulk job's status, or a recalc job's in the same shape. */
type JobStatus =
  | BulkStatus
  | (Omit<BulkStatus, 'kind' | 'state' | 'failures'> & {
      kind: 'recalc'
      state: string
      failures: { specialist_id: number | null; room_id?: number; reason: string }[]
    })

/** A recalc job in the shape of a bulk job's status: one item, its target. */
async function recalcStatus(job: Job<RecalcTarget>): Promise<JobStatus | null> {
  const state = await job.getState()
  if (state === 'unknown') return null
  const t =
    job.data.kind === 'room' ? { specialist_id: null, room_id: job.data.id } : { specialist_id: job.data.id }
  return {
    id: job.id!,
    kind: 'recalc',
    state,
    progress: { done: state === 'completed' ? 1 : 0, total: 1 },
    failures: state === 'failed' ? [{ ...t, reason: job.failedReason }] : [],
    bookings_outside_hours: [],
    created_at: new Date(job.timestamp).toISOString(),
    finished_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  }
}

const adminJobRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { queues } = app.deps.runtime

  app.get(
    '/jobs',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListJobs',
        tags,
        summary: 'Recent bulk jobs, newest first, with their state and progress',
        description:
          'Bulk jobs (schedule and override changes for many specialists) kept by the queue: 7 days after ' +
          'they finish. Each item is what GET /api/admin/jobs/{id} answers for it. Recalc jobs are not ' +
          'listed: they are many, short and retry by themselves.',
        querystring: obj({ limit: paging.limit }),
        response: {
          200: obj({ items: Type.Array(jobOutput), total: Type.Integer({ minimum: 0 }) }, ['items', 'total']),
          ...errors(401, 403, 422),
        },
      },
    },
    async (request) => {
      const items = await queues.bulk.recent(request.query.limit)
      return { items, total: items.length }
    },
  )

  app.get(
    '/jobs/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetJob',
        tags,
        summary: 'State and progress of a bulk job or a recalc job',
        description:
          'progress.done counts the items that succeeded; total is every item. Recalc jobs: one item. Jobs ' +
          'are kept for a while after they finish (bulk: 7 days, recalc: 1 hour), then 404.',
        params: jobIdParams,
        response: { 200: jobOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id } = request.params
      const status: JobStatus | null = isBulkId(id)
        ? await queues.bulk.status(id)
        : await queues.recalc.queue.getJob(id).then((job) => (job ? recalcStatus(job) : null))
      if (!status) throw notFound(`Job ${id}`)
      return status
    },
  )

  app.post(
    '/jobs/:id/retry',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminRetryJob',
        tags,
        summary: "Retry a bulk job's failed items (only those)",
        description:
          'The items that failed go back to the queue; the ones that succeeded are not redone. 409 ' +
          '`nothing_to_retry` when no item has failed. Recalc jobs retry by themselves: 422.',
        params: jobIdParams,
        response: { 202: retryOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      if (!isBulkId(id)) {
        if (await queues.recalc.queue.getJob(id)) {
          throw new AppError(
            422,
            'not_retriable',
            'Only bulk jobs are retried here; a recalc job retries by itself.',
          )
        }
        throw notFound(`Job ${id}`)
      }
      const result = await queues.bulk.retryFailed(id)
      if (!result) throw notFound(`Job ${id}`)
      if (!result.retried.length)
        throw new AppError(409, 'nothing_to_retry', `No item of job ${id} has failed.`)
      return reply
        .code(202)
        .send({ job_id: id, retried: result.retried, status_url: `/api/admin/jobs/${id}` })
    },
  )
}

export default adminJobRoutes
