// Writes bookings inside the caller's transaction: the re-check (src/workers/availability.ts), the
// payment choice, the machine's start and its effects, and the grid version bumps that tell the
// slot cache its grids are stale. Every intent kind that books or moves a booking uses it.
import type { Knex } from 'knex'
import { DateTime } from 'luxon'
import { companySettings } from '../data/company-repository.ts'
import type { Db } from '../data/db.ts'
import { personalDiscounts, resolvePayment } from '../data/payment-sources.ts'
import { AppError } from '../domain/errors.ts'
import { cancellationPolicyOf, type CompanySettings } from '../domain/settings.ts'
import { quoteBooking, startBooking, type BookingInput, type PaymentChoice } from '../machines/index.ts'
import type { CreatePayload } from '../jobs/intent-payloads.ts'
import type { AfterCommit } from './after-commit.ts'
import { checkAvailability, limitsFor } from './availability.ts'
import { applyDbEffects } from './booking-effects.ts'

/** One booked booking, as `bookOne` reports it. */
export interface BookedItem {
  bookingId: number
  after: AfterCommit
  startMs: number
  durationMin: number
  breakMin: number
}

/**
 * Re-checks and inserts one booking inside `trx`: a create intent's, or one item of a chain
 * (which passes its `chainId`). Throws the refusal (slot_taken, 402, 422) without writing.
 */
export async function bookOne(
  db: Db,
  trx: Knex.Transaction,
  intentId: number,
  p: CreatePayload,
  specialistId: number,
  extra: { chainId?: string } = {},
): Promise<BookedItem> {
  const settings = await companySettings(trx)
  const s = await trx('specialists as s')
    .join('locations as l', 'l.id', 's.location_id')
    .leftJoin('specialist_services as ss', (j) =>
      j.on('ss.specialist_id', 's.id').andOnVal('ss.service_id', p.service_id),
    )
    .join('services as sv', 'sv.id', trx.raw('?', [p.service_id]))
    .where('s.id', specialistId)
    .first(
      's.id',
      's.active',
      's.location_id',
      'l.timezone',
      'ss.service_id as performs',
      'ss.price as own_price',
      'ss.duration_minutes as own_duration',
      'sv.price',
      'sv.duration_minutes',
      'sv.break_minutes',
      'sv.active as service_active',
    )
  if (!s || !s.active || !s.service_active)
    throw new AppError(422, 'unavailable', 'This specialist or service is not available.')
  if (!s.performs)
    throw new AppError(
      422,
      'service_not_offered',
      `Specialist ${specialistId} does not perform this service.`,
    )

  const durationMin: number = p.duration_minutes ?? s.own_duration ?? s.duration_minutes
  const breakMin: number = s.break_minutes
  const start = DateTime.fromISO(p.starts_at, { zone: s.timezone })
  const now = Date.now()
  const roomId = await checkAvailability(db, trx, {
    specialistId,
    serviceId: p.service_id,
    locationId: s.location_id,
    zone: s.timezone,
    start,
    durationMin,
    breakMin,
    ...limitsFor(p.by, settings, now),
    ignoreHours: p.by === 'admin' && p.allow_out_of_hours === true,
  })

  const bookingId = Number(
    (await trx.raw(`select nextval(pg_get_serial_sequence('bookings', 'id')) as id`)).rows[0].id,
  )
  const discounts = await personalDiscounts(trx, p.client_id)
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
  const payment = await choosePayment(trx, p, input, settings)
  const started = startBooking({ ...input, payment })
  const after = await applyDbEffects(trx, started.actions, {
    snapshot: started.snapshot,
    intentId,
    actorUserId: p.actor_id,
    extra: { out_of_hours: roomId.outOfHours, notes: p.notes ?? '', chain_id: extra.chainId ?? null },
  })
  await bumpVersions(trx, specialistId, roomId.roomId)
  const startMs = start.toMillis()
  return {
    bookingId,
    startMs,
    durationMin,
    breakMin,
    after: {
      actions: after,
      specialistId,
      zone: s.timezone as string,
      spans: [{ start: startMs, end: startMs + (durationMin + breakMin) * 60_000, roomId: roomId.roomId }],
    } satisfies AfterCommit,
  }
}

/** Resolves "auto" and checks what the client asked for (rules in src/domain/payment-choice.ts). */
async function choosePayment(
  trx: Knex.Transaction,
  p: CreatePayload,
  input: Omit<BookingInput, 'payment'>,
  settings: CompanySettings,
): Promise<PaymentChoice> {
  return resolvePayment(trx, {
    clientId: p.client_id,
    serviceId: p.service_id,
    startsAt: input.startsAt,
    requested: p.payment,
    by: p.by,
    prepayment: settings.prepayment,
    walletPrice: () => quoteBooking({ ...input, payment: { method: 'wallet' } }).price,
    lockWallet: true,
  })
}

/** Marks the grids of the specialist and the rooms stale (the slot cache compares versions). */
export async function bumpVersions(
  trx: Knex.Transaction,
  specialistId: number,
  ...roomIds: (number | null)[]
): Promise<void> {
  await trx('specialists').where({ id: specialistId }).increment('grid_version', 1)
  const rooms = roomIds.filter((r): r is number => r !== null)
  if (rooms.length) await trx('rooms').whereIn('id', rooms).increment('grid_version', 1)
}
