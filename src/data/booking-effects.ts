// Carries out the booking machine's effects as statements. The `db` effects run inside the caller's
// transaction (the worker's, which also persists the snapshot and the intent's outcome; the demo
// seed's); the others are returned and run after the commit, so a rolled-back transaction leaves no
// event, reminder or grid change. Plain Knex: this is the hot booking path.
// Booking events are the exception that makes notifications durable: besides their after-commit
// publication (for live pages) each one is written to the notification outbox here, inside the
// transaction, so a notification exists exactly when the change it announces does.
import type { Knex } from 'knex'
import { ledgerPaymentComment, ledgerRefundComment } from '../domain/cancellation-terms.ts'
import { AppError } from '../domain/errors.ts'
import { insufficientFunds } from '../domain/payment-choice.ts'
import { companyCurrency } from './company-repository.ts'
import { recordBookingEvents, type DescribedBookingRow } from './outbox-repository.ts'
import type { WriteBatch } from './write-batch.ts'
import {
  BOOKING_ACTION_PHASE,
  type BookingAction,
  type BookingSettlement,
  type PersistedBooking,
} from '../machines/index.ts'

/** What the transaction needs besides the machine's own params. */
export interface EffectContext {
  snapshot: PersistedBooking
  intentId: number | null
  actorUserId: number | null
  /** Columns the machine does not know about (set on insert). */
  extra?: { out_of_hours?: boolean; notes?: string; chain_id?: string | null; room_id?: number | null }
  /** The room a moved booking holds at its new time (the worker may pick another one). */
  moveRoomId?: number | null
  /** False where nobody should be told (demo data loaded into an empty system). */
  notify?: boolean
  /**
   * The client's wallet balance as the caller's transaction read it under the row's lock (FOR
   * UPDATE, held until the commit): a debit checks it instead of locking and reading it again.
   */
  lockedWallet?: { clientId: number; balance: number }
  /** The payment's ledger comment when the caller knows the service and the start already. */
  paymentComment?: string
  /** Set by the insert of a new booking: what PostgreSQL filled in (its body needs no read then). */
  inserted?: { createdAt: Date }
  /**
   * The inserts join this batch instead of running one by one (the caller flushes it with the rest
   * of its writes, one statement); `now` is the transaction's time, the new booking's created_at.
   * Nothing is written before the flush, so a batch needs `paymentComment` (which would otherwise
   * read the booking) and `described` for its events.
   */
  batch?: { writes: WriteBatch; now: Date }
  /** The new booking as its notification describes it, when the caller read that with the rest. */
  described?: DescribedBookingRow
}

/** Inserts the row now, or adds its insert to the context's batch. */
async function insertRow(
  trx: Knex.Transaction,
  ctx: EffectContext,
  table: string,
  row: Record<string, unknown>,
): Promise<void> {
  const insert = trx(table).insert(row)
  if (ctx.batch) ctx.batch.writes.add(insert)
  else await insert
}

/** The ledger row of a payment names the service and the local start (the booking row exists by now). */
async function paymentComment(trx: Knex.Transaction, bookingId: number): Promise<string> {
  const b = await trx('bookings as b')
    .join('services as s', 's.id', 'b.service_id')
    .join('locations as l', 'l.id', 'b.location_id')
    .where('b.id', bookingId)
    .first('s.name', 'b.starts_at', 'l.timezone')
  return b
    ? ledgerPaymentComment(bookingId, b.name as string, b.starts_at as Date, b.timezone as string)
    : `Payment for booking #${bookingId}`
}

/** The refund's reason in words, with the terms the booking carries (its snapshot's policy). */
function refundComment(bookingId: number, reason: BookingSettlement['reason'], ctx: EffectContext): string {
  const context = ctx.snapshot.snapshot.context
  return ledgerRefundComment(
    bookingId,
    { status: context.settlement?.status ?? 'cancelled', reason },
    context.policy,
  )
}

/** Runs the `db` effects in order; returns the ones to run after the commit. */
export async function applyDbEffects(
  trx: Knex.Transaction,
  actions: BookingAction[],
  ctx: EffectContext,
): Promise<BookingAction[]> {
  const after: BookingAction[] = []
  for (const action of actions) {
    if (BOOKING_ACTION_PHASE[action.type] !== 'db') {
      after.push(action)
      continue
    }
    await applyOne(trx, action, ctx)
  }
  // After every other write, so each row describes the booking as this commit leaves it.
  if (ctx.notify !== false)
    await recordBookingEvents(
      trx,
      after.flatMap((a) => (a.type === 'publishEvent' ? [a.params] : [])),
      { known: ctx.described, batch: ctx.batch?.writes },
    )
  // A new booking's row was inserted with this very snapshot: writing it again would change nothing.
  if (!actions.some((a) => a.type === 'insertBooking')) {
    await trx('bookings')
      .where({ id: bookingIdOf(actions, ctx) })
      .update({
        machine_snapshot: JSON.stringify(ctx.snapshot),
        machine_version: ctx.snapshot.version,
        updated_at: trx.fn.now(),
      })
  }
  return after
}

const bookingIdOf = (actions: BookingAction[], ctx: EffectContext) =>
  ctx.snapshot.snapshot.context.bookingId ?? (actions[0]?.params as { bookingId: number }).bookingId

async function applyOne(trx: Knex.Transaction, action: BookingAction, ctx: EffectContext) {
  switch (action.type) {
    case 'insertBooking': {
      const p = action.params
      const insert = trx('bookings').insert({
        id: p.bookingId,
        client_id: p.clientId,
        specialist_id: p.specialistId,
        service_id: p.serviceId,
        location_id: p.locationId,
        room_id: ctx.extra?.room_id ?? p.roomId,
        starts_at: p.startsAt,
        ends_at: p.endsAt,
        busy_until: p.busyUntil,
        duration_minutes: p.durationMin,
        break_minutes: p.breakMin,
        status: p.status,
        base_price: p.basePrice,
        price: p.price,
        payment_method: p.paymentMethod,
        client_package_id: p.clientPackageId,
        source: p.source,
        machine_snapshot: JSON.stringify(ctx.snapshot),
        machine_version: ctx.snapshot.version,
        intent_id: ctx.intentId,
        created_by: ctx.actorUserId,
        out_of_hours: ctx.extra?.out_of_hours ?? false,
        notes: ctx.extra?.notes ?? '',
        chain_id: ctx.extra?.chain_id ?? null,
      })
      if (ctx.batch) {
        ctx.batch.writes.add(insert)
        ctx.inserted = { createdAt: ctx.batch.now }
      } else {
        const [row] = await insert.returning('created_at')
        ctx.inserted = { createdAt: row.created_at as Date }
      }
      return
    }
    case 'recordDiscount': {
      const p = action.params
      await insertRow(trx, ctx, 'booking_discounts', {
        booking_id: p.bookingId,
        client_discount_id: p.discountId,
        amount: p.amount,
      })
      return
    }
    case 'setStatus': {
      const p = action.params
      await trx('bookings')
        .where({ id: p.bookingId })
        .update({
          status: p.to,
          ...(p.to === 'cancelled' ? { cancelled_at: trx.fn.now() } : {}),
        })
      return
    }
    case 'moveBooking': {
      const p = action.params
      await trx('bookings')
        .where({ id: p.bookingId })
        .update({
          specialist_id: p.to.specialistId,
          starts_at: p.to.startsAt,
          ends_at: p.to.endsAt,
          busy_until: p.to.busyUntil,
          room_id: ctx.moveRoomId !== undefined ? ctx.moveRoomId : p.to.roomId,
        })
      return
    }
    case 'debitWallet': {
      const p = action.params
      if (p.amount === 0) return
      const balance =
        ctx.lockedWallet?.clientId === p.clientId
          ? ctx.lockedWallet.balance
          : (((await trx('client_wallets').where({ client_id: p.clientId }).forUpdate().first('balance'))
              ?.balance as number | undefined) ?? 0)
      if (balance < p.amount)
        throw insufficientFunds({ balance, price: p.amount, currency: await companyCurrency(trx) })!
      await insertRow(trx, ctx, 'wallet_transactions', {
        client_id: p.clientId,
        kind: 'payment',
        amount: -p.amount,
        booking_id: p.bookingId,
        created_by: ctx.actorUserId,
        comment: ctx.paymentComment ?? (await paymentComment(trx, p.bookingId)),
      })
      return
    }
    case 'refundWallet': {
      const p = action.params
      if (p.amount === 0) return
      await insertRow(trx, ctx, 'wallet_transactions', {
        client_id: p.clientId,
        kind: 'refund',
        amount: p.amount,
        booking_id: p.bookingId,
        created_by: ctx.actorUserId,
        comment: refundComment(p.bookingId, p.reason, ctx),
      })
      return
    }
    case 'reservePackageVisit': {
      const p = action.params
      const used = await trx('client_package_items as i')
        .where({ 'i.client_package_id': p.clientPackageId, 'i.service_id': p.serviceId })
        .where('i.remaining', '>', 0)
        .whereExists((q) =>
          q
            .from('client_packages as cp')
            .whereRaw('cp.id = i.client_package_id')
            .where('cp.client_id', p.clientId)
            .where('cp.expires_at', '>', trx.fn.now()),
        )
        .decrement('remaining', 1)
      if (!used)
        throw new AppError(402, 'package_exhausted', 'The package has no visit left for this service.')
      return
    }
    case 'restorePackageVisit': {
      const p = action.params
      await trx('client_package_items')
        .where({ client_package_id: p.clientPackageId, service_id: p.serviceId })
        .increment('remaining', 1)
      return
    }
    case 'consumePackageVisit':
      // The visit was taken off `remaining` when it was reserved; consuming it only settles the
      // payment state (recorded in the snapshot and the history).
      return
    case 'appendHistory': {
      const p = action.params
      await insertRow(trx, ctx, 'booking_history', {
        booking_id: p.bookingId,
        actor_user_id: p.actorId,
        at: p.at,
        from_state: p.from,
        to_state: p.to,
        event: p.event,
        reason: typeof p.details.reason === 'string' ? p.details.reason : '',
        data: JSON.stringify(p.details),
      })
      return
    }
    default:
      throw new Error(`effect ${action.type} is not a database effect`)
  }
}
