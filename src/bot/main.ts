// The `bot` process (Procfile `bot`): its own composition root. Without TELEGRAM_BOT_TOKEN it says
// so in one line and exits 0. With it: the telegraf bot against TELEGRAM_API_ROOT; its commands
// and menu button set at start; then updates by webhook (production: a server on BOT_PORT checking
// Telegram's secret-token header, and setWebhook with that secret when PUBLIC_URL is set) or by
// long polling (development, TELEGRAM_MODE=polling). Stops on SIGTERM/SIGINT.
import { pino } from 'pino'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { REDACT_PATHS, REDACTED } from '../infra/log-redaction.ts'
import { configureBot, createBot, type BotLog } from './bot.ts'
import { startWebhookServer, WEBHOOK_PATH, type WebhookServer } from './webhook.ts'

export interface RunningBot {
  /** The webhook server's address (webhook mode). */
  webhookUrl: string | null
  stop: () => Promise<void>
}

export class BotConfigError extends Error {
  override name = 'BotConfigError'
}

/** Starts the bot on `config` (TELEGRAM_BOT_TOKEN set); tests call this with the Bot API double. */
export async function startBot(config: Config, log: BotLog): Promise<RunningBot> {
  const token = config.telegramBotToken
  if (!token) throw new BotConfigError('bot: TELEGRAM_BOT_TOKEN is not set')
  if (config.telegramMode === 'webhook' && !config.telegramWebhookSecret)
    throw new BotConfigError(
      'configuration: TELEGRAM_WEBHOOK_SECRET is not set (the webhook refuses every update without it; set it, or TELEGRAM_MODE=polling)',
    )
  if (!config.miniAppUrl.startsWith('https://'))
    log.warn(
      { miniAppUrl: config.miniAppUrl },
      'Telegram opens only https Mini App URLs: set PUBLIC_URL or MINIAPP_URL',
    )
  const bot = createBot({
    token,
    telegramApiRoot: config.telegramApiRoot,
    apiUrl: config.apiUrl,
    internalToken: config.internalToken,
    miniAppUrl: config.miniAppUrl,
    log,
  })
  bot.botInfo = await bot.telegram.getMe()
  await configureBot(bot.telegram, config.miniAppUrl)

  if (config.telegramMode === 'polling') {
    // launch() resolves only when polling stops: run it in the background.
    const polling = bot.launch({ dropPendingUpdates: false })
    polling.catch((err: unknown) => log.error({ err }, 'long polling stopped'))
    log.info({ bot: bot.botInfo.username }, 'the bot is polling for updates')
    return {
      webhookUrl: null,
      stop: async () => {
        bot.stop('stop')
        await polling.catch(() => undefined)
      },
    }
  }

  const secret = config.telegramWebhookSecret!
  const server: WebhookServer = await startWebhookServer({
    secret,
    host: config.host,
    port: config.botPort,
    handleUpdate: (update) => bot.handleUpdate(update),
    onError: (err) => log.error({ err }, 'an update failed'),
  })
  if (config.publicUrl) {
    await bot.telegram.setWebhook(`${config.publicUrl}${WEBHOOK_PATH}`, {
      secret_token: secret,
      allowed_updates: ['message', 'callback_query'],
    })
  }
  log.info(
    {
      bot: bot.botInfo.username,
      listening: server.url,
      webhook: config.publicUrl ? `${config.publicUrl}${WEBHOOK_PATH}` : null,
    },
    'the bot takes updates by webhook',
  )
  return { webhookUrl: `${server.url}${WEBHOOK_PATH}`, stop: () => server.close() }
}

export async function runBotProcess(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err)
    process.exit(1)
  }
  if (!config.telegramBotToken) {
    console.log('[bot] off: TELEGRAM_BOT_TOKEN is not set')
    process.exit(0)
  }
  const log = pino({ level: config.logLevel, name: 'bot', redact: { paths: REDACT_PATHS, censor: REDACTED } })
  try {
    const running = await startBot(config, log)
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        console.log(`[bot] ${signal}: stopping`)
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      })
    }
  } catch (err) {
    console.error(err instanceof BotConfigError ? err.message : err)
    process.exit(1)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runBotProcess()
