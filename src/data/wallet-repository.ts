// A client's money outside the booking worker: the wallet and its append-only ledger, bought
// packages with what remains of them, and personal discounts. Booking payments, refunds and package
// visits are written by the worker (src/data/booking-effects.ts); this module writes deposits,
// adjustments and package purchases, each as one ledger row in one transaction.
//
// Idempotency of money-changing requests: the key is stored, scoped to the user who sent it
// (`u{userId}:{key}`), in `wallet_transactions.idempotency_key` (UNIQUE), on the very row the request
// wrote. The request itself is not hashed: every field it carries is on that row (client, kind, amount,
// comment; for a purchase the package definition via `client_package_id`), so a reused key is recognised
// by comparing the stored row with the new request — exact, and no extra table. A refused request
// writes nothing here; a 402/409 refusal is kept under its key by src/data/money-refusals.ts.
import type { Knex } from 'knex'
import type { Db } from './db.ts'
import { AppError, conflict, invalid, notFound } from '../domain/errors.ts'
import { throwStoredRefusal } from './money-refusals.ts'
import { insufficientFunds } from '../domain/payment-choice.ts'
import { formatMoney } from '../domain/money-format.ts'
import { companyCurrency } from './company-repository.ts'
import { discountValueProblem } from '../domain/discount-value.ts'

export type LedgerKind = 'deposit' | 'payment' | 'refund' | 'adjustment'

export interface LedgerEntry {
  id: number
  kind: LedgerKind
  /** Signed minor units: + deposit/refund, − payment, either sign for an adjustment. */
  amount: number
  booking_id: number | null
  client_package_id: number | null
  comment: string
  created_by: number | null
  /** The author's name, on entries read back from the ledger (null: the system). */
  created_by_name?: string | null
  created_at: Date
}

export interface PackageItemView {
  service_id: number
  service_name: string
  total: number
  remaining: number
}

export interface ClientPackageView {
  id: number
  service_package_id: number
  name: string
  price_paid: number
  purchased_at: Date
  expires_at: Date
  expired: boolean
  items: PackageItemView[]
}

export interface DiscountRow {
  id: number
  client_id: number
  kind: 'percent' | 'fixed'
  value: number
  service_id: number | null
  valid_from: Date | null
  valid_to: Date | null
  note: string
  active: boolean
  created_at: Date
}

export interface DiscountInput {
  kind: 'percent' | 'fixed'
  value: number
  service_id?: number | null
  /** ISO 8601 date-time with an offset; null: unbounded. */
  valid_from?: string | null
  valid_to?: string | null
  note?: string
  active?: boolean
}

/** The outcome of a money-changing request; `replayed` when its idempotency key was seen before. */
export interface LedgerWrite<T = undefined> {
  transaction: LedgerEntry
  replayed: boolean
  extra: T
}

const LEDGER_COLUMNS = [
  'id',
  'kind',
  'amount',
  'booking_id',
  'client_package_id',
  'comment',
  'created_by',
  'created_at',
] as const

const IDEMPOTENCY_CONSTRAINT = 'wallet_transactions_idempotency_key_key'

/** The stored form of an Idempotency-Key: scoped to its sender, so two users never collide. */
export const scopedIdempotencyKey = (userId: number, key: string) => `u${userId}:${key}`

const keyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  )

const isIdempotencyClash = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  (err as { code?: string }).code === '23505' &&
  (err as { constraint?: string }).constraint === IDEMPOTENCY_CONSTRAINT

export type WalletRepository = ReturnType<typeof walletRepository>

export function walletRepository(db: Db) {
  /**
   * Runs a keyed ledger write in a transaction. Two requests with one key racing past the replay
   * check meet at the UNIQUE index: the loser's transaction rolls back and it runs again, this time
   * finding the winner's row (and answering with it, or 422 if its request differs).
   */
  async function keyed<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(work)
    } catch (err) {
      if (!isIdempotencyClash(err)) throw err
      return db.transaction(work)
    }
  }

  /** The row already written under `key`, if any; 422 when it answers a different request. */
  async function replayOf(
    trx: Knex.Transaction,
    key: string,
    same: (row: LedgerEntry & { client_id: number }) => boolean | Promise<boolean>,
  ): Promise<LedgerEntry | null> {
    const row = await trx('wallet_transactions')
      .where({ idempotency_key: key })
      .first('client_id', ...LEDGER_COLUMNS)
    if (!row) {
      await throwStoredRefusal(trx, key)
      return null
    }
    if (!(await same(row))) throw keyReused()
    const { client_id: _client, ...entry } = row
    return entry as LedgerEntry
  }

  async function insertEntry(
    trx: Knex.Transaction,
    row: {
      client_id: number
      kind: LedgerKind
      amount: number
      comment: string
      created_by: number | null
      idempotency_key: string
      client_package_id?: number | null
    },
  ): Promise<LedgerEntry> {
    const [entry] = await trx('wallet_transactions')
      .insert(row)
      .returning([...LEDGER_COLUMNS])
    return entry as LedgerEntry
  }

  /** The wallet row locked for this transaction; null when the client has none yet. */
  const lockWallet = async (trx: Knex.Transaction, clientId: number): Promise<number | null> =>
    ((await trx('client_wallets').where({ client_id: clientId }).forUpdate().first('balance'))?.balance as
      number | undefined) ?? null

  const ensureWallet = (trx: Knex.Transaction, clientId: number) =>
    trx('client_wallets').insert({ client_id: clientId }).onConflict('client_id').ignore()

  async function packagesOf(k: Knex, clientId: number, packageIds?: number[]): Promise<ClientPackageView[]> {
    const q = k('client_packages as cp')
      .join('service_packages as sp', 'sp.id', 'cp.service_package_id')
      .where('cp.client_id', clientId)
      .orderBy('cp.id', 'desc')
      .select(
        'cp.id',
        'cp.service_package_id',
        'sp.name',
        'cp.price_paid',
        'cp.purchased_at',
        'cp.expires_at',
        k.raw('cp.expires_at <= now() as expired'),
      )
    if (packageIds) q.whereIn('cp.id', packageIds)
    const rows = await q
    if (!rows.length) return []
    const items = await k('client_package_items as i')
      .join('services as s', 's.id', 'i.service_id')
      .whereIn(
        'i.client_package_id',
        rows.map((r) => r.id),
      )
      .orderBy(['i.client_package_id', 'i.service_id'])
      .select('i.client_package_id', 'i.service_id', 's.name as service_name', 'i.total', 'i.remaining')
    return rows.map((r) => ({
      ...r,
      items: items
        .filter((i) => i.client_package_id === r.id)
        .map(({ client_package_id: _p, ...item }) => item as PackageItemView),
    })) as ClientPackageView[]
  }

  /** Creates a bought (or granted) package and its visits from the definition's composition. */
  async function createClientPackage(
    trx: Knex.Transaction,
    clientId: number,
    def: { id: number; composition: { items: { service_id: number; count: number }[]; valid_days: number } },
    pricePaid: number,
  ): Promise<number> {
    const [cp] = await trx('client_packages')
      .insert({
        client_id: clientId,
        service_package_id: def.id,
        price_paid: pricePaid,
        expires_at: trx.raw(`now() + make_interval(days => ?)`, [def.composition.valid_days]),
      })
      .returning('id')
    await trx('client_package_items').insert(
      def.composition.items.map((item) => ({
        client_package_id: cp.id,
        service_id: item.service_id,
        total: item.count,
        remaining: item.count,
      })),
    )
    return cp.id as number
  }

  async function checkDiscount(k: Knex, d: DiscountInput) {
    const problem = discountValueProblem(d.kind, d.value, await companyCurrency(k))
    if (problem) throw invalid(problem, 'invalid_discount')
    if (d.valid_from && d.valid_to && new Date(d.valid_to).getTime() <= new Date(d.valid_from).getTime()) {
      throw invalid('valid_to must be later than valid_from.', 'invalid_discount')
    }
    if (d.service_id != null && !(await k('services').where({ id: d.service_id }).first('id'))) {
      throw invalid(`Service ${d.service_id} does not exist.`, 'unknown_service')
    }
  }

  const DISCOUNT_COLUMNS = [
    'id',
    'client_id',
    'kind',
    'value',
    'service_id',
    'valid_from',
    'valid_to',
    'note',
    'active',
    'created_at',
  ] as const

  return {
    /** Whether `id` is a user holding the client role. */
    async isClient(id: number, trx?: Knex): Promise<boolean> {
      return !!(await (trx ?? db)('user_roles').where({ user_id: id, role: 'client' }).first('user_id'))
    },

    async currency(trx?: Knex): Promise<string> {
      return companyCurrency(trx ?? db)
    },

    /** The balance; 0 for a client who never had a wallet. */
    async balance(clientId: number, trx?: Knex): Promise<number> {
      const row = await (trx ?? db)('client_wallets').where({ client_id: clientId }).first('balance')
      return (row?.balance as number | undefined) ?? 0
    },

    /** Ledger entries, newest first; `beforeId` pages back, `limit` omitted returns them all. */
    async ledger(
      clientId: number,
      page: { limit?: number; beforeId?: number } = {},
      trx?: Knex,
    ): Promise<LedgerEntry[]> {
      const q = (trx ?? db)('wallet_transactions as w')
        .leftJoin('users as u', 'u.id', 'w.created_by')
        .where('w.client_id', clientId)
        .orderBy('w.id', 'desc')
        .select(...LEDGER_COLUMNS.map((c) => `w.${c}`), 'u.name as created_by_name')
      if (page.beforeId !== undefined) q.where('w.id', '<', page.beforeId)
      if (page.limit !== undefined) q.limit(page.limit)
      return (await q) as LedgerEntry[]
    },

    packages(clientId: number, trx?: Knex): Promise<ClientPackageView[]> {
      return packagesOf(trx ?? db, clientId)
    },

    async package(clientId: number, clientPackageId: number, trx?: Knex): Promise<ClientPackageView> {
      const [view] = await packagesOf(trx ?? db, clientId, [clientPackageId])
      if (!view) throw notFound(`Client package ${clientPackageId}`)
      return view
    },

    /**
     * Buys an active package definition from the wallet: one `payment` row of −price linked to the new
     * `client_packages` row, under the wallet's row lock. Not enough money: 402, nothing written.
     */
    async purchasePackage(a: {
      clientId: number
      packageId: number
      key: string
    }): Promise<LedgerWrite<{ clientPackageId: number }>> {
      return keyed(async (trx) => {
        const same = async (row: LedgerEntry & { client_id: number }) =>
          row.kind === 'payment' &&
          row.client_id === a.clientId &&
          row.client_package_id !== null &&
          (await trx('client_packages').where({ id: row.client_package_id }).first('service_package_id'))
            ?.service_package_id === a.packageId
        const replay = async () => {
          const row = await replayOf(trx, a.key, same)
          return (
            row && { transaction: row, replayed: true, extra: { clientPackageId: row.client_package_id! } }
          )
        }
        const early = await replay()
        if (early) return early

        const def = await trx('service_packages').where({ id: a.packageId }).first()
        if (!def) throw notFound(`Package ${a.packageId}`)
        if (!def.active) throw conflict('not_on_sale', `Package ${a.packageId} is no longer on sale.`)
        const price = def.price as number
        if (price === 0) {
          // A ledger row cannot be 0, and without one the purchase could not be made idempotent.
          throw invalid(
            'This package costs nothing and cannot be bought; ask the salon to grant it.',
            'free_package',
          )
        }

        const balance = (await lockWallet(trx, a.clientId)) ?? 0
        // A request with the same key may have committed while we waited for the lock.
        const late = await replay()
        if (late) return late
        const refusal = insufficientFunds(
          { balance, price, currency: await companyCurrency(trx) },
          { costs: 'this package costs', advice: 'top it up first' },
        )
        if (refusal) throw refusal

        const clientPackageId = await createClientPackage(trx, a.clientId, def, price)
        const transaction = await insertEntry(trx, {
          client_id: a.clientId,
          kind: 'payment',
          amount: -price,
          client_package_id: clientPackageId,
          comment: `Package «${def.name as string}»`,
          created_by: a.clientId,
          idempotency_key: a.key,
        })
        return { transaction, replayed: false, extra: { clientPackageId } }
      })
    },

    /** Puts money into the wallet (creating it if missing). */
    async deposit(a: {
      clientId: number
      amount: number
      comment: string
      actorId: number
      key: string
    }): Promise<LedgerWrite> {
      return keyed(async (trx) => {
        const replay = await replayOf(
          trx,
          a.key,
          (r) =>
            r.kind === 'deposit' &&
            r.client_id === a.clientId &&
            r.amount === a.amount &&
            r.comment === a.comment,
        )
        if (replay) return { transaction: replay, replayed: true, extra: undefined }
        await ensureWallet(trx, a.clientId)
        const transaction = await insertEntry(trx, {
          client_id: a.clientId,
          kind: 'deposit',
          amount: a.amount,
          comment: a.comment,
          created_by: a.actorId,
          idempotency_key: a.key,
        })
        return { transaction, replayed: false, extra: undefined }
      })
    },

    /** A signed correction by an admin; never takes the balance below zero (409, nothing written). */
    async adjust(a: {
      clientId: number
      amount: number
      comment: string
      actorId: number
      key: string
    }): Promise<LedgerWrite> {
      return keyed(async (trx) => {
        const same = (r: LedgerEntry & { client_id: number }) =>
          r.kind === 'adjustment' &&
          r.client_id === a.clientId &&
          r.amount === a.amount &&
          r.comment === a.comment
        const early = await replayOf(trx, a.key, same)
        if (early) return { transaction: early, replayed: true, extra: undefined }
        const balance = await lockWallet(trx, a.clientId)
        const late = await replayOf(trx, a.key, same)
        if (late) return { transaction: late, replayed: true, extra: undefined }
        if ((balance ?? 0) + a.amount < 0) {
          const currency = await companyCurrency(trx)
          const money = (m: number) => formatMoney(m, currency)
          throw conflict(
            'negative_balance',
            `The wallet holds ${money(balance ?? 0)}; an adjustment of ${money(a.amount)} would take it ` +
              `below zero (at most ${money(-(balance ?? 0))}).`,
          )
        }
        if (balance === null) await ensureWallet(trx, a.clientId)
        const transaction = await insertEntry(trx, {
          client_id: a.clientId,
          kind: 'adjustment',
          amount: a.amount,
          comment: a.comment,
          created_by: a.actorId,
          idempotency_key: a.key,
        })
        return { transaction, replayed: false, extra: undefined }
      })
    },

    /**
     * An admin gives the client a package without touching the wallet (sold at the desk, a gift).
     * `price_paid` records what was paid outside the system, 0 by default; no ledger row is written.
     */
    async grantPackage(a: { clientId: number; packageId: number; pricePaid: number }): Promise<number> {
      return db.transaction(async (trx) => {
        const def = await trx('service_packages').where({ id: a.packageId }).first()
        if (!def) throw notFound(`Package ${a.packageId}`)
        return createClientPackage(trx, a.clientId, def, a.pricePaid)
      })
    },

    // ---- personal discounts ----

    async listDiscounts(clientId: number, trx?: Knex): Promise<DiscountRow[]> {
      return (await (trx ?? db)('client_discounts')
        .where({ client_id: clientId })
        .orderBy('id')
        .select(...DISCOUNT_COLUMNS)) as DiscountRow[]
    },

    async createDiscount(clientId: number, input: DiscountInput): Promise<DiscountRow> {
      await checkDiscount(db, input)
      const [row] = await db('client_discounts')
        .insert({ client_id: clientId, ...input })
        .returning([...DISCOUNT_COLUMNS])
      return row as DiscountRow
    },

    /** Applies the patch to the stored discount and checks the result as a whole; undefined if unknown. */
    async updateDiscount(id: number, patch: Partial<DiscountInput>): Promise<DiscountRow | undefined> {
      return db.transaction(async (trx) => {
        const before = (await trx('client_discounts').where({ id }).forUpdate().first()) as
          DiscountRow | undefined
        if (!before) return undefined
        const iso = (d: Date | null) => (d ? d.toISOString() : null)
        await checkDiscount(trx, {
          kind: patch.kind ?? before.kind,
          value: patch.value ?? before.value,
          service_id: patch.service_id !== undefined ? patch.service_id : before.service_id,
          valid_from: patch.valid_from !== undefined ? patch.valid_from : iso(before.valid_from),
          valid_to: patch.valid_to !== undefined ? patch.valid_to : iso(before.valid_to),
        })
        const [row] = await trx('client_discounts')
          .where({ id })
          .update(patch)
          .returning([...DISCOUNT_COLUMNS])
        return row as DiscountRow
      })
    },

    /**
     * Deletes a discount that never priced a booking (one entered by mistake); false if unknown. One
     * that did stays on record, as `booking_discounts` refers to it: 409 in_use, end it instead.
     */
    async deleteDiscount(id: number): Promise<boolean> {
      return db.transaction(async (trx) => {
        // Locked first: a booking recording this discount meanwhile waits for us (its foreign key).
        if (!(await trx('client_discounts').where({ id }).forUpdate().first('id'))) return false
        const used = Number(
          (await trx('booking_discounts').where({ client_discount_id: id }).count({ n: '*' }))[0]!.n,
        )
        if (used > 0) {
          throw conflict(
            'in_use',
            `Discount ${id} priced ${used === 1 ? '1 booking' : `${used} bookings`}, so it stays on record; ` +
              `end it instead: PATCH /api/admin/discounts/${id} with {"active": false} or a "valid_to".`,
          )
        }
        return (await trx('client_discounts').where({ id }).delete()) > 0
      })
    },
  }
}
