// What the notifier did with each notification (migration 017): a record per outbox row,
// recipient, channel and destination with its final result (sent, or failed and why), which a
// retried job reads so nothing sent is sent again; the Telegram chats that blocked the bot; and
// the admin's list of the records (GET /api/admin/notifications).
import type { Knex } from 'knex'

export type NotificationChannel = 'telegram' | 'push'
export type NotificationStatus = 'sent' | 'failed'

export interface NotificationRecordInput {
  outboxId: number
  bookingId: number
  event: string
  userId: number
  channel: NotificationChannel
  /** The chat id for Telegram, the endpoint for Web Push. */
  destination: string
  status: NotificationStatus
  reason?: string | null
}

export interface NotificationRecord {
  id: number
  outbox_id: number
  booking_id: number
  event: string
  user_id: number
  recipient_name: string
  channel: NotificationChannel
  destination: string
  status: NotificationStatus
  reason: string | null
  created_at: Date
}

const TABLE = 'notification_records'
const UNREACHABLE = 'telegram_unreachable_chats'

export function notificationRecordsRepository(db: Knex) {
  return {
    /**
     * The final result of one attempt; false when this outbox row, recipient, channel and
     * destination already had one (the first result stands).
     */
    async record(r: NotificationRecordInput): Promise<boolean> {
      const rows = await db(TABLE)
        .insert({
          outbox_id: r.outboxId,
          booking_id: r.bookingId,
          event: r.event,
          user_id: r.userId,
          channel: r.channel,
          destination: r.destination,
          status: r.status,
          reason: r.reason ?? null,
        })
        .onConflict(['outbox_id', 'user_id', 'channel', 'destination'])
        .ignore()
        .returning('id')
      return rows.length > 0
    },

    /** The destinations of the outbox row that already have a result, as `channel:user:destination`. */
    async doneOf(outboxId: number): Promise<Set<string>> {
      const rows = (await db(TABLE)
        .where({ outbox_id: outboxId })
        .select('channel', 'user_id', 'destination')) as {
        channel: string
        user_id: number
        destination: string
      }[]
      return new Set(rows.map((r) => doneKey(r.channel as NotificationChannel, r.user_id, r.destination)))
    },

    /** Whether the chat blocked the bot (and has not written to it since). */
    async isUnreachable(tgId: number): Promise<boolean> {
      return (await db(UNREACHABLE).where({ tg_id: tgId }).first('tg_id')) !== undefined
    },

    async markUnreachable(tgId: number, reason: string): Promise<void> {
      await db(UNREACHABLE).insert({ tg_id: tgId, reason }).onConflict('tg_id').merge(['reason', 'marked_at'])
    },

    /** For the bot: the person wrote to it again, so messages may go to the chat again. */
    async markReachable(tgId: number): Promise<void> {
      await db(UNREACHABLE).where({ tg_id: tgId }).delete()
    },

    /** The records, newest first, with the recipient's name; optionally of one booking or status. */
    async list(opts: {
      bookingId?: number
      status?: NotificationStatus
      limit: number
      offset: number
    }): Promise<{ items: NotificationRecord[]; total: number }> {
      const filtered = () => {
        const q = db(`${TABLE} as r`)
        if (opts.bookingId !== undefined) q.where('r.booking_id', opts.bookingId)
        if (opts.status !== undefined) q.where('r.status', opts.status)
        return q
      }
      const [items, count] = await Promise.all([
        filtered()
          .join('users as u', 'u.id', 'r.user_id')
          .orderBy('r.id', 'desc')
          .limit(opts.limit)
          .offset(opts.offset)
          .select('r.*', 'u.name as recipient_name'),
        filtered().count<{ n: string }[]>('* as n'),
      ])
      return { items: items as NotificationRecord[], total: Number(count[0]!.n) }
    },
  }
}

export const doneKey = (channel: NotificationChannel, userId: number, destination: string) =>
  `${channel}:${userId}:${destination}`

export type NotificationRecordsRepository = ReturnType<typeof notificationRecordsRepository>
