// Admin view of clients (users with the 'client' role): search, read, create without a password
// (the client logs in later through Telegram or sets one), and edit the profile.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTime } from 'luxon'
import { Type } from 'typebox'
import { type ClientInput } from '../../../data/clients-repository.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import {
  date,
  errors,
  id,
  idParams,
  obj,
  text,
  timestamp,
  nullable,
  oneOf,
  oneOfOrNull,
  patchOf,
} from '../../schemas/common.ts'
import { ADMIN, checkEmail, checkPhone, email, label, paging, phone, refuseNulCharacters } from './shared.ts'

const GENDERS = ['female', 'male', 'other'] as const
const LANGUAGES = ['ru', 'en'] as const

export const clientOutput = obj(
  {
    id,
    name: Type.String(),
    phone: nullable(Type.String()),
    email: nullable(Type.String()),
    tg_id: nullable(Type.Integer()),
    tg_username: nullable(Type.String()),
    birth_date: nullable(Type.String({ format: 'date' })),
    gender: oneOfOrNull(GENDERS),
    notes: nullable(Type.String()),
    language: oneOf(LANGUAGES),
    roles: Type.Array(Type.String()),
    created_at: timestamp,
  },
  [
    'id',
    'name',
    'phone',
    'email',
    'tg_id',
    'tg_username',
    'birth_date',
    'gender',
    'notes',
    'language',
    'roles',
    'created_at',
  ],
)

const fields = {
  name: label,
  phone: nullable(phone),
  email: nullable(email),
  birth_date: nullable(date),
  gender: oneOfOrNull(GENDERS),
  notes: nullable(text(2000)),
  language: oneOf(LANGUAGES),
} as const

const tags = ['admin: clients']

/** Phones and e-mails in their stored forms (as registration stores them); a birth date in the past. */
function checked<T extends Partial<ClientInput>>(body: T): T {
  if (body.birth_date) {
    const born = DateTime.fromISO(body.birth_date, { zone: 'utc' })
    if (born.year < 1900 || born > DateTime.utc()) {
      throw invalid(`birth_date ${body.birth_date} is not a plausible date of birth.`)
    }
  }
  return {
    ...body,
    ...(typeof body.phone === 'string' && { phone: checkPhone(body.phone) }),
    ...(typeof body.email === 'string' && { email: checkEmail(body.email) }),
  }
}

const adminClientRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.clients
  refuseNulCharacters(app)

  app.get(
    '/clients',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListClients',
        tags,
        summary: 'Searches clients by name, e-mail or phone digits, a page at a time',
        querystring: obj({ q: Type.String({ maxLength: 100 }), ...paging }),
        response: {
          200: obj(
            {
              items: Type.Array(clientOutput),
              total: Type.Integer(),
              limit: Type.Integer(),
              offset: Type.Integer(),
            },
            ['items', 'total', 'limit', 'offset'],
          ),
          ...errors(401, 403, 422),
        },
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query
      const { items, total } = await repo.searchClients({ q, limit, offset })
      return { items, total, limit, offset }
    },
  )

  app.get(
    '/clients/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetClient',
        tags,
        params: idParams,
        response: { 200: clientOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.getClient(request.params.id)
      if (!row) throw notFound(`Client ${request.params.id}`)
      return row
    },
  )

  app.post(
    '/clients',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateClient',
        tags,
        description: 'Creates a user with the "client" role and no password. A phone or e-mail in use → 409.',
        body: obj(fields, ['name']),
        response: { 201: clientOutput, ...errors(401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await repo.createClient(checked(request.body))),
  )

  app.patch(
    '/clients/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateClient',
        tags,
        description: 'Changes the given fields; null clears an optional one.',
        params: idParams,
        body: patchOf(obj(fields)),
        response: { 200: clientOutput, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const row = await repo.updateClient(request.params.id, checked(request.body))
      if (!row) throw notFound(`Client ${request.params.id}`)
      return row
    },
  )
}

export default adminClientRoutes
