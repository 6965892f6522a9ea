// Bookings as the API shows them: times in the location's zone with their offset, money in minor
// units, nothing internal (snapshots, intent ids) in the body. The cancellation terms and the
// settlement are read from the policy and settlement the booking machine keeps in its snapshot.
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import type { CancellationPolicy } from '../domain/cancellation.ts'
import {
  type CancellationTerms,
  type SettlementFacts,
  type SettlementSummary,
  cancellationTerms,
  settlementSummary,
} from '../domain/cancellation-terms.ts'
import { isoInZone } from '../domain/dates.ts'
import type { InsertBookingParams, PersistedBooking } from '../machines/index.ts'
import type { Db } from './db.ts'
import { companyColumn } from './company-repository.ts'

export interface BookingBody {
  id: number
  status: string
  client_id: number
  specialist_id: number
  service_id: number
  location_id: number
  room_id: number | null
  timezone: string
  date: string
  time: string
  start: string
  end: string
  duration_minutes: number
  break_minutes: number
  /** The service's (or the specialist's own) list price. */
  base_price: number
  /** What the booking costs in money: 0 for a package visit. */
  price: number
  /** What a personal discount took off; 0 for a package visit, which carries no discount. */
  discount_amount: number
  payment_method: string
  client_package_id: number | null
  source: string
  out_of_hours: boolean
  notes: string
  created_at: string
  /** The terms copied into the booking when it was made; null for a booking without a snapshot. */
  cancellation: CancellationTerms | null
  /** What ending the booking did to the money; null until it is cancelled, rejected or a no-show. */
  settlement: SettlementSummary | null
}

/** Columns the body needs, from `bookings as b` joined with `locations as l`. */
const COLUMNS = [
  'b.id',
  'b.status',
  'b.client_id',
  'b.specialist_id',
  'b.service_id',
  'b.location_id',
  'b.room_id',
  'l.timezone',
  'b.starts_at',
  'b.ends_at',
  'b.duration_minutes',
  'b.break_minutes',
  'b.base_price',
  'b.price',
  'b.payment_method',
  'b.client_package_id',
  'b.source',
  'b.out_of_hours',
  'b.notes',
  'b.created_at',
] as const

/** The part of the machine's context the body reads (`machine_snapshot → snapshot → context`). */
interface MoneyContext {
  policy?: CancellationPolicy
  createdAt?: string
  payment?: { method: string; amount?: number }
  settlement?: SettlementFacts | null
}

type Row = Record<string, unknown> & {
  timezone: string
  starts_at: Date
  ends_at: Date
  created_at: Date
  currency: string | null
  money_context: MoneyContext | null
}

const SETTLED = new Set(['cancelled', 'rejected', 'no_show'])

function termsOf(r: Row): CancellationTerms | null {
  const ctx = r.money_context
  if (!ctx?.policy || !ctx.createdAt) return null
  return cancellationTerms({
    policy: ctx.policy,
    startsAt: r.starts_at,
    bookedAt: ctx.createdAt,
    payment: { method: r.payment_method as string, amount: r.price as number },
    timeZone: r.timezone,
    currency: r.currency ?? 'RUB',
  })
}

function settlementOf(r: Row): SettlementSummary | null {
  const ctx = r.money_context
  if (!SETTLED.has(r.status as string) || !ctx?.settlement || !ctx.policy) return null
  return settlementSummary(ctx.settlement, {
    paymentMethod: r.payment_method as string,
    currency: r.currency ?? 'RUB',
    policy: ctx.policy,
  })
}

export function toBookingBody(r: Row): BookingBody {
  const start = DateTime.fromJSDate(r.starts_at, { zone: r.timezone })
  return {
    id: r.id as number,
    status: r.status as string,
    client_id: r.client_id as number,
    specialist_id: r.specialist_id as number,
    service_id: r.service_id as number,
    location_id: r.location_id as number,
    room_id: (r.room_id as number | null) ?? null,
    timezone: r.timezone,
    date: start.toISODate()!,
    time: start.toFormat('HH:mm'),
    start: start.toISO({ suppressMilliseconds: true })!,
    end: DateTime.fromJSDate(r.ends_at, { zone: r.timezone }).toISO({ suppressMilliseconds: true })!,
    duration_minutes: r.duration_minutes as number,
    break_minutes: r.break_minutes as number,
    base_price: r.base_price as number,
    price: r.price as number,
    discount_amount: r.payment_method === 'package' ? 0 : (r.base_price as number) - (r.price as number),
    payment_method: r.payment_method as string,
    client_package_id: (r.client_package_id as number | null) ?? null,
    source: r.source as string,
    out_of_hours: r.out_of_hours as boolean,
    notes: r.notes as string,
    created_at: isoInZone(r.created_at, r.timezone),
    cancellation: termsOf(r),
    settlement: settlementOf(r),
  }
}

/**
 * The body of a booking the caller's transaction has just inserted, from what it inserted: the same
 * body `body(id)` would read back, without the read.
 */
export function insertedBookingBody(
  p: InsertBookingParams,
  a: {
    timezone: string
    outOfHours: boolean
    notes: string
    createdAt: Date
    currency: string
    snapshot: PersistedBooking
  },
): BookingBody {
  return toBookingBody({
    id: p.bookingId,
    status: p.status,
    client_id: p.clientId,
    specialist_id: p.specialistId,
    service_id: p.serviceId,
    location_id: p.locationId,
    room_id: p.roomId,
    timezone: a.timezone,
    starts_at: new Date(p.startsAt),
    ends_at: new Date(p.endsAt),
    duration_minutes: p.durationMin,
    break_minutes: p.breakMin,
    base_price: p.basePrice,
    price: p.price,
    payment_method: p.paymentMethod,
    client_package_id: p.clientPackageId,
    source: p.source,
    out_of_hours: a.outOfHours,
    notes: a.notes,
    created_at: a.createdAt,
    currency: a.currency,
    // As stored: the snapshot's context through JSON, as `machine_snapshot #> '{snapshot,context}'` reads it.
    money_context: JSON.parse(JSON.stringify(a.snapshot.snapshot.context)) as MoneyContext,
  })
}

export interface BookingParties {
  id: number
  client_id: number
  specialist_id: number
  service_id: number
  status: string
}

/** A `booking_history` row as the booking machine wrote it (its event names, camelCase details). */
export interface HistoryRow {
  at: Date
  from_state: string | null
  to_state: string
  event: string
  reason: string | null
  actor_user_id: number | null
  /** The actor's name now (null: the system, or a deleted user). */
  actor_name: string | null
  data: Record<string, unknown> | null
}

export function bookingsRepository(db: Db) {
  const base = (q: Knex | Knex.Transaction) =>
    q('bookings as b')
      .join('locations as l', 'l.id', 'b.location_id')
      .select(
        ...COLUMNS,
        q.raw(`b.machine_snapshot #> '{snapshot,context}' as money_context`),
        q.raw(`${companyColumn('currency')} as currency`),
      )

  return {
    async body(id: number, trx?: Knex.Transaction): Promise<BookingBody | undefined> {
      const row = await base(trx ?? db)
        .where('b.id', id)
        .first()
      return row ? toBookingBody(row) : undefined
    },

    /** A page of the bookings the filter selects, by start, and how many it selects in all. */
    async list(
      filter: {
        clientId?: number
        specialistId?: number
        locationId?: number
        status?: string
        from?: Date
        to?: Date
        limit: number
        offset: number
      },
      trx?: Knex.Transaction,
    ): Promise<{ items: BookingBody[]; total: number }> {
      const q = trx ?? db
      const where = (b: Knex.QueryBuilder) => {
        if (filter.clientId !== undefined) b.where('b.client_id', filter.clientId)
        if (filter.specialistId !== undefined) b.where('b.specialist_id', filter.specialistId)
        if (filter.locationId !== undefined) b.where('b.location_id', filter.locationId)
        if (filter.status !== undefined) b.where('b.status', filter.status)
        if (filter.from) b.where('b.starts_at', '>=', filter.from)
        if (filter.to) b.where('b.starts_at', '<', filter.to)
        return b
      }
      const page = () =>
        where(base(q)).orderBy('b.starts_at').orderBy('b.id').limit(filter.limit).offset(filter.offset)
      const count = () => where(q('bookings as b')).count<{ n: string }[]>('* as n')
      // On the pool the two take a connection each; a transaction runs one statement at a time.
      const [rows, counted] = trx ? [await page(), await count()] : await Promise.all([page(), count()])
      return { items: rows.map(toBookingBody), total: Number(counted[0]?.n ?? 0) }
    },

    /** Whose booking it is: what deciding who may see it needs. */
    async parties(id: number): Promise<BookingParties | undefined> {
      return (await db('bookings')
        .where({ id })
        .first('id', 'client_id', 'specialist_id', 'service_id', 'status')) as BookingParties | undefined
    },

    /** The zone of the booking's location; undefined when there is no such booking. */
    async zone(id: number): Promise<string | undefined> {
      const row = await db('bookings as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .where('b.id', id)
        .first('l.timezone')
      return row?.timezone as string | undefined
    },

    /** The zone of the specialist's location, where a booking with them would be. */
    async specialistZone(specialistId: number): Promise<string | undefined> {
      const row = await db('specialists as s')
        .join('locations as l', 'l.id', 's.location_id')
        .where('s.id', specialistId)
        .first('l.timezone')
      return row?.timezone as string | undefined
    },

    /** What the booking holds in the grids: its specialist, room, busy span and zone. */
    async gridSpan(
      id: number,
    ): Promise<
      | { specialist_id: number; room_id: number | null; starts_at: Date; busy_until: Date; timezone: string }
      | undefined
    > {
      return db('bookings as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .where('b.id', id)
        .first('b.specialist_id', 'b.room_id', 'b.starts_at', 'b.busy_until', 'l.timezone')
    },

    /** The bookings an intent wrote (a chain writes several), by start. */
    async idsOfIntent(intentId: number): Promise<number[]> {
      return db('bookings').where({ intent_id: intentId }).orderBy('starts_at').pluck('id')
    },

    /** Every transition the booking machine recorded, oldest first. */
    async history(id: number): Promise<HistoryRow[]> {
      return (await db('booking_history as h')
        .leftJoin('users as u', 'u.id', 'h.actor_user_id')
        .where('h.booking_id', id)
        .orderBy('h.id')
        .select('h.*', 'u.name as actor_name')) as HistoryRow[]
    },
  }
}
