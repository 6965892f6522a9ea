// Admin CRUD of specialists, their weekly schedules and the services they perform. A specialist
// is made from an existing user or together with a new one, and the user gets the 'specialist'
// role. A specialist is retired with PATCH {"active": false}; DELETE is refused (409 `in_use`)
// once they have bookings.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type SpecialistPatch, type SpecialistServiceRow } from '../../../data/setup-repository.ts'
import { Type } from 'typebox'
import { guardHours, type OnConflict } from '../../../data/schedule-conflicts.ts'
import type { SetupChange } from '../../../domain/changes.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import {
  createSpecialistPhotosRepository,
  withPhotoUrls,
} from '../../../data/specialist-photos-repository.ts'
import { errors, id, idParams, money, obj, list, listOf, nullable } from '../../schemas/common.ts'
import {
  ADMIN,
  changed,
  checkEmail,
  checkPhone,
  checkSchedule,
  deletedOutput,
  email,
  label,
  onConflictInput,
  phone,
  recalcAfter,
  refuseNulCharacters,
  scheduleInput,
  scheduleOutput,
  withHoursOutcome,
  withRecalc,
} from './shared.ts'

const duration = Type.Integer({ minimum: 1, maximum: 1440 })

const specialistServiceOutput = obj(
  {
    service_id: id,
    price: nullable(Type.Integer({ description: "The specialist's own price; null: the service's." })),
    duration_minutes: nullable(
      Type.Integer({ description: "The specialist's own duration; null: the service's." }),
    ),
  },
  ['service_id', 'price', 'duration_minutes'],
)

export const specialistOutput = obj(
  {
    id,
    user_id: id,
    name: Type.String(),
    phone: nullable(Type.String()),
    email: nullable(Type.String()),
    location_id: id,
    title: Type.String(),
    work_schedule: scheduleOutput,
    active: Type.Boolean(),
    services: Type.Array(specialistServiceOutput),
    photo_url: nullable(
      Type.String({ description: 'Their photo (PUT /api/admin/specialists/{id}/photo); null: none.' }),
    ),
  },
  [
    'id',
    'user_id',
    'name',
    'phone',
    'email',
    'location_id',
    'title',
    'work_schedule',
    'active',
    'services',
    'photo_url',
  ],
)

const title = Type.String({ maxLength: 200 })

const tags = ['admin: specialists']

const adminSpecialistRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.setup
  const photos = createSpecialistPhotosRepository(app.deps.db)
  /** The specialist with their photo's URL, as every answer here gives them. */
  const withPhoto = async <T extends { id: number }>(row: T) => (await withPhotoUrls(photos, [row]))[0]!
  refuseNulCharacters(app)

  const scheduleChange = (specialistId: number): SetupChange[] => [
    { kind: 'specialist_schedule', specialistId },
  ]

  /**
   * Applies a patch in one transaction with the check of upcoming bookings that new hours (or a
   * new location, whose hours and zone then apply) may leave outside working time.
   */
  async function change(id: number, patch: SpecialistPatch, onConflict: OnConflict | undefined) {
    return app.deps.db.transaction(async (trx) => {
      const updated = await repo.updateSpecialist(id, patch, trx)
      if (!updated) throw notFound(`Specialist ${id}`)
      const { before, after } = updated
      const hoursChanged = changed(before, patch, 'work_schedule') || changed(before, patch, 'location_id')
      const bookings_outside_hours = hoursChanged
        ? await guardHours(trx, { specialistId: id }, onConflict)
        : []
      return { before, after, bookings_outside_hours }
    })
  }

  app.get(
    '/specialists',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListSpecialists',
        tags,
        summary: 'All specialists, inactive ones included, optionally filtered',
        querystring: obj({ location_id: id, service_id: id, active: Type.Boolean() }),
        response: {
          200: list(specialistOutput),
          ...errors(401, 403, 422),
        },
      },
    },
    async (request) => {
      const { location_id, service_id, active } = request.query
      const items = await repo.listSpecialists({ locationId: location_id, serviceId: service_id })
      return listOf(
        await withPhotoUrls(photos, active === undefined ? items : items.filter((s) => s.active === active)),
      )
    },
  )

  app.get(
    '/specialists/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetSpecialist',
        tags,
        params: idParams,
        response: { 200: specialistOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getSpecialist(request.params.id)
      if (!row) throw notFound(`Specialist ${request.params.id}`)
      return withPhoto(row)
    },
  )

  app.post(
    '/specialists',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateSpecialist',
        tags,
        description:
          'Give `user_id` to make an existing user a specialist, or `name` (with `phone`/`email`) to create ' +
          'the user too. The user gets the "specialist" role.',
        body: obj(
          {
            user_id: id,
            name: label,
            phone,
            email,
            location_id: id,
            title,
            work_schedule: scheduleInput,
            active: Type.Boolean(),
          },
          ['location_id'],
        ),
        response: { 201: withRecalc(specialistOutput), ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { user_id, name, phone: tel, email: mail, work_schedule, ...rest } = request.body
      if ((user_id === undefined) === (name === undefined)) {
        throw invalid('Give either user_id (an existing user) or name (a new user), not both.')
      }
      if (user_id !== undefined && (tel !== undefined || mail !== undefined)) {
        throw invalid('phone and email describe a new user: give them with name, not with user_id.')
      }
      const row = await repo.createSpecialist({
        ...rest,
        ...(user_id !== undefined && { user_id }),
        ...(name !== undefined && {
          user: {
            name,
            phone: tel === undefined ? null : checkPhone(tel),
            email: mail === undefined ? null : checkEmail(mail),
          },
        }),
        ...(work_schedule !== undefined && { work_schedule: checkSchedule(work_schedule) }),
      })
      const recalc = await recalcAfter(app, request, scheduleChange(row.id))
      return reply.code(201).send({ ...(await withPhoto(row)), recalc })
    },
  )

  app.patch(
    '/specialists/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateSpecialist',
        tags,
        description:
          'Changes the given fields (name, phone and email are the user\'s). {"active": false} retires the ' +
          'specialist (soft delete): no new slots are offered, existing bookings stay. New hours (or a new ' +
          'location) are checked against upcoming bookings first (see on_conflict).',
        params: idParams,
        body: {
          ...obj({
            name: label,
            phone: nullable(phone),
            email: nullable(email),
            location_id: id,
            title,
            work_schedule: scheduleInput,
            active: Type.Boolean(),
            on_conflict: onConflictInput,
          }),
          minProperties: 1,
        },
        response: { 200: withHoursOutcome(specialistOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { name, phone: tel, email: mail, work_schedule, on_conflict, ...own } = request.body
      if (Object.keys(request.body).every((k) => k === 'on_conflict')) {
        throw invalid('Give at least one field of the specialist to change.')
      }
      const patch: SpecialistPatch = {
        ...own,
        ...(work_schedule !== undefined && { work_schedule: checkSchedule(work_schedule) }),
        user: {
          ...(name !== undefined && { name }),
          ...(tel !== undefined && { phone: tel === null ? null : checkPhone(tel) }),
          ...(mail !== undefined && { email: mail === null ? null : checkEmail(mail) }),
        },
      }
      const { before, after, bookings_outside_hours } = await change(request.params.id, patch, on_conflict)
      const affectsGrids = (['location_id', 'work_schedule', 'active'] as const).some((k) =>
        changed(before, patch, k),
      )
      const recalc = affectsGrids ? await recalcAfter(app, request, scheduleChange(after.id)) : null
      return { ...(await withPhoto(after)), recalc, bookings_outside_hours }
    },
  )

  app.put(
    '/specialists/:id/schedule',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminSetSpecialistSchedule',
        tags,
        summary: "Replaces the specialist's weekly schedule",
        description:
          'Upcoming bookings the new hours leave outside working time: 409 `bookings_outside_hours`, unless ' +
          'on_conflict is "keep".',
        params: idParams,
        body: obj({ work_schedule: scheduleInput, on_conflict: onConflictInput }, ['work_schedule']),
        response: { 200: withHoursOutcome(specialistOutput), ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const work_schedule = checkSchedule(request.body.work_schedule)
      const { before, after, bookings_outside_hours } = await change(
        request.params.id,
        { work_schedule },
        request.body.on_conflict,
      )
      const recalc = changed(before, { work_schedule }, 'work_schedule')
        ? await recalcAfter(app, request, scheduleChange(request.params.id))
        : null
      return { ...(await withPhoto(after)), recalc, bookings_outside_hours }
    },
  )

  app.put(
    '/specialists/:id/services',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminSetSpecialistServices',
        tags,
        summary: 'Replaces the services the specialist performs',
        description: 'price and duration_minutes, left out or null, are the service’s own.',
        params: idParams,
        body: obj(
          {
            services: Type.Array(
              obj({ service_id: id, price: nullable(money), duration_minutes: nullable(duration) }, [
                'service_id',
              ]),
              { maxItems: 500 },
            ),
          },
          ['services'],
        ),
        response: { 200: withRecalc(specialistOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const services: SpecialistServiceRow[] = request.body.services
        .map((s) => ({
          service_id: s.service_id!,
          price: s.price ?? null,
          duration_minutes: s.duration_minutes ?? null,
        }))
        .sort((a, b) => a.service_id - b.service_id)
      services.forEach((s, i) => {
        if (i > 0 && services[i - 1]!.service_id === s.service_id) {
          throw invalid(`Service ${s.service_id} is listed twice.`)
        }
      })
      const before = await repo.getSpecialist(request.params.id)
      if (!before) throw notFound(`Specialist ${request.params.id}`)
      const after = await repo.setSpecialistServices(request.params.id, services)
      if (!after) throw notFound(`Specialist ${request.params.id}`)
      const recalc = changed(before, { services }, 'services')
        ? await recalcAfter(app, request, scheduleChange(after.id))
        : null
      return { ...(await withPhoto(after)), recalc }
    },
  )

  app.delete(
    '/specialists/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteSpecialist',
        tags,
        description:
          'Deletes a specialist without bookings (the user stays, without the "specialist" role); otherwise ' +
          '409 `in_use`: retire them with PATCH {"active": false}.',
        params: idParams,
        response: { 200: deletedOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const row = await repo.deleteSpecialist(request.params.id)
      if (!row) throw notFound(`Specialist ${request.params.id}`)
      const recalc = await recalcAfter(app, request, scheduleChange(row.id))
      return { id: row.id, deleted: true, recalc }
    },
  )
}

export default adminSpecialistRoutes
