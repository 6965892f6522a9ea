// The notification outbox (migration 008): rows written in the transaction of the change they
// announce, moved onto the `notify` queue by the relay (src/workers/outbox-relay.ts). A row carries
// everything a notifier needs to write the message without reading the booking again: the booking
// may have changed by the time the message goes out, and the message must say what happened then.
import type { Knex } from 'knex'
import { isoInZone } from '../domain/dates.ts'
import type { BookingStatus, PublishEventParams, PublishedEventType } from '../machines/index.ts'
import type { Language } from './users-repository.ts'
import type { WriteBatch } from './write-batch.ts'

export type NotificationEvent = PublishedEventType | 'booking.reminder'

export interface NotificationRecipient {
  role: 'client' | 'specialist'
  user_id: number
  name: string
  /** The Telegram chat of a private bot conversation is the user's Telegram id. */
  tg_id: number | null
  tg_username: string | null
  language: Language
}

export interface NotificationPayload {
  event: NotificationEvent
  /** When it happened, with the location's offset. */
  occurred_at: string
  booking: {
    id: number
    status: BookingStatus
    /** Instants with the location's offset; `timezone` is its IANA zone. */
    starts_at: string
    ends_at: string
    timezone: string
    /** Only on `booking.rescheduled`. */
    previous_starts_at?: string
    /** Only on `booking.rescheduled` to another specialist: the one who had it (to be told too). */
    previous_specialist_id?: number
    service: { id: number; name: string }
    specialist: { id: number; user_id: number; name: string }
    location: { id: number; name: string; address: string }
  }
  /** Only on `booking.reminder`: how long before the start it is due. */
  reminder?: { offset_minutes: number }
  /** The client first, then the specialist (one person when a specialist books themselves). */
  recipients: NotificationRecipient[]
}

export interface OutboxRow {
  id: number
  booking_id: number
  event: NotificationEvent
  payload: NotificationPayload
  created_at: Date
  relayed_at: Date | null
  delivered_at: Date | null
}

const TABLE = 'notification_outbox'

/**
 * The columns a notification's description of a booking is made of (`describeBooking` reads them;
 * the worker that has just booked knows them already).
 */
export interface DescribedBookingRow {
  id: number
  status: BookingStatus
  starts_at: Date
  ends_at: Date
  service_id: number
  service_name: string
  location_id: number
  location_name: string
  location_address: string
  timezone: string
  specialist_id: number
  su_id: number
  su_name: string
  su_tg_id: number | null
  su_tg_username: string | null
  su_language: Language
  cu_id: number
  cu_name: string
  cu_tg_id: number | null
  cu_tg_username: string | null
  cu_language: Language
}

/** The booking's people as the first statement of a new booking reads them (`DescribedBookingRow`'s). */
export const DESCRIBED_PEOPLE_COLUMNS = ['id', 'name', 'tg_id', 'tg_username', 'language'] as const

/** The booking as a notification describes it, read inside the caller's transaction. */
async function describeBooking(trx: Knex | Knex.Transaction, bookingId: number) {
  const row = await trx('bookings as b')
    .join('services as s', 's.id', 'b.service_id')
    .join('locations as l', 'l.id', 'b.location_id')
    .join('specialists as sp', 'sp.id', 'b.specialist_id')
    .join('users as su', 'su.id', 'sp.user_id')
    .join('users as cu', 'cu.id', 'b.client_id')
    .where('b.id', bookingId)
    .first(
      'b.id',
      'b.status',
      'b.starts_at',
      'b.ends_at',
      's.id as service_id',
      's.name as service_name',
      'l.id as location_id',
      'l.name as location_name',
      'l.address as location_address',
      'l.timezone',
      'sp.id as specialist_id',
      ...DESCRIBED_PEOPLE_COLUMNS.flatMap((c) => [`su.${c} as su_${c}`, `cu.${c} as cu_${c}`]),
    )
  if (!row) throw new Error(`notification outbox: booking ${bookingId} does not exist`)
  return bookingDescription(row as DescribedBookingRow)
}

function bookingDescription(row: DescribedBookingRow) {
  const zone = row.timezone
  const person = (role: NotificationRecipient['role'], p: 'cu' | 'su'): NotificationRecipient => ({
    role,
    user_id: row[`${p}_id`],
    name: row[`${p}_name`],
    tg_id: row[`${p}_tg_id`] ?? null,
    tg_username: row[`${p}_tg_username`] ?? null,
    language: row[`${p}_language`],
  })
  const client = person('client', 'cu')
  const specialist = person('specialist', 'su')
  return {
    zone,
    booking: {
      id: row.id,
      status: row.status,
      starts_at: isoInZone(row.starts_at, zone),
      ends_at: isoInZone(row.ends_at, zone),
      timezone: zone,
      service: { id: row.service_id, name: row.service_name },
      specialist: { id: row.specialist_id, user_id: specialist.user_id, name: specialist.name },
      location: { id: row.location_id, name: row.location_name, address: row.location_address },
    },
    recipients: client.user_id === specialist.user_id ? [client] : [client, specialist],
    startsAt: row.starts_at,
  }
}

/**
 * One row per booking event, written inside the booking's transaction (after its other writes, so
 * the row describes the booking as the commit leaves it). `known`: the booking as the caller has
 * just written it (then it is not read back); `batch`: the inserts join it instead of running.
 */
export async function recordBookingEvents(
  trx: Knex.Transaction,
  events: PublishEventParams[],
  opts: { known?: DescribedBookingRow; batch?: WriteBatch } = {},
) {
  for (const e of events) {
    const d =
      opts.known?.id === e.bookingId
        ? bookingDescription(opts.known)
        : await describeBooking(trx, e.bookingId)
    const payload: NotificationPayload = {
      event: e.type,
      occurred_at: isoInZone(new Date(e.at), d.zone),
      booking: {
        ...d.booking,
        status: e.status,
        ...(e.previousStartsAt === undefined
          ? {}
          : { previous_starts_at: isoInZone(new Date(e.previousStartsAt), d.zone) }),
        ...(e.previousSpecialistId === undefined ? {} : { previous_specialist_id: e.previousSpecialistId }),
      },
      recipients: d.recipients,
    }
    const insert = trx(TABLE).insert({
      booking_id: e.bookingId,
      event: e.type,
      payload: JSON.stringify(payload),
    })
    if (opts.batch) opts.batch.add(insert)
    else await insert
  }
}

/** The outbox's one-row-per-reminder key: a booking, an offset and the start it was due for. */
export const reminderDedupeKey = (bookingId: number, offsetMin: number, startsAtMs: number) =>
  `reminder:${bookingId}:${offsetMin}:${startsAtMs}`

export interface DueReminder {
  bookingId: number
  offsetMin: number
  startsAt: string
}

/**
 * Records a due reminder, once per booking, offset and start however often its job runs. None is
 * recorded for a booking that is no longer confirmed or has moved since the reminder was scheduled
 * (the job of its new start is the one that counts). The booking row is locked for share, so a
 * cancellation committing at the same moment comes either before (no reminder) or after (a reminder,
 * then the cancellation, in that order).
 */
export async function recordDueReminder(
  db: Knex,
  r: DueReminder,
  now = Date.now(),
): Promise<{ recorded: boolean; id: number | null }> {
  return db.transaction(async (trx) => {
    const locked = await trx('bookings').where({ id: r.bookingId }).forShare().first('status', 'starts_at')
    if (
      !locked ||
      locked.status !== 'confirmed' ||
      (locked.starts_at as Date).getTime() !== Date.parse(r.startsAt)
    )
      return { recorded: false, id: null }
    const d = await describeBooking(trx, r.bookingId)
    const payload: NotificationPayload = {
      event: 'booking.reminder',
      occurred_at: isoInZone(now, d.zone),
      booking: d.booking,
      reminder: { offset_minutes: r.offsetMin },
      recipients: d.recipients,
    }
    const [row] = await trx(TABLE)
      .insert({
        booking_id: r.bookingId,
        event: 'booking.reminder',
        dedupe_key: reminderDedupeKey(r.bookingId, r.offsetMin, d.startsAt.getTime()),
        payload: JSON.stringify(payload),
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning('id')
    return { recorded: true, id: (row?.id as number | undefined) ?? null }
  })
}

// One relay at a time across all workers, so notify jobs are added in the order of the events
// (a booking's creation before its cancellation). Held only for the length of one batch.
export const RELAY_LOCK = 0x6e6f74696679 // "notify"

/**
 * Runs `relay` on the oldest rows not yet relayed (at most `limit`) and marks them relayed in the
 * same transaction. A crash after the jobs were added but before the commit leaves the rows
 * unrelayed; the next run adds the same job ids again, which the queue ignores.
 */
export async function relayBatch(
  db: Knex,
  limit: number,
  relay: (rows: OutboxRow[]) => Promise<void>,
): Promise<number> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [RELAY_LOCK])
    const rows = (await trx(TABLE)
      .whereNull('relayed_at')
      .orderBy('id')
      .limit(limit)
      .select('*')) as OutboxRow[]
    if (rows.length === 0) return 0
    await relay(rows)
    await trx(TABLE)
      .whereIn(
        'id',
        rows.map((r) => r.id),
      )
      .update({ relayed_at: trx.fn.now() })
    return rows.length
  })
}

/**
 * Rows relayed more than `olderThanMs` ago whose delivery no notifier has confirmed, created within
 * `withinMs` (an older message is no longer worth sending), oldest first, after the id `afterId`.
 */
export async function undeliveredRows(
  db: Knex,
  opts: { olderThanMs: number; withinMs: number; afterId: number; limit: number },
): Promise<OutboxRow[]> {
  return (await db(TABLE)
    .whereNull('delivered_at')
    .whereNotNull('relayed_at')
    .where('relayed_at', '<', db.raw(`now() - make_interval(secs => ?)`, [opts.olderThanMs / 1000]))
    .where('created_at', '>', db.raw(`now() - make_interval(secs => ?)`, [opts.withinMs / 1000]))
    .where('id', '>', opts.afterId)
    .orderBy('id')
    .limit(opts.limit)
    .select('*')) as OutboxRow[]
}

/** For the notifier: the row's messages went out, so no sweep adds its job again. */
/** A specialist as a recipient (the one a moved booking left, whom the payload names by id only). */
export async function specialistRecipient(
  db: Knex,
  specialistId: number,
): Promise<NotificationRecipient | undefined> {
  const row = (await db('specialists as sp')
    .join('users as u', 'u.id', 'sp.user_id')
    .where('sp.id', specialistId)
    .first('u.id', 'u.name', 'u.tg_id', 'u.tg_username', 'u.language')) as
    | { id: number; name: string; tg_id: number | null; tg_username: string | null; language: 'ru' | 'en' }
    | undefined
  return (
    row && {
      role: 'specialist',
      user_id: row.id,
      name: row.name,
      tg_id: row.tg_id,
      tg_username: row.tg_username,
      language: row.language,
    }
  )
}

export async function markDelivered(db: Knex, outboxId: number): Promise<void> {
  await db(TABLE).where({ id: outboxId }).whereNull('delivered_at').update({ delivered_at: db.fn.now() })
}

/**
 * The same statements bound to the process's pool, for `createRepositories`
 * (src/data/repositories.ts). Booking events are recorded in the caller's transaction.
 */
export function outboxRepository(db: Knex) {
  return {
    recordBookingEvents,
    recordDueReminder: (r: DueReminder, now?: number) => recordDueReminder(db, r, now),
    relayBatch: (limit: number, relay: (rows: OutboxRow[]) => Promise<void>) => relayBatch(db, limit, relay),
    undeliveredRows: (opts: Parameters<typeof undeliveredRows>[1]) => undeliveredRows(db, opts),
    markDelivered: (outboxId: number) => markDelivered(db, outboxId),
  }
}
