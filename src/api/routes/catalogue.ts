// The public catalogue that clients pick from: active services, the specialists who can be booked
// (active, at an active location), locations and package definitions on sale.
import type { FastifyInstance } from 'fastify'
import { createCatalogueRepository } from '../../data/catalogue-repository.ts'
import { errors, id, obj } from '../schemas/common.ts'

const serviceOutput = obj(
  {
    id,
    name: { type: 'string' },
    description: { type: 'string' },
    duration_minutes: { type: 'integer' },
    break_minutes: { type: 'integer' },
    price: { type: 'integer', description: 'Minor units (kopecks).' },
    needs_room: { type: 'boolean' },
  },
  ['id', 'name', 'description', 'duration_minutes', 'break_minutes', 'price', 'needs_room'],
)

const specialistOutput = obj(
  {
    id,
    name: { type: 'string' },
    title: { type: 'string' },
    location_id: id,
    service_ids: { type: 'array', items: id },
  },
  ['id', 'name', 'title', 'location_id', 'service_ids'],
)

const locationOutput = obj(
  { id, name: { type: 'string' }, address: { type: 'string' }, timezone: { type: 'string' } },
  ['id', 'name', 'address', 'timezone'],
)

const packageOutput = obj(
  {
    id,
    name: { type: 'string' },
    items: {
      type: 'array',
      items: obj({ service_id: id, count: { type: 'integer' } }, ['service_id', 'count']),
    },
    valid_days: { type: 'integer' },
    price: { type: 'integer', description: 'Minor units (kopecks).' },
  },
  ['id', 'name', 'items', 'valid_days', 'price'],
)

const list = <S>(items: S) => obj({ items: { type: 'array', items } }, ['items'])

const tags = ['catalogue']
const PUBLIC = { access: 'public' } as const

export default async function catalogueRoutes(app: FastifyInstance) {
  const repo = createCatalogueRepository(app.deps.db)

  app.get(
    '/api/services',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'Services that can be booked',
        response: { 200: list(serviceOutput) },
      },
    },
    async () => {
      const services = await repo.listServices({ activeOnly: true })
      return { items: services.map(({ room_ids, ...s }) => ({ ...s, needs_room: room_ids.length > 0 })) }
    },
  )

  app.get<{ Querystring: { service_id?: number; location_id?: number } }>(
    '/api/specialists',
    {
      config: PUBLIC,
      schema: {
        tags,
        summary: 'Specialists who can be booked, optionally for a service and at a location',
        querystring: obj({ service_id: id, location_id: id }),
        response: { 200: list(specialistOutput), ...errors(422) },
      },
    },
    async (request) => ({
      items: await repo.listBookableSpecialists({
        serviceId: request.query.service_id,
        locationId: request.query.location_id,
      }),
    }),
  )

  app.get(
    '/api/locations',
    {
      config: PUBLIC,
      schema: { tags, summary: 'Open locations', response: { 200: list(locationOutput) } },
    },
    async () => ({ items: await repo.listLocations({ activeOnly: true }) }),
  )

  app.get(
    '/api/packages',
    {
      config: PUBLIC,
      schema: { tags, summary: 'Packages on sale', response: { 200: list(packageOutput) } },
    },
    async () => ({ items: await repo.listPackages({ activeOnly: true }) }),
  )
}
