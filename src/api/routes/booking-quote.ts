// The booking preview: what a booking would be if it were made now — price, discount, the payment
// `auto` would choose (package visit, wallet with its balance, or on site) and the cancellation
// terms — for the summary step before the client confirms. Read-only: no intent, no lock, nothing
// written. It prices and chooses the payment with the worker's rules (src/domain/pricing.ts,
// src/domain/payment-choice.ts through src/data/payment-sources.ts), so the preview and the booking
// agree; whether the time is still free is the slots' and the booking's business.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTime } from 'luxon'
import { Type } from 'typebox'
import { readCompany } from '../../data/company-repository.ts'
import { planPayment, priceInputsFor } from '../../data/payment-sources.ts'
import { cancellationTerms } from '../../domain/cancellation-terms.ts'
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.ts'
import { priceByPayment } from '../../domain/pricing.ts'
import { cancellationPolicyOf } from '../../domain/settings.ts'
import { currentUserId, hasRole } from '../plugins/auth.ts'
import { bookingTarget } from '../booking-target.ts'
import { readStart, startSchema } from '../schemas/booking-start.ts'
import { errors, id, nullable, obj } from '../schemas/common.ts'

const quoteResponse = obj(
  {
    service_id: Type.Integer(),
    specialist_id: Type.Integer(),
    location_id: Type.Integer(),
    timezone: Type.String(),
    start: Type.String(),
    base_price: Type.Integer(),
    discount_amount: Type.Integer(),
    discount_id: nullable(Type.Integer()),
    price: Type.Integer(),
    payment: obj(
      {
        method: nullable(Type.String()),
        client_package_id: nullable(Type.Integer()),
        wallet_balance: nullable(Type.Integer()),
      },
      ['method', 'client_package_id', 'wallet_balance'],
    ),
    refusal: nullable(
      Type.Object({ error: Type.String(), message: Type.String() }, { additionalProperties: true }),
    ),
    cancellation: obj(
      {
        free_until: Type.String(),
        late_fee_percent: Type.Number(),
        late_fee: Type.Integer(),
        consumes_visit: Type.Boolean(),
        text: Type.String(),
      },
      ['free_until', 'late_fee_percent', 'late_fee', 'consumes_visit', 'text'],
    ),
  },
  [
    'service_id',
    'specialist_id',
    'location_id',
    'timezone',
    'start',
    'base_price',
    'discount_amount',
    'discount_id',
    'price',
    'payment',
    'refusal',
    'cancellation',
  ],
)

const bookingQuoteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, runtime } = app.deps

  app.post(
    '/api/bookings/quote',
    {
      config: { access: ['client', 'admin'] },
      schema: {
        operationId: 'quoteBooking',
        tags: ['bookings'],
        summary: 'Preview a booking: price, discount, how it would be paid, cancellation terms',
        description:
          'Answers what POST /api/bookings would make of the same body now, without booking: the ' +
          'price after the best personal discount (0 for a package visit), the payment `auto` would ' +
          'choose, and the cancellation terms as fields and in words. A booking that would be refused ' +
          'for its payment (402) still gets 200, with the refusal in `refusal`. Without specialist_id ' +
          'the first specialist free at that time is quoted, as a booking would go to them first.',
        body: obj(
          {
            service_id: id,
            specialist_id: id,
            location_id: id,
            start: startSchema,
            payment: Type.Enum(['auto', 'wallet', 'package', 'on_site']),
            client_id: id,
          },
          ['service_id', 'start'],
        ),
        response: { 200: quoteResponse, ...errors(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const b = request.body
      const userId = currentUserId(request)
      const isAdmin = hasRole(request, 'admin')
      if (!isAdmin && b.client_id !== undefined)
        throw forbidden('Only admins may send client_id: you get quotes for yourself; leave it out.')
      if (isAdmin && b.client_id === undefined) {
        throw invalid(
          'Name the client with client_id: the quote depends on their wallet, packages and discounts.',
          'client_required',
        )
      }
      const start = readStart(b.start)
      const clientId = b.client_id ?? userId
      if (clientId !== userId && !(await app.deps.repos.users.exists(clientId)))
        throw notFound(`Client ${clientId}`)

      const target = await bookingTarget(runtime, b, start)
      let candidates = target.candidates
      const startMs = target.startMs
      const nowMs = Date.now()
      if (startMs <= nowMs)
        throw invalid('That time is in the past: pick a time from the free slots.', 'in_the_past')
      if (b.specialist_id === undefined) {
        candidates = await runtime.slots.freeAt(b.service_id, candidates, startMs)
        if (!candidates.length)
          throw new AppError(409, 'slot_taken', 'No specialist is free at that time. Pick another slot.')
      }
      const specialistId = candidates[0]!

      const inputs = await priceInputsFor(db, { clientId, serviceId: b.service_id, specialistId })
      if (!inputs) throw invalid('This specialist or service is not available.', 'unavailable')
      const company = await readCompany(db)
      const settings = company.settings
      const now = new Date(nowMs).toISOString()
      const startsAt = new Date(startMs).toISOString()
      const priceWith = (method: string) =>
        priceByPayment(method, {
          basePrice: inputs.basePrice,
          serviceId: b.service_id,
          at: now,
          discounts: inputs.discounts,
          timeZone: inputs.timeZone,
        })
      const plan = await planPayment(db, {
        clientId,
        serviceId: b.service_id,
        startsAt,
        requested: b.payment ?? 'auto',
        by: isAdmin ? 'admin' : 'client',
        prepayment: settings.prepayment,
        walletPrice: () => priceWith('wallet').price,
        lockWallet: false,
      })
      const method = plan.choice?.method ?? null
      const priced = priceWith(method ?? 'on_site')
      const zone = inputs.timeZone
      return {
        service_id: b.service_id,
        specialist_id: specialistId,
        location_id: inputs.locationId,
        timezone: zone,
        start: DateTime.fromMillis(startMs, { zone }).toISO({ suppressMilliseconds: true })!,
        base_price: priced.basePrice,
        discount_amount: priced.discount?.amount ?? 0,
        discount_id: priced.discount?.id ?? null,
        price: priced.price,
        payment: {
          method,
          client_package_id: plan.choice?.method === 'package' ? plan.choice.clientPackageId : null,
          wallet_balance: plan.balance,
        },
        refusal: plan.refusal && {
          error: plan.refusal.code,
          message: plan.refusal.message,
          ...plan.refusal.details,
        },
        cancellation: cancellationTerms({
          policy: cancellationPolicyOf(settings),
          startsAt,
          bookedAt: now,
          payment: { method: method ?? 'on_site', amount: priced.price },
          timeZone: zone,
          currency: (company?.currency as string | undefined) ?? 'RUB',
        }),
      }
    },
  )
}

export default bookingQuoteRoutes
