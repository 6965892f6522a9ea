// The admin journal (docs/product.md, the admin panel's home screen): one location's day or week
// in one request. For each day and specialist it answers the working intervals — the slot layer's
// own day grid (location hours ∩ specialist hours, overrides applied) built without bookings, so
// the journal shades exactly the time the client site would not sell — the specialists' own
// blocks, and every booking starting in the period with what its block shows.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { journalRepository } from '../../../data/journal-repository.ts'
import { addDays, dateRange, todayIn } from '../../../domain/dates.ts'
import type { Grid } from '../../../domain/day-grid.ts'
import { cellToTime } from '../../../domain/schedule.ts'
import { notFound } from '../../../domain/errors.ts'
import { computeSpecialistGrids } from '../../../slots/grid-builder.ts'
import { date, errors, hhmm, id, nullable, obj, oneOf, withDefault } from '../../schemas/common.ts'
import { ADMIN } from './shared.ts'

const tags = ['admin: journal']

const interval = Type.Tuple([hhmm, hhmm], { description: '[from, to) local wall times.' })

const journalQuery = obj(
  {
    location_id: id,
    date: Type.String({ format: 'date', description: 'First local date shown; default today there.' }),
    days: withDefault(
      Type.Unsafe<1 | 7>({ type: 'integer', enum: [1, 7], description: '1 (a day) or 7 (a week).' }),
      1,
    ),
  },
  ['location_id'],
)

const booking = obj(
  {
    id,
    specialist_id: id,
    date,
    time: hhmm,
    end_date: date,
    end_time: hhmm,
    duration_minutes: Type.Integer(),
    status: oneOf(['requested', 'confirmed', 'completed', 'cancelled', 'no_show', 'rejected']),
    client_id: id,
    client_name: Type.String(),
    client_phone: nullable(Type.String()),
    service_id: id,
    service_name: Type.String(),
    price: Type.Integer({ description: 'Minor units.' }),
    payment_method: oneOf(['package', 'wallet', 'on_site']),
    out_of_hours: Type.Boolean(),
    client_package_id: Type.Union([id, Type.Null()]),
    chain_id: nullable(Type.String()),
  },
  [
    'id',
    'specialist_id',
    'date',
    'time',
    'end_date',
    'end_time',
    'duration_minutes',
    'status',
    'client_id',
    'client_name',
    'client_phone',
    'service_id',
    'service_name',
    'price',
    'payment_method',
    'out_of_hours',
    'client_package_id',
    'chain_id',
  ],
)

const journalAnswer = obj(
  {
    location: obj({ id, name: Type.String(), timezone: Type.String() }, ['id', 'name', 'timezone']),
    dates: Type.Array(date),
    today: date,
    specialists: Type.Array(
      obj({ id, name: Type.String(), position: Type.Integer() }, ['id', 'name', 'position']),
    ),
    hours: Type.Array(
      obj({ specialist_id: id, date, intervals: Type.Array(interval) }, [
        'specialist_id',
        'date',
        'intervals',
      ]),
      { description: 'Working intervals per specialist and date; a day off has none.' },
    ),
    blocks: Type.Array(
      obj(
        {
          specialist_id: id,
          date_from: date,
          date_to: date,
          kind: oneOf(['closed', 'blocked']),
          intervals: Type.Array(interval),
          reason: Type.String(),
        },
        ['specialist_id', 'date_from', 'date_to', 'kind', 'intervals', 'reason'],
      ),
    ),
    bookings: Type.Array(booking),
  },
  ['location', 'dates', 'today', 'specialists', 'hours', 'blocks', 'bookings'],
)

/** The open runs of a day grid as [from, to) wall times ("24:00" for a run to the day's end). */
export function gridIntervals(grid: Grid): [string, string][] {
  const out: [string, string][] = []
  let start = -1
  for (let i = 0; i <= grid.length; i++) {
    const open = i < grid.length && grid[i] === 1
    if (open && start < 0) start = i
    if (!open && start >= 0) {
      out.push([cellToTime(start), cellToTime(i)])
      start = -1
    }
  }
  return out
}

const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Built once when the routes register, like the repositories of app.deps.repos.
  const repo = journalRepository(app.deps.db)

  app.get(
    '/journal',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminJournal',
        tags,
        summary: "A location's journal for a day or a week",
        description:
          "The location, its active specialists in display order, each specialist's working intervals " +
          'per local date (the slot grid without bookings: weekly hours with closed days, blocked ' +
          "intervals and extra open hours applied), the specialists' own blocks, and the bookings " +
          'starting on those dates (all statuses) with local times, client, service, price and payment.',
        querystring: journalQuery,
        response: { 200: journalAnswer, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { location_id: locationId, days } = request.query
      const location = await repo.location(locationId)
      if (!location) throw notFound('The location')
      const today = todayIn(location.timezone)
      const from = request.query.date ?? today
      const dates = dateRange(from, days)
      const to = addDays(from, days - 1)
      const specialists = await repo.specialists(locationId)
      const ids = specialists.map((s) => s.id)
      const [grids, blocks, bookings] = await Promise.all([
        Promise.all(
          ids.map((sid) => computeSpecialistGrids(app.deps.db, sid, dates, { ignoreBookings: true })),
        ),
        repo.blocks(ids, from, to),
        repo.bookings(locationId, from, to),
      ])
      const hours = grids.flatMap((g) =>
        dates.map((d) => ({ specialist_id: g.id, date: d, intervals: gridIntervals(g.grids.get(d)!) })),
      )
      return {
        location,
        dates,
        today,
        specialists: specialists.map((s, position) => ({ ...s, position })),
        hours,
        blocks,
        bookings,
      }
    },
  )
}

export default journalRoutes
