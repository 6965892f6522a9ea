// The catalogue's shapes (what clients pick from) and the slots answer, as named components: the
// channels meet them on every page, so each is one type in the generated client.
import { Type } from 'typebox'
import { id, nullable, obj } from './common.ts'

/** A group of services on the client site («Стрижки», «Окрашивание»…). */
export const serviceCategory = obj(
  {
    id,
    name: Type.String(),
    position: Type.Integer({ description: 'Categories are listed by position, then by name.' }),
  },
  ['id', 'name', 'position'],
)

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

export const serviceOutput = obj(
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
    category: nullable({ ...serviceCategory, description: 'The group the site lists it under; null: none.' }),
    ...rangeSchema,
  },
  [
    'id',
    'name',
    'description',
    'duration_minutes',
    'break_minutes',
    'price',
    'needs_room',
    'category',
    ...RANGE_FIELDS,
  ],
)

export const specialistOutput = obj(
  {
    id,
    name: Type.String(),
    title: Type.String(),
    location_id: id,
    photo_url: nullable(
      Type.String({
        description: 'Their photo (same origin, versioned: it changes with the photo); null: none.',
      }),
    ),
    service_ids: Type.Array(id),
    services: Type.Array(obj({ service_id: id, ...terms }, ['service_id', 'price', 'duration_minutes']), {
      description: 'What this specialist charges for each service and how long it takes with them.',
    }),
    price: { ...terms.price, description: 'With service_id: the price of that service here (minor units).' },
    duration_minutes: { ...terms.duration_minutes, description: 'With service_id: its duration here.' },
  },
  ['id', 'name', 'title', 'location_id', 'photo_url', 'service_ids', 'services'],
)

export const locationOutput = obj(
  { id, name: Type.String(), address: Type.String(), timezone: Type.String() },
  ['id', 'name', 'address', 'timezone'],
)

export const packageOutput = obj(
  {
    id,
    name: Type.String(),
    items: Type.Array(obj({ service_id: id, count: Type.Integer() }, ['service_id', 'count'])),
    valid_days: Type.Integer(),
    price: Type.Integer({ description: 'Minor units (kopecks).' }),
  },
  ['id', 'name', 'items', 'valid_days', 'price'],
)

/** Free start times of a service, per location (GET /api/slots). */
export const slotsResponse = obj(
  {
    service_id: Type.Integer(),
    specialist_id: nullable(Type.Integer()),
    price: nullable(
      Type.Integer({
        description: 'With specialist_id: the price charged with that specialist (minor units); else null.',
      }),
    ),
    duration_minutes: nullable(
      Type.Integer({ description: 'With specialist_id: how long the service takes with them; else null.' }),
    ),
    locations: Type.Array(
      obj(
        {
          location_id: Type.Integer(),
          timezone: Type.String(),
          price_from: Type.Integer({
            description:
              'Lowest price among the specialists asked about here (minor units): "from" when below price_to.',
          }),
          price_to: Type.Integer(),
          duration_minutes_from: Type.Integer(),
          duration_minutes_to: Type.Integer(),
          days: Type.Array(
            obj({ date: Type.String(), times: Type.Array(Type.String()) }, ['date', 'times']),
            { description: 'Local dates with at least one free time, ascending; times as HH:MM.' },
          ),
        },
        [
          'location_id',
          'timezone',
          'price_from',
          'price_to',
          'duration_minutes_from',
          'duration_minutes_to',
          'days',
        ],
      ),
    ),
  },
  ['service_id', 'specialist_id', 'price', 'duration_minutes', 'locations'],
)
