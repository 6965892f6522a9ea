// The typed vocabulary shared by the booking lifecycle and its payment region: effects and guards.
// Effects are no-ops here on purpose: the machine only names them; `transition` returns them as data.

import { setup } from 'xstate'
import { msOrNaN } from './booking-context.ts'
import type {
  BookingActionParams,
  BookingActionType,
  BookingContext,
  BookingInput,
  BookingMachineEvent,
} from './booking-types.ts'

// Stryker disable next-line BlockStatement: equivalent, the runner never executes an effect (`transition` returns them as data), so a missing implementation changes nothing
function effect<K extends BookingActionType>() {
  return (_args: unknown, _params: BookingActionParams[K]): void => {}
}

export const bookingSetup = setup({
  types: {} as {
    context: BookingContext
    events: BookingMachineEvent
    input: BookingInput
  },
  // Stryker disable next-line ObjectLiteral: equivalent for the same reason, named actions need no implementation to be returned by `transition`
  actions: {
    insertBooking: effect<'insertBooking'>(),
    recordDiscount: effect<'recordDiscount'>(),
    setStatus: effect<'setStatus'>(),
    moveBooking: effect<'moveBooking'>(),
    releaseSlot: effect<'releaseSlot'>(),
    debitWallet: effect<'debitWallet'>(),
    refundWallet: effect<'refundWallet'>(),
    reservePackageVisit: effect<'reservePackageVisit'>(),
    consumePackageVisit: effect<'consumePackageVisit'>(),
    restorePackageVisit: effect<'restorePackageVisit'>(),
    appendHistory: effect<'appendHistory'>(),
    scheduleReminders: effect<'scheduleReminders'>(),
    removeReminders: effect<'removeReminders'>(),
    publishEvent: effect<'publishEvent'>(),
  },
  guards: {
    autoConfirm: ({ context }) => context.autoConfirm,
    /** Confirming, rejecting and completing are the business's calls, never the client's. */
    byBusiness: ({ event }) => 'by' in event && event.by !== 'client',
    /** A client cannot cancel a booking that has started (that is a no-show); the business can. */
    canCancel: ({ context, event }) =>
      'by' in event && (event.by !== 'client' || msOrNaN(event.now) < Date.parse(context.startsAt)),
    /** The business marks a no-show once the start has passed. */
    canMarkNoShow: ({ context, event }) =>
      'by' in event && event.by !== 'client' && msOrNaN(event.now) >= Date.parse(context.startsAt),
    /** The business marks a visit done once it has started (before that it cannot have happened). */
    canComplete: ({ context, event }) =>
      'by' in event && event.by !== 'client' && msOrNaN(event.now) >= Date.parse(context.startsAt),
    /** Only an admin corrects a mark, and to completed or no-show only once the start has passed. */
    canCorrect: ({ context, event }) =>
      'by' in event &&
      event.by === 'admin' &&
      (event.type === 'CANCEL' || msOrNaN(event.now) >= Date.parse(context.startsAt)),
    /** The settlement was replaced by an admin's correction: the payment settles the difference. */
    corrected: ({ context }) => (context.corrections?.length ?? 0) > 0,
    /** To a different start in the future; a client may not move a booking that has started. */
    canReschedule: ({ context, event }) => {
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent, the guard is used on RESCHEDULE only (the check narrows the event's type)
      if (event.type !== 'RESCHEDULE') return false
      const nowMs = msOrNaN(event.now)
      const toMs = msOrNaN(event.startsAt)
      const fromMs = Date.parse(context.startsAt)
      const otherSpecialist = event.specialistId !== undefined && event.specialistId !== context.specialistId
      // Only the business moves a booking to another specialist.
      if (otherSpecialist && event.by !== 'admin') return false
      return toMs > nowMs && (toMs !== fromMs || otherSpecialist) && (event.by !== 'client' || nowMs < fromMs)
    },
    paysByPackage: ({ context }) => context.payment.method === 'package',
    paysByWallet: ({ context }) => context.payment.method === 'wallet' && context.payment.amount > 0,
    paysOnSite: ({ context }) => context.payment.method === 'on_site',
    /** The lifecycle has ended and said how; set only by the transitions into a final status. */
    settled: ({ context }) => context.settlement !== null,
    visitConsumed: ({ context }) => context.settlement?.packageVisit === 'consume',
    nothingRefunded: ({ context }) => context.settlement !== null && context.settlement.refund === 0,
    fullyRefunded: ({ context }) =>
      context.settlement !== null &&
      // Stryker disable next-line ConditionalExpression: equivalent, the guard is only evaluated in the wallet states, where the method is always wallet
      context.payment.method === 'wallet' &&
      context.settlement.refund === context.payment.amount,
  },
})
