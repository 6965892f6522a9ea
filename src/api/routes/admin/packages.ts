// Admin CRUD of package definitions: sellable bundles of visits, stored as composition JSON
// {"items": [{"service_id", "count"}], "valid_days"}. They change no availability, so these writes
// trigger no recalc. A package is withdrawn from sale with PATCH {"active": false}; DELETE is
// refused (409 `in_use`) once a client has bought it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { type PackageInput } from '../../../data/setup-repository.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import { errors, id, idParams, money, obj, list, listOf } from '../../schemas/common.ts'
import { ADMIN, label, refuseNulCharacters } from './shared.ts'

const count = Type.Integer({ minimum: 1, maximum: 1000 })
const item = obj({ service_id: id, count }, ['service_id', 'count'])

export const packageOutput = obj(
  {
    id,
    name: Type.String(),
    items: Type.Array(item),
    valid_days: Type.Integer(),
    price: Type.Integer({ description: 'Minor units (kopecks).' }),
    active: Type.Boolean(),
  },
  ['id', 'name', 'items', 'valid_days', 'price', 'active'],
)

const fields = {
  name: label,
  items: Type.Array(item, { minItems: 1, maxItems: 50 }),
  valid_days: Type.Integer({
    minimum: 1,
    maximum: 3650,
    description: 'Days from purchase until it expires.',
  }),
  price: { ...money, description: 'Minor units (kopecks).' },
  active: Type.Boolean(),
} as const

const deleted = obj({ id, deleted: Type.Boolean() }, ['id', 'deleted'])

const tags = ['admin: packages']

/** Each service once per package: two lines for one service would be ambiguous to consume. */
function checkItems(items: PackageInput['items'] | undefined) {
  if (!items) return
  const seen = new Set<number>()
  for (const { service_id } of items) {
    if (seen.has(service_id))
      throw invalid(`Service ${service_id} is listed twice; give it once with the total count.`)
    seen.add(service_id)
  }
}

const adminPackageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)

  app.get(
    '/packages',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListPackages',
        tags,
        summary: 'All package definitions, inactive ones included',
        response: {
          200: list(packageOutput),
          ...errors(401, 403),
        },
      },
    },
    async () => listOf(await repo.listPackages()),
  )

  app.get(
    '/packages/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetPackage',
        tags,
        params: idParams,
        response: { 200: packageOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getPackage(request.params.id)
      if (!row) throw notFound(`Package ${request.params.id}`)
      return row
    },
  )

  app.post(
    '/packages',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreatePackage',
        tags,
        body: obj(fields, ['name', 'items', 'valid_days', 'price']),
        response: { 201: packageOutput, ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      checkItems(request.body.items)
      return reply.code(201).send(await repo.createPackage(request.body))
    },
  )

  app.patch(
    '/packages/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdatePackage',
        tags,
        description:
          'Changes the given fields; packages clients already bought keep what they bought. ' +
          '{"active": false} withdraws it from sale.',
        params: idParams,
        body: { ...obj(fields), minProperties: 1 },
        response: { 200: packageOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      checkItems(request.body.items)
      const row = await repo.updatePackage(request.params.id, request.body)
      if (!row) throw notFound(`Package ${request.params.id}`)
      return row
    },
  )

  app.delete(
    '/packages/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeletePackage',
        tags,
        description:
          'Deletes a package nobody bought; otherwise 409 `in_use`: withdraw it with PATCH {"active": false}.',
        params: idParams,
        response: { 200: deleted, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const row = await repo.deletePackage(request.params.id)
      if (!row) throw notFound(`Package ${request.params.id}`)
      return { id: row.id, deleted: true }
    },
  )
}

export default adminPackageRoutes
