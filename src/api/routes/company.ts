// GET /api/company: what every channel shows before anyone logs in: the company's name, currency
// and zone, how far ahead and how soon it can be booked, and its cancellation and prepayment terms
// (the ones a booking made now would carry), in fields and in words.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { applyPercent } from '../../domain/money.ts'
import { formatMoney } from '../../domain/money-format.ts'
import type { CompanySettings } from '../../domain/settings.ts'
import { obj, oneOf } from '../schemas/common.ts'

const companyOutput = obj(
  {
    name: Type.String(),
    currency: Type.String({ description: 'ISO 4217; every amount is in its minor units.' }),
    timezone: Type.String({ description: "The company's IANA zone; each location has its own." }),
    booking_horizon_days: Type.Integer({
      description: 'Times are offered this many days ahead, today included.',
    }),
    min_lead_minutes: Type.Integer({ description: 'Times starting sooner than this are not offered.' }),
    cancellation: obj(
      {
        free_cancellation_hours: Type.Integer(),
        late_cancellation_fee_percent: Type.Number(),
        late_cancellation_consumes_visit: Type.Boolean(),
        cancellation_grace_minutes: Type.Integer(),
        text: Type.String({ description: 'The terms in one English paragraph.' }),
      },
      [
        'free_cancellation_hours',
        'late_cancellation_fee_percent',
        'late_cancellation_consumes_visit',
        'cancellation_grace_minutes',
        'text',
      ],
    ),
    prepayment: oneOf(['none', 'required'], {
      description: '"required": a booking is paid from a package or the wallet when it is made.',
    }),
  },
  ['name', 'currency', 'timezone', 'booking_horizon_days', 'min_lead_minutes', 'cancellation', 'prepayment'],
)

const hours = (n: number) => `${n} hour${n === 1 ? '' : 's'}`

/** The terms in words, with an example amount so the percentage reads as money. */
export function cancellationText(s: CompanySettings, currency: string): string {
  const parts = [
    s.freeCancellationHours > 0
      ? `Cancel for free until ${hours(s.freeCancellationHours)} before the start.`
      : 'Cancel for free until the start.',
  ]
  if (s.freeCancellationHours > 0) {
    const example = 100_000
    const fee = applyPercent(example, s.lateCancellationFeePercent)
    parts.push(
      s.lateCancellationFeePercent > 0
        ? `Later, or not coming, ${s.lateCancellationFeePercent} % of a wallet payment is kept ` +
            `(${formatMoney(fee, currency)} of ${formatMoney(example, currency)}) and the rest refunded.`
        : 'Later, a wallet payment is still refunded in full.',
      s.lateCancellationConsumesVisit
        ? 'A package visit is used up by a late cancellation or a no-show.'
        : 'A package visit is given back even after a late cancellation.',
    )
    if (s.cancellationGraceMinutes > 0)
      parts.push(`Within ${s.cancellationGraceMinutes} minutes of booking, cancelling is always free.`)
  }
  return parts.join(' ')
}

const companyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.settings
  app.get(
    '/api/company',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCompany',
        tags: ['catalogue'],
        summary: 'The company, how far ahead it can be booked, and its cancellation terms',
        response: { 200: companyOutput },
      },
    },
    async () => {
      const { name, currency, timezone, settings: s } = await repo.company()
      return {
        name,
        currency,
        timezone,
        booking_horizon_days: s.bookingHorizonDays,
        min_lead_minutes: s.minLeadMinutes,
        cancellation: {
          free_cancellation_hours: s.freeCancellationHours,
          late_cancellation_fee_percent: s.lateCancellationFeePercent,
          late_cancellation_consumes_visit: s.lateCancellationConsumesVisit,
          cancellation_grace_minutes: s.cancellationGraceMinutes,
          text: cancellationText(s, currency),
        },
        prepayment: s.prepayment,
      }
    },
  )
}

export default companyRoutes
