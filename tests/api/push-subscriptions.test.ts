// Web Push opt-in (src/api/routes/push.ts): the VAPID public key, and storing and removing the
// subscriptions of a user's browsers, idempotently per endpoint.
import { randomBytes } from 'node:crypto'
import webpush from 'web-push'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ConfigError, loadConfig } from '../../src/config.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'

const keys = webpush.generateVAPIDKeys()

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv({
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:admin@salon.test',
  })
  app = await env.app()
})
afterAll(async () => env?.close())

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url')
/** A subscription as PushSubscription.toJSON() gives it. */
const subscription = () => ({
  endpoint: `https://push.example.test/send/${b64(12)}`,
  expirationTime: null,
  keys: { p256dh: b64(65), auth: b64(16) },
})

const url = '/api/me/push-subscriptions'
const save = (headers: Record<string, string>, payload: unknown) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object })
const remove = (headers: Record<string, string>, endpoint: string) =>
  app.inject({ method: 'DELETE', url, headers, payload: { endpoint } })
const rowsOf = (endpoint: string) => env.db('push_subscriptions').where({ endpoint })

describe('GET /api/push/config', () => {
  it('gives the VAPID public key the browser subscribes with', async () => {
    const res = await app.inject({ url: '/api/push/config' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ vapid_public_key: keys.publicKey })
    expect(res.body).not.toContain(keys.privateKey)
  })

  it('answers 404 push_disabled without VAPID keys, and refuses subscriptions then', async () => {
    const off = await createTestEnv()
    try {
      const offApp = await off.app()
      const res = await offApp.inject({ url: '/api/push/config' })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toMatchObject({ error: 'push_disabled' })
      const user = await createUser(off.db)
      const saved = await offApp.inject({
        method: 'POST',
        url,
        headers: user.headers,
        payload: subscription(),
      })
      expect(saved.statusCode).toBe(404)
      expect(saved.json()).toMatchObject({ error: 'push_disabled' })
    } finally {
      await off.close()
    }
  })

  it('needs both keys: one alone stops the process with one line naming the other', () => {
    const base = { DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x', INTERNAL_TOKEN: 'x'.repeat(20) }
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError)
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/VAPID_PRIVATE_KEY/)
    expect(() =>
      loadConfig({ ...base, VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: keys.privateKey }),
    ).toThrow(/VAPID_PUBLIC_KEY/)
  })
})

describe('POST /api/me/push-subscriptions', () => {
  it('stores a subscription once per endpoint: 201, then 200 with the keys updated', async () => {
    const user = await createUser(env.db)
    const sub = subscription()
    const first = await save(user.headers, sub)
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toEqual({ endpoint: sub.endpoint, created_at: expect.any(String) })

    const renewed = { ...sub, keys: { p256dh: b64(65), auth: b64(16) } }
    const again = await save(user.headers, renewed)
    expect(again.statusCode).toBe(200)
    expect(again.json().created_at).toBe(first.json().created_at)
    const rows = await rowsOf(sub.endpoint)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user_id: user.id, p256dh: renewed.keys.p256dh, auth: renewed.keys.auth })
  })

  it('gives a browser to the user who subscribed on it last', async () => {
    const [first, second] = [await createUser(env.db), await createUser(env.db)]
    const sub = subscription()
    expect((await save(first.headers, sub)).statusCode).toBe(201)
    expect((await save(second.headers, sub)).statusCode).toBe(200)
    expect((await rowsOf(sub.endpoint)).map((r) => r.user_id)).toEqual([second.id])
  })

  it('refuses what is not a subscription, and callers without a session', async () => {
    const user = await createUser(env.db)
    const sub = subscription()
    const bad = [
      { ...sub, endpoint: 'http://push.example.test/plain-http' },
      { ...sub, endpoint: 'not a url' },
      { endpoint: sub.endpoint },
      { ...sub, keys: { p256dh: 'too-short', auth: sub.keys.auth } },
      { ...sub, keys: { ...sub.keys, auth: 'has spaces in it!!!!!!' } },
      { ...sub, extra: true },
    ]
    for (const payload of bad) {
      const res = await save(user.headers, payload)
      expect(res.statusCode, JSON.stringify(payload)).toBe(422)
      expect(res.json()).toMatchObject({ error: 'invalid_input', message: expect.any(String) })
    }
    expect(await env.db('push_subscriptions').where({ user_id: user.id })).toEqual([])
    expect((await save({}, sub)).statusCode).toBe(401)
  })
})

describe('DELETE /api/me/push-subscriptions', () => {
  it('removes my subscription of an endpoint, never another user’s', async () => {
    const [me, other] = [await createUser(env.db), await createUser(env.db)]
    const mine = subscription()
    const theirs = subscription()
    await save(me.headers, mine)
    await save(other.headers, theirs)

    expect((await remove(me.headers, theirs.endpoint)).json()).toEqual({ deleted: false })
    expect(await rowsOf(theirs.endpoint)).toHaveLength(1)

    const res = await remove(me.headers, mine.endpoint)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ deleted: true })
    expect(await rowsOf(mine.endpoint)).toEqual([])
    expect((await remove(me.headers, mine.endpoint)).json()).toEqual({ deleted: false })
    expect((await remove({}, mine.endpoint)).statusCode).toBe(401)
  })
})
