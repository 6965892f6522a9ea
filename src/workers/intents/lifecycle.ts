// Cancel, reschedule, complete and no-show intents: one event of the booking's machine, applied
// to the stored booking under its row lock, with its effects, in one transaction.
import type { Trx } from '../../data/db.ts'
import { DateTime } from 'luxon'
import type { Repositories } from '../../data/repositories.ts'
import { AppError } from '../../domain/errors.ts'
import { insufficientFunds } from '../../domain/payment-choice.ts'
import {
  applyBookingEvent,
  type BookingAction,
  type BookingEvent,
  type PersistedBooking,
  BookingMachineError,
  BookingNotStartedError,
  CorrectionNotAllowedError,
  InvalidTransitionError,
} from '../../machines/index.ts'
import type { IntentRow } from '../../intents/intent-store.ts'
import type { LifecyclePayload } from '../../jobs/intent-payloads.ts'
import type { AfterCommit } from '../after-commit.ts'
import { checkAvailability, limitsFor } from '../availability.ts'
import { whenLabel } from '../refusals.ts'
import {
  finishInTransaction,
  type HandlerResult,
  type IntentHandler,
  type Outcome,
  type ProcessorDeps,
} from './handler.ts'

function run(deps: ProcessorDeps, intent: IntentRow): Promise<HandlerResult> {
  const p = intent.payload as unknown as LifecyclePayload
  const { db, repos } = deps
  const { bookings, bookingWrites } = repos
  return db.transaction(async (trx) => {
    const b = await bookingWrites.lockBooking(trx, p.booking_id)
    if (!b) throw new AppError(404, 'not_found', `Booking ${p.booking_id} was not found.`)
    const now = new Date().toISOString()
    // The specialist the booking ends up with: another one only on an admin's move.
    const target = p.specialist_id ?? b.specialist_id
    const base = { now, by: p.by, actorId: p.actor_id }
    const event: BookingEvent =
      intent.kind === 'cancel'
        ? { type: 'CANCEL', reason: p.reason, ...base }
        : intent.kind === 'reschedule'
          ? {
              type: 'RESCHEDULE',
              startsAt: p.starts_at!,
              ...(target !== b.specialist_id && { specialistId: target }),
              ...base,
            }
          : intent.kind === 'complete'
            ? { type: 'COMPLETE', ...base }
            : { type: 'NO_SHOW', ...base }

    if (
      event.type === 'RESCHEDULE' &&
      (b.status === 'requested' || b.status === 'confirmed') &&
      Date.parse(event.startsAt) === b.starts_at.getTime() &&
      target === b.specialist_id
    ) {
      // Already at that time: nothing to move, so nothing is written (no history row) and no grid
      // changes; the answer is the booking as it is.
      const outcome: Outcome = { status: 200, body: await bookings.body(b.id, trx), bookingId: b.id }
      await finishInTransaction(trx, intent.id, outcome)
      return { outcome, after: [] as AfterCommit[] }
    }

    let moveRoomId: number | null | undefined
    const spans: AfterCommit['spans'] = [
      { start: b.starts_at.getTime(), end: b.busy_until.getTime(), roomId: b.room_id },
    ]
    if (event.type === 'RESCHEDULE') {
      const start = DateTime.fromISO(p.starts_at!, { zone: b.timezone })
      const settings = await repos.company.settings(trx)
      const picked = await checkAvailability(deps, trx, {
        specialistId: target,
        serviceId: b.service_id,
        locationId: b.location_id,
        zone: b.timezone,
        start,
        durationMin: b.duration_minutes,
        breakMin: b.break_minutes,
        ...limitsFor(p.by, settings, Date.now()),
        ignoreHours: false,
        excludeBookingId: b.id,
      })
      moveRoomId = picked.roomId
      const startMs = start.toMillis()
      spans.push({
        start: startMs,
        end: startMs + (b.duration_minutes + b.break_minutes) * 60_000,
        roomId: picked.roomId,
      })
    }

    let step
    try {
      step = applyBookingEvent(b.machine_snapshot as PersistedBooking, event)
    } catch (err) {
      // The machine's refusal keeps its code and status; only the words are the booking's own.
      const words =
        err instanceof InvalidTransitionError
          ? `A ${b.status} booking cannot be ${pastTense(intent.kind)}.`
          : err instanceof BookingNotStartedError
            ? `This booking starts at ${whenLabel(DateTime.fromJSDate(b.starts_at, { zone: b.timezone }))}; ` +
              `it can be ${pastTense(intent.kind)} once it has started.`
            : err instanceof CorrectionNotAllowedError
              ? `This booking is already marked ${b.status === 'no_show' ? 'a no-show' : b.status}; only an ` +
                'admin can correct it. Ask an admin.'
              : null
      if (words === null || !(err instanceof BookingMachineError)) throw err
      throw new AppError(err.status, err.code, words)
    }
    const after = await bookingWrites
      .applyEffects(trx, step.actions, {
        snapshot: step.snapshot,
        intentId: intent.id,
        actorUserId: p.actor_id,
        moveRoomId,
      })
      .catch(async (err: unknown) => {
        throw await correctionRefusal(repos, trx, b.status, step.actions, err)
      })
    const roomIds = spans.map((s) => s.roomId)
    await bookingWrites.bumpGridVersions(trx, b.specialist_id, roomIds)
    if (target !== b.specialist_id) await bookingWrites.bumpGridVersions(trx, target, [])
    const body = await bookings.body(b.id, trx)
    const outcome: Outcome = { status: 200, body, bookingId: b.id }
    await finishInTransaction(trx, intent.id, outcome)
    return {
      outcome,
      after: {
        actions: after,
        specialistId: b.specialist_id,
        ...(target !== b.specialist_id && { alsoSpecialistId: target }),
        zone: b.timezone,
        spans,
      },
    }
  })
}

/**
 * A correction that must take back money or a visit the client no longer has: say so in the
 * admin's terms (the effect's own refusal speaks of booking). Anything else passes unchanged.
 */
async function correctionRefusal(
  repos: Repositories,
  trx: Trx,
  status: string,
  actions: BookingAction[],
  err: unknown,
): Promise<unknown> {
  if (!(err instanceof AppError) || (status !== 'completed' && status !== 'no_show')) return err
  if (err.code === 'insufficient_funds') {
    const debit = actions.find((a) => a.type === 'debitWallet')?.params.amount ?? 0
    const balance = Number(err.details?.balance ?? 0)
    const currency = await repos.company.currency(trx)
    return (
      insufficientFunds(
        { balance, price: debit, currency },
        {
          costs: 'this correction takes back',
          priceNote: "that was refunded to the client's wallet",
          advice: 'top the wallet up first, or cancel the booking instead',
        },
      ) ?? err
    )
  }
  if (err.code === 'package_exhausted') {
    return new AppError(
      402,
      'package_exhausted',
      'This correction uses the visit given back to the client’s package again, and the package has no ' +
        'visit left (or has expired); cancel the booking instead.',
    )
  }
  return err
}

const pastTense = (kind: string) =>
  ({ cancel: 'cancelled', reschedule: 'rescheduled', complete: 'completed', no_show: 'marked as a no-show' })[
    kind
  ] ?? kind

/**
 * The specialists whose Redis locks the run takes, ascending: the booking's, and on a move to
 * another specialist that one too (the intent runs on the target's partition, see the API).
 */
export function lifecycleSpecialists(intent: IntentRow, job: { specialistId: number }): number[] {
  const p = intent.payload as unknown as LifecyclePayload
  return [...new Set([job.specialistId, p.from_specialist_id ?? job.specialistId])].sort((a, b) => a - b)
}

export const lifecycleHandler: IntentHandler = {
  specialists: lifecycleSpecialists,
  run: (deps, intent) => run(deps, intent),
}
