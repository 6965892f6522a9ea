// The shapes every channel meets again and again, registered once as named schemas (`$id`):
// routes refer to them with `ref(name)`, and the OpenAPI document lists them under
// components.schemas, so the generated client has one type per name instead of a copy per route.
// `ref(name)` carries the component's TypeScript type, so a handler answering with it is checked.
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from 'typebox'
import { LANGUAGES } from '../../data/users-repository.ts'
import { ROLES } from '../../domain/roles.ts'
import {
  locationOutput,
  packageOutput,
  serviceCategory,
  serviceOutput,
  slotsResponse,
  specialistOutput,
} from './catalogue.ts'
import { errorResponse, id, nullable, obj, oneOf } from './common.ts'

const user = obj(
  {
    id,
    name: Type.String(),
    phone: nullable(Type.String()),
    email: nullable(Type.String()),
    tg_id: nullable(Type.Integer()),
    tg_username: nullable(Type.String()),
    language: oneOf(LANGUAGES),
    roles: Type.Array(oneOf(ROLES)),
    specialist_id: nullable(Type.Integer()),
  },
  ['id', 'name', 'phone', 'email', 'tg_id', 'tg_username', 'language', 'roles', 'specialist_id'],
)

const intentAccepted = Type.Object(
  { intent_id: Type.Integer(), status_url: Type.String() },
  {
    additionalProperties: false,
    description: 'The request is recorded and still being processed: GET status_url tells its outcome.',
  },
)

const bookingClient = Type.Object(
  { id: Type.Integer(), name: Type.String(), phone: nullable(Type.String()) },
  {
    additionalProperties: false,
    description: 'Who the booking is for (in lists and reads of bookings the caller may see).',
  },
)

const cancellation = nullable(
  obj(
    {
      free_until: Type.String({
        description: 'A client cancels for free until then (inclusive); the grace after booking included.',
      }),
      late_fee_percent: Type.Number({
        description: 'Share of the prepayment kept later; 0 when nothing can be kept (package, on site).',
      }),
      late_fee: Type.Integer({ description: 'That share in minor units.' }),
      consumes_visit: Type.Boolean({ description: 'A later cancellation uses up the package visit.' }),
      text: Type.String({ description: 'The terms in English, built from the fields above.' }),
    },
    ['free_until', 'late_fee_percent', 'late_fee', 'consumes_visit', 'text'],
  ),
)

const settlement = nullable(
  obj(
    {
      reason: Type.String({ description: 'free_window, grace_period, by_business, late or no_show.' }),
      refund: Type.Integer({ description: 'Given back to the wallet, minor units.' }),
      fee: Type.Integer({ description: 'Kept from the wallet payment, minor units.' }),
      visit_restored: Type.Boolean({ description: 'The package visit was given back.' }),
      text: Type.String({ description: 'The same in English.' }),
    },
    ['reason', 'refund', 'fee', 'visit_restored', 'text'],
  ),
)

/** A booking as every booking answer shows it (src/data/bookings-repository.ts builds it). */
const booking = obj(
  {
    id: Type.Integer(),
    status: Type.String(),
    client_id: Type.Integer(),
    specialist_id: Type.Integer(),
    service_id: Type.Integer(),
    location_id: Type.Integer(),
    room_id: nullable(Type.Integer()),
    timezone: Type.String(),
    date: Type.String(),
    time: Type.String(),
    start: Type.String(),
    end: Type.String(),
    duration_minutes: Type.Integer(),
    break_minutes: Type.Integer(),
    base_price: Type.Integer(),
    price: Type.Integer(),
    discount_amount: Type.Integer(),
    payment_method: Type.String(),
    client_package_id: nullable(Type.Integer()),
    source: Type.String(),
    out_of_hours: Type.Boolean(),
    notes: Type.String(),
    created_at: Type.String(),
    client: bookingClient,
    cancellation: {
      ...cancellation,
      description: 'The cancellation terms copied into the booking when it was made.',
    } as typeof cancellation,
    settlement: {
      ...settlement,
      description: 'What ending the booking did to the money; null unless cancelled, rejected or a no-show.',
    } as typeof settlement,
  },
  // Every field but `client`, which only the lists and reads that may show the client carry.
  [
    'id',
    'status',
    'client_id',
    'specialist_id',
    'service_id',
    'location_id',
    'room_id',
    'timezone',
    'date',
    'time',
    'start',
    'end',
    'duration_minutes',
    'break_minutes',
    'base_price',
    'price',
    'discount_amount',
    'payment_method',
    'client_package_id',
    'source',
    'out_of_hours',
    'notes',
    'created_at',
    'cancellation',
    'settlement',
  ],
)

export const COMPONENTS = {
  /** Every refusal: a code to branch on and a message a person can act on. */
  Error: { ...errorResponse, description: 'A refusal: `error` is a stable code, `message` says what to do.' },
  Booking: booking,
  IntentAccepted: intentAccepted,
  /** The user as every auth answer shows it (no hash, no internal fields). */
  User: user,
  /** The catalogue (catalogue.ts): what clients pick from. */
  Service: serviceOutput,
  ServiceCategory: serviceCategory,
  Specialist: specialistOutput,
  Location: locationOutput,
  Package: packageOutput,
  /** Free start times of a service (GET /api/slots). */
  Slots: slotsResponse,
}

export type ComponentName = keyof typeof COMPONENTS

/** A reference to a named schema, typed as that schema, for a route's response. */
export const ref = <N extends ComponentName>(name: N) =>
  Type.Unsafe<Static<(typeof COMPONENTS)[N]>>({ $ref: `${name}#` })

export function registerComponents(app: FastifyInstance) {
  for (const [name, schema] of Object.entries(COMPONENTS)) app.addSchema({ $id: name, ...schema })
}

/** Names the document's components after their `$id` (the default would be `def-0`, `def-1`, …). */
export const componentReference = (json: { $id?: unknown }, _base: unknown, _fragment: unknown, i: number) =>
  typeof json.$id === 'string' ? json.$id : `def-${i}`
