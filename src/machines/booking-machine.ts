// The booking machine: the lifecycle of one booking (region `status`) and its money (region `payment`,
// see payment-machine.ts for why it is a region), as pure data and logic. The worker rehydrates a
// snapshot, calls `transition`, and carries out the returned named actions (type + params) in one
// database transaction; nothing here performs I/O, reads the clock or starts a timer.
//
//   new ─(autoConfirm)─────────────────────────────┐
//    └──► requested ──CONFIRM──► confirmed ◄────────┘   (RESCHEDULE: stays, start moves)
//           │ REJECT ► rejected    │ COMPLETE ► completed ─┐ admin corrects (after the start):
//           │ CANCEL ► cancelled ◄─┤ CANCEL                │ completed ⇄ no_show, or CANCEL
//           │ RESCHEDULE (stays)   │ NO_SHOW ► no_show ────┘ either to cancelled (full refund)

import {
  completedSettlement,
  createBookingContext,
  creationDetails,
  creator,
  history,
  insertParams,
  moveDetails,
  policySettlement,
  published,
  rescheduled,
  releaseInFull,
  remindersFor,
  settlementDetails,
  slotOf,
  toUtcIso,
  whoOf,
} from './booking-context.ts'
import { bookingSetup } from './booking-setup.ts'
import { correct, correctionDetails } from './booking-corrections.ts'
import type { BookingContext, BookingMachineEvent, BookingMove, BookingStatus } from './booking-types.ts'
import { paymentRegion } from './payment-machine.ts'

/**
 * Stored next to every snapshot. Bump it when a change would misread an older snapshot (a renamed state,
 * a reshaped context) and teach `stepBooking` to migrate or refuse the old version.
 */
export const BOOKING_MACHINE_VERSION = 2

/**
 * Versions this code reads. Version 1 had `completed` and `no_show` final and no `corrections` in the
 * context; its snapshots mean the same in version 2, which only adds the admin's corrections.
 */
export const READABLE_BOOKING_MACHINE_VERSIONS: readonly number[] = [1, 2]

type Ctx = { context: BookingContext }

const setStatus = (from: BookingStatus, to: BookingStatus) => ({
  type: 'setStatus' as const,
  params: ({ context }: Ctx) => ({ bookingId: context.bookingId, from, to }),
})

const releaseSlot = {
  type: 'releaseSlot' as const,
  params: ({ context }: Ctx) => ({ bookingId: context.bookingId, ...slotOf(context) }),
}

const removeReminders = {
  type: 'removeReminders' as const,
  params: ({ context }: Ctx) => ({ bookingId: context.bookingId }),
}

const recordDiscountIfAny = bookingSetup.enqueueActions(({ context, enqueue }) => {
  if (context.discount === null) return
  enqueue({
    type: 'recordDiscount',
    params: {
      bookingId: context.bookingId,
      clientId: context.clientId,
      discountId: context.discount.id,
      amount: context.discount.amount,
    },
  })
})

const recordMove = bookingSetup.assign(({ context, event }) => {
  // Stryker disable next-line ConditionalExpression: equivalent, recordMove runs on RESCHEDULE only (the check narrows the event's type)
  if (event.type !== 'RESCHEDULE') return {}
  const to = toUtcIso(event.startsAt)
  const specialistId = event.specialistId ?? context.specialistId
  const move: BookingMove = {
    from: context.startsAt,
    to,
    at: toUtcIso(event.now),
    by: event.by,
    actorId: event.actorId ?? null,
    ...(specialistId === context.specialistId
      ? {}
      : { fromSpecialistId: context.specialistId, toSpecialistId: specialistId }),
  }
  return { startsAt: to, specialistId, moves: [...context.moves, move] }
})

const moveBooking = {
  type: 'moveBooking' as const,
  params: ({ context, event }: Ctx & { event: { startsAt: string; specialistId?: number } }) => ({
    bookingId: context.bookingId,
    from: slotOf(context),
    to: slotOf(
      { ...context, specialistId: event.specialistId ?? context.specialistId },
      toUtcIso(event.startsAt),
    ),
  }),
}

const settlePayment = bookingSetup.raise({ type: 'payment.settle' })

const correctionHistory = (
  event: 'COMPLETE' | 'NO_SHOW' | 'CANCEL',
  from: BookingStatus,
  to: BookingStatus,
) => ({
  type: 'appendHistory' as const,
  params: ({ context, event: e }: Ctx & { event: BookingMachineEvent }) =>
    history(
      context,
      event,
      from,
      to,
      whoOf(e),
      correctionDetails(context, 'reason' in e ? e.reason : undefined),
    ),
})

/** An admin cancels a booking marked by mistake: the visit does not count, so nothing is kept. */
const correctionToCancelled = (from: 'completed' | 'no_show') => ({
  guard: 'canCorrect' as const,
  target: 'cancelled' as const,
  actions: [
    bookingSetup.assign(({ context, event }) =>
      correct(context, releaseInFull(context, 'cancelled', whoOf(event), 'by_business')),
    ),
    setStatus(from, 'cancelled'),
    releaseSlot,
    correctionHistory('CANCEL', from, 'cancelled'),
    {
      type: 'publishEvent' as const,
      params: ({ context, event }: Ctx & { event: BookingMachineEvent }) =>
        published(context, 'booking.cancelled', 'cancelled', whoOf(event).now),
    },
    settlePayment,
  ],
})

export const bookingMachine = bookingSetup.createMachine({
  id: 'booking',
  type: 'parallel',
  context: ({ input }) => createBookingContext(input),
  states: {
    status: {
      initial: 'new',
      states: {
        // Transient: picks the first status and emits the creation effects; never persisted.
        new: {
          always: [
            {
              guard: 'autoConfirm',
              target: 'confirmed',
              actions: [
                { type: 'insertBooking', params: ({ context }) => insertParams(context, 'confirmed') },
                recordDiscountIfAny,
                {
                  type: 'appendHistory',
                  params: ({ context }) =>
                    history(
                      context,
                      'created',
                      null,
                      'confirmed',
                      creator(context),
                      creationDetails(context),
                    ),
                },
                {
                  type: 'scheduleReminders',
                  params: ({ context }) => ({
                    bookingId: context.bookingId,
                    startsAt: context.startsAt,
                    reminders: remindersFor(context.startsAt, context.reminderOffsetsMin, context.createdAt),
                  }),
                },
                {
                  type: 'publishEvent',
                  params: ({ context }) =>
                    published(context, 'booking.created', 'confirmed', context.createdAt),
                },
              ],
            },
            {
              target: 'requested',
              actions: [
                { type: 'insertBooking', params: ({ context }) => insertParams(context, 'requested') },
                recordDiscountIfAny,
                {
                  type: 'appendHistory',
                  params: ({ context }) =>
                    history(
                      context,
                      'created',
                      null,
                      'requested',
                      creator(context),
                      creationDetails(context),
                    ),
                },
                {
                  type: 'publishEvent',
                  params: ({ context }) =>
                    published(context, 'booking.created', 'requested', context.createdAt),
                },
              ],
            },
          ],
        },

        requested: {
          on: {
            CONFIRM: {
              guard: 'byBusiness',
              target: 'confirmed',
              actions: [
                setStatus('requested', 'confirmed'),
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(context, 'CONFIRM', 'requested', 'confirmed', event),
                },
                {
                  type: 'scheduleReminders',
                  params: ({ context, event }) => ({
                    bookingId: context.bookingId,
                    startsAt: context.startsAt,
                    reminders: remindersFor(context.startsAt, context.reminderOffsetsMin, event.now),
                  }),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.confirmed', 'confirmed', event.now),
                },
              ],
            },
            REJECT: {
              guard: 'byBusiness',
              target: 'rejected',
              actions: [
                bookingSetup.assign({
                  settlement: ({ context, event }) =>
                    releaseInFull(context, 'rejected', whoOf(event), 'by_business'),
                }),
                setStatus('requested', 'rejected'),
                releaseSlot,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(
                      context,
                      'REJECT',
                      'requested',
                      'rejected',
                      event,
                      settlementDetails(context, event.reason),
                    ),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.rejected', 'rejected', event.now),
                },
                settlePayment,
              ],
            },
            // Nothing was confirmed yet, so withdrawing a request is always free.
            CANCEL: {
              guard: 'canCancel',
              target: 'cancelled',
              actions: [
                bookingSetup.assign({
                  settlement: ({ context, event }) => {
                    const who = whoOf(event)
                    return releaseInFull(
                      context,
                      'cancelled',
                      who,
                      who.by === 'client' ? 'free_window' : 'by_business',
                    )
                  },
                }),
                setStatus('requested', 'cancelled'),
                releaseSlot,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(
                      context,
                      'CANCEL',
                      'requested',
                      'cancelled',
                      event,
                      settlementDetails(context, event.reason),
                    ),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.cancelled', 'cancelled', event.now),
                },
                settlePayment,
              ],
            },
            RESCHEDULE: {
              guard: 'canReschedule',
              actions: [
                moveBooking,
                releaseSlot,
                recordMove,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(context, 'RESCHEDULE', 'requested', 'requested', event, moveDetails(context)),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) => rescheduled(context, 'requested', event.now),
                },
              ],
            },
          },
        },

        confirmed: {
          on: {
            RESCHEDULE: {
              guard: 'canReschedule',
              actions: [
                moveBooking,
                releaseSlot,
                removeReminders,
                recordMove,
                {
                  type: 'scheduleReminders',
                  params: ({ context, event }) => ({
                    bookingId: context.bookingId,
                    startsAt: context.startsAt,
                    reminders: remindersFor(context.startsAt, context.reminderOffsetsMin, event.now),
                  }),
                },
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(context, 'RESCHEDULE', 'confirmed', 'confirmed', event, moveDetails(context)),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) => rescheduled(context, 'confirmed', event.now),
                },
              ],
            },
            CANCEL: {
              guard: 'canCancel',
              target: 'cancelled',
              actions: [
                bookingSetup.assign({
                  settlement: ({ context, event }) => policySettlement(context, 'cancelled', whoOf(event)),
                }),
                setStatus('confirmed', 'cancelled'),
                releaseSlot,
                removeReminders,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(
                      context,
                      'CANCEL',
                      'confirmed',
                      'cancelled',
                      event,
                      settlementDetails(context, event.reason),
                    ),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.cancelled', 'cancelled', event.now),
                },
                settlePayment,
              ],
            },
            COMPLETE: {
              guard: 'canComplete',
              target: 'completed',
              actions: [
                bookingSetup.assign({
                  settlement: ({ context, event }) => completedSettlement(context, whoOf(event)),
                }),
                setStatus('confirmed', 'completed'),
                removeReminders,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(context, 'COMPLETE', 'confirmed', 'completed', event),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.completed', 'completed', event.now),
                },
                settlePayment,
              ],
            },
            NO_SHOW: {
              guard: 'canMarkNoShow',
              target: 'no_show',
              actions: [
                bookingSetup.assign({
                  settlement: ({ context, event }) => policySettlement(context, 'no_show', whoOf(event)),
                }),
                setStatus('confirmed', 'no_show'),
                removeReminders,
                {
                  type: 'appendHistory',
                  params: ({ context, event }) =>
                    history(
                      context,
                      'NO_SHOW',
                      'confirmed',
                      'no_show',
                      event,
                      settlementDetails(context, undefined),
                    ),
                },
                {
                  type: 'publishEvent',
                  params: ({ context, event }) => published(context, 'booking.no_show', 'no_show', event.now),
                },
                settlePayment,
              ],
            },
          },
        },

        completed: {
          on: {
            NO_SHOW: {
              guard: 'canCorrect',
              target: 'no_show',
              actions: [
                bookingSetup.assign(({ context, event }) =>
                  correct(context, policySettlement(context, 'no_show', whoOf(event))),
                ),
                setStatus('completed', 'no_show'),
                correctionHistory('NO_SHOW', 'completed', 'no_show'),
                {
                  type: 'publishEvent',
                  params: ({ context, event }) => published(context, 'booking.no_show', 'no_show', event.now),
                },
                settlePayment,
              ],
            },
            CANCEL: correctionToCancelled('completed'),
          },
        },
        no_show: {
          on: {
            COMPLETE: {
              guard: 'canCorrect',
              target: 'completed',
              actions: [
                bookingSetup.assign(({ context, event }) =>
                  correct(context, completedSettlement(context, whoOf(event))),
                ),
                setStatus('no_show', 'completed'),
                correctionHistory('COMPLETE', 'no_show', 'completed'),
                {
                  type: 'publishEvent',
                  params: ({ context, event }) =>
                    published(context, 'booking.completed', 'completed', event.now),
                },
                settlePayment,
              ],
            },
            CANCEL: correctionToCancelled('no_show'),
          },
        },
        cancelled: { type: 'final' },
        rejected: { type: 'final' },
      },
    },

    payment: paymentRegion,
  },
})
