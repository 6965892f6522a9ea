// The payment of a booking: package visit reserved → consumed | restored; wallet debited → captured |
// refunded | partially refunded; pay on site; free. A parallel region of the booking machine.
//
// Why a region and not a machine of its own: a booking and its money change together or not at all. One
// machine means one snapshot, one `transition` call and one list of effects, so a debit is never
// persisted without its booking, nor a refund without its cancellation; the worker has one version to
// store (`BOOKING_MACHINE_VERSION` covers this region). The region takes its money in the step that
// creates the booking and afterwards listens only to `payment.settle`, which the lifecycle raises after
// accepting an event that ends the booking and writing the settlement into the context. Money moves only
// when the lifecycle says so; a `payment.settle` from outside finds no settlement and is ignored.

import { and } from 'xstate'
import { packageVisit, refundParams, settlementOf } from './booking-context.ts'
import { settlementDifference } from './booking-corrections.ts'
import { bookingSetup } from './booking-setup.ts'
import type { PaymentState } from './booking-types.ts'

// An admin corrected the mark (booking-corrections.ts): the money moves by the difference only.
const settleDifference = bookingSetup.enqueueActions(({ context, enqueue }) => {
  const d = settlementDifference(context)
  const who = { bookingId: context.bookingId, clientId: context.clientId }
  if (d.refund > 0) {
    enqueue({
      type: 'refundWallet',
      params: { ...who, amount: d.refund, reason: settlementOf(context).reason },
    })
  }
  if (d.debit > 0) enqueue({ type: 'debitWallet', params: { ...who, amount: d.debit } })
  if (d.visit === 'restore') enqueue({ type: 'restorePackageVisit', params: packageVisit(context) })
  if (d.visit === 'retake') {
    enqueue({ type: 'reservePackageVisit', params: packageVisit(context) })
    enqueue({ type: 'consumePackageVisit', params: packageVisit(context) })
  }
})

// The settled states stay open to a correction (so they are not `final`): the lifecycle raises
// `payment.settle` again after writing the corrected settlement.
const walletCorrection = {
  'payment.settle': [
    { guard: and(['corrected', 'nothingRefunded']), target: 'wallet_captured', actions: settleDifference },
    { guard: and(['corrected', 'fullyRefunded']), target: 'wallet_refunded', actions: settleDifference },
    { guard: 'corrected', target: 'wallet_partially_refunded', actions: settleDifference },
  ],
} as const
const packageCorrection = {
  'payment.settle': [
    { guard: and(['corrected', 'visitConsumed']), target: 'package_consumed', actions: settleDifference },
    { guard: 'corrected', target: 'package_restored', actions: settleDifference },
  ],
} as const

export const paymentRegion = bookingSetup.createStateConfig({
  initial: 'pending',
  states: {
    // Transient: takes the money (or the visit) in the same step that inserts the booking.
    pending: {
      always: [
        {
          guard: 'paysByPackage',
          target: 'package_reserved',
          actions: { type: 'reservePackageVisit', params: ({ context }) => packageVisit(context) },
        },
        {
          guard: 'paysByWallet',
          target: 'wallet_debited',
          actions: {
            type: 'debitWallet',
            params: ({ context }) => ({
              bookingId: context.bookingId,
              clientId: context.clientId,
              amount: context.price,
            }),
          },
        },
        { guard: 'paysOnSite', target: 'on_site' },
        // From the wallet, but discounted to zero: there is nothing to take.
        { target: 'free' },
      ],
    },
    package_reserved: {
      on: {
        'payment.settle': [
          {
            guard: 'visitConsumed',
            target: 'package_consumed',
            actions: { type: 'consumePackageVisit', params: ({ context }) => packageVisit(context) },
          },
          {
            guard: 'settled',
            target: 'package_restored',
            actions: { type: 'restorePackageVisit', params: ({ context }) => packageVisit(context) },
          },
        ],
      },
    },
    wallet_debited: {
      on: {
        'payment.settle': [
          // Completed, or a late fee of 100 %: the whole debit stays with the company.
          { guard: 'nothingRefunded', target: 'wallet_captured' },
          {
            guard: 'fullyRefunded',
            target: 'wallet_refunded',
            actions: { type: 'refundWallet', params: ({ context }) => refundParams(context) },
          },
          {
            guard: 'settled',
            target: 'wallet_partially_refunded',
            actions: { type: 'refundWallet', params: ({ context }) => refundParams(context) },
          },
        ],
      },
    },
    on_site: { on: { 'payment.settle': { guard: 'settled', target: 'closed' } } },
    free: { on: { 'payment.settle': { guard: 'settled', target: 'closed' } } },
    package_consumed: { on: packageCorrection },
    package_restored: { on: packageCorrection },
    wallet_captured: { on: walletCorrection },
    wallet_refunded: { on: walletCorrection },
    wallet_partially_refunded: { on: walletCorrection },
    // Pay on site or free: nothing held by the system; what happens at the desk is outside it.
    closed: { type: 'final' },
  },
})

export const PAYMENT_STATES: readonly PaymentState[] = Object.keys(paymentRegion.states) as PaymentState[]

/** The states of a settled payment (all but `closed` still take an admin's correction). */
export const FINAL_PAYMENT_STATES: readonly PaymentState[] = [
  'package_consumed',
  'package_restored',
  'wallet_captured',
  'wallet_refunded',
  'wallet_partially_refunded',
  'closed',
]
