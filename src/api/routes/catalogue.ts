// The public catalogue that clients pick from: active services, the specialists who can be booked
// (active, at an active location), locations and package definitions on sale. Prices and durations
// are the ones a booking is charged and given (a specialist's own where they have one), so the
// services show their range over the specialists who perform them and each specialist their own.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type SpecialistOffer } from '../../data/offers-repository.ts'
import { createSpecialistPhotosRepository, withPhotoUrls } from '../../data/specialist-photos-repository.ts'
import { offerRange, rangeFields } from '../../domain/offer.ts'
import { errors, id, obj, list, listOf } from '../schemas/common.ts'
import { ref } from '../schemas/components.ts'

const service = ref('Service')
const specialist = ref('Specialist')
const location = ref('Location')
const servicePackage = ref('Package')

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
  const repo = app.deps.repos.setup
  const offersRepo = app.deps.repos.offers
  const photos = createSpecialistPhotosRepository(app.deps.db)

  app.get(
    '/api/services',
    {
      config: PUBLIC,
      schema: {
        operationId: 'listServices',
        tags,
        summary: 'Services that can be booked',
        description:
          'Ordered by their category (its position, then its name; services without one last), then by name.',
        response: { 200: list(service) },
      },
    },
    async () => {
      const [services, offers, categories] = await Promise.all([
        repo.listServices({ activeOnly: true }),
        offersRepo.listBookableOffers(),
        repo.listServiceCategories(),
      ])
      const byService = groupBy(offers, (o) => o.serviceId)
      // Categories come in their order: a service sorts by its category's place in that list.
      const place = new Map(categories.map((c, i) => [c.id, { i, category: c }]))
      const rank = (categoryId: number | null) =>
        categoryId === null ? categories.length : (place.get(categoryId)?.i ?? categories.length)
      const byName = new Intl.Collator('ru')
      const ordered = [...services].sort(
        (a, b) => rank(a.category_id) - rank(b.category_id) || byName.compare(a.name, b.name) || a.id - b.id,
      )
      return listOf(
        ordered.map(({ room_ids, category_id, ...s }) => ({
          ...s,
          needs_room: room_ids.length > 0,
          category: category_id === null ? null : (place.get(category_id)?.category ?? null),
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
        response: { 200: list(specialist), ...errors(422) },
      },
    },
    async (request) => {
      const { service_id: serviceId, location_id: locationId } = request.query
      const specialists = await withPhotoUrls(
        photos,
        await repo.listBookableSpecialists({ serviceId, locationId }),
      )
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
        response: { 200: list(location) },
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
        response: { 200: list(servicePackage) },
      },
    },
    async () => listOf(await repo.listPackages({ activeOnly: true })),
  )
}

export default catalogueRoutes
