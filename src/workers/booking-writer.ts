// Writes bookings inside the caller's transaction: the re-check (src/workers/availability.ts), the
// payment choice, the machine's start and its effects, and the grid version bumps that tell the
// slot cache its grids are stale. Every intent kind that books or moves a booking uses it; the
// statements are the repositories' (src/data/booking-writes.ts, booking-effects.ts).
import type { EffectContext } from '../data/booking-effects.ts'
import type { Trx } from '../data/db.ts'
import { DateTime } from 'luxon'
import type { Repositories } from '../data/repositories.ts'
import { AppError } from '../domain/errors.ts'
import { ledgerPaymentComment } from '../domain/cancellation-terms.ts'
import { cancellationPolicyOf, type CompanySettings } from '../domain/settings.ts'
import { quoteBooking, startBooking, type BookingInput, type PaymentChoice } from '../machines/index.ts'
import type { CreatePayload } from '../jobs/intent-payloads.ts'
import { insertedBookingBody, type BookingBody } from '../data/bookings-repository.ts'
import { WriteBatch } from '../data/write-batch.ts'
import { finishIntentQuery } from '../intents/intent-store.ts'
import { IntentAlreadyFinished, type Outcome } from './intents/handler.ts'
import type { AfterCommit } from './after-commit.ts'
import { checkAvailability, limitsFor, type BookingDeps, type CheckedStart } from './availability.ts'

/** One booked booking, as `bookOne` reports it. */
export interface BookedItem {
  bookingId: number
  /** The booking as the API shows it, as this transaction wrote it. */
  body: BookingBody
  after: AfterCommit
  startMs: number
  durationMin: number
  breakMin: number
  /** The intent's outcome, when `finish` gave it (recorded with the booking's writes). */
  outcome?: Outcome
}

/**
 * Re-checks and inserts one booking inside `trx`: a create intent's, or one item of a chain
 * (which passes its `chainId`). Throws the refusal (slot_taken, 402, 422) without writing.
 *
 * The booking's writes (its row, history, discounts, wallet debit, outbox row, the grid version
 * bumps and, with `finish`, the intent's outcome) go to PostgreSQL as one statement
 * (src/data/write-batch.ts) after the reads that decide them. `finish` turns the booking into the
 * intent's outcome; when the intent was decided by another run meanwhile (its update changes no
 * row) this throws IntentAlreadyFinished, and the caller's rollback undoes the booking.
 */
export async function bookOne(
  deps: BookingDeps,
  trx: Trx,
  intentId: number,
  p: CreatePayload,
  specialistId: number,
  extra: { chainId?: string; finish?: (bookingId: number, body: BookingBody) => Outcome } = {},
): Promise<BookedItem> {
  const { repos } = deps
  const s = await repos.bookingWrites.bookableSpecialist(
    trx,
    specialistId,
    p.service_id,
    p.client_id,
    p.starts_at,
  )
  if (!s || !s.active || !s.service_active)
    throw new AppError(422, 'unavailable', 'This specialist or service is not available.')
  if (!s.performs)
    throw new AppError(
      422,
      'service_not_offered',
      `Specialist ${specialistId} does not perform this service.`,
    )

  const { settings, currency } = s.company
  const durationMin: number = p.duration_minutes ?? s.own_duration ?? s.duration_minutes
  const breakMin: number = s.break_minutes
  const start = DateTime.fromISO(p.starts_at, { zone: s.timezone })
  const now = Date.now()
  const roomId = await checkAvailability(deps, trx, {
    specialistId,
    serviceId: p.service_id,
    locationId: s.location_id,
    zone: s.timezone,
    start,
    durationMin,
    breakMin,
    ...limitsFor(p.by, settings, now),
    ignoreHours: p.by === 'admin' && p.allow_out_of_hours === true,
    rooms: { roomIds: s.room_ids, needsRoom: s.needs_room },
  })

  const bookingId = s.next_booking_id
  const discounts = s.discounts
  const input: Omit<BookingInput, 'payment'> = {
    bookingId,
    clientId: p.client_id,
    specialistId,
    serviceId: p.service_id,
    locationId: s.location_id,
    roomId: roomId.roomId,
    startsAt: start.toUTC().toISO()!,
    durationMin,
    breakMin,
    basePrice: s.own_price ?? s.price,
    discounts,
    timeZone: s.timezone,
    policy: cancellationPolicyOf(settings),
    reminderOffsetsMin: settings.reminderOffsetsMinutes,
    source: p.source,
    now: new Date(now).toISOString(),
    by: p.by,
    actorId: p.actor_id,
  }
  const plan = await planPayment(repos, trx, p, input, settings, s.package_visit)
  const payment = plan.choice
  const started = startBooking({ ...input, payment })
  const inserted = started.actions.find((a) => a.type === 'insertBooking')
  if (!inserted) throw new Error(`booking ${bookingId} has no insert`)
  const writes = new WriteBatch()
  const effects: EffectContext = {
    snapshot: started.snapshot,
    intentId,
    actorUserId: p.actor_id,
    extra: { out_of_hours: roomId.outOfHours, notes: p.notes ?? '', chain_id: extra.chainId ?? null },
    // Locked by the payment's plan just now (a wallet payment only).
    ...(plan.balance !== null && { lockedWallet: { clientId: p.client_id, balance: plan.balance } }),
    paymentComment: ledgerPaymentComment(bookingId, s.service_name, input.startsAt, s.timezone),
    batch: { writes, now: s.txn_now },
    described: {
      id: bookingId,
      status: inserted.params.status,
      starts_at: new Date(inserted.params.startsAt),
      ends_at: new Date(inserted.params.endsAt),
      service_id: p.service_id,
      service_name: s.service_name,
      location_id: s.location_id,
      location_name: s.location_name,
      location_address: s.location_address,
      timezone: s.timezone,
      specialist_id: specialistId,
      ...s.people,
    },
  }
  const after = await repos.bookingWrites.applyEffects(trx, started.actions, effects)
  const body = insertedBookingBody(inserted.params, {
    timezone: s.timezone,
    outOfHours: roomId.outOfHours,
    notes: p.notes ?? '',
    createdAt: s.txn_now,
    currency,
    snapshot: started.snapshot,
  })
  repos.bookingWrites.bumpGridVersionsIn(writes, trx, specialistId, [roomId.roomId])
  const outcome = extra.finish?.(bookingId, body)
  if (outcome) writes.add(finishIntentQuery(trx, intentId, outcome).returning('id'), 'finished')
  const flushed = await writes.flush(trx)
  if (outcome && !flushed.finished?.length) throw new IntentAlreadyFinished(intentId)
  const versions = repos.bookingWrites.bumpedVersions(flushed)
  const startMs = start.toMillis()
  const endMs = startMs + durationMin * 60_000
  const busyUntilMs = endMs + breakMin * 60_000
  return {
    bookingId,
    body,
    ...(outcome && { outcome }),
    startMs,
    durationMin,
    breakMin,
    after: {
      actions: after,
      specialistId,
      zone: s.timezone,
      spans: [{ start: startMs, end: busyUntilMs, roomId: roomId.roomId }],
      built: builtGrids(roomId, versions, { startMs, endMs, busyUntilMs }),
    } satisfies AfterCommit,
  }
}

/**
 * The re-check's grids with the new booking added, at the versions this transaction bumped them to;
 * only a grid whose version moved by exactly this bump (nothing else changed it since the re-check
 * read it: every booking write bumps the version in its own transaction) is one the commit leaves
 * true. A setup change made meanwhile bumps the version after its own commit and recalculates, as it
 * does for grids computed after the commit. The others are computed after the commit, as before.
 */
function builtGrids(
  checked: CheckedStart,
  versions: { specialist: number | undefined; rooms: Map<number, number> },
  b: { startMs: number; endMs: number; busyUntilMs: number },
): NonNullable<AfterCommit['built']> {
  const built: NonNullable<AfterCommit['built']> = { specialists: [], rooms: [] }
  const c = checked.computed
  if (!c) return built
  if (versions.specialist === c.specialist.version + 1) {
    built.specialists.push({
      ...c.specialist,
      version: versions.specialist,
      grids: c.specialist.withBusy([{ start: b.startMs, end: b.busyUntilMs }]),
    })
  }
  if (c.room && versions.rooms.get(c.room.id) === c.room.version + 1) {
    built.rooms.push({
      ...c.room,
      version: c.room.version + 1,
      grids: c.room.withBusy([{ start: b.startMs, end: b.endMs }]),
    })
  }
  return built
}

/**
 * Resolves "auto" and checks what the client asked for (rules in src/domain/payment-choice.ts);
 * throws the refusal. With the wallet's balance, read under its row lock, when the wallet pays.
 */
async function planPayment(
  repos: Repositories,
  trx: Trx,
  p: CreatePayload,
  input: Omit<BookingInput, 'payment'>,
  settings: CompanySettings,
  packageVisit: number | null,
): Promise<{ choice: PaymentChoice; balance: number | null }> {
  const plan = await repos.payments.planPayment(trx, {
    clientId: p.client_id,
    serviceId: p.service_id,
    startsAt: input.startsAt,
    requested: p.payment,
    by: p.by,
    prepayment: settings.prepayment,
    walletPrice: () => quoteBooking({ ...input, payment: { method: 'wallet' } }).price,
    lockWallet: true,
    packageVisit,
  })
  if (plan.refusal) throw plan.refusal
  return { choice: plan.choice!, balance: plan.balance }
}
