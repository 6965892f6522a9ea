// What the notifier did (docs/notifications.md): the records of every notification it sent or
// failed to send — per booking event or reminder, recipient, channel and destination — newest
// first, with the recipient's name and, for a failure, the reason (a blocked bot, a gone push
// subscription, Telegram's refusal).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notificationRecordsRepository } from '../../../data/notification-records-repository.ts'
import { errors, id, nullable, obj, oneOf, page, timestamp } from '../../schemas/common.ts'
import { ADMIN, paging } from './shared.ts'

const tags = ['admin: notifications']

const recordOutput = obj(
  {
    id: Type.Integer(),
    outbox_id: Type.Integer({ description: 'The notification outbox row (one booking event or reminder).' }),
    booking_id: id,
    event: Type.String({ description: 'booking.created, booking.cancelled, …, booking.reminder' }),
    user_id: id,
    recipient_name: Type.String(),
    channel: oneOf(['telegram', 'push']),
    destination: Type.String({ description: 'The Telegram chat id, or the push endpoint.' }),
    status: oneOf(['sent', 'failed']),
    reason: nullable(Type.String({ description: 'Why it failed; null when sent.' })),
    created_at: timestamp,
  },
  [
    'id',
    'outbox_id',
    'booking_id',
    'event',
    'user_id',
    'recipient_name',
    'channel',
    'destination',
    'status',
    'reason',
    'created_at',
  ],
)

const adminNotificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const records = notificationRecordsRepository(app.deps.db)

  app.get(
    '/notifications',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListNotifications',
        tags,
        summary: 'The notifications sent or failed, newest first',
        description:
          'One record per notification, recipient, channel and destination, written once its attempt ' +
          'had a final result. Filter by booking or status; a page at a time.',
        querystring: obj({ booking_id: id, status: oneOf(['sent', 'failed']), ...paging }),
        response: { 200: page(recordOutput), ...errors(401, 403, 422) },
      },
    },
    async (request) => {
      const { booking_id, status, limit, offset } = request.query
      const { items, total } = await records.list({ bookingId: booking_id, status, limit, offset })
      return {
        items: items.map((r) => ({ ...r, created_at: r.created_at.toISOString() })),
        total,
        limit,
        offset,
      }
    },
  )
}

export default adminNotificationRoutes
