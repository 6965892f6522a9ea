import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'
import { TELEGRAM_LIMITS } from '../../src/api/routes/telegram-auth.ts'
import { hashPassword } from '../../src/infra/password.ts'

const BOT = '100200300:TestBotTokenAbcdefghijklmnopqrstu'
const OTHER_BOT = '900800700:AnotherBotTokenZyxwvutsrqponmlkj'
const TTL_S = 600

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv({ TELEGRAM_BOT_TOKEN: BOT, TELEGRAM_INIT_DATA_TTL_S: String(TTL_S) })
  app = await env.app()
})
afterAll(async () => env?.close())

let nextIp = 0
const freshIp = () => `10.7.${Math.floor(++nextIp / 250)}.${(nextIp % 250) + 1}`
const nowS = () => Math.floor(Date.now() / 1000)
const tgId = () => randomInt(1, 2 ** 40)

/** initData as Telegram builds it: the test signs it itself with the bot token. */
function initData(
  user: Record<string, unknown>,
  opts: { authDate?: number; bot?: string; extra?: Record<string, string> } = {},
) {
  const fields: Record<string, string> = {
    query_id: `AA${randomBytes(6).toString('hex')}`,
    user: JSON.stringify(user),
    auth_date: String(opts.authDate ?? nowS()),
    ...opts.extra,
  }
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n')
  const secret = createHmac('sha256', 'WebAppData')
    .update(opts.bot ?? BOT)
    .digest()
  const hash = createHmac('sha256', secret).update(check).digest('hex')
  return new URLSearchParams({ ...fields, hash }).toString()
}

/** Login Widget data, signed with the widget's derivation (secret = SHA-256 of the token). */
function widgetData(data: Record<string, string | number>, bot = BOT) {
  const check = Object.keys(data)
    .sort()
    .map((k) => `${k}=${data[k]}`)
    .join('\n')
  const secret = createHash('sha256').update(bot).digest()
  return { ...data, hash: createHmac('sha256', secret).update(check).digest('hex') }
}

const exchange = (init_data: string, ip = freshIp()) =>
  app.inject({ method: 'POST', url: '/api/auth/telegram', payload: { init_data }, remoteAddress: ip })
const widgetLogin = (payload: object) =>
  app.inject({ method: 'POST', url: '/api/auth/telegram-widget', payload, remoteAddress: freshIp() })
const me = (token: string) => app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } })

const refusedWith = (res: { statusCode: number; json: () => unknown }, message?: RegExp) => {
  expect(res.statusCode).toBe(401)
  expect(res.json()).toEqual({ error: 'invalid_init_data', message: expect.stringMatching(message ?? /./) })
}

describe('POST /api/auth/telegram (Mini App)', () => {
  it('creates a client on the first exchange and finds the same user on the next one', async () => {
    const id = tgId()
    const user = { id, first_name: 'Анна', last_name: 'Петрова', username: 'anna_p', language_code: 'ru' }
    const first = await exchange(initData(user))
    expect(first.statusCode).toBe(200)
    const body = first.json()
    expect(body.user).toMatchObject({
      name: 'Анна Петрова',
      tg_id: id,
      tg_username: 'anna_p',
      language: 'ru',
      roles: ['client'],
      email: null,
      phone: null,
    })
    expect((await me(body.token)).json()).toEqual(body.user)

    // The same initData again (a Mini App reload) inside its window: the same user, a new session.
    const data = initData(user)
    const again = await exchange(data)
    const third = await exchange(data)
    for (const res of [again, third]) {
      expect(res.statusCode).toBe(200)
      expect(res.json().user.id).toBe(body.user.id)
    }
    expect(again.json().token).not.toBe(body.token)
    expect(await env.db('users').where({ tg_id: id }).count({ n: '*' }).first()).toEqual({ n: 1 })
  })

  it('speaks English to users whose Telegram language is English', async () => {
    const res = await exchange(initData({ id: tgId(), first_name: 'John', language_code: 'en-GB' }))
    expect(res.json().user).toMatchObject({ name: 'John', language: 'en', tg_username: null })
  })

  it('logs an existing user in with the roles of our database', async () => {
    const id = tgId()
    const admin = await createUser(env.db, ['admin', 'specialist'], { tg_id: id })
    const res = await exchange(initData({ id, first_name: 'Boss', username: 'boss' }))
    expect(res.statusCode).toBe(200)
    expect(res.json().user.id).toBe(admin.id)
    expect([...res.json().user.roles].sort()).toEqual(['admin', 'specialist'])
  })

  it('never takes roles from the payload: a claim of admin gets a plain client', async () => {
    const user = { id: tgId(), first_name: 'Mallory', roles: ['admin'], is_admin: true, role: 'admin' }
    const res = await exchange(initData(user, { extra: { roles: 'admin', role: 'admin' } }))
    expect(res.statusCode).toBe(200)
    expect(res.json().user.roles).toEqual(['client'])
    const roles = await env.db('user_roles').where({ user_id: res.json().user.id }).pluck('role')
    expect(roles).toEqual(['client'])
  })

  it('refuses a forged hash, tampered fields and data signed with another bot token', async () => {
    const before = await env.db('users').count({ n: '*' }).first()
    const user = { id: tgId(), first_name: 'Eve' }
    const good = initData(user)
    const forged = good.replace(/hash=[0-9a-f]+/, `hash=${'ab'.repeat(32)}`)
    refusedWith(await exchange(forged), /not valid/)
    refusedWith(await exchange(good.replace(String(user.id), String(user.id + 1))), /not valid/)
    refusedWith(await exchange(initData(user, { bot: OTHER_BOT })), /not valid/)
    refusedWith(await exchange('user=%7B%7D&auth_date=1'), /not valid/)
    expect(await env.db('users').count({ n: '*' }).first()).toEqual(before)
  })

  it('refuses stale data, and data replayed after its window, but not inside it', async () => {
    const user = { id: tgId(), first_name: 'Late' }
    refusedWith(await exchange(initData(user, { authDate: nowS() - 86_400 })), /expired/)
    // Replay: the same initData once its window has passed (signed TTL + 1 s ago).
    refusedWith(await exchange(initData(user, { authDate: nowS() - TTL_S - 1 })), /expired/)
    expect((await exchange(initData(user, { authDate: nowS() - TTL_S + 30 }))).statusCode).toBe(200)
    refusedWith(await exchange(initData(user, { authDate: nowS() + 3600 })), /future/)
  })

  it('validates the body and limits attempts per address', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/telegram', payload: { initData: 'x' } })
    expect(bad.statusCode).toBe(422)
    const ip = freshIp()
    for (let i = 0; i < TELEGRAM_LIMITS.perIp.limit; i++)
      expect((await exchange('hash=1', ip)).statusCode).toBe(401)
    const blocked = await exchange(initData({ id: tgId(), first_name: 'Spam' }), ip)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBeDefined()
  })
})

describe('POST /api/auth/telegram-widget (web)', () => {
  it('logs in with valid widget data and refuses forged, foreign or stale data', async () => {
    const id = tgId()
    const data = {
      id,
      first_name: 'Web',
      last_name: 'User',
      username: 'webby',
      photo_url: 'https://t.me/i/u.jpg',
      auth_date: nowS(),
    }
    const ok = await widgetLogin(widgetData(data))
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user).toMatchObject({ tg_id: id, name: 'Web User', roles: ['client'] })
    // The same account through the Mini App is the same user.
    expect((await exchange(initData({ id, first_name: 'Web' }))).json().user.id).toBe(ok.json().user.id)

    refusedWith(await widgetLogin({ ...widgetData(data), first_name: 'Changed' }))
    refusedWith(await widgetLogin({ ...data, hash: 'cd'.repeat(32) }))
    refusedWith(await widgetLogin(widgetData(data, OTHER_BOT)))
    refusedWith(await widgetLogin(widgetData({ ...data, auth_date: nowS() - TTL_S - 5 })), /expired/)
    // The Mini App derivation does not verify widget data.
    const miniAppHash = new URLSearchParams(initData({ id, first_name: 'Web' }, { extra: {} })).get('hash')!
    refusedWith(await widgetLogin({ ...data, hash: miniAppHash }))
  })
})

describe('linking a Telegram account', () => {
  const post = (token: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/me/telegram',
      headers: { authorization: `Bearer ${token}` },
      payload,
    })
  const unlink = (token: string) =>
    app.inject({ method: 'DELETE', url: '/api/me/telegram', headers: { authorization: `Bearer ${token}` } })

  it('links and unlinks the logged-in user’s Telegram account', async () => {
    const webUser = await createUser(env.db, ['client'], {
      email: `link.${randomBytes(3).toString('hex')}@example.com`,
      password_hash: await hashPassword('a long password'),
    })
    const id = tgId()
    const linked = await post(webUser.token, {
      init_data: initData({ id, first_name: 'Linker', username: 'linker' }),
    })
    expect(linked.statusCode).toBe(200)
    expect(linked.json()).toMatchObject({ id: webUser.id, tg_id: id, tg_username: 'linker' })
    // Linking again is harmless; the Mini App now logs into the web account.
    expect(
      (await post(webUser.token, { init_data: initData({ id, first_name: 'Linker' }) })).statusCode,
    ).toBe(200)
    expect((await exchange(initData({ id, first_name: 'Linker' }))).json().user.id).toBe(webUser.id)

    const unlinked = await unlink(webUser.token)
    expect(unlinked.statusCode).toBe(200)
    expect(unlinked.json()).toMatchObject({ id: webUser.id, tg_id: null, tg_username: null })
    expect((await unlink(webUser.token)).statusCode).toBe(200)

    // The widget variant links too.
    const viaWidget = await post(webUser.token, {
      widget: widgetData({ id, first_name: 'Linker', auth_date: nowS() }),
    })
    expect(viaWidget.json()).toMatchObject({ tg_id: id })
  })

  it('takes the Telegram account from an empty account the Mini App made, answers 409 when a real user has it, and refuses bad data', async () => {
    // Opened the Mini App once (an account with nothing in it), then links from the web account.
    const id = tgId()
    const shadow = (await exchange(initData({ id, first_name: 'Owner' }))).json().user
    const other = await createUser(env.db, ['client'], { email: `owner-${id}@test.example` })
    const moved = await post(other.token, { init_data: initData({ id, first_name: 'Owner' }) })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json()).toMatchObject({ id: other.id, tg_id: id })
    expect(await env.db('users').where({ id: shadow.id }).first()).toBeUndefined()

    // Now `other`, who has a login of their own, has it: nobody else can take it.
    const third = await createUser(env.db)
    const res = await post(third.token, { init_data: initData({ id, first_name: 'Owner' }) })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'telegram_taken' })
    expect((await env.db('users').where({ id: other.id }).first()).tg_id).toBe(id)
    expect((await env.db('users').where({ id: third.id }).first()).tg_id).toBeNull()

    refusedWith(
      await post(third.token, { init_data: initData({ id: tgId(), first_name: 'X' }, { bot: OTHER_BOT }) }),
    )
    expect((await post(third.token, {})).statusCode).toBe(422)
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/me/telegram',
      payload: { init_data: initData({ id: tgId(), first_name: 'X' }) },
    })
    expect(anonymous.statusCode).toBe(401)
  })

  it('refuses to unlink Telegram when it is the only way to log in', async () => {
    const { token, user } = (await exchange(initData({ id: tgId(), first_name: 'Only' }))).json()
    const res = await unlink(token)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'telegram_only_login' })
    expect((await me(token)).json().tg_id).toBe(user.tg_id)
  })
})

describe('without a bot token', () => {
  it('answers 503 telegram_disabled', async () => {
    const off = await createTestEnv()
    try {
      const offApp = await off.app()
      const res = await offApp.inject({
        method: 'POST',
        url: '/api/auth/telegram',
        payload: { init_data: initData({ id: 1, first_name: 'X' }) },
      })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ error: 'telegram_disabled' })
    } finally {
      await off.close()
    }
  })
})
