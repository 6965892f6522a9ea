// Process configuration: read once at boot from the environment, validated by a JSON schema,
// typed. A bad or missing value stops the process with one line naming the variable.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** web/dist: where `npm run build:web` and src/infra/web-build.ts put the site. */
const DEFAULT_WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist')

export interface Config {
  /** PostgreSQL connection string. */
  databaseUrl: string
  /** Redis connection string. */
  redisUrl: string
  /**
   * Prefix of every Redis key this system writes (queues included). As configured it is
   * REDIS_PREFIX; once bound to the database it also names the deployment.
   */
  redisPrefix: string
  host: string
  port: number
  logLevel: string
  /** Secret that internal routes (`/internal/*`) require in the `x-internal-token` header. */
  internalToken: string
  /** Lifetime of a login session. */
  sessionTtlHours: number
  /** Telegram bot token; Telegram login and the bot are off without it. */
  telegramBotToken: string | null
  /**
   * The bot's username without `@` (TELEGRAM_BOT_USERNAME, optional): with it, a link code comes
   * with its `https://t.me/<bot>?start=link-<code>` deep link.
   */
  telegramBotUsername: string | null
  /** The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` to the bot's webhook. */
  telegramWebhookSecret: string | null
  /** Where the Bot API is (TELEGRAM_API_ROOT; tests point it at their local double). */
  telegramApiRoot: string
  /** How the bot gets updates: a webhook (production) or long polling (development). */
  telegramMode: 'webhook' | 'polling'
  /** The public https origin of the deployment (PUBLIC_URL): the webhook and the Mini App live under it. */
  publicUrl: string | null
  /** The Mini App's address (MINIAPP_URL, else `${PUBLIC_URL}/miniapp`, else the API's `/miniapp`). */
  miniAppUrl: string
  /** Port of the bot's webhook server. */
  botPort: number
  /** Where the bot reaches the API (API_URL, else this host and PORT). */
  apiUrl: string
  /**
   * How long (seconds) signed Telegram login data (Mini App `initData`, Login Widget) may be
   * exchanged for a session after Telegram signed it; older data is refused (docs/product.md §7).
   */
  telegramInitDataTtlS: number
  /** Origins allowed by CORS (comma-separated in the environment). */
  corsOrigins: string[]
  /** How long a booking request waits for its intent's outcome before answering 202. */
  intentWaitMs: number
  /** Number of partition queues that serialise bookings per specialist. */
  queuePartitions: number
  /** Maximum accepted request body, in bytes. */
  bodyLimit: number
  /** The built client site the API serves at `/` (WEB_DIST; `off`: none). */
  webDist: string | null
  /** Web Push (VAPID) keys and contact; null when Web Push is off (no VAPID_PUBLIC_KEY). */
  vapid: { publicKey: string; privateKey: string; subject: string } | null
  /**
   * Set once the process has bound its Redis state to its database (src/infra/deployment.ts):
   * `redisPrefix` is then `basePrefix` (REDIS_PREFIX) followed by the deployment's key.
   */
  deployment?: { key: string; basePrefix: string }
}

const schema = {
  type: 'object',
  required: ['DATABASE_URL', 'REDIS_URL', 'INTERNAL_TOKEN'],
  properties: {
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    REDIS_URL: { type: 'string', pattern: '^rediss?://' },
    REDIS_PREFIX: { type: 'string', pattern: '^[A-Za-z0-9_:.-]{1,40}$', default: 'bk:' },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    INTERNAL_TOKEN: { type: 'string', minLength: 16 },
    SESSION_TTL_HOURS: { type: 'integer', minimum: 1, maximum: 8760, default: 720 },
    TELEGRAM_BOT_TOKEN: { type: 'string', pattern: '^[0-9]+:[A-Za-z0-9_-]{20,}$' },
    // Telegram's rule for usernames: 5–32 letters, digits and underscores; a leading @ is tolerated.
    TELEGRAM_BOT_USERNAME: { type: 'string', pattern: '^@?[A-Za-z][A-Za-z0-9_]{4,31}$' },
    TELEGRAM_WEBHOOK_SECRET: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,256}$' },
    TELEGRAM_API_ROOT: { type: 'string', pattern: '^https?://', default: 'https://api.telegram.org' },
    TELEGRAM_MODE: { enum: ['webhook', 'polling'] },
    PUBLIC_URL: { type: 'string', pattern: '^https?://[^/]+(/.*)?$' },
    MINIAPP_URL: { type: 'string', pattern: '^https?://' },
    BOT_PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3001 },
    API_URL: { type: 'string', pattern: '^https?://' },
    TELEGRAM_INIT_DATA_TTL_S: { type: 'integer', minimum: 30, maximum: 86400, default: 3600 },
    CORS_ORIGINS: { type: 'string', default: '' },
    INTENT_WAIT_MS: { type: 'integer', minimum: 0, maximum: 30000, default: 3000 },
    QUEUE_PARTITIONS: { type: 'integer', minimum: 1, maximum: 1024, default: 16 },
    BODY_LIMIT: { type: 'integer', minimum: 1024, maximum: 10485760, default: 65536 },
    WEB_DIST: { type: 'string', minLength: 1 },
    // An uncompressed P-256 public key (65 bytes) and its private key (32 bytes), base64url.
    VAPID_PUBLIC_KEY: { type: 'string', pattern: '^[A-Za-z0-9_-]{86,88}={0,2}$' },
    VAPID_PRIVATE_KEY: { type: 'string', pattern: '^[A-Za-z0-9_-]{42,44}={0,2}$' },
    VAPID_SUBJECT: {
      type: 'string',
      pattern: '^(mailto:.+@.+|https://.+)$',
      default: 'mailto:webpush@localhost',
    },
  },
} as const

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, unknown> = {}
  for (const key of Object.keys(schema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') input[key] = value
  }
  const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: false })
  const validate = ajv.compile(schema)
  if (!validate(input)) {
    const err = validate.errors![0]!
    const name =
      err.keyword === 'required' ? String(err.params.missingProperty) : err.instancePath.replace(/^\//, '')
    const shown =
      err.keyword === 'required' ? 'is not set' : `${err.message} (got ${JSON.stringify(input[name])})`
    throw new ConfigError(`configuration: ${name} ${shown}`)
  }
  const v = input as unknown as {
    [
      K in
        | 'DATABASE_URL'
        | 'REDIS_URL'
        | 'REDIS_PREFIX'
        | 'HOST'
        | 'LOG_LEVEL'
        | 'INTERNAL_TOKEN'
        | 'CORS_ORIGINS'
    ]: string
  } & {
    [
      K in
        | 'PORT'
        | 'SESSION_TTL_HOURS'
        | 'INTENT_WAIT_MS'
        | 'QUEUE_PARTITIONS'
        | 'BODY_LIMIT'
        | 'TELEGRAM_INIT_DATA_TTL_S'
        | 'BOT_PORT'
    ]: number
  } & {
    TELEGRAM_BOT_TOKEN?: string
    TELEGRAM_BOT_USERNAME?: string
    TELEGRAM_WEBHOOK_SECRET?: string
    TELEGRAM_API_ROOT: string
    TELEGRAM_MODE?: 'webhook' | 'polling'
    PUBLIC_URL?: string
    MINIAPP_URL?: string
    API_URL?: string
    WEB_DIST?: string
    VAPID_PUBLIC_KEY?: string
    VAPID_PRIVATE_KEY?: string
    VAPID_SUBJECT: string
  }
  if (!v.VAPID_PUBLIC_KEY !== !v.VAPID_PRIVATE_KEY) {
    throw new ConfigError(
      `configuration: ${v.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'} is not set (Web Push needs both keys, or neither)`,
    )
  }
  const trimSlash = (url: string) => url.replace(/\/+$/, '')
  const localHost = ['0.0.0.0', '::'].includes(v.HOST) ? '127.0.0.1' : v.HOST
  const apiUrl = trimSlash(
    v.API_URL ?? `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${v.PORT}`,
  )
  const publicUrl = v.PUBLIC_URL ? trimSlash(v.PUBLIC_URL) : null
  return {
    databaseUrl: v.DATABASE_URL,
    redisUrl: v.REDIS_URL,
    redisPrefix: v.REDIS_PREFIX,
    host: v.HOST,
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
    internalToken: v.INTERNAL_TOKEN,
    sessionTtlHours: v.SESSION_TTL_HOURS,
    telegramBotToken: v.TELEGRAM_BOT_TOKEN ?? null,
    telegramBotUsername: v.TELEGRAM_BOT_USERNAME?.replace(/^@/, '') ?? null,
    telegramWebhookSecret: v.TELEGRAM_WEBHOOK_SECRET ?? null,
    telegramApiRoot: trimSlash(v.TELEGRAM_API_ROOT),
    telegramMode: v.TELEGRAM_MODE ?? (publicUrl ? 'webhook' : 'polling'),
    publicUrl,
    miniAppUrl: v.MINIAPP_URL ?? `${publicUrl ?? apiUrl}/miniapp`,
    botPort: v.BOT_PORT,
    apiUrl,
    telegramInitDataTtlS: v.TELEGRAM_INIT_DATA_TTL_S,
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    intentWaitMs: v.INTENT_WAIT_MS,
    queuePartitions: v.QUEUE_PARTITIONS,
    bodyLimit: v.BODY_LIMIT,
    webDist:
      v.WEB_DIST === 'off' ? null : v.WEB_DIST ? path.resolve(PROJECT_ROOT, v.WEB_DIST) : DEFAULT_WEB_DIST,
    vapid:
      v.VAPID_PUBLIC_KEY && v.VAPID_PRIVATE_KEY
        ? { publicKey: v.VAPID_PUBLIC_KEY, privateKey: v.VAPID_PRIVATE_KEY, subject: v.VAPID_SUBJECT }
        : null,
  }
}
