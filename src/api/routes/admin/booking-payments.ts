// Payments taken at the desk for bookings paid on site: the admin records "paid on site, cash or
// card, this amount" when the client pays, and the booking's drawer shows what was taken. Money in
// integer minor units; every record is keyed by Idempotency-Key (a retry of the same click records
// nothing twice, the same key for something else is refused) and keeps who recorded it and when.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { isoInZone } from '../../../domain/dates.ts'
import { AppError, notFound } from '../../../domain/errors.ts'
import type { BookingPayment } from '../../../data/booking-payments-repository.ts'
import { currentUserId } from '../../plugins/auth.ts'
import {
  errors,
  id,
  idParams,
  list,
  listOf,
  money,
  nullable,
  obj,
  oneOf,
  text,
  timestamp,
} from '../../schemas/common.ts'
import { idempotencyHeaders, requireIdempotencyKey } from './money.ts'
import { ADMIN, refuseNulCharacters } from './shared.ts'

const METHODS = ['cash', 'card'] as const
/** A booking in these states has nothing left to pay for. */
const UNPAYABLE = ['cancelled', 'rejected']

const paymentOutput = obj(
  {
    id,
    booking_id: id,
    method: oneOf(METHODS),
    amount: Type.Integer({ description: 'Minor units, > 0.' }),
    comment: Type.String(),
    created_by: nullable(Type.Integer({ description: 'The admin who recorded it.' })),
    created_at: timestamp,
  },
  ['id', 'booking_id', 'method', 'amount', 'comment', 'created_by', 'created_at'],
)

const tags = ['admin: money']

const adminBookingPaymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { bookings, bookingPayments } = app.deps.repos
  refuseNulCharacters(app)

  const body = (p: BookingPayment, zone: string) => ({ ...p, created_at: isoInZone(p.created_at, zone) })

  async function bookingOf(bookingId: number) {
    const b = await bookings.body(bookingId).catch(() => null)
    if (!b) throw notFound(`Booking ${bookingId}`)
    return b
  }

  app.get(
    '/bookings/:id/payments',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListBookingPayments',
        tags,
        summary: 'The payments taken at the desk for a booking',
        params: idParams,
        response: { 200: list(paymentOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const b = await bookingOf(request.params.id)
      const rows = await bookingPayments.list(b.id)
      return listOf(rows.map((p) => body(p, b.timezone)))
    },
  )

  app.post(
    '/bookings/:id/payments',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminRecordBookingPayment',
        tags,
        summary: 'Records a payment taken on site for a booking (cash or card)',
        description:
          'For bookings paid on site only (422 not_paid_on_site otherwise: the wallet or a package paid ' +
          'them); not for cancelled or rejected ones (409 booking_not_payable). Requires an ' +
          'Idempotency-Key: a retry with the same key answers the first record (header ' +
          'idempotent-replayed), the same key with another body is 422 idempotency_key_reused.',
        params: idParams,
        headers: idempotencyHeaders,
        body: obj(
          {
            method: oneOf(METHODS),
            amount: { ...money, minimum: 1, description: 'Minor units, > 0.' },
            comment: text(500),
          },
          ['method', 'amount'],
        ),
        response: { 201: paymentOutput, ...errors(401, 403, 404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const key = requireIdempotencyKey(request)
      const { method, amount, comment = '' } = request.body
      const b = await bookingOf(request.params.id)
      const same = (p: BookingPayment) =>
        p.booking_id === b.id && p.method === method && p.amount === amount && p.comment === comment
      // The key first: a retry gets its first answer even if the booking was cancelled since.
      const earlier = await bookingPayments.byKey(key)
      if (!earlier) {
        if (b.payment_method !== 'on_site') {
          throw new AppError(
            422,
            'not_paid_on_site',
            `Booking ${b.id} is paid by ${b.payment_method}: only bookings paid on site take a payment at the desk.`,
          )
        }
        if (UNPAYABLE.includes(b.status)) {
          throw new AppError(
            409,
            'booking_not_payable',
            `Booking ${b.id} is ${b.status}: there is nothing to pay for.`,
          )
        }
      }
      const write = earlier
        ? { payment: earlier, replayed: true }
        : await bookingPayments.record({
            bookingId: b.id,
            method,
            amount,
            comment,
            key,
            actorId: currentUserId(request),
          })
      const p = write.payment
      if (write.replayed) {
        if (!same(p)) {
          throw new AppError(
            422,
            'idempotency_key_reused',
            'This Idempotency-Key already recorded another payment: send a new key for a new payment.',
          )
        }
        reply.header('idempotent-replayed', 'true')
      }
      return reply.code(201).send(body(p, b.timezone))
    },
  )
}

export default adminBookingPaymentRoutes
