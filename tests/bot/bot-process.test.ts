// The bot as a process and in polling mode: `src/bot/main.ts` without TELEGRAM_BOT_TOKEN says in
// one line that it is off and exits 0; in webhook mode without a secret it refuses to start; with
// TELEGRAM_MODE=polling it takes updates from getUpdates (the Bot API double answering one /start)
// and answers through the real API.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBot, type RunningBot } from '../../src/bot/main.ts'
import { startBotApiDouble, type BotApiDouble } from '../helpers/bot-api-double.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function runBotMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bot/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: 'postgres://127.0.0.1:1/none',
        REDIS_URL: 'redis://127.0.0.1:1',
        INTERNAL_TOKEN: 'bot-process-test-token',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('the bot process', () => {
  it('says in one line that it is off without TELEGRAM_BOT_TOKEN and exits 0', async () => {
    const { code, stdout, stderr } = await runBotMain({})
    expect(code).toBe(0)
    expect(stdout).toBe('[bot] off: TELEGRAM_BOT_TOKEN is not set\n')
    expect(stderr).toBe('')
  }, 30_000)

  it('refuses webhook mode without TELEGRAM_WEBHOOK_SECRET, in one line', async () => {
    const { code, stderr } = await runBotMain({
      TELEGRAM_BOT_TOKEN: '123456:TEST-bot-token-of-the-local-double',
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
    })
    expect(code).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^configuration: TELEGRAM_WEBHOOK_SECRET is not set/),
    ])
  }, 30_000)
})

describe('the bot in polling mode', () => {
  let env: TestEnv
  let double: BotApiDouble
  let bot: RunningBot | undefined

  beforeAll(async () => {
    env = await createTestEnv()
    const app = await env.app()
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('the API is not on a TCP port')
    double = await startBotApiDouble()
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 4242, type: 'private', first_name: 'Ира' },
        from: { id: 4242, is_bot: false, first_name: 'Ира', language_code: 'ru' },
        text: '/start specialist-5',
        entities: [{ offset: 0, length: 6, type: 'bot_command' }],
      },
    }
    double.script('getUpdates', { ok: true, result: [update] })
    bot = await startBot(
      {
        ...env.config,
        telegramBotToken: double.token,
        telegramWebhookSecret: null,
        telegramApiRoot: double.apiRoot,
        telegramMode: 'polling',
        publicUrl: null,
        miniAppUrl: 'https://tunnel.example/miniapp',
        apiUrl: `http://127.0.0.1:${address.port}`,
      },
      { info: () => {}, warn: () => {}, error: () => {} },
    )
  }, 60_000)

  afterAll(async () => {
    await bot?.stop()
    await double?.close()
    await env?.close()
  })

  it('takes /start from getUpdates and answers it', async () => {
    await double.waitFor((calls) => calls.some((c) => c.method === 'sendMessage'))
    const [reply] = double.callsOf('sendMessage')
    expect(reply?.params).toMatchObject({ chat_id: 4242 })
    expect(reply?.params.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: 'Открыть', web_app: { url: 'https://tunnel.example/miniapp?startapp=specialist-5' } }],
      ],
    })
    // Polling clears any webhook first; the update is acknowledged by the next offset.
    expect(double.callsOf('deleteWebhook')).toHaveLength(1)
    await double.waitFor((calls) => calls.some((c) => c.method === 'getUpdates' && c.params.offset === 2))
    expect(await env.db('users').where({ tg_id: 4242 }).count('id as n').first()).toEqual({ n: 1 })
  })
})
