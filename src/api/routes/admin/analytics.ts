// Load analytics for the admin panel (docs/analytics.md): `GET /api/admin/analytics` answers every
// figure of a period in one call (what the panel loads); `GET /api/admin/analytics/<figure>`
// answers one figure, as JSON or, with `format=csv` or `Accept: text/csv`, as the CSV the panel's
// export saves. The figures are computed in SQL (src/data/analytics-repository.ts).
//
// A period is `from`…`to`, local dates of each location, at most 366 days; without them it is the
// 30 days up to today (in the location's zone, or the company's).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type, type TSchema } from 'typebox'
import {
  analyticsRepository,
  type AnalyticsPeriod,
  type ClientFigures,
  type HeatmapCell,
  type OutcomeRow,
  type RevenueRow,
  type UtilisationRow,
} from '../../../data/analytics-repository.ts'
import { addDays, daysBetween, todayIn } from '../../../domain/dates.ts'
import { AppError, invalid } from '../../../domain/errors.ts'
import { errors } from '../../schemas/common.ts'
import { ADMIN } from './shared.ts'

/** The longest period one request may ask for, in days. */
export const MAX_PERIOD_DAYS = 366
const DEFAULT_PERIOD_DAYS = 30

const tags = ['admin: analytics']

const date = (description: string) => Type.Optional(Type.String({ format: 'date', description }))
const periodQuery = {
  from: date('First local date of the period (YYYY-MM-DD); default: 29 days before `to`.'),
  to: date("Last local date, inclusive; default: today in the location's (or company's) zone."),
  location_id: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 2147483647, description: 'One location; default: all.' }),
  ),
}
const figureQuery = Type.Object(
  {
    ...periodQuery,
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv')], {
        description: '`csv` answers text/csv (as `Accept: text/csv` does); default json.',
      }),
    ),
  },
  { additionalProperties: false },
)
const allQuery = Type.Object(periodQuery, { additionalProperties: false })

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])
const int = (description?: string) => Type.Integer(description ? { description } : {})
const ratio = (description: string) => nullable(Type.Number({ minimum: 0, description }))
const closed = <P extends Record<string, TSchema>>(properties: P) =>
  Type.Object(properties, { additionalProperties: false })

const period = closed({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  location_id: nullable(Type.Integer()),
  days: int('Local dates in the period.'),
  currency: Type.String({ description: 'ISO 4217 code of every amount (minor units).' }),
})

const utilisationRow = closed({
  scope: Type.Union([Type.Literal('specialist'), Type.Literal('room'), Type.Literal('location')]),
  id: int(),
  name: Type.String(),
  location_id: int(),
  date: nullable(Type.String({ format: 'date', description: 'Null on a row of the whole period.' })),
  booked_minutes: int('Service minutes of bookings that hold time, by their local start date.'),
  available_minutes: int('Working minutes: own hours ∩ the location’s, overrides applied.'),
  utilisation: ratio('booked / available (4 decimals); null when nothing was available.'),
})
const utilisation = closed({
  totals: Type.Array(utilisationRow, { description: 'Every specialist, room and location, whole period.' }),
  days: Type.Array(utilisationRow, {
    description: 'Per local date (dates with nothing booked or open left out).',
  }),
})
const heatmapCell = closed({
  specialist_id: int(),
  weekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 = Monday … 6 = Sunday.' }),
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'Local hour.' }),
  booked_minutes: int(),
})
const revenueRow = closed({
  group: Type.Union([Type.Literal('total'), Type.Literal('service'), Type.Literal('specialist')]),
  id: int('0 on the total.'),
  name: Type.String(),
  bookings: int('Completed bookings.'),
  package_visits: int('Of which paid with a package visit (they count 0 here).'),
  revenue: Type.Integer({ description: 'Charged for them, minor units, after discounts.', 'x-money': true }),
  list_value: Type.Integer({
    description: 'Their list prices before discounts, minor units.',
    'x-money': true,
  }),
})
const outcomeRow = closed({
  group: Type.Union([Type.Literal('total'), Type.Literal('specialist')]),
  id: int('0 on the total.'),
  name: Type.String(),
  bookings: int('Bookings of the period, every status but rejected.'),
  completed: int(),
  cancelled: int(),
  no_show: int(),
  cancellation_rate: ratio('cancelled / bookings; null without bookings.'),
  no_show_rate: ratio('no_show / bookings; null without bookings.'),
})
const clients = closed({
  clients: int('Clients with a booking in the period (not cancelled or rejected).'),
  new: int('Whose first such booking ever is in the period.'),
  returning: int('Who had one before the period.'),
})

const csvContent = { 'text/csv': { schema: Type.String() } }
const withCsv = (json: TSchema, description: string) => ({
  description,
  content: { 'application/json': { schema: json }, ...csvContent },
})

/** A spreadsheet cell: quoted when it must be, and never read as a formula (a name "=…"). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}
function csv<R extends object>(columns: (keyof R & string)[], rows: R[]): string {
  const lines = [columns.join(',')]
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','))
  return `${lines.join('\r\n')}\r\n`
}

/** `format` decides; without it, an Accept header naming text/csv does. */
const wantsCsv = (request: FastifyRequest) => {
  const { format } = request.query as { format?: 'json' | 'csv' }
  return format ? format === 'csv' : /\btext\/csv\b/.test(request.headers.accept ?? '')
}

type PeriodQuery = { from?: string; to?: string; location_id?: number }

const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = analyticsRepository(app.deps.db)

  /** The period a query asks for, checked; the answer's `period` object with it. */
  async function periodOf(query: PeriodQuery) {
    const locationId = query.location_id ?? null
    const [zone, currency] = await Promise.all([repo.zone(locationId), repo.currency()])
    if (zone === null) throw new AppError(404, 'not_found', `Location ${locationId} was not found.`)
    const to = query.to ?? (query.from ? addDays(query.from, DEFAULT_PERIOD_DAYS - 1) : todayIn(zone))
    const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1))
    const days = daysBetween(from, to) + 1
    if (days < 1)
      throw invalid(`The period ends (to ${to}) before it starts (from ${from}).`, 'invalid_period')
    if (days > MAX_PERIOD_DAYS)
      throw invalid(
        `The period from ${from} to ${to} has ${days} days; ask for at most ${MAX_PERIOD_DAYS} at a time.`,
        'period_too_long',
      )
    const asked: AnalyticsPeriod = { from, to, locationId }
    return { asked, period: { from, to, location_id: locationId, days, currency } }
  }

  const fileName = (figure: string, p: { from: string; to: string }) =>
    `analytics-${figure}-${p.from}-${p.to}.csv`
  const sendCsv = (reply: FastifyReply, figure: string, p: { from: string; to: string }, body: string) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(figure, p)}"`)
      .send(body)

  app.get(
    '/analytics',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetAnalytics',
        tags,
        summary: 'Every load figure of a period',
        description:
          'Utilisation, the weekday × hour heatmap, revenue, cancellation and no-show rates and new ' +
          'and returning clients of the period (docs/analytics.md). Each figure also has its own ' +
          'operation, which can answer CSV. A period longer than 366 days is 422 `period_too_long`.',
        querystring: allQuery,
        response: {
          200: closed({
            period,
            utilisation,
            heatmap: Type.Array(heatmapCell),
            revenue: Type.Array(revenueRow),
            outcomes: Type.Array(outcomeRow),
            clients,
          }),
          ...errors(400, 401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      const { asked, period } = await periodOf(request.query)
      return { period, ...(await repo.period(asked)) }
    },
  )

  const figureSchema = (operationId: string, summary: string, json: TSchema) => ({
    operationId,
    tags,
    summary,
    description: 'JSON, or CSV with `format=csv` or `Accept: text/csv` (see docs/analytics.md).',
    querystring: figureQuery,
    response: { 200: withCsv(json, summary), ...errors(400, 401, 403, 404, 422) },
  })

  app.get(
    '/analytics/utilisation',
    {
      config: ADMIN,
      schema: figureSchema(
        'adminGetAnalyticsUtilisation',
        'Booked and available minutes per specialist, room and location, per day',
        closed({ period, ...utilisation.properties }),
      ),
    },
    async (request, reply) => {
      const { asked, period } = await periodOf(request.query)
      const figure = await repo.utilisation(asked)
      if (!wantsCsv(request)) return { period, ...figure }
      const columns: (keyof UtilisationRow)[] = [
        'date',
        'scope',
        'id',
        'name',
        'location_id',
        'booked_minutes',
        'available_minutes',
        'utilisation',
      ]
      // The period's rows first, their date column empty.
      return sendCsv(reply, 'utilisation', period, csv(columns, [...figure.totals, ...figure.days]))
    },
  )

  app.get(
    '/analytics/heatmap',
    {
      config: ADMIN,
      schema: figureSchema(
        'adminGetAnalyticsHeatmap',
        'Booked minutes per specialist, local weekday and hour',
        closed({ period, items: Type.Array(heatmapCell), total: int() }),
      ),
    },
    async (request, reply) => {
      const { asked, period } = await periodOf(request.query)
      const items = await repo.heatmap(asked)
      if (!wantsCsv(request)) return { period, items, total: items.length }
      const columns: (keyof HeatmapCell)[] = ['specialist_id', 'weekday', 'hour', 'booked_minutes']
      return sendCsv(reply, 'heatmap', period, csv(columns, items))
    },
  )

  app.get(
    '/analytics/revenue',
    {
      config: ADMIN,
      schema: figureSchema(
        'adminGetAnalyticsRevenue',
        'Revenue of completed bookings, in total, by service and by specialist',
        closed({ period, items: Type.Array(revenueRow), total: int() }),
      ),
    },
    async (request, reply) => {
      const { asked, period } = await periodOf(request.query)
      const items = await repo.revenue(asked)
      if (!wantsCsv(request)) return { period, items, total: items.length }
      const columns = [
        'group',
        'id',
        'name',
        'bookings',
        'package_visits',
        'revenue',
        'list_value',
        'currency',
      ]
      const rows = items.map((r: RevenueRow) => ({ ...r, currency: period.currency }))
      return sendCsv(reply, 'revenue', period, csv(columns as (keyof (typeof rows)[number])[], rows))
    },
  )

  app.get(
    '/analytics/outcomes',
    {
      config: ADMIN,
      schema: figureSchema(
        'adminGetAnalyticsOutcomes',
        'Completed, cancelled and no-show bookings and their rates, in total and by specialist',
        closed({ period, items: Type.Array(outcomeRow), total: int() }),
      ),
    },
    async (request, reply) => {
      const { asked, period } = await periodOf(request.query)
      const items = await repo.outcomes(asked)
      if (!wantsCsv(request)) return { period, items, total: items.length }
      const columns: (keyof OutcomeRow)[] = [
        'group',
        'id',
        'name',
        'bookings',
        'completed',
        'cancelled',
        'no_show',
        'cancellation_rate',
        'no_show_rate',
      ]
      return sendCsv(reply, 'outcomes', period, csv(columns, items))
    },
  )

  app.get(
    '/analytics/clients',
    {
      config: ADMIN,
      schema: figureSchema(
        'adminGetAnalyticsClients',
        'Clients of the period, new and returning',
        closed({ period, ...clients.properties }),
      ),
    },
    async (request, reply) => {
      const { asked, period } = await periodOf(request.query)
      const figure = await repo.clients(asked)
      if (!wantsCsv(request)) return { period, ...figure }
      const columns: (keyof ClientFigures)[] = ['clients', 'new', 'returning']
      return sendCsv(reply, 'clients', period, csv(columns, [figure]))
    },
  )
}

export default analyticsRoutes
