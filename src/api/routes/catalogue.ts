// The public catalogue that clients pick from: active services, the specialists who can be booked
// (active, at an active location), locations and package definitions on sale. Prices and durations
// are the ones a booking is charged and given (a specialist's own where they have one), so the
// services show their range over the specialists who perform them and each specialist their own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { createSetupRepository } from '../../data/setup-repository.ts'
import { createOffersRepository, type SpecialistOffer } from '../../data/offers-repository.ts'
import { offerRange, rangeFields } from '../../domain/offer.ts'
import { errors, id, obj, list, listOf } from '../schemas/common.ts'

/** The price and duration that apply to a booking, as charged. */
const terms = {
  price: Type.Integer({ description: 'Minor units (kopecks), as charged.' }),
  duration_minutes: Type.Integer(),
} as const

/** The lowest and highest price and duration over the specialists who can be booked for it. */
const rangeSchema = {
  price_from: Type.Integer({
    description: 'Lowest price that applies (minor units): show "from" when below price_to.',
  }),
  price_to: Type.Integer({ description: 'Highest price that applies (minor units).' }),
  duration_minutes_from: Type.Integer(),
  duration_minutes_to: Type.Integer(),
} as const
const RANGE_FIELDS = Object.keys(rangeSchema) as (keyof typeof rangeSchema)[]

const serviceOutput = obj(
  {
    id,
    name: Type.String(),
    description: Type.String(),
    duration_minutes: Type.Integer({
      description: "The service's standard duration; a specialist may have their own (see the range).",
    }),
    break_minutes: Type.Integer(),
    price: Type.Integer({
      description: "The service's standard price in minor units; a specialist may charge their own.",
    }),
    needs_room: Type.Boolean(),
    ...rangeSchema,
  },
  ['id', 'name', 'description', 'duration_minutes', 'break_minutes', 'price', 'needs_room', ...RANGE_FIELDS],
)

const specialistOutput = obj(
  {
    id,
    name: Type.String(),
    title: Type.String(),
    location_id: id,
    service_ids: Type.Array(id),
    services: Type.Array(obj({ service_id: id, ...terms }, ['service_id', 'price', 'duration_minutes']), {
      description: 'What this specialist charges for each service and how long it takes with them.',
    }),
    price: { ...terms.price, description: 'With service_id: the price of that service here (minor units).' },
    duration_minutes: { ...terms.duration_minutes, description: 'With service_id: its duration here.' },
  },
  ['id', 'name', 'title', 'location_id', 'service_ids', 'services'],
)

const locationOutput = obj({ id, name: Type.String(), address: Type.String(), timezone: Type.String() }, [
  'id',
  'name',
  'address',
  'timezone',
])

const packageOutput = obj(
  {
    id,
    name: Type.String(),
    items: Type.Array(obj({ service_id: id, count: Type.Integer() }, ['service_id', 'count'])),
    valid_days: Type.Integer(),
    price: Type.Integer({ description: 'Minor units (kopecks).' }),
  },
  ['id', 'name', 'items', 'valid_days', 'price'],
)

function groupBy(offers: SpecialistOffer[], key: (o: SpecialistOffer) => number) {
  const groups = new Map<number, SpecialistOffer[]>()
  for (const o of offers) {
    const list = groups.get(key(o))
    if (list) list.push(o)
    else groups.set(key(o), [o])
  }
  return groups
}

const tags = ['catalogue']
const PUBLIC = { access: 'public' } as const

const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = createSetupRepository(app.deps.db)
  const offersRepo = createOffersRepository(app.deps.db)

  app.get(
    '/api/services',
    {
      config: PUBLIC,
      schema: {
        operationId: 'listServices',
        tags,
        summary: 'Services that can be booked',
        response: { 200: list(serviceOutput) },
      },
    },
    async () => {
      const [services, offers] = await Promise.all([
        repo.listServices({ activeOnly: true }),
        offersRepo.listBookableOffers(),
      ])
      const byService = groupBy(offers, (o) => o.serviceId)
      return listOf(
        services.map(({ room_ids, ...s }) => ({
          ...s,
          needs_room: room_ids.length > 0,
          ...rangeFields(
            offerRange(byService.get(s.id) ?? [], { price: s.price, durationMinutes: s.duration_minutes }),
          ),
        })),
      )
    },
  )

  app.get(
    '/api/specialists',
    {
      config: PUBLIC,
      schema: {
        operationId: 'listSpecialists',
        tags,
        summary: 'Specialists who can be booked, optionally for a service and at a location',
        querystring: obj({ service_id: id, location_id: id }),
        response: { 200: list(specialistOutput), ...errors(422) },
      },
    },
    async (request) => {
      const { service_id: serviceId, location_id: locationId } = request.query
      const specialists = await repo.listBookableSpecialists({ serviceId, locationId })
      const offers = groupBy(
        await offersRepo.listBookableOffers({ specialistIds: specialists.map((s) => s.id) }),
        (o) => o.specialistId,
      )
      return listOf(
        specialists.map((s) => {
          const own = offers.get(s.id) ?? []
          const chosen = own.find((o) => o.serviceId === serviceId)
          return {
            ...s,
            services: own.map((o) => ({
              service_id: o.serviceId,
              price: o.price,
              duration_minutes: o.durationMinutes,
            })),
            ...(chosen && { price: chosen.price, duration_minutes: chosen.durationMinutes }),
          }
        }),
      )
    },
  )

  app.get(
    '/api/locations',
    {
      config: PUBLIC,
      schema: {
        operationId: 'listLocations',
        tags,
        summary: 'Open locations',
        response: { 200: list(locationOutput) },
      },
    },
    async () => listOf(await repo.listLocations({ activeOnly: true })),
  )

  app.get(
    '/api/packages',
    {
      config: PUBLIC,
      schema: {
        operationId: 'listPackages',
        tags,
        summary: 'Packages on sale',
        response: { 200: list(packageOutput) },
      },
    },
    async () => listOf(await repo.listPackages({ activeOnly: true })),
  )
}

export default catalogueRoutes
