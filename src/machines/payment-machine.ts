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

import { packageVisit, refundParams } from './booking-context.ts'
import { bookingSetup } from './booking-setup.ts'
import type { PaymentState } from './booking-types.ts'

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
    package_consumed: { type: 'final' },
    package_restored: { type: 'final' },
    wallet_captured: { type: 'final' },
    wallet_refunded: { type: 'final' },
    wallet_partially_refunded: { type: 'final' },
    // Pay on site or free: nothing held by the system; what happens at the desk is outside it.
    closed: { type: 'final' },
  },
})

export const PAYMENT_STATES: readonly PaymentState[] = Object.keys(paymentRegion.states) as PaymentState[]

export const FINAL_PAYMENT_STATES: readonly PaymentState[] = [
  'package_consumed',
  'package_restored',
  'wallet_captured',
  'wallet_refunded',
  'wallet_partially_refunded',
  'closed',
]
