// Web Push subscriptions (`push_subscriptions`): where a user's browsers receive notifications.
// A browser's endpoint is unique; subscribing it again updates its keys, and a browser that a
// different user subscribes from then belongs to that user (the last login on it gets the pushes).
import type { Knex } from 'knex'

export interface PushSubscriptionInput {
  endpoint: string
  p256dh: string
  auth: string
}

export interface StoredPushSubscription extends PushSubscriptionInput {
  id: number
  userId: number
  createdAt: Date
}

interface Row {
  id: number
  user_id: number
  endpoint: string
  p256dh: string
  auth: string
  created_at: Date
}

const stored = (r: Row): StoredPushSubscription => ({
  id: r.id,
  userId: r.user_id,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  createdAt: r.created_at,
})

export function pushSubscriptionsRepository(db: Knex) {
  return {
    /** Stores the subscription for the user; `created` is false when its endpoint was known. */
    async save(
      userId: number,
      input: PushSubscriptionInput,
    ): Promise<{ subscription: StoredPushSubscription; created: boolean }> {
      // xmax = 0 only on a row this statement inserted (an update leaves the old version's id).
      const [row] = (await db('push_subscriptions')
        .insert({ user_id: userId, ...input })
        .onConflict('endpoint')
        .merge(['user_id', 'p256dh', 'auth'])
        .returning(['*', db.raw('(xmax = 0) as inserted')])) as (Row & { inserted: boolean })[]
      return { subscription: stored(row!), created: row!.inserted }
    },

    /** Removes the user's subscription of this endpoint; false when they had none. */
    async remove(userId: number, endpoint: string): Promise<boolean> {
      return (await db('push_subscriptions').where({ user_id: userId, endpoint }).delete()) > 0
    },

    /** The user's subscriptions, oldest first (the notifier sends to each). */
    async ofUser(userId: number): Promise<StoredPushSubscription[]> {
      const rows = (await db('push_subscriptions').where({ user_id: userId }).orderBy('id')) as Row[]
      return rows.map(stored)
    },

    /** Drops a subscription its push service says is gone (404/410), whoever it belongs to. */
    async forget(endpoint: string): Promise<void> {
      await db('push_subscriptions').where({ endpoint }).delete()
    },
  }
}

export type PushSubscriptionsRepository = ReturnType<typeof pushSubscriptionsRepository>
