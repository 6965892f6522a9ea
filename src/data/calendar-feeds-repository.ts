// Calendar feeds (db/migrations/009_calendar_feeds.ts): a user's secret feed URL per scope and the
// bookings a feed shows. A token is random and stored only as its hash, like a session's.
import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { hashToken } from './sessions-repository.ts'

export type FeedScope = 'client' | 'specialist'

export interface CalendarFeed {
  id: number
  userId: number
  scope: FeedScope
  /** The specialist whose appointments a 'specialist' feed holds. */
  specialistId: number | null
  createdAt: Date
}

/** The owner of a feed, as the feed names itself. */
export interface FeedOwner extends CalendarFeed {
  userName: string
  language: 'ru' | 'en'
}

/** One booking as a feed shows it. */
export interface FeedBooking {
  id: number
  status: string
  startsAt: Date
  endsAt: Date
  updatedAt: Date
  cancelledAt: Date | null
  serviceName: string
  specialistName: string
  clientName: string
  locationName: string
  locationAddress: string
  /** How many times the booking was moved (its RESCHEDULE history entries). */
  reschedules: number
}

interface FeedRow {
  id: number
  user_id: number
  scope: FeedScope
  specialist_id: number | null
  created_at: Date
}

const feedOf = (row: FeedRow): CalendarFeed => ({
  id: row.id,
  userId: row.user_id,
  scope: row.scope,
  specialistId: row.specialist_id,
  createdAt: row.created_at,
})

/** Statuses of bookings that never took place: shown as cancelled, for a while. */
const CANCELLED = ['cancelled', 'rejected']

export function calendarFeedsRepository(db: Knex) {
  const live = (k: Knex) => k('calendar_feeds').whereNull('revoked_at')

  return {
    /** The user's live feed of this scope, if there is one. */
    async live(userId: number, scope: FeedScope): Promise<CalendarFeed | null> {
      const row = (await live(db).where({ user_id: userId, scope }).first()) as FeedRow | undefined
      return row ? feedOf(row) : null
    },

    /** Revokes the user's live feed of this scope (if any) and opens a new one; returns its token. */
    async rotate(userId: number, scope: FeedScope, specialistId: number | null): Promise<string> {
      const token = randomBytes(32).toString('base64url')
      await db.transaction(async (trx) => {
        await live(trx).where({ user_id: userId, scope }).update({ revoked_at: trx.fn.now() })
        await trx('calendar_feeds').insert({
          user_id: userId,
          scope,
          specialist_id: specialistId,
          token_hash: hashToken(token),
        })
      })
      return token
    },

    /** Revokes the user's live feed of this scope; false when there was none. */
    async revoke(userId: number, scope: FeedScope): Promise<boolean> {
      const n = await live(db).where({ user_id: userId, scope }).update({ revoked_at: db.fn.now() })
      return n > 0
    },

    /** The live feed a token opens, with its owner's name and language. */
    async ofToken(token: string): Promise<FeedOwner | null> {
      const row = (await db('calendar_feeds as f')
        .join('users as u', 'u.id', 'f.user_id')
        .where('f.token_hash', hashToken(token))
        .whereNull('f.revoked_at')
        .first('f.*', 'u.name as user_name', 'u.language')) as
        (FeedRow & { user_name: string; language: 'ru' | 'en' }) | undefined
      return row ? { ...feedOf(row), userName: row.user_name, language: row.language } : null
    },

    /**
     * The bookings of a feed starting inside [from, to]: the client's own, or the specialist's
     * appointments. Cancelled and rejected ones only when that happened after `cancelledSince`.
     */
    async bookings(
      feed: CalendarFeed,
      range: { from: Date; to: Date; cancelledSince: Date },
    ): Promise<FeedBooking[]> {
      const query = db('bookings as b')
        .join('services as s', 's.id', 'b.service_id')
        .join('specialists as sp', 'sp.id', 'b.specialist_id')
        .join('users as su', 'su.id', 'sp.user_id')
        .join('users as c', 'c.id', 'b.client_id')
        .join('locations as l', 'l.id', 'b.location_id')
        .where('b.starts_at', '>=', range.from)
        .where('b.starts_at', '<=', range.to)
        .where((q) =>
          q
            .whereNotIn('b.status', CANCELLED)
            .orWhere((c) =>
              c
                .whereIn('b.status', CANCELLED)
                .where(db.raw('coalesce(b.cancelled_at, b.updated_at)'), '>=', range.cancelledSince),
            ),
        )
        .orderBy([{ column: 'b.starts_at' }, { column: 'b.id' }])
        .select(
          'b.id',
          'b.status',
          'b.starts_at',
          'b.ends_at',
          'b.updated_at',
          'b.cancelled_at',
          's.name as service_name',
          'su.name as specialist_name',
          'c.name as client_name',
          'l.name as location_name',
          'l.address as location_address',
          db
            .from('booking_history as h')
            .whereRaw('h.booking_id = b.id')
            .where('h.event', 'RESCHEDULE')
            .count('*')
            .as('reschedules'),
        )
      if (feed.scope === 'specialist') query.where('b.specialist_id', feed.specialistId!)
      else query.where('b.client_id', feed.userId)
      const rows = (await query) as {
        id: number
        status: string
        starts_at: Date
        ends_at: Date
        updated_at: Date
        cancelled_at: Date | null
        service_name: string
        specialist_name: string
        client_name: string
        location_name: string
        location_address: string
        reschedules: string | number
      }[]
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        updatedAt: r.updated_at,
        cancelledAt: r.cancelled_at,
        serviceName: r.service_name,
        specialistName: r.specialist_name,
        clientName: r.client_name,
        locationName: r.location_name,
        locationAddress: r.location_address,
        reschedules: Number(r.reschedules),
      }))
    },
  }
}

export type CalendarFeedsRepository = ReturnType<typeof calendarFeedsRepository>
