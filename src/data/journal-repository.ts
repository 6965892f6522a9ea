// What the admin journal (GET /api/admin/journal) reads: a location, its active specialists, the
// specialists' own blocked time, and the bookings of a period with the facts a block shows. Local
// dates and wall times are computed in SQL in the location's zone, so the panel never converts.
import type { Db } from './db.ts'

export interface JournalLocation {
  id: number
  name: string
  timezone: string
}

export interface JournalSpecialist {
  id: number
  name: string
}

export interface JournalBlock {
  specialist_id: number
  date_from: string
  date_to: string
  kind: 'closed' | 'blocked'
  intervals: [string, string][]
  reason: string
}

export interface JournalBooking {
  id: number
  specialist_id: number
  date: string
  time: string
  end_date: string
  end_time: string
  duration_minutes: number
  status: 'requested' | 'confirmed' | 'completed' | 'cancelled' | 'no_show' | 'rejected'
  client_id: number
  client_name: string
  client_phone: string | null
  service_id: number
  service_name: string
  price: number
  payment_method: 'package' | 'wallet' | 'on_site'
  out_of_hours: boolean
  client_package_id: number | null
  chain_id: string | null
}

export function journalRepository(db: Db) {
  return {
    async location(id: number): Promise<JournalLocation | undefined> {
      return db('locations').where({ id }).first('id', 'name', 'timezone')
    },

    /** The location's active specialists, in the order the journal shows them: by name, then id. */
    async specialists(locationId: number): Promise<JournalSpecialist[]> {
      return db('specialists as s')
        .join('users as u', 'u.id', 's.user_id')
        .where({ 's.location_id': locationId, 's.active': true })
        .orderBy([{ column: 'u.name' }, { column: 's.id' }])
        .select('s.id', 'u.name')
    },

    /** The specialists' own closed days and blocked intervals overlapping the local dates from..to. */
    async blocks(specialistIds: number[], from: string, to: string): Promise<JournalBlock[]> {
      if (!specialistIds.length) return []
      const rows = await db('calendar_overrides')
        .whereIn('specialist_id', specialistIds)
        .whereIn('kind', ['closed', 'blocked'])
        .where('date_from', '<=', to)
        .where('date_to', '>=', from)
        .orderBy(['specialist_id', 'date_from', 'id'])
        .select(
          'specialist_id',
          db.raw(`to_char(date_from, 'YYYY-MM-DD') as date_from`),
          db.raw(`to_char(date_to, 'YYYY-MM-DD') as date_to`),
          'kind',
          'intervals',
          'reason',
        )
      return rows.map((r) => ({ ...r, intervals: r.intervals ?? [], reason: r.reason ?? '' }))
    },

    /**
     * The location's bookings that start on the local dates from..to (cancelled and rejected ones
     * too: the journal shows them struck through), with local start and end in the location's zone.
     */
    async bookings(locationId: number, from: string, to: string): Promise<JournalBooking[]> {
      const rows = await db('bookings as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .join('users as c', 'c.id', 'b.client_id')
        .join('services as sv', 'sv.id', 'b.service_id')
        .where('b.location_id', locationId)
        .whereRaw(`(b.starts_at AT TIME ZONE l.timezone)::date BETWEEN ?::date AND ?::date`, [from, to])
        .orderBy([{ column: 'b.starts_at' }, { column: 'b.id' }])
        .select(
          'b.id',
          'b.specialist_id',
          db.raw(`to_char(b.starts_at AT TIME ZONE l.timezone, 'YYYY-MM-DD') as date`),
          db.raw(`to_char(b.starts_at AT TIME ZONE l.timezone, 'HH24:MI') as time`),
          db.raw(`to_char(b.ends_at AT TIME ZONE l.timezone, 'YYYY-MM-DD') as end_date`),
          db.raw(`to_char(b.ends_at AT TIME ZONE l.timezone, 'HH24:MI') as end_time`),
          'b.duration_minutes',
          'b.status',
          'b.client_id',
          'c.name as client_name',
          'c.phone as client_phone',
          'b.service_id',
          'sv.name as service_name',
          'b.price',
          'b.payment_method',
          'b.out_of_hours',
          'b.client_package_id',
          'b.chain_id',
        )
      return rows.map((r) => ({ ...r, price: Number(r.price), client_name: r.client_name ?? '' }))
    },
  }
}

export type JournalRepository = ReturnType<typeof journalRepository>
