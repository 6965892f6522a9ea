// Chained bookings (docs/product.md §5: an admin books several services back to back for one client). One
// intent of kind 'chain' books every item in ONE transaction: each item is re-checked and inserted
// exactly as a single booking is (`bookOne`, src/workers/booking-writer.ts), with a shared `chain_id`; the first
// item that is not free (or cannot be paid) rolls everything back, and the outcome names it
// (`item_index`, 0-based). All or none.
//
// Timing: the first item starts at `starts_at`; each next item starts where the previous one
// ends, rounded up to the 15-minute grid (durations are whole cells on the grid), and, when the
// same specialist goes on, after the previous item's break too (the specialist is held for
// duration + break, so nothing could start earlier anyway). A client walks from one specialist to
// the next without waiting for the first one's break.
//
// Serialisation: the intent runs on the FIRST specialist's partition queue only. The other
// specialists' queues do not serialise it; what protects them is that the worker takes the Redis
// lock of every specialist of the chain (ascending ids, so two chains never wait on each other in
// a cycle) before it re-checks, and that PostgreSQL's exclusion constraints refuse any overlap
// whatever the locks did.
import type { Trx } from '../../data/db.ts'
import { errorOutcome } from '../../data/error-outcome.ts'
import type { Repositories } from '../../data/repositories.ts'
import { AppError } from '../../domain/errors.ts'
import { cellsFor } from '../../domain/day-grid.ts'
import { CELL_MINUTES } from '../../domain/schedule.ts'
import { insufficientFunds } from '../../domain/payment-choice.ts'
import { priceByPayment } from '../../domain/pricing.ts'
import type { IntentRow } from '../../intents/intent-store.ts'
import type { ChainItem, ChainPayload, CreatePayload } from '../../jobs/intent-payloads.ts'
import { bookOne, type BookedItem } from '../booking-writer.ts'
import { finishInTransaction, type IntentHandler, type ProcessorDeps } from './handler.ts'

const CELL_MS = CELL_MINUTES * 60_000

/** The specialists whose Redis locks the chain takes, in the order it takes them. */
export const chainSpecialists = (p: ChainPayload) =>
  [...new Set(p.items.map((i) => i.specialist_id))].sort((a, b) => a - b)

/** Where the next item starts (see the timing rule above). */
export function nextStart(prev: BookedItem, prevSpecialistId: number, nextSpecialistId: number): number {
  const breakMs = prevSpecialistId === nextSpecialistId ? cellsFor(prev.breakMin) * CELL_MS : 0
  return prev.startMs + cellsFor(prev.durationMin) * CELL_MS + breakMs
}

/** The error of item `i`, saying which item it is; not a known error: unchanged (retried). */
function itemError(err: unknown, i: number, item: ChainItem): unknown {
  const known = errorOutcome(err)
  if (!known) return err
  return new AppError(
    known.status,
    known.code,
    `Item ${i + 1} (service ${item.service_id} with specialist ${item.specialist_id}): ${known.message} ` +
      'Nothing was booked.',
    { ...known.details, item_index: i },
  )
}

/**
 * The refusal of a chain the wallet cannot pay, in the chain's terms: the balance before the chain
 * (the items already booked inside this transaction have debited it) and what the whole chain costs
 * from the wallet, so the admin knows how much to top up. Null when that cannot be worked out (then
 * the item's own refusal stands).
 */
async function chainFundsError(
  repos: Repositories,
  trx: Trx,
  p: ChainPayload,
  booked: BookedItem[],
  failed: number,
  failedStartsAt: string,
): Promise<AppError | null> {
  const { payments, company } = repos
  // Payments are stored as debits (negative amounts).
  const paid = booked.length
    ? -(await payments.walletPaymentsSum(
        trx,
        booked.map((b) => b.bookingId),
      ))
    : 0
  const balance = (await payments.walletBalance(trx, p.client_id, false)) + paid
  const { prepayment } = await company.settings(trx)
  const now = new Date().toISOString()
  const used = new Map<number, number>()
  let total = paid
  for (const item of p.items.slice(failed)) {
    const inputs = await payments.priceInputsFor(trx, {
      clientId: p.client_id,
      serviceId: item.service_id,
      specialistId: item.specialist_id,
    })
    if (!inputs) return null
    const walletPrice = () =>
      priceByPayment('wallet', {
        basePrice: inputs.basePrice,
        serviceId: item.service_id,
        at: now,
        discounts: inputs.discounts,
        timeZone: inputs.timeZone,
      }).price
    // Later items start later; the first failing item's start is close enough for a package's expiry.
    const plan = await payments.planPayment(trx, {
      clientId: p.client_id,
      serviceId: item.service_id,
      startsAt: failedStartsAt,
      requested: p.payment,
      by: 'admin',
      prepayment,
      walletPrice,
      lockWallet: false,
      usedVisits: used,
    })
    if (plan.choice?.method === 'package') {
      const id = plan.choice.clientPackageId
      used.set(id, (used.get(id) ?? 0) + 1)
    }
    if (plan.walletPrice !== null) total += plan.walletPrice
  }
  if (balance >= total) return null
  return insufficientFunds(
    { balance, price: total, currency: await company.currency(trx) },
    {
      costs: 'the chain costs',
      priceNote: `from it (item ${failed + 1} is the first it cannot pay)`,
      advice: 'top it up or pay on site. Nothing was booked',
    },
    { item_index: failed },
  )
}

/** Books the whole chain in one transaction and records the outcome; throws on the first refusal. */
async function bookChain(deps: ProcessorDeps, intent: IntentRow) {
  const p = intent.payload as unknown as ChainPayload
  return deps.db.transaction(async (trx) => {
    const booked: BookedItem[] = []
    let startMs = Date.parse(p.starts_at)
    for (const [i, item] of p.items.entries()) {
      const prev = booked[i - 1]
      if (prev) startMs = nextStart(prev, p.items[i - 1]!.specialist_id, item.specialist_id)
      const single: CreatePayload = {
        client_id: p.client_id,
        service_id: item.service_id,
        starts_at: new Date(startMs).toISOString(),
        payment: p.payment,
        candidates: [item.specialist_id],
        source: 'admin',
        by: 'admin',
        actor_id: p.actor_id,
        notes: p.notes,
        duration_minutes: item.duration_minutes,
        allow_out_of_hours: p.allow_out_of_hours,
      }
      try {
        booked.push(await bookOne(deps, trx, intent.id, single, item.specialist_id, { chainId: p.chain_id }))
      } catch (err) {
        if (err instanceof AppError && err.code === 'insufficient_funds') {
          // Worked out in the chain's own transaction, which a refusal of the rules leaves usable; if
          // it cannot be, the item's own refusal is still the right answer.
          const chainError = await chainFundsError(deps.repos, trx, p, booked, i, single.starts_at).catch(
            () => null,
          )
          throw chainError ?? itemError(err, i, item)
        }
        throw itemError(err, i, item)
      }
    }
    const outcome = {
      status: 201,
      body: { chain_id: p.chain_id, bookings: booked.map((b) => b.body) },
      bookingId: booked[0]!.bookingId,
    }
    await finishInTransaction(trx, intent.id, outcome)
    return { outcome, after: booked.map((b) => b.after) }
  })
}

export const chainHandler: IntentHandler = {
  // Every specialist of the chain, not only the job's (see "Serialisation" above).
  specialists: (intent) => chainSpecialists(intent.payload as unknown as ChainPayload),
  run: bookChain,
  // The bookings a finished chain intent wrote (to refresh their grids when its job runs again).
  bookingIds: (deps, intent) => deps.repos.bookings.idsOfIntent(intent.id),
}
