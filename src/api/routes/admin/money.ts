// Admin side of clients' money: wallet deposits and adjustments (keyed by Idempotency-Key), the
// full ledger, packages (granted at the desk without the wallet), and personal discounts. Also the
// schema pieces and the idempotency-key rule that the client money routes (../money.ts) share.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  scopedIdempotencyKey,
  type ClientPackageView,
  type DiscountRow,
  type LedgerEntry,
  type LedgerWrite,
} from '../../../data/wallet-repository.ts'
import { Type } from 'typebox'
import { companyZone } from '../../../data/company-repository.ts'
import { isoInZone } from '../../../domain/dates.ts'
import { AppError, invalid, notFound } from '../../../domain/errors.ts'
import { keyedMoneyRequest } from '../../../data/money-refusals.ts'
import { currentUserId } from '../../plugins/auth.ts'
import {
  errors,
  id,
  idParams,
  money,
  obj,
  text,
  timestamp,
  list,
  listOf,
  nullable,
  oneOf,
  idempotencyKey,
  MAX_MONEY,
} from '../../schemas/common.ts'
import { ADMIN, refuseNulCharacters } from './shared.ts'

// ---- shared with the client routes ----

export const idempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional({
    ...idempotencyKey,
    description: 'Required: a retry with the same key returns the first outcome and moves no money twice.',
  }),
})

/** The caller's Idempotency-Key, scoped to them; 428 when the header is missing. */
export function requireIdempotencyKey(request: FastifyRequest): string {
  const key = request.headers['idempotency-key']
  if (typeof key !== 'string' || key === '') {
    throw new AppError(
      428,
      'idempotency_key_required',
      'Send an Idempotency-Key header (any unique string) with requests that move money, so a retry never charges twice.',
    )
  }
  return scopedIdempotencyKey(currentUserId(request), key)
}

/** Marks a replayed answer, so a client can tell a retry from a first success. */
export function markReplay(reply: FastifyReply, write: LedgerWrite<unknown>) {
  if (write.replayed) reply.header('idempotent-replayed', 'true')
}

const ledgerFields = {
  id,
  kind: oneOf(['deposit', 'payment', 'refund', 'adjustment']),
  amount: Type.Integer({ description: 'Signed minor units: + deposit/refund, − payment.' }),
  booking_id: nullable(Type.Integer()),
  client_package_id: nullable(Type.Integer()),
  comment: Type.String(),
  created_at: timestamp,
} as const

const LEDGER_FIELDS = [
  'id',
  'kind',
  'amount',
  'booking_id',
  'client_package_id',
  'comment',
  'created_at',
] as const

export const ledgerEntryOutput = obj(ledgerFields, LEDGER_FIELDS)

const adminLedgerEntryOutput = obj(
  {
    ...ledgerFields,
    created_by: nullable(Type.Integer()),
    created_by_name: nullable(Type.String({ description: 'Who made it, by name (in the ledger list).' })),
  },
  [...LEDGER_FIELDS, 'created_by'],
)

// Answers show instants with the offset of the company's zone (`zone`, from companyZone): a wallet
// belongs to the client, not to one location.
export const ledgerEntryBody = (e: LedgerEntry, zone: string) => ({
  ...e,
  created_at: isoInZone(e.created_at, zone),
})

export const clientPackageOutput = obj(
  {
    id,
    service_package_id: id,
    name: Type.String(),
    price_paid: Type.Integer({ description: 'Minor units; 0 for a package granted by the salon.' }),
    purchased_at: timestamp,
    expires_at: timestamp,
    expired: Type.Boolean(),
    items: Type.Array(
      obj(
        {
          service_id: id,
          service_name: Type.String(),
          total: Type.Integer(),
          remaining: Type.Integer(),
        },
        ['service_id', 'service_name', 'total', 'remaining'],
      ),
    ),
  },
  ['id', 'service_package_id', 'name', 'price_paid', 'purchased_at', 'expires_at', 'expired', 'items'],
)

export const clientPackageBody = (p: ClientPackageView, zone: string) => ({
  ...p,
  purchased_at: isoInZone(p.purchased_at, zone),
  expires_at: isoInZone(p.expires_at, zone),
})

// ---- admin only ----

const moneyWrite = obj(
  { transaction: adminLedgerEntryOutput, balance: Type.Integer({ description: 'The balance now.' }) },
  ['transaction', 'balance'],
)

const walletOutput = obj(
  {
    client_id: id,
    balance: Type.Integer(),
    currency: Type.String(),
    transactions: Type.Array(adminLedgerEntryOutput),
  },
  ['client_id', 'balance', 'currency', 'transactions'],
)

const discountFields = {
  kind: oneOf(['percent', 'fixed']),
  value: Type.Number({
    minimum: 0.01,
    maximum: MAX_MONEY,
    description: 'percent: 0.01–100 with up to two decimals (12.5); fixed: whole minor units (kopecks).',
  }),
  service_id: { ...nullable(id), description: 'Only for this service; null: any service.' },
  valid_from: { ...nullable(timestamp), description: 'ISO 8601 with an offset; null: no start.' },
  valid_to: { ...nullable(timestamp), description: 'Exclusive end; later than valid_from; null: no end.' },
  note: text(500),
  active: Type.Boolean(),
} as const

const discountOutput = obj(
  {
    id,
    client_id: id,
    kind: Type.String(),
    value: Type.Number({ description: 'percent: the percentage (12.5); fixed: minor units.' }),
    service_id: nullable(Type.Integer()),
    valid_from: nullable(Type.String()),
    valid_to: nullable(Type.String()),
    note: Type.String(),
    active: Type.Boolean(),
    created_at: timestamp,
  },
  [
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
  ],
)

const discountBody = (d: DiscountRow, zone: string) => ({
  ...d,
  valid_from: d.valid_from ? isoInZone(d.valid_from, zone) : null,
  valid_to: d.valid_to ? isoInZone(d.valid_to, zone) : null,
  created_at: isoInZone(d.created_at, zone),
})

const tags = ['admin: money']

const adminMoneyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.wallet
  const zone = () => companyZone(app.deps.db)
  refuseNulCharacters(app)

  const requireClient = async (clientId: number) => {
    if (!(await repo.isClient(clientId))) throw notFound(`Client ${clientId}`)
  }

  app.post(
    '/clients/:id/wallet/deposits',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDepositToWallet',
        tags,
        summary: 'Puts money into a client’s wallet (creating the wallet if needed)',
        params: idParams,
        headers: idempotencyHeaders,
        body: obj(
          {
            amount: { ...money, minimum: 1, description: 'Minor units, > 0.' },
            comment: text(500),
          },
          ['amount'],
        ),
        response: { 201: moneyWrite, ...errors(401, 403, 404, 422, 428) },
      },
    },
    async (request, reply) => {
      const key = requireIdempotencyKey(request)
      const { amount, comment = '' } = request.body
      const clientId = request.params.id
      const write = await keyedMoneyRequest(app.deps.db, {
        key,
        clientId,
        request: ['deposit', clientId, amount, comment],
        check: () => requireClient(clientId),
        run: () => repo.deposit({ clientId, amount, comment, actorId: currentUserId(request), key }),
      })
      markReplay(reply, write)
      return reply.code(201).send({
        transaction: ledgerEntryBody(write.transaction, await zone()),
        balance: await repo.balance(request.params.id),
      })
    },
  )

  app.post(
    '/clients/:id/wallet/adjustments',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminAdjustWallet',
        tags,
        summary: 'Corrects a wallet by a signed amount; never below zero (409 negative_balance)',
        params: idParams,
        headers: idempotencyHeaders,
        body: obj(
          {
            amount: { ...money, minimum: -MAX_MONEY, description: 'Signed minor units, not 0.' },
            comment: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
          },
          ['amount', 'comment'],
        ),
        response: { 201: moneyWrite, ...errors(401, 403, 404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const key = requireIdempotencyKey(request)
      const { amount, comment } = request.body
      const clientId = request.params.id
      const write = await keyedMoneyRequest(app.deps.db, {
        key,
        clientId,
        request: ['adjustment', clientId, amount, comment],
        check: async () => {
          if (amount === 0) throw invalid('An adjustment of 0 changes nothing; give a signed amount.')
          await requireClient(clientId)
        },
        run: () => repo.adjust({ clientId, amount, comment, actorId: currentUserId(request), key }),
      })
      markReplay(reply, write)
      return reply.code(201).send({
        transaction: ledgerEntryBody(write.transaction, await zone()),
        balance: await repo.balance(request.params.id),
      })
    },
  )

  app.get(
    '/clients/:id/wallet',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetClientWallet',
        tags,
        summary: 'A client’s balance and full ledger, newest first',
        params: idParams,
        response: { 200: walletOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const clientId = request.params.id
      await requireClient(clientId)
      const [balance, currency, transactions, tz] = await Promise.all([
        repo.balance(clientId),
        repo.currency(),
        repo.ledger(clientId),
        zone(),
      ])
      return {
        client_id: clientId,
        balance,
        currency,
        transactions: transactions.map((e) => ledgerEntryBody(e, tz)),
      }
    },
  )

  app.get(
    '/clients/:id/packages',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListClientPackages',
        tags,
        summary: 'A client’s packages with what remains of them',
        params: idParams,
        response: { 200: list(clientPackageOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      await requireClient(request.params.id)
      const tz = await zone()
      return listOf((await repo.packages(request.params.id)).map((p) => clientPackageBody(p, tz)))
    },
  )

  app.post(
    '/clients/:id/packages',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGrantClientPackage',
        tags,
        summary: 'Gives a client a package without the wallet (sold at the desk, a gift)',
        description:
          'No wallet movement. price_paid records what was paid outside the system (default 0). ' +
          'A package withdrawn from sale may still be granted.',
        params: idParams,
        body: obj({ service_package_id: id, price_paid: money }, ['service_package_id']),
        response: { 201: clientPackageOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const clientId = request.params.id
      await requireClient(clientId)
      const cpId = await repo.grantPackage({
        clientId,
        packageId: request.body.service_package_id,
        pricePaid: request.body.price_paid ?? 0,
      })
      return reply.code(201).send(clientPackageBody(await repo.package(clientId, cpId), await zone()))
    },
  )

  app.get(
    '/clients/:id/discounts',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListClientDiscounts',
        tags,
        summary: 'A client’s personal discounts (the best applicable one prices a booking)',
        params: idParams,
        response: { 200: list(discountOutput), ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      await requireClient(request.params.id)
      const tz = await zone()
      return listOf((await repo.listDiscounts(request.params.id)).map((d) => discountBody(d, tz)))
    },
  )

  app.post(
    '/clients/:id/discounts',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminCreateClientDiscount',
        tags,
        params: idParams,
        body: obj(discountFields, ['kind', 'value']),
        response: { 201: discountOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await requireClient(request.params.id)
      const created = await repo.createDiscount(request.params.id, request.body)
      return reply.code(201).send(discountBody(created, await zone()))
    },
  )

  app.patch(
    '/discounts/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateDiscount',
        tags,
        description: 'Changes the given fields; the result is checked as a whole (kind with value, window).',
        params: idParams,
        body: { ...obj(discountFields), minProperties: 1 },
        response: { 200: discountOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const row = await repo.updateDiscount(request.params.id, request.body)
      if (!row) throw notFound(`Discount ${request.params.id}`)
      return discountBody(row, await zone())
    },
  )

  app.delete(
    '/discounts/:id',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteDiscount',
        tags,
        description:
          'Deletes a discount that never priced a booking (entered by mistake). One that did stays on ' +
          'record: 409 in_use; end it instead with PATCH {"active": false} or a valid_to.',
        params: idParams,
        response: {
          200: obj({ id, deleted: Type.Boolean() }, ['id', 'deleted']),
          ...errors(401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => {
      if (!(await repo.deleteDiscount(request.params.id))) throw notFound(`Discount ${request.params.id}`)
      return { id: request.params.id, deleted: true }
    },
  )
}

export default adminMoneyRoutes
