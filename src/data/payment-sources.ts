// What a booking could be paid with, read from PostgreSQL: the client's package visit for a service,
// the wallet balance, the company's currency; and the payment plan built from them with the rules of
// src/domain/payment-choice.ts. The worker uses it inside its booking transaction (wallet row
// locked), the booking quote outside one (nothing locked, nothing written).
import type { Knex } from 'knex'
import { companyCurrency } from './company-repository.ts'
import { AppError } from '../domain/errors.ts'
import type { Money } from '../domain/money.ts'
import type { PersonalDiscount } from '../domain/pricing.ts'
import {
  type ChosenPayment,
  type PaymentRequest,
  choosePaymentMethod,
  insufficientFunds,
  mayUsePackage,
} from '../domain/payment-choice.ts'

export interface PaymentQuestion {
  clientId: number
  serviceId: number
  /** The booking's start (ISO 8601): a package must still be valid then. */
  startsAt: string
  requested: PaymentRequest
  by: 'client' | 'admin' | 'specialist'
  prepayment: 'none' | 'required'
  /** What the booking would cost from the wallet; asked only when the wallet is chosen. */
  walletPrice: () => Money
  /** Lock the wallet row (FOR UPDATE) for the caller's transaction: the worker's debit follows. */
  lockWallet: boolean
  /**
   * Visits already spoken for, by client package id (a chain's earlier items that are not yet
   * written), so one remaining visit is not counted twice.
   */
  usedVisits?: ReadonlyMap<number, number>
  /**
   * The package visit the caller's own statement already found for this question (as
   * `packageVisitFor` finds it, with no `usedVisits`); undefined: looked up here.
   */
  packageVisit?: number | null
}

export interface PaymentPlan {
  /** Null when the request cannot be honoured (see `refusal`) before an amount is known. */
  choice: ChosenPayment | null
  /** The wallet's balance when the wallet was chosen, else null. */
  balance: number | null
  /** The wallet price when the wallet was chosen, else null. */
  walletPrice: Money | null
  /** Why a booking made now would be refused (402), or null. */
  refusal: AppError | null
}

/** The client package (soonest expiry first) with a visit of the service left at `startsAt`. */
export async function packageVisitFor(
  k: Knex,
  a: { clientId: number; serviceId: number; startsAt: string; usedVisits?: ReadonlyMap<number, number> },
): Promise<number | null> {
  const rows = await k('client_package_items as i')
    .join('client_packages as cp', 'cp.id', 'i.client_package_id')
    .where({ 'cp.client_id': a.clientId, 'i.service_id': a.serviceId })
    .where('i.remaining', '>', 0)
    .where('cp.expires_at', '>', new Date(Date.parse(a.startsAt)))
    .orderBy(['cp.expires_at', 'cp.id'])
    .select('cp.id', 'i.remaining')
  const free = rows.find((r) => r.remaining - (a.usedVisits?.get(r.id) ?? 0) > 0)
  return (free?.id as number | undefined) ?? null
}

/** The sum of the wallet payments (negative: debits) recorded for the bookings. */
export async function walletPaymentsSum(k: Knex, bookingIds: readonly number[]): Promise<number> {
  const row = await k('wallet_transactions')
    .whereIn('booking_id', [...bookingIds])
    .where({ kind: 'payment' })
    .sum('amount as total')
    .first()
  return Number(row?.total ?? 0)
}

export async function walletBalance(k: Knex, clientId: number, lock: boolean): Promise<number> {
  const q = k('client_wallets').where({ client_id: clientId })
  if (lock) q.forUpdate()
  return ((await q.first('balance'))?.balance as number | undefined) ?? 0
}

/** How a booking made now would be paid, and the refusal it would get; never throws a refusal. */
export async function planPayment(k: Knex, q: PaymentQuestion): Promise<PaymentPlan> {
  const clientPackageId = !mayUsePackage(q.requested)
    ? null
    : q.packageVisit !== undefined && !q.usedVisits?.size
      ? q.packageVisit
      : await packageVisitFor(k, q)
  let choice: ChosenPayment
  try {
    choice = choosePaymentMethod({ ...q, clientPackageId })
  } catch (err) {
    if (err instanceof AppError) return { choice: null, balance: null, walletPrice: null, refusal: err }
    throw err
  }
  if (choice.method !== 'wallet') return { choice, balance: null, walletPrice: null, refusal: null }
  const price = q.walletPrice()
  const balance = await walletBalance(k, q.clientId, q.lockWallet)
  const refusal =
    balance < price ? insufficientFunds({ balance, price, currency: await companyCurrency(k) }) : null
  return { choice, balance, walletPrice: price, refusal }
}

/** `planPayment` for the worker: the choice, or the refusal thrown. */
export async function resolvePayment(k: Knex, q: PaymentQuestion): Promise<ChosenPayment> {
  const plan = await planPayment(k, q)
  if (plan.refusal) throw plan.refusal
  return plan.choice!
}

/** What pricing a booking needs from PostgreSQL (the same reads as the worker's booking step). */
export interface PriceInputs {
  locationId: number
  timeZone: string
  serviceName: string
  /** The specialist's own price for the service, else the service's. */
  basePrice: Money
  discounts: PersonalDiscount[]
}

/** Null when the specialist or the service does not exist, is inactive, or they do not go together. */
export async function priceInputsFor(
  k: Knex,
  a: { clientId: number; serviceId: number; specialistId: number },
): Promise<PriceInputs | null> {
  const s = await k('specialists as s')
    .join('locations as l', 'l.id', 's.location_id')
    .join('specialist_services as ss', (j) =>
      j.on('ss.specialist_id', 's.id').andOnVal('ss.service_id', a.serviceId),
    )
    .join('services as sv', 'sv.id', 'ss.service_id')
    .where({ 's.id': a.specialistId, 's.active': true, 'sv.active': true })
    .first('s.location_id', 'l.timezone', 'sv.name', 'sv.price', 'ss.price as own_price')
  if (!s) return null
  return {
    locationId: s.location_id as number,
    timeZone: s.timezone as string,
    serviceName: s.name as string,
    basePrice: (s.own_price ?? s.price) as Money,
    discounts: await personalDiscounts(k, a.clientId),
  }
}

/** The client's active personal discounts; pricing picks the one that applies at the booking. */
export async function personalDiscounts(k: Knex, clientId: number): Promise<PersonalDiscount[]> {
  return k('client_discounts')
    .where({ client_id: clientId, active: true })
    .select('id', 'kind', 'value', 'service_id', 'valid_from', 'valid_to')
}

/** The worker's payment reads, each on the connection or transaction it is given. */
export const paymentSources = {
  packageVisitFor,
  walletPaymentsSum,
  walletBalance,
  planPayment,
  resolvePayment,
  priceInputsFor,
  personalDiscounts,
}
