// POST /internal/telegram/session, the bot's door: a Telegram person found by tg_id or created as a
// client once, and a chat the notifier had marked unreachable (the bot was blocked) reachable again
// once its person writes to the bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createCompany } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
beforeAll(async () => {
  env = await createTestEnv()
  await createCompany(env.db)
  app = await env.app()
})
afterAll(async () => env?.close())

const session = (payload: object) =>
  app.inject({
    method: 'POST',
    url: '/internal/telegram/session',
    headers: { 'x-internal-token': env.config.internalToken },
    payload,
  })

describe('POST /internal/telegram/session', () => {
  it('creates the person once, and makes a chat that had blocked the bot reachable again', async () => {
    const first = await session({ tg_id: 7_100_000_001, first_name: 'Мария', language_code: 'en' })
    expect(first.statusCode, first.body).toBe(200)
    const id = first.json().user.id
    expect(first.json().user).toMatchObject({ name: 'Мария', language: 'en', roles: ['client'] })
    await env.db('telegram_unreachable_chats').insert({ tg_id: 7_100_000_001, reason: 'bot was blocked' })

    const again = await session({ tg_id: 7_100_000_001, first_name: 'Мария' })
    expect(again.json().user.id).toBe(id)
    expect(await env.db('users').where({ tg_id: 7_100_000_001 })).toHaveLength(1)
    expect(await env.db('telegram_unreachable_chats').where({ tg_id: 7_100_000_001 })).toEqual([])
  })
})
