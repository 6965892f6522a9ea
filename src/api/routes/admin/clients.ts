// Admin view of clients (users with the 'client' role): search, read, create without a password
// (the client logs in later through Telegram or sets one), and edit the profile.
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { createClientsRepository, type ClientInput } from '../../../data/clients-repository.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import { date, errors, id, idParams, obj, text, timestamp } from '../../schemas/common.ts'
import {
  ADMIN,
  checkEmail,
  checkPhone,
  email,
  label,
  nullable,
  paging,
  phone,
  refuseNulCharacters,
} from './shared.ts'

const GENDERS = ['female', 'male', 'other'] as const
const LANGUAGES = ['ru', 'en'] as const

export const clientOutput = obj(
  {
    id,
    name: { type: 'string' },
    phone: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    tg_id: { type: ['integer', 'null'] },
    tg_username: { type: ['string', 'null'] },
    birth_date: { type: ['string', 'null'], format: 'date' },
    gender: { type: ['string', 'null'], enum: [...GENDERS, null] },
    notes: { type: ['string', 'null'] },
    language: { type: 'string', enum: LANGUAGES },
    roles: { type: 'array', items: { type: 'string' } },
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
  gender: { type: ['string', 'null'], enum: [...GENDERS, null] },
  notes: nullable(text(2000)),
  language: { type: 'string', enum: LANGUAGES },
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

export default async function adminClientRoutes(app: FastifyInstance) {
  const repo = createClientsRepository(app.deps.db)
  refuseNulCharacters(app)

  app.get<{ Querystring: { q?: string; limit: number; offset: number } }>(
    '/clients',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListClients',
        tags,
        summary: 'Searches clients by name, e-mail or phone digits, a page at a time',
        querystring: obj({ q: { type: 'string', maxLength: 100 }, ...paging }),
        response: {
          200: obj(
            {
              items: { type: 'array', items: clientOutput },
              total: { type: 'integer' },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
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

  app.get<{ Params: { id: number } }>(
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

  app.post<{ Body: ClientInput }>(
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

  app.patch<{ Params: { id: number }; Body: Partial<ClientInput> }>(
    '/clients/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateClient',
        tags,
        description: 'Changes the given fields; null clears an optional one.',
        params: idParams,
        body: { ...obj(fields), minProperties: 1 },
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
