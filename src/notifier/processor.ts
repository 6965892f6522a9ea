// The `notify` job's handler: one outbox row's messages, to each recipient, on each channel
// (Telegram to their chat, Web Push to each of their browsers). Every destination's final result is
// recorded (notification_records) before the next, and a job that runs again skips what has one, so
// a retry after a 429 or a crash sends nothing twice. A chat gets at most one message a second
// (a Redis key per chat); a busy chat or a 429's `retry_after` puts the whole job back as delayed
// for that long, which costs no attempt. With one message a second per chat already kept, a 429 means
// the bot's overall budget is spent, so it also holds the whole queue, for every notifier process,
// until `retry_after` has passed (BullMQ's queue rate limit). A 403 marks the chat unreachable and a 400 is recorded
// failed: neither is retried. Once every destination has its result the outbox row is marked
// delivered, and only then does the job complete.
import { DelayedError, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Db } from '../data/db.ts'
import { markDelivered, specialistRecipient, type NotificationRecipient } from '../data/outbox-repository.ts'
import {
  doneKey,
  type NotificationChannel,
  type NotificationRecordsRepository,
} from '../data/notification-records-repository.ts'
import type { PushSubscriptionsRepository } from '../data/push-subscriptions-repository.ts'
import type { NotifyJob } from '../jobs/notify-queue.ts'
import type { WorkerLogger } from '../workers/log.ts'
import { pushMessage, telegramMessage } from './messages.ts'
import { sendPush, type VapidConfig } from './push.ts'
import type { TelegramSender } from './telegram.ts'

export interface NotifyDeps {
  db: Db
  /** With the deployment's key prefix (createRedis). */
  redis: Redis
  records: NotificationRecordsRepository
  subscriptions: PushSubscriptionsRepository
  log: WorkerLogger
  /** Null when no bot token is configured: no Telegram messages. */
  telegram: TelegramSender | null
  /** Null when Web Push is off. */
  vapid: VapidConfig | null
  /** The Mini App's address (config.miniAppUrl), for the message's button; HTTPS only. */
  miniAppUrl?: string | null
  /** At most one message per chat in this long. */
  perChatMs?: number
  /** Holds the whole queue (every notifier process) for this long: a 429's `retry_after`. */
  holdQueue?: (ms: number) => Promise<void>
  fetch?: typeof fetch
}

export interface NotifyResult {
  sent: number
  failed: number
  skipped: number
}

/** The Redis key that holds a chat's one-message-a-second slot. */
export const chatSlotKey = (tgId: number) => `notifier:chat:${tgId}`
/** Set for a 429's `retry_after`: no message to any chat until it lapses (jobs already running too). */
const HOLD_KEY = 'notifier:hold'

/**
 * The payload's recipients and, when the booking moved to another specialist, the one who had it
 * (read now: the payload names only their specialist id).
 */
export async function recipientsOf(db: Db, p: NotifyJob): Promise<NotificationRecipient[]> {
  const prev = p.booking.previous_specialist_id
  if (p.event !== 'booking.rescheduled' || prev === undefined || prev === p.booking.specialist.id)
    return p.recipients
  const former = await specialistRecipient(db, prev)
  if (!former || p.recipients.some((r) => r.user_id === former.user_id)) return p.recipients
  return [...p.recipients, former]
}

export function notifyProcessor(deps: NotifyDeps) {
  const perChatMs = deps.perChatMs ?? 1000

  /** 0 when the bot may send and the chat's slot was free (and is now taken), else how long to wait. */
  const takeChatSlot = async (tgId: number): Promise<number> => {
    const held = await deps.redis.pttl(HOLD_KEY)
    if (held > 0) return held
    const key = chatSlotKey(tgId)
    if ((await deps.redis.set(key, '1', 'PX', perChatMs, 'NX')) === 'OK') return 0
    const ttl = await deps.redis.pttl(key)
    return ttl > 0 ? ttl : 20
  }

  return async (job: Job<NotifyJob>, token?: string): Promise<NotifyResult> => {
    const p = job.data
    const done = await deps.records.doneOf(p.outbox_id)
    const result: NotifyResult = { sent: 0, failed: 0, skipped: 0 }
    /** How long until a destination that had to wait may be tried; null when none waits. */
    let waitMs: number | null = null
    const waitAtLeast = (ms: number) => (waitMs = waitMs === null ? ms : Math.min(waitMs, ms))

    const record = async (
      r: NotificationRecipient,
      channel: NotificationChannel,
      destination: string,
      status: 'sent' | 'failed',
      reason: string | null = null,
    ) => {
      await deps.records.record({
        outboxId: p.outbox_id,
        bookingId: p.booking.id,
        event: p.event,
        userId: r.user_id,
        channel,
        destination,
        status,
        reason,
      })
      if (status === 'sent') result.sent++
      else result.failed++
      deps.log.info(
        { outbox_id: p.outbox_id, booking_id: p.booking.id, user_id: r.user_id, channel, status, reason },
        `notification ${status}`,
      )
    }

    const toTelegram = async (r: NotificationRecipient) => {
      if (!deps.telegram || r.tg_id === null) return
      const tgId = Number(r.tg_id)
      const destination = String(tgId)
      if (done.has(doneKey('telegram', r.user_id, destination))) return void result.skipped++
      if (await deps.records.isUnreachable(tgId))
        return record(r, 'telegram', destination, 'failed', 'chat unreachable: the bot was blocked')
      const wait = await takeChatSlot(tgId)
      if (wait > 0) return void waitAtLeast(wait)
      const outcome = await deps.telegram.sendMessage(
        tgId,
        telegramMessage(p, r, { miniAppUrl: deps.miniAppUrl }),
      )
      if (outcome.ok) return record(r, 'telegram', destination, 'sent')
      if (outcome.code === 429 && 'retryAfterS' in outcome) {
        const ms = outcome.retryAfterS * 1000
        // Nothing else goes to this chat, nor to any other, before Telegram allows it: the
        // running jobs see the hold key, the queue's rate limit keeps the others waiting.
        await deps.redis.set(chatSlotKey(tgId), '1', 'PX', ms)
        // A longer hold already set stays as long.
        if ((await deps.redis.set(HOLD_KEY, '1', 'PX', ms, 'NX')) !== 'OK')
          await deps.redis.pexpire(HOLD_KEY, ms, 'GT')
        await deps.holdQueue?.(ms)
        deps.log.warn(
          { outbox_id: p.outbox_id, tg_id: tgId, retry_after: outcome.retryAfterS },
          'telegram 429',
        )
        return void waitAtLeast(ms)
      }
      if (outcome.code === 403) await deps.records.markUnreachable(tgId, outcome.description)
      return record(r, 'telegram', destination, 'failed', `${outcome.code}: ${outcome.description}`)
    }

    const toPush = async (r: NotificationRecipient) => {
      if (!deps.vapid) return
      for (const sub of await deps.subscriptions.ofUser(r.user_id)) {
        if (done.has(doneKey('push', r.user_id, sub.endpoint))) {
          result.skipped++
          continue
        }
        const outcome = await sendPush(sub, pushMessage(p, r), { vapid: deps.vapid, fetch: deps.fetch })
        if (outcome.ok) {
          await record(r, 'push', sub.endpoint, 'sent')
          continue
        }
        if (outcome.gone) await deps.subscriptions.forget(sub.endpoint)
        await record(
          r,
          'push',
          sub.endpoint,
          'failed',
          outcome.gone ? `subscription gone (${outcome.reason}); deleted` : outcome.reason,
        )
      }
    }

    for (const r of await recipientsOf(deps.db, p)) {
      await toTelegram(r)
      await toPush(r)
    }

    if (waitMs !== null) {
      // Back in the queue once the busiest destination may be tried; what was sent stays recorded.
      await job.moveToDelayed(Date.now() + waitMs, token)
      throw new DelayedError()
    }
    await markDelivered(deps.db, p.outbox_id)
    return result
  }
}
