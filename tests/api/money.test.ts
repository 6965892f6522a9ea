// The money routes: a client's wallet, packages and purchases; admin deposits, adjustments, grants
// and discounts. Auth, idempotency, and that refused input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createService, createUser } from '../helpers/fixtures.ts'

type User = Awaited<ReturnType<typeof createUser>>

let env: TestEnv
let app: FastifyInstance
let admin: User
let serviceA: number
let serviceB: number

beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  admin = await createUser(env.db, ['admin'])
  serviceA = (await createService(env.db, { name: 'Massage' })).id
  serviceB = (await createService(env.db, { name: 'Manicure' })).id
})
afterAll(async () => env?.close())

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'
const call = (
  who: User | null,
  method: Method,
  url: string,
  payload?: unknown,
  key?: string,
  extraHeaders: Record<string, string> = {},
) =>
  app.inject({
    method,
    url,
    headers: {
      ...(who?.headers ?? {}),
      ...(key !== undefined && { 'idempotency-key': key }),
      ...extraHeaders,
    },
    ...(payload !== undefined && { payload: payload as object }),
  })

const ledgerSnapshot = async () => ({
  transactions: Number((await env.db('wallet_transactions').count({ n: '*' }))[0]!.n),
  wallets: await env.db('client_wallets').orderBy('client_id').select('client_id', 'balance'),
  packages: Number((await env.db('client_packages').count({ n: '*' }))[0]!.n),
  discounts: await env.db('client_discounts').orderBy('id').select('*'),
})

const ledgerSum = async (clientId: number) =>
  Number(
    (await env.db('wallet_transactions').where({ client_id: clientId }).sum({ s: 'amount' }).first())?.s ?? 0,
  )

async function createPackage(fields: Record<string, unknown> = {}) {
  const [row] = await env
    .db('service_packages')
    .insert({
      name: 'Five massages, two manicures',
      composition: JSON.stringify({
        items: [
          { service_id: serviceA, count: 5 },
          { service_id: serviceB, count: 2 },
        ],
        valid_days: 30,
      }),
      price: 500_000,
      ...fields,
    })
    .returning('*')
  return row as { id: number; price: number }
}

const deposit = (clientId: number, amount: number, key: string, comment?: string) =>
  call(admin, 'POST', `/api/admin/clients/${clientId}/wallet/deposits`, { amount, comment }, key)

describe('GET /api/me/wallet', () => {
  it('gives a client without a wallet a balance of 0', async () => {
    const client = await createUser(env.db, ['client'])
    const res = await call(client, 'GET', '/api/me/wallet')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ balance: 0, currency: 'RUB', transactions: [] })
  })

  it('lists the ledger newest first, a page at a time', async () => {
    const client = await createUser(env.db, ['client'])
    for (let i = 1; i <= 5; i++) expect((await deposit(client.id, i * 100, `page-${i}`)).statusCode).toBe(201)
    const all = (await call(client, 'GET', '/api/me/wallet')).json()
    expect(all.balance).toBe(1500)
    expect(all.transactions.map((t: { amount: number }) => t.amount)).toEqual([500, 400, 300, 200, 100])
    expect(all.transactions[0]).toEqual({
      id: expect.any(Number),
      kind: 'deposit',
      amount: 500,
      booking_id: null,
      client_package_id: null,
      comment: '',
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    })
    const first = (await call(client, 'GET', '/api/me/wallet?limit=2')).json()
    expect(first.transactions.map((t: { amount: number }) => t.amount)).toEqual([500, 400])
    const next = (
      await call(client, 'GET', `/api/me/wallet?limit=2&before_id=${first.transactions[1].id}`)
    ).json()
    expect(next.transactions.map((t: { amount: number }) => t.amount)).toEqual([300, 200])
    expect(next.balance).toBe(1500)

    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'before_id=-1', 'before_id=x', 'client_id=1']) {
      const bad = await call(client, 'GET', `/api/me/wallet?${q}`)
      expect(bad.statusCode, q).toBe(422)
      expect(bad.json().error).toBe('invalid_input')
    }
  })

  it('shows only the caller’s own money, and only to clients', async () => {
    const mine = await createUser(env.db, ['client'])
    const other = await createUser(env.db, ['client'])
    await deposit(other.id, 7777, 'other-1')
    const res = (await call(mine, 'GET', '/api/me/wallet')).json()
    expect(res.balance).toBe(0)
    expect(res.transactions).toEqual([])
    expect((await call(null, 'GET', '/api/me/wallet')).statusCode).toBe(401)
    const specialist = await createUser(env.db, ['specialist'])
    expect((await call(specialist, 'GET', '/api/me/wallet')).statusCode).toBe(403)
    expect((await call(specialist, 'GET', '/api/me/packages')).statusCode).toBe(403)
  })
})

describe('admin deposits and adjustments', () => {
  it('deposits once per Idempotency-Key and refuses a reused key with another body', async () => {
    const client = await createUser(env.db, ['client'])
    const first = await deposit(client.id, 250_000, 'dep-1', 'cash at the desk')
    expect(first.statusCode).toBe(201)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect(first.json()).toEqual({
      transaction: expect.objectContaining({
        kind: 'deposit',
        amount: 250_000,
        comment: 'cash at the desk',
        created_by: admin.id,
      }),
      balance: 250_000,
    })
    const again = await deposit(client.id, 250_000, 'dep-1', 'cash at the desk')
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())

    const before = await ledgerSnapshot()
    for (const [amount, comment] of [
      [250_001, 'cash at the desk'],
      [250_000, 'card'],
    ] as const) {
      const reused = await deposit(client.id, amount, 'dep-1', comment)
      expect(reused.statusCode).toBe(422)
      expect(reused.json().error).toBe('idempotency_key_reused')
    }
    const otherClient = await createUser(env.db, ['client'])
    expect((await deposit(otherClient.id, 250_000, 'dep-1', 'cash at the desk')).json().error).toBe(
      'idempotency_key_reused',
    )
    // The key was a deposit's: an adjustment under it is another request.
    const asAdjustment = await call(
      admin,
      'POST',
      `/api/admin/clients/${client.id}/wallet/adjustments`,
      { amount: 250_000, comment: 'cash at the desk' },
      'dep-1',
    )
    expect(asAdjustment.json().error).toBe('idempotency_key_reused')
    expect(await ledgerSnapshot()).toEqual(before)

    // Keys are scoped to their sender: another admin's "dep-1" is a different request.
    const admin2 = await createUser(env.db, ['admin'])
    const theirs = await call(
      admin2,
      'POST',
      `/api/admin/clients/${client.id}/wallet/deposits`,
      { amount: 1 },
      'dep-1',
    )
    expect(theirs.statusCode).toBe(201)
    expect(theirs.json().balance).toBe(250_001)
    expect(await ledgerSum(client.id)).toBe(250_001)
  })

  it('keeps one deposit when the same key races', async () => {
    const client = await createUser(env.db, ['client'])
    const results = await Promise.all(Array.from({ length: 8 }, () => deposit(client.id, 1000, 'race-1')))
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201))
    expect(new Set(results.map((r) => r.json().transaction.id)).size).toBe(1)
    expect(await env.db('wallet_transactions').where({ client_id: client.id })).toHaveLength(1)
    expect((await call(client, 'GET', '/api/me/wallet')).json().balance).toBe(1000)
  })

  it('refuses bad input and changes nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const specialist = await createUser(env.db, ['specialist'])
    await deposit(client.id, 5000, 'bad-base')
    const before = await ledgerSnapshot()
    const url = `/api/admin/clients/${client.id}/wallet`
    const cases: [string, unknown, string | undefined, number][] = [
      ['/deposits', { amount: 100 }, undefined, 428],
      ['/deposits', { amount: 0 }, 'b1', 422],
      ['/deposits', { amount: -5 }, 'b2', 422],
      ['/deposits', { amount: 1.5 }, 'b3', 422],
      ['/deposits', { amount: '100' }, 'b4', 422],
      ['/deposits', { amount: 100, extra: 1 }, 'b5', 422],
      ['/deposits', { amount: 100, comment: 'nul \u0000' }, 'b6', 422],
      ['/deposits', { amount: 1e15 }, 'b7', 422],
      ['/deposits', {}, 'b8', 422],
      ['/adjustments', { amount: 100 }, 'b9', 422],
      ['/adjustments', { amount: 100, comment: '   ' }, 'b10', 422],
      ['/adjustments', { amount: 0, comment: 'zero' }, 'b11', 422],
      ['/adjustments', { amount: -5001, comment: 'too much' }, 'b12', 409],
      ['/adjustments', { amount: -1, comment: 'x' }, undefined, 428],
    ]
    for (const [path, body, key, status] of cases) {
      const res = await call(admin, 'POST', url + path, body, key)
      expect(res.statusCode, `${path} ${JSON.stringify(body)}`).toBe(status)
      expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) })
    }
    expect(
      (await call(admin, 'POST', url + '/adjustments', { amount: -5001, comment: 'x' }, 'b13')).json(),
    ).toMatchObject({ error: 'negative_balance' })
    expect((await call(admin, 'POST', url + '/deposits', { amount: 1 }, 'has space')).statusCode).toBe(422)
    expect((await deposit(999_999, 100, 'nobody')).statusCode).toBe(404)
    expect((await deposit(specialist.id, 100, 'not-a-client')).statusCode).toBe(404)
    expect(
      (await call(admin, 'POST', '/api/admin/clients/0/wallet/deposits', { amount: 1 }, 'z')).statusCode,
    ).toBe(422)
    expect((await call(client, 'POST', url + '/deposits', { amount: 1 }, 'mine')).statusCode).toBe(403)
    expect((await call(null, 'POST', url + '/deposits', { amount: 1 }, 'anon')).statusCode).toBe(401)
    expect(await ledgerSnapshot()).toEqual(before)
  })

  it('adjusts both ways, never below zero, and an admin reads the full ledger', async () => {
    const client = await createUser(env.db, ['client'])
    const url = `/api/admin/clients/${client.id}/wallet/adjustments`
    // No wallet yet: a negative adjustment is refused and creates no wallet.
    const refused = await call(admin, 'POST', url, { amount: -1, comment: 'typo' }, 'adj-0')
    expect(refused.statusCode).toBe(409)
    expect(await env.db('client_wallets').where({ client_id: client.id })).toHaveLength(0)

    const up = await call(admin, 'POST', url, { amount: 3000, comment: 'goodwill' }, 'adj-1')
    expect(up.statusCode).toBe(201)
    expect(up.json().balance).toBe(3000)
    const down = await call(admin, 'POST', url, { amount: -3000, comment: 'reverse goodwill' }, 'adj-2')
    expect(down.statusCode).toBe(201)
    expect(down.json()).toMatchObject({ balance: 0, transaction: { kind: 'adjustment', amount: -3000 } })
    // The replay still answers with the first outcome even though the balance is 0 now.
    const replay = await call(admin, 'POST', url, { amount: -3000, comment: 'reverse goodwill' }, 'adj-2')
    expect(replay.statusCode).toBe(201)
    expect(replay.json().transaction.id).toBe(down.json().transaction.id)

    const ledger = await call(admin, 'GET', `/api/admin/clients/${client.id}/wallet`)
    expect(ledger.statusCode).toBe(200)
    expect(ledger.json()).toEqual({
      client_id: client.id,
      balance: 0,
      currency: 'RUB',
      transactions: [
        expect.objectContaining({
          kind: 'adjustment',
          amount: -3000,
          comment: 'reverse goodwill',
          created_by: admin.id,
        }),
        expect.objectContaining({ kind: 'adjustment', amount: 3000, comment: 'goodwill' }),
      ],
    })
    expect(await ledgerSum(client.id)).toBe(0)
    expect((await call(admin, 'GET', '/api/admin/clients/999999/wallet')).statusCode).toBe(404)
    expect((await call(client, 'GET', `/api/admin/clients/${client.id}/wallet`)).statusCode).toBe(403)
  })
})

describe('packages', () => {
  it('buys a package from the wallet exactly once per key', async () => {
    const client = await createUser(env.db, ['client'])
    const pkg = await createPackage()
    const url = `/api/packages/${pkg.id}/purchase`

    expect((await call(client, 'POST', url)).statusCode).toBe(428)
    const broke = await call(client, 'POST', url, undefined, 'buy-1')
    expect(broke.statusCode).toBe(402)
    expect(broke.json().error).toBe('insufficient_funds')
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(0)
    expect(await env.db('client_wallets').where({ client_id: client.id })).toHaveLength(0)

    await deposit(client.id, 499_999, 'buy-dep-1')
    const short = await call(client, 'POST', url, undefined, 'buy-1')
    expect(short.statusCode).toBe(402)
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(0)
    expect((await call(client, 'GET', '/api/me/wallet')).json().balance).toBe(499_999)

    await deposit(client.id, 600_001, 'buy-dep-2')
    // The refused key keeps its 402 (a retry must not buy on a later balance): a new attempt, a new key.
    expect((await call(client, 'POST', url, undefined, 'buy-1')).statusCode).toBe(402)
    const bought = await call(client, 'POST', url, undefined, 'buy-ok')
    expect(bought.statusCode).toBe(201)
    const body = bought.json()
    expect(body).toEqual({
      package: {
        id: expect.any(Number),
        service_package_id: pkg.id,
        name: 'Five massages, two manicures',
        price_paid: 500_000,
        purchased_at: expect.any(String),
        expires_at: expect.any(String),
        expired: false,
        items: [
          { service_id: serviceA, service_name: 'Massage', total: 5, remaining: 5 },
          { service_id: serviceB, service_name: 'Manicure', total: 2, remaining: 2 },
        ],
      },
      transaction: expect.objectContaining({
        kind: 'payment',
        amount: -500_000,
        client_package_id: body.package.id,
        booking_id: null,
      }),
      balance: 600_000,
    })
    const days = (Date.parse(body.package.expires_at) - Date.parse(body.package.purchased_at)) / 86_400_000
    expect(Math.round(days)).toBe(30) // 30 calendar days (± a DST hour in the server's zone)

    const replay = await call(client, 'POST', url, undefined, 'buy-ok')
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(replay.json()).toEqual(body)
    const other = await createPackage({ name: 'Other' })
    const reused = await call(client, 'POST', `/api/packages/${other.id}/purchase`, undefined, 'buy-ok')
    expect(reused.statusCode).toBe(422)
    expect(reused.json().error).toBe('idempotency_key_reused')
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(1)
    expect(await ledgerSum(client.id)).toBe(600_000)

    // Another purchase needs another key; a second one then exceeds the balance.
    expect((await call(client, 'POST', url, undefined, 'buy-2')).statusCode).toBe(201)
    const third = await call(client, 'POST', url, undefined, 'buy-3')
    expect(third.statusCode).toBe(402)
    expect((await call(client, 'GET', '/api/me/wallet')).json().balance).toBe(100_000)

    const mine = (await call(client, 'GET', '/api/me/packages')).json()
    expect(mine.items).toHaveLength(2)
    expect(mine.items[1]).toEqual(body.package)
    const stranger = await createUser(env.db, ['client'])
    expect((await call(stranger, 'GET', '/api/me/packages')).json()).toEqual({ items: [], total: 0 })
    const asAdmin = await call(admin, 'GET', `/api/admin/clients/${client.id}/packages`)
    expect(asAdmin.json()).toEqual(mine)
  })

  it('lets parallel purchases with one key buy once, and different keys only what the money covers', async () => {
    const client = await createUser(env.db, ['client'])
    const pkg = await createPackage({ price: 1000 })
    await deposit(client.id, 2500, 'par-dep')
    const url = `/api/packages/${pkg.id}/purchase`
    const same = await Promise.all(
      Array.from({ length: 6 }, () => call(client, 'POST', url, undefined, 'par-1')),
    )
    expect(same.map((r) => r.statusCode)).toEqual(Array(6).fill(201))
    expect(new Set(same.map((r) => r.json().package.id)).size).toBe(1)
    const distinct = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(client, 'POST', url, undefined, `par-k${i}`)),
    )
    const codes = distinct.map((r) => r.statusCode).sort()
    expect(codes).toEqual([201, 402, 402, 402, 402, 402])
    expect(await env.db('client_packages').where({ client_id: client.id })).toHaveLength(2)
    expect((await call(client, 'GET', '/api/me/wallet')).json().balance).toBe(500)
    expect(await ledgerSum(client.id)).toBe(500)
  })

  it('refuses unknown, withdrawn and free packages', async () => {
    const client = await createUser(env.db, ['client'])
    await deposit(client.id, 1_000_000, 'ref-dep')
    const before = await ledgerSnapshot()
    expect((await call(client, 'POST', '/api/packages/999999/purchase', undefined, 'r1')).statusCode).toBe(
      404,
    )
    expect((await call(client, 'POST', '/api/packages/abc/purchase', undefined, 'r2')).statusCode).toBe(422)
    const withdrawn = await createPackage({ active: false })
    const res = await call(client, 'POST', `/api/packages/${withdrawn.id}/purchase`, undefined, 'r3')
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toBe('not_on_sale')
    const free = await createPackage({ price: 0 })
    expect(
      (await call(client, 'POST', `/api/packages/${free.id}/purchase`, undefined, 'r4')).statusCode,
    ).toBe(422)
    expect((await call(admin, 'POST', `/api/packages/${free.id}/purchase`, undefined, 'r5')).statusCode).toBe(
      403,
    )
    expect(await ledgerSnapshot()).toEqual(before)
  })

  it('lets an admin grant a package without the wallet', async () => {
    const client = await createUser(env.db, ['client'])
    const pkg = await createPackage({ active: false })
    const url = `/api/admin/clients/${client.id}/packages`
    const granted = await call(admin, 'POST', url, { service_package_id: pkg.id })
    expect(granted.statusCode).toBe(201)
    expect(granted.json()).toMatchObject({ service_package_id: pkg.id, price_paid: 0, expired: false })
    const sold = await call(admin, 'POST', url, { service_package_id: pkg.id, price_paid: 450_000 })
    expect(sold.json().price_paid).toBe(450_000)
    expect(await env.db('wallet_transactions').where({ client_id: client.id })).toHaveLength(0)
    expect((await call(client, 'GET', '/api/me/packages')).json().items).toHaveLength(2)

    expect((await call(admin, 'POST', url, { service_package_id: 999999 })).statusCode).toBe(404)
    expect((await call(admin, 'POST', url, {})).statusCode).toBe(422)
    expect((await call(admin, 'POST', url, { service_package_id: pkg.id, price_paid: -1 })).statusCode).toBe(
      422,
    )
    expect(
      (await call(admin, 'POST', '/api/admin/clients/999999/packages', { service_package_id: pkg.id }))
        .statusCode,
    ).toBe(404)
    expect((await call(client, 'POST', url, { service_package_id: pkg.id })).statusCode).toBe(403)
    expect((await call(admin, 'GET', '/api/admin/clients/999999/packages')).statusCode).toBe(404)
  })

  it('marks expired packages', async () => {
    const client = await createUser(env.db, ['client'])
    const pkg = await createPackage()
    const [cp] = await env
      .db('client_packages')
      .insert({
        client_id: client.id,
        service_package_id: pkg.id,
        price_paid: 0,
        purchased_at: new Date(Date.now() - 10 * 86_400_000),
        expires_at: new Date(Date.now() - 86_400_000),
      })
      .returning('id')
    await env
      .db('client_package_items')
      .insert({ client_package_id: cp.id, service_id: serviceA, total: 3, remaining: 1 })
    const res = (await call(client, 'GET', '/api/me/packages')).json()
    expect(res.items).toEqual([
      expect.objectContaining({
        id: cp.id,
        expired: true,
        items: [{ service_id: serviceA, service_name: 'Massage', total: 3, remaining: 1 }],
      }),
    ])
  })
})

describe('discounts', () => {
  it('creates, lists, patches and deletes a client’s discounts', async () => {
    const client = await createUser(env.db, ['client'])
    const url = `/api/admin/clients/${client.id}/discounts`
    const created = await call(admin, 'POST', url, { kind: 'percent', value: 10, note: 'regular' })
    expect(created.statusCode).toBe(201)
    const d = created.json()
    expect(d).toEqual({
      id: expect.any(Number),
      client_id: client.id,
      kind: 'percent',
      value: 10,
      service_id: null,
      valid_from: null,
      valid_to: null,
      note: 'regular',
      active: true,
      created_at: expect.any(String),
    })
    const fixed = await call(admin, 'POST', url, {
      kind: 'fixed',
      value: 50_000,
      service_id: serviceA,
      valid_from: '2030-01-01T00:00:00+03:00',
      valid_to: '2030-02-01T00:00:00+03:00',
    })
    expect(fixed.statusCode).toBe(201)
    // Instants come back with the offset of the company's zone (Europe/Moscow by default).
    expect(fixed.json()).toMatchObject({
      service_id: serviceA,
      valid_from: '2030-01-01T00:00:00+03:00',
      valid_to: '2030-02-01T00:00:00+03:00',
    })
    expect((await call(admin, 'GET', url)).json().items.map((x: { id: number }) => x.id)).toEqual([
      d.id,
      fixed.json().id,
    ])

    const patched = await call(admin, 'PATCH', `/api/admin/discounts/${d.id}`, { value: 15, active: false })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ value: 15, active: false, note: 'regular' })
    const cleared = await call(admin, 'PATCH', `/api/admin/discounts/${fixed.json().id}`, {
      service_id: null,
      valid_from: null,
    })
    expect(cleared.json()).toMatchObject({
      service_id: null,
      valid_from: null,
      valid_to: '2030-02-01T00:00:00+03:00',
    })

    const deleted = await call(admin, 'DELETE', `/api/admin/discounts/${d.id}`)
    expect(deleted.json()).toEqual({ id: d.id, deleted: true })
    expect((await call(admin, 'DELETE', `/api/admin/discounts/${d.id}`)).statusCode).toBe(404)
    expect((await call(admin, 'PATCH', `/api/admin/discounts/${d.id}`, { value: 5 })).statusCode).toBe(404)
    expect((await call(admin, 'GET', url)).json().items).toHaveLength(1)
  })

  it('refuses bad discounts and changes nothing', async () => {
    const client = await createUser(env.db, ['client'])
    const url = `/api/admin/clients/${client.id}/discounts`
    const kept = (await call(admin, 'POST', url, { kind: 'percent', value: 20 })).json()
    const before = await ledgerSnapshot()
    const bad: unknown[] = [
      {},
      { kind: 'percent' },
      { kind: 'percent', value: 0 },
      { kind: 'percent', value: 101 },
      { kind: 'percent', value: 12.345 },
      { kind: 'fixed', value: 10.5 },
      { kind: 'fixed', value: 0 },
      { kind: 'fixed', value: -100 },
      { kind: 'bogus', value: 10 },
      { kind: 'fixed', value: 100, service_id: 999_999 },
      { kind: 'fixed', value: 100, valid_from: '2030-02-01T00:00:00Z', valid_to: '2030-01-01T00:00:00Z' },
      { kind: 'fixed', value: 100, valid_from: '2030-01-01T00:00:00Z', valid_to: '2030-01-01T00:00:00Z' },
      { kind: 'fixed', value: 100, valid_from: 'tomorrow' },
      { kind: 'fixed', value: 100, note: 'a\u0000b' },
      { kind: 'fixed', value: 100, extra: true },
    ]
    for (const body of bad) {
      const res = await call(admin, 'POST', url, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(422)
      expect(res.json()).toEqual({ error: expect.any(String), message: expect.any(String) })
    }
    for (const patch of [
      {},
      { value: 101 },
      { kind: 'bogus' },
      { valid_to: '2000-01-01T00:00:00Z', valid_from: '2001-01-01T00:00:00Z' },
    ]) {
      const res = await call(admin, 'PATCH', `/api/admin/discounts/${kept.id}`, patch)
      expect(res.statusCode, JSON.stringify(patch)).toBe(422)
    }
    // A fixed 500 turned into a percent keeps its value: 500 % is refused as a whole.
    const big = (await call(admin, 'POST', url, { kind: 'fixed', value: 500 })).json()
    expect(
      (await call(admin, 'PATCH', `/api/admin/discounts/${big.id}`, { kind: 'percent' })).statusCode,
    ).toBe(422)
    await env.db('client_discounts').where({ id: big.id }).delete()
    expect(
      (await call(admin, 'POST', '/api/admin/clients/999999/discounts', { kind: 'percent', value: 5 }))
        .statusCode,
    ).toBe(404)
    expect((await call(admin, 'GET', '/api/admin/clients/999999/discounts')).statusCode).toBe(404)
    expect((await call(client, 'GET', url)).statusCode).toBe(403)
    expect((await call(client, 'DELETE', `/api/admin/discounts/${kept.id}`)).statusCode).toBe(403)
    expect(await ledgerSnapshot()).toEqual(before)
  })
})
