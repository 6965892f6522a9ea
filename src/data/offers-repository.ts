// What each bookable specialist charges for each service and how long it takes there: the rows
// behind the prices and durations the public catalogue shows. "Bookable" is what the public
// catalogue and the slot layer mean by it: an active specialist at an active location, an active
// service.
import type { Knex } from 'knex'
import { offerOf, type Offer } from '../domain/offer.ts'

export interface SpecialistOffer extends Offer {
  specialistId: number
  serviceId: number
  locationId: number
}

export function createOffersRepository(db: Knex) {
  return {
    /** Every bookable (specialist, service) pair with the terms that apply to it. */
    async listBookableOffers(
      opts: { serviceId?: number; specialistIds?: readonly number[] } = {},
      trx?: Knex,
    ): Promise<SpecialistOffer[]> {
      const q = (trx ?? db)('specialist_services as ss')
        .join('specialists as s', 's.id', 'ss.specialist_id')
        .join('locations as l', 'l.id', 's.location_id')
        .join('services as sv', 'sv.id', 'ss.service_id')
        .where({ 's.active': true, 'l.active': true, 'sv.active': true })
        .select(
          'ss.specialist_id',
          'ss.service_id',
          's.location_id',
          'ss.price as own_price',
          'ss.duration_minutes as own_duration',
          'sv.price',
          'sv.duration_minutes',
        )
        .orderBy(['ss.service_id', 'ss.specialist_id'])
      if (opts.serviceId !== undefined) q.where('ss.service_id', opts.serviceId)
      if (opts.specialistIds !== undefined) q.whereIn('ss.specialist_id', [...opts.specialistIds])
      const rows = await q
      return rows.map((r) => ({
        specialistId: r.specialist_id,
        serviceId: r.service_id,
        locationId: r.location_id,
        ...offerOf(
          { price: r.price, durationMinutes: r.duration_minutes },
          { price: r.own_price, durationMinutes: r.own_duration },
        ),
      }))
    },
  }
}
