// Linking a web account to Telegram with a one-time code: the profile's code (its hash stored, a
// new one replacing the old, a deep link when the bot's username is known), the bot's internal
// link route using it once, an expired or wrong code refused and wrong codes limited per Telegram
// account, and the accounts the bot creates on first contact: one that holds nothing gives its
// tg_id up and goes, one with a wallet or a discount is kept and the link refused. A refusal
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { codeHash } from '../../src/data/credentials-repository.ts'
import { LINK_CODE_MINUTES, LINK_LIMIT } from '../../src/api/routes/telegram-link.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createCompany, createUser, createWallet } from '../helpers/fixtures.ts'

const BOT = '123456:link-code-test-token-abcdefghij'
let env: TestEnv
let app: FastifyInstance
let nextTg = 7_400_000_000

beforeAll(async () => {
  env = await createTestEnv({ TELEGRAM_BOT_TOKEN: BOT, TELEGRAM_BOT_USERNAME: '@salon_test_bot' })
  await createCompany(env.db)
  app = await env.app()
}, 60_000)
afterAll(async () => env?.close())

type Person = Awaited<ReturnType<typeof createUser>>
/** A web account: it logs in with an e-mail and a password. */
const webUser = (fields: Record<string, unknown> = {}) =>
  createUser(env.db, ['client'], {
    email: `web${++nextTg}@test.example`,
    password_hash: 'x',
    language: 'en',
    ...fields,
  })
const tgPerson = (fields: Record<string, unknown> = {}) => ({
  tg_id: ++nextTg,
  first_name: 'Ольга',
  username: `olga${nextTg}`,
  ...fields,
})
type TgPerson = ReturnType<typeof tgPerson>

const issue = (who: Person) =>
  app.inject({ method: 'POST', url: '/api/me/telegram/link-code', headers: who.headers })
async function codeFor(who: Person): Promise<string> {
  const res = await issue(who)
  expect(res.statusCode, res.body).toBe(201)
  return res.json().code
}
const link = (from: TgPerson, code: string) =>
  app.inject({
    method: 'POST',
    url: '/internal/telegram/link',
    headers: { 'x-internal-token': env.config.internalToken },
    payload: { from, code },
  })
/** What the bot does on every update: the person's session, creating a client on first contact. */
async function writesToBot(from: TgPerson): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/internal/telegram/session',
    headers: { 'x-internal-token': env.config.internalToken },
    payload: from,
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().user.id
}
/** Everything a link could change. */
const state = async () => ({
  users: await env.db('users').orderBy('id').select('id', 'tg_id', 'tg_username'),
  codes: await env.db('telegram_link_codes').orderBy('user_id').select(),
})
const tgOf = async (userId: number) =>
  (await env.db('users').where({ id: userId }).first('tg_id', 'tg_username')) as
    { tg_id: number | null; tg_username: string | null } | undefined

describe('POST /api/me/telegram/link-code', () => {
  it('issues a short code for 10 minutes with a deep link, storing only its hash', async () => {
    const anna = await webUser()
    const res = await issue(anna)
    expect(res.statusCode, res.body).toBe(201)
    const answer = res.json()
    expect(answer.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(answer.command).toBe(`/link ${answer.code}`)
    expect(answer.deep_link).toBe(`https://t.me/salon_test_bot?start=link-${answer.code.replace('-', '')}`)
    const minutes = (Date.parse(answer.expires_at) - Date.now()) / 60_000
    expect(minutes).toBeGreaterThan(LINK_CODE_MINUTES - 0.5)
    expect(minutes).toBeLessThanOrEqual(LINK_CODE_MINUTES)
    expect(answer.expires_in).toBeGreaterThan(LINK_CODE_MINUTES * 60 - 30)
    expect(answer.expires_in).toBeLessThanOrEqual(LINK_CODE_MINUTES * 60)
    const rows = await env.db('telegram_link_codes').where({ user_id: anna.id })
    expect(rows).toHaveLength(1)
    expect(rows[0].code_hash).toBe(codeHash(answer.code))
    expect(JSON.stringify(rows)).not.toContain(answer.code.replace('-', ''))
  })

  it('replaces the earlier code with a new one', async () => {
    const anna = await webUser()
    const first = await codeFor(anna)
    const second = await codeFor(anna)
    expect(second).not.toBe(first)
    expect(await env.db('telegram_link_codes').where({ user_id: anna.id })).toHaveLength(1)
    const olga = tgPerson()
    const old = await link(olga, first)
    expect(old.statusCode).toBe(404)
    expect(old.json().error).toBe('link_code_unknown')
    expect((await link(olga, second)).statusCode).toBe(200)
  })

  it('is refused to an account that has Telegram already, and without a bot token', async () => {
    const linked = await webUser({ tg_id: ++nextTg })
    const res = await issue(linked)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: 'telegram_linked', message: expect.stringMatching(/unlink/) })

    const off = await createTestEnv()
    try {
      const offApp = await off.app()
      const someone = await createUser(off.db)
      const answer = await offApp.inject({
        method: 'POST',
        url: '/api/me/telegram/link-code',
        headers: someone.headers,
      })
      expect(answer.statusCode).toBe(503)
      expect(answer.json().error).toBe('telegram_disabled')
    } finally {
      await off.close()
    }
  })
})

describe('POST /internal/telegram/link', () => {
  it('links the Telegram account to the code’s user once; typed codes are read loosely', async () => {
    const anna = await webUser()
    const code = await codeFor(anna)
    const olga = tgPerson()
    // Lower case, no dash, as people type it.
    const res = await link(olga, ` ${code.replace('-', '').toLowerCase()} `)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().user).toMatchObject({ id: anna.id, tg_id: olga.tg_id, tg_username: olga.username })
    expect(await tgOf(anna.id)).toEqual({ tg_id: olga.tg_id, tg_username: olga.username })
    expect(await env.db('telegram_link_codes').where({ user_id: anna.id })).toEqual([])

    // Used once: the second time it is unknown, and the same person then gets the web account.
    const again = await link(olga, code)
    expect(again.statusCode).toBe(404)
    expect(again.json().message).toMatch(/already used/)
    expect(await writesToBot(olga)).toBe(anna.id)
  })

  it('refuses an expired code in words and changes nothing', async () => {
    const anna = await webUser()
    const code = await codeFor(anna)
    await env
      .db('telegram_link_codes')
      .where({ user_id: anna.id })
      .update({
        created_at: env.db.raw(`now() - interval '11 minutes'`),
        expires_at: env.db.raw(`now() - interval '1 minute'`),
      })
    const olga = tgPerson()
    const before = await state()
    const res = await link(olga, code)
    expect(res.statusCode).toBe(410)
    expect(res.json()).toMatchObject({
      error: 'link_code_expired',
      message: expect.stringMatching(/new one/),
    })
    expect(await state()).toEqual(before)
  })

  it('refuses a wrong code, changing nothing, and limits wrong codes per Telegram account', async () => {
    const anna = await webUser()
    const code = await codeFor(anna)
    const olga = tgPerson()
    await writesToBot(olga)
    const before = await state()
    const wrong = code === 'AAAA-AAAA' ? 'BBBB-BBBB' : 'AAAA-AAAA'
    for (let i = 0; i < LINK_LIMIT.limit; i++) {
      const res = await link(olga, wrong)
      expect(res.statusCode).toBe(404)
      expect(res.json().error).toBe('link_code_unknown')
    }
    // The limit reached: even the right code waits.
    const blocked = await link(olga, code)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().error).toBe('too_many_requests')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect(await state()).toEqual(before)

    // Another Telegram account is not held back by Olga's attempts, and a success forgets its own.
    const maria = tgPerson({ first_name: 'Мария' })
    for (let i = 0; i < LINK_LIMIT.limit - 1; i++) expect((await link(maria, wrong)).statusCode).toBe(404)
    expect((await link(maria, code)).statusCode).toBe(200)
    const other = await webUser()
    const next = await codeFor(other)
    expect((await link(maria, wrong)).statusCode).toBe(404)
    expect((await link(maria, next)).statusCode).toBe(409) // Maria's Telegram is Anna's now
  })

  it('moves the tg_id from an account the bot created that holds nothing, and removes that account', async () => {
    const anna = await webUser()
    const olga = tgPerson()
    const shadow = await writesToBot(olga)
    expect(shadow).not.toBe(anna.id)
    const shadowSession = await env.db('sessions').where({ user_id: shadow }).first('id')
    expect(shadowSession).toBeDefined()

    const res = await link(olga, await codeFor(anna))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().user).toMatchObject({ id: anna.id, tg_id: olga.tg_id })
    expect(await env.db('users').where({ id: shadow })).toEqual([])
    expect(await env.db('sessions').where({ user_id: shadow })).toEqual([])
    expect(await writesToBot(olga)).toBe(anna.id)
  })

  it('keeps an account the bot created that holds a wallet or a discount, and refuses in words', async () => {
    for (const give of ['wallet', 'discount'] as const) {
      const anna = await webUser()
      const code = await codeFor(anna)
      const olga = tgPerson()
      const shadow = await writesToBot(olga)
      if (give === 'wallet') await createWallet(env.db, shadow, 50_000)
      else await env.db('client_discounts').insert({ client_id: shadow, kind: 'percent', value: 10 })
      const before = await state()
      const res = await link(olga, code)
      expect(res.statusCode).toBe(409)
      expect(res.json()).toMatchObject({
        error: 'telegram_account_in_use',
        message: expect.stringMatching(
          give === 'wallet' ? /with a wallet;.*merge/ : /with 1 personal discount;.*merge/,
        ),
      })
      expect(await state()).toEqual(before)
      expect(await writesToBot(olga)).toBe(shadow)
    }
  })

  it('refuses a Telegram account that belongs to another real account, and an account linked elsewhere', async () => {
    const olga = tgPerson()
    const other = await webUser({ tg_id: olga.tg_id })
    const anna = await webUser()
    const code = await codeFor(anna)
    const before = await state()
    const taken = await link(olga, code)
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toMatchObject({ error: 'telegram_taken', message: expect.stringMatching(/unlink/) })
    expect(await state()).toEqual(before)
    expect(await writesToBot(olga)).toBe(other.id)

    // Anna linked another Telegram (the Login Widget) after asking for the code.
    await env.db('users').where({ id: anna.id }).update({ tg_id: ++nextTg })
    const linkedElsewhere = await link(tgPerson(), code)
    expect(linkedElsewhere.statusCode).toBe(409)
    expect(linkedElsewhere.json().error).toBe('telegram_linked')
  })

  it('validates its body and needs the internal token', async () => {
    const noCode = await app.inject({
      method: 'POST',
      url: '/internal/telegram/link',
      headers: { 'x-internal-token': env.config.internalToken },
      payload: { from: tgPerson() },
    })
    expect(noCode.statusCode).toBe(422)
    const anna = await webUser()
    const asAnna = await app.inject({
      method: 'POST',
      url: '/internal/telegram/link',
      headers: anna.headers,
      payload: { from: tgPerson(), code: await codeFor(anna) },
    })
    expect(asAnna.statusCode).toBe(403)
  })
})
