// Admin CRUD of service categories, the groups the client site lists services in («Стрижки»,
// «Окрашивание»…). A service names its category with `category_id` (admin services routes); a
// category that services still name cannot be deleted (409 `in_use`: move them first). Categories
// change no availability, so these writes answer no recalc.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { notFound } from '../../../domain/errors.ts'
import { errors, id, idParams, list, listOf, obj, patchOf } from '../../schemas/common.ts'
import { ref } from '../../schemas/components.ts'
import { ADMIN, label, refuseNulCharacters } from './shared.ts'

const category = ref('ServiceCategory')

const fields = {
  name: label,
  position: Type.Integer({
    minimum: -1_000_000,
    maximum: 1_000_000,
    description: 'Categories are listed by position, then by name; 0 when left out.',
  }),
}

const tags = ['admin: services']

const adminServiceCategoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  refuseNulCharacters(app)

  app.get(
    '/service-categories',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListServiceCategories',
        tags,
        summary: 'All service categories, by position then name',
        response: { 200: list(category), ...errors(401, 403) },
      },
    },
    async () => listOf(await repo.listServiceCategories()),
  )

  app.post(
    '/service-categories',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateServiceCategory',
        tags,
        body: obj(fields, ['name']),
        response: { 201: category, ...errors(401, 403, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await repo.createServiceCategory(request.body)),
  )

  app.patch(
    '/service-categories/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateServiceCategory',
        tags,
        summary: 'Renames or moves a category',
        params: idParams,
        body: patchOf(obj(fields)),
        response: { 200: category, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.updateServiceCategory(request.params.id, request.body)
      if (!row) throw notFound(`Service category ${request.params.id}`)
      return row
    },
  )

  app.delete(
    '/service-categories/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteServiceCategory',
        tags,
        description:
          'Deletes a category no service names; otherwise 409 `in_use`: move its services to another ' +
          'category (or to none, `category_id: null`) first.',
        params: idParams,
        response: {
          200: obj({ id, deleted: Type.Boolean() }, ['id', 'deleted']),
          ...errors(401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      const row = await repo.deleteServiceCategory(request.params.id)
      if (!row) throw notFound(`Service category ${request.params.id}`)
      return { id: row.id, deleted: true }
    },
  )
}

export default adminServiceCategoryRoutes
