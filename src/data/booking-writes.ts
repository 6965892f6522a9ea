// The worker's booking writes besides the machine's effects (booking-effects.ts), each inside the
// caller's transaction: the specialist and service a new booking is checked against (with its id and what pricing needs), the
// stored booking a lifecycle intent locks, and the grid version bumps that tell the slot cache its
// grids are stale. Plain Knex, one statement each (docs/architecture.md, "Where queries go").
import type { Knex } from 'knex'
import type { PersistedBooking } from '../machines/index.ts'
import type { PersonalDiscount } from '../domain/pricing.ts'
import { applyDbEffects } from './booking-effects.ts'
import { COMPANY_JSON, companyFactsOf, type CompanyFacts } from './company-repository.ts'
import { DESCRIBED_PEOPLE_COLUMNS, type DescribedBookingRow } from './outbox-repository.ts'
import { prepared } from './prepared.ts'
import type { WriteBatch } from './write-batch.ts'

/** What booking a service with a specialist needs to know of both (the specialist's own terms first). */
export interface BookableSpecialist {
  id: number
  active: boolean
  location_id: number
  timezone: string
  /** The service's id when the specialist performs it, else null. */
  performs: number | null
  own_price: number | null
  own_duration: number | null
  price: number
  duration_minutes: number
  break_minutes: number
  service_active: boolean
  service_name: string
  /** The active rooms of the specialist's location the service may take, by id. */
  room_ids: number[]
  /** Whether the service needs a room at all (it lists rooms, open here or not). */
  needs_room: boolean
  /** The company's facts and settings, read in the same statement. */
  company: CompanyFacts
  /** The id the new booking will have (the machine's snapshot names it before the row exists). */
  next_booking_id: number
  /** The client's active personal discounts (as `personalDiscounts` reads them). */
  discounts: PersonalDiscount[]
  /** The client's package with a visit of the service left at the start (as `packageVisitFor`). */
  package_visit: number | null
  /** The transaction's time: what PostgreSQL gives the new booking's created_at. */
  txn_now: Date
  location_name: string
  location_address: string
  /** The specialist's and the client's user columns a notification names (`su_*`, `cu_*`). */
  people: Pick<DescribedBookingRow, `${'su' | 'cu'}_${(typeof DESCRIBED_PEOPLE_COLUMNS)[number]}`>
}

/** A stored booking under its row lock, with its location's zone. */
export interface LockedBooking {
  id: number
  client_id: number
  specialist_id: number
  service_id: number
  location_id: number
  room_id: number | null
  status: string
  starts_at: Date
  busy_until: Date
  duration_minutes: number
  break_minutes: number
  machine_snapshot: PersistedBooking
  timezone: string
  [column: string]: unknown
}

export const bookingWrites = {
  /**
   * The specialist with their location and their terms for the service, the rooms it may take there,
   * the company's settings, the client's discounts and package visit, the people a notification
   * names, the transaction's time and the new booking's id, in one (prepared) statement;
   * undefined: no such specialist or service. (A refused booking leaves a gap in the ids.)
   */
  async bookableSpecialist(
    trx: Knex.Transaction,
    specialistId: number,
    serviceId: number,
    clientId: number,
    startsAt: string,
  ): Promise<BookableSpecialist | undefined> {
    const row = await prepared(
      trx('specialists as s')
        .join('locations as l', 'l.id', 's.location_id')
        .join('users as su', 'su.id', 's.user_id')
        .leftJoin('users as cu', 'cu.id', trx.raw('?', [clientId]))
        .leftJoin('specialist_services as ss', (j) =>
          j.on('ss.specialist_id', 's.id').andOnVal('ss.service_id', serviceId),
        )
        .join('services as sv', 'sv.id', trx.raw('?', [serviceId]))
        .where('s.id', specialistId)
        .first(
          's.id',
          's.active',
          's.location_id',
          'l.timezone',
          'ss.service_id as performs',
          'ss.price as own_price',
          'ss.duration_minutes as own_duration',
          'sv.price',
          'sv.duration_minutes',
          'sv.break_minutes',
          'sv.active as service_active',
          'sv.name as service_name',
          trx.raw(
            `array(select r.id from service_rooms sr join rooms r on r.id = sr.room_id
                  where sr.service_id = sv.id and r.location_id = s.location_id and r.active
                  order by r.id) as room_ids`,
          ),
          trx.raw('exists(select 1 from service_rooms sr where sr.service_id = sv.id) as needs_room'),
          trx.raw(`${COMPANY_JSON} as company`),
          trx.raw(
            `(select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'value', d.value,
              'service_id', d.service_id, 'valid_from', d.valid_from, 'valid_to', d.valid_to) order by d.id), '[]')
              from client_discounts d where d.client_id = ? and d.active) as discounts`,
            [clientId],
          ),
          trx.raw(
            `(select cp.id from client_package_items i join client_packages cp on cp.id = i.client_package_id
             where cp.client_id = ? and i.service_id = sv.id and i.remaining > 0 and cp.expires_at > ?
             order by cp.expires_at, cp.id limit 1) as package_visit`,
            [clientId, new Date(Date.parse(startsAt))],
          ),
          trx.raw(`nextval(pg_get_serial_sequence('bookings', 'id')) as next_booking_id`),
          trx.raw('now() as txn_now'),
          'l.name as location_name',
          'l.address as location_address',
          ...DESCRIBED_PEOPLE_COLUMNS.flatMap((c) => [`su.${c} as su_${c}`, `cu.${c} as cu_${c}`]),
        ),
    )
    if (!row) return undefined
    const people = Object.fromEntries(
      DESCRIBED_PEOPLE_COLUMNS.flatMap((c) => [`su_${c}`, `cu_${c}`].map((k) => [k, row[k]])),
    ) as BookableSpecialist['people']
    const discounts = (row.discounts as Record<string, unknown>[]).map((d) => ({
      ...d,
      // As the driver gives a timestamptz: a Date.
      valid_from: d.valid_from === null ? null : new Date(d.valid_from as string),
      valid_to: d.valid_to === null ? null : new Date(d.valid_to as string),
    })) as PersonalDiscount[]
    return {
      ...row,
      company: companyFactsOf(row.company),
      discounts,
      next_booking_id: Number(row.next_booking_id),
      people,
    }
  },

  /** The booking with its zone, locked for the rest of the transaction; undefined when there is none. */
  async lockBooking(trx: Knex.Transaction, bookingId: number): Promise<LockedBooking | undefined> {
    return trx('bookings as b')
      .join('locations as l', 'l.id', 'b.location_id')
      .where('b.id', bookingId)
      .forUpdate('b')
      .first('b.*', 'l.timezone')
  },

  /**
   * Marks the grids of the specialist and the rooms stale (the slot cache compares versions); returns
   * the versions they have now (the specialist's, and each room's by id).
   */
  async bumpGridVersions(
    trx: Knex.Transaction,
    specialistId: number,
    roomIds: readonly (number | null)[],
  ): Promise<{ specialist: number | undefined; rooms: Map<number, number> }> {
    const [specialist] = await trx('specialists')
      .where({ id: specialistId })
      .increment('grid_version', 1)
      .returning('grid_version')
    const rooms = roomIds.filter((r): r is number => r !== null)
    const bumped = rooms.length
      ? await trx('rooms').whereIn('id', rooms).increment('grid_version', 1).returning(['id', 'grid_version'])
      : []
    return {
      specialist: specialist === undefined ? undefined : Number(specialist.grid_version),
      rooms: new Map(bumped.map((r: { id: number; grid_version: number }) => [r.id, Number(r.grid_version)])),
    }
  },

  /**
   * `bumpGridVersions` as writes of the caller's batch: the new versions come back from its flush
   * under `specialist_version` and `room_versions` (read them with `bumpedVersions`).
   */
  bumpGridVersionsIn(
    batch: WriteBatch,
    trx: Knex.Transaction,
    specialistId: number,
    roomIds: readonly (number | null)[],
  ): void {
    batch.add(
      trx('specialists').where({ id: specialistId }).increment('grid_version', 1).returning('grid_version'),
      'specialist_version',
    )
    const rooms = roomIds.filter((r): r is number => r !== null)
    if (rooms.length)
      batch.add(
        trx('rooms').whereIn('id', rooms).increment('grid_version', 1).returning(['id', 'grid_version']),
        'room_versions',
      )
  },

  /** The versions a flushed `bumpGridVersionsIn` left, as `bumpGridVersions` returns them. */
  bumpedVersions(flushed: Record<string, Record<string, unknown>[]>): {
    specialist: number | undefined
    rooms: Map<number, number>
  } {
    const specialist = flushed.specialist_version?.[0]
    return {
      specialist: specialist === undefined ? undefined : Number(specialist.grid_version),
      rooms: new Map((flushed.room_versions ?? []).map((r) => [Number(r.id), Number(r.grid_version)])),
    }
  },

  /** The booking machine's `db` effects (booking-effects.ts); returns the ones for after the commit. */
  applyEffects: applyDbEffects,
}

export type BookingWrites = typeof bookingWrites
