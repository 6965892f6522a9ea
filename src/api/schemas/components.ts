// The shapes every channel meets again and again, registered once as named schemas (`$id`):
// routes refer to them with `ref(name)`, and the OpenAPI document lists them under
// components.schemas, so the generated client has one type per name instead of a copy per route.
import type { FastifyInstance } from 'fastify'
import { bookingBodySchema } from '../../data/bookings-repository.ts'
import { LANGUAGES } from '../../data/users-repository.ts'
import { ROLES } from '../../domain/roles.ts'
import { errorResponse, id, obj } from './common.ts'

const user = obj(
  {
    id,
    name: { type: 'string' },
    phone: { type: ['string', 'null'] },
    email: { type: ['string', 'null'] },
    tg_id: { type: ['integer', 'null'] },
    tg_username: { type: ['string', 'null'] },
    language: { type: 'string', enum: LANGUAGES },
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    specialist_id: { type: ['integer', 'null'] },
  },
  ['id', 'name', 'phone', 'email', 'tg_id', 'tg_username', 'language', 'roles', 'specialist_id'],
)

const intentAccepted = {
  ...obj({ intent_id: { type: 'integer' }, status_url: { type: 'string' } }, ['intent_id', 'status_url']),
  description: 'The request is recorded and still being processed: GET status_url tells its outcome.',
} as const

export const COMPONENTS = {
  /** Every refusal: a code to branch on and a message a person can act on. */
  Error: { ...errorResponse, description: 'A refusal: `error` is a stable code, `message` says what to do.' },
  Booking: bookingBodySchema,
  IntentAccepted: intentAccepted,
  /** The user as every auth answer shows it (no hash, no internal fields). */
  User: user,
} as const

export type ComponentName = keyof typeof COMPONENTS

/** A reference to a named schema, for a route's response. */
export const ref = (name: ComponentName) => ({ $ref: `${name}#` }) as const

export function registerComponents(app: FastifyInstance) {
  for (const [name, schema] of Object.entries(COMPONENTS)) app.addSchema({ $id: name, ...schema })
}

/** Names the document's components after their `$id` (the default would be `def-0`, `def-1`, …). */
export const componentReference = (json: { $id?: unknown }, _base: unknown, _fragment: unknown, i: number) =>
  typeof json.$id === 'string' ? json.$id : `def-${i}`
