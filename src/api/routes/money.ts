// A client's own money (docs/product.md §8): the wallet with its ledger, bought packages with what remains, and
// buying a package from the wallet. Only the caller's own records are addressable here (there is no
// client id in these paths). Also registers the admin money routes under /api/admin.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { keyedMoneyRequest } from '../../data/money-refusals.ts'
import { companyZone } from '../../data/company-repository.ts'
import { currentUserId } from '../plugins/auth.ts'
import { errors, id, idParams, obj, list, listOf, withDefault } from '../schemas/common.ts'
import adminMoneyRoutes, {
  clientPackageBody,
  clientPackageOutput,
  idempotencyHeaders,
  ledgerEntryBody,
  ledgerEntryOutput,
  markReplay,
  requireIdempotencyKey,
} from './admin/money.ts'
import { refuseNulCharacters } from './admin/shared.ts'

const CLIENT = { access: ['client'] } as const
const tags = ['money']

const walletOutput = obj(
  {
    balance: Type.Integer({ description: 'Minor units.' }),
    currency: Type.String(),
    transactions: Type.Array(ledgerEntryOutput),
  },
  ['balance', 'currency', 'transactions'],
)

const purchaseOutput = obj(
  {
    package: clientPackageOutput,
    transaction: ledgerEntryOutput,
    balance: Type.Integer({ description: 'The balance now.' }),
  },
  ['package', 'transaction', 'balance'],
)

const clientMoneyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repo = app.deps.repos.wallet
  refuseNulCharacters(app)

  app.get(
    '/api/me/wallet',
    {
      config: CLIENT,
      schema: {
        operationId: 'getMyWallet',
        tags,
        summary: 'My balance and ledger, newest first',
        description:
          'Pages back with before_id = the id of the last transaction seen. A client who never had a ' +
          'wallet has a balance of 0.',
        querystring: obj({
          limit: withDefault(Type.Integer({ minimum: 1, maximum: 100 }), 50),
          before_id: id,
        }),
        response: { 200: walletOutput, ...errors(401, 403, 422) },
      },
    },
    async (request) => {
      const clientId = currentUserId(request)
      const [balance, currency, transactions, zone] = await Promise.all([
        repo.balance(clientId),
        repo.currency(),
        repo.ledger(clientId, { limit: request.query.limit, beforeId: request.query.before_id }),
        companyZone(app.deps.db),
      ])
      return { balance, currency, transactions: transactions.map((e) => ledgerEntryBody(e, zone)) }
    },
  )

  app.get(
    '/api/me/packages',
    {
      config: CLIENT,
      schema: {
        operationId: 'listMyPackages',
        tags,
        summary: 'My packages with what remains of them, newest first (expired ones included)',
        response: { 200: list(clientPackageOutput), ...errors(401, 403) },
      },
    },
    async (request) => {
      const zone = await companyZone(app.deps.db)
      return listOf((await repo.packages(currentUserId(request))).map((p) => clientPackageBody(p, zone)))
    },
  )

  app.post(
    '/api/packages/:id/purchase',
    {
      config: CLIENT,
      schema: {
        operationId: 'purchasePackage',
        tags,
        summary: 'Buys a package on sale from my wallet',
        description:
          'Needs an Idempotency-Key header (428 without one): a retry with the same key returns the ' +
          'first outcome — the purchase, or its 402 insufficient_funds / 409 not_on_sale, even once ' +
          'the wallet is topped up (a new attempt takes a new key); the same key for another package ' +
          'is 422 idempotency_key_reused. A refusal writes nothing else.',
        params: idParams,
        headers: idempotencyHeaders,
        response: { 201: purchaseOutput, ...errors(401, 402, 403, 404, 409, 422, 428) },
      },
    },
    async (request, reply) => {
      const key = requireIdempotencyKey(request)
      const clientId = currentUserId(request)
      const packageId = request.params.id
      const write = await keyedMoneyRequest(app.deps.db, {
        key,
        clientId,
        request: ['purchase', clientId, packageId],
        run: () => repo.purchasePackage({ clientId, packageId, key }),
      })
      markReplay(reply, write)
      const zone = await companyZone(app.deps.db)
      return reply.code(201).send({
        package: clientPackageBody(await repo.package(clientId, write.extra.clientPackageId), zone),
        transaction: ledgerEntryBody(write.transaction, zone),
        balance: await repo.balance(clientId),
      })
    },
  )
}

const moneyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(clientMoneyRoutes)
  await app.register(adminMoneyRoutes, { prefix: '/api/admin' })
}

export default moneyRoutes
