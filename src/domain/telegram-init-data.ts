// Verification of what Telegram signs for us: a Mini App's `initData` and a Login Widget's data.
// Pure functions over strings and a clock value: no I/O, so the rules are tested without a server.
// Both checks are an HMAC over the "data-check-string" (every field but `hash`, sorted by key, as
// `key=value` lines) followed by a freshness check of `auth_date`; they differ in the secret key.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** The Telegram user as the payload describes them; nothing else of the payload is trusted. */
export interface TelegramUser {
  id: number
  first_name: string
  last_name: string | null
  username: string | null
  language_code: string | null
}

export interface VerifiedTelegramData {
  user: TelegramUser
  /** Seconds since the epoch at which Telegram signed the data. */
  authDate: number
}

/**
 * Why data was refused. `expired` and `from_future` are told to the caller (they help nobody forge
 * a signature); `malformed` and `invalid_signature` are answered alike.
 */
export type RefusalReason = 'malformed' | 'invalid_signature' | 'expired' | 'from_future'

export type VerifyResult = { ok: true; data: VerifiedTelegramData } | { ok: false; reason: RefusalReason }

export interface FreshnessOptions {
  /** The current time, in seconds since the epoch. */
  nowS: number
  /** Data signed longer ago than this is refused (the exchange window). */
  maxAgeS: number
  /** How far in the future `auth_date` may lie (clock skew between Telegram and us). */
  maxSkewS?: number
}

/** Tolerated clock skew when none is given. */
export const DEFAULT_MAX_SKEW_S = 60

/** The data-check-string of Telegram's docs: `key=value` for every field, sorted by key, joined by "\n". */
export function dataCheckString(fields: ReadonlyMap<string, string>): string {
  return [...fields.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')
}

/** Mini App: secret = HMAC-SHA256(key "WebAppData", message bot token). */
const miniAppSecret = (botToken: string) => createHmac('sha256', 'WebAppData').update(botToken).digest()
/** Login Widget: secret = SHA-256(bot token), raw bytes. */
const widgetSecret = (botToken: string) => createHash('sha256').update(botToken).digest()

const sign = (secret: Buffer, fields: ReadonlyMap<string, string>) =>
  createHmac('sha256', secret).update(dataCheckString(fields)).digest('hex')

/** Compares a given hex hash with the expected one in constant time (for equal lengths). */
function hashMatches(given: string, expected: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(given)) return false
  const a = Buffer.from(given.toLowerCase(), 'hex')
  const b = Buffer.from(expected, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}

function checkFreshness(authDateText: string | undefined, opts: FreshnessOptions): RefusalReason | number {
  if (authDateText === undefined || !/^[0-9]{1,12}$/.test(authDateText)) return 'malformed'
  const authDate = Number(authDateText)
  if (authDate > opts.nowS + (opts.maxSkewS ?? DEFAULT_MAX_SKEW_S)) return 'from_future'
  if (opts.nowS - authDate > opts.maxAgeS) return 'expired'
  return authDate
}

const optionalText = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)

/** The user object of the payload; null when it lacks a usable id or first name. */
export function parseTelegramUser(raw: unknown): TelegramUser | null {
  if (typeof raw !== 'object' || raw === null) return null
  const u = raw as Record<string, unknown>
  if (typeof u.id !== 'number' || !Number.isSafeInteger(u.id) || u.id <= 0) return null
  if (typeof u.first_name !== 'string') return null
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: optionalText(u.last_name),
    username: optionalText(u.username),
    language_code: optionalText(u.language_code),
  }
}

/** Splits a query string into fields; null when a key repeats (which value was signed?). */
function parseQuery(initData: string): Map<string, string> | null {
  let params: URLSearchParams
  try {
    params = new URLSearchParams(initData)
  } catch {
    return null
  }
  const fields = new Map<string, string>()
  for (const [k, v] of params) {
    if (fields.has(k)) return null
    fields.set(k, v)
  }
  return fields
}

/**
 * Verifies a Mini App's `initData` (the raw query string `Telegram.WebApp.initData`) with the bot
 * token: signature first, then freshness, then the `user` field. The same data verifies again as
 * long as it is fresh: a Mini App reload sends it again.
 */
export function verifyInitData(initData: string, botToken: string, opts: FreshnessOptions): VerifyResult {
  const fields = parseQuery(initData)
  const hash = fields?.get('hash')
  if (!fields || hash === undefined) return { ok: false, reason: 'malformed' }
  fields.delete('hash')
  if (!hashMatches(hash, sign(miniAppSecret(botToken), fields)))
    return { ok: false, reason: 'invalid_signature' }
  const authDate = checkFreshness(fields.get('auth_date'), opts)
  if (typeof authDate !== 'number') return { ok: false, reason: authDate }
  let user: TelegramUser | null = null
  try {
    user = parseTelegramUser(JSON.parse(fields.get('user') ?? 'null'))
  } catch {
    user = null
  }
  return user ? { ok: true, data: { user, authDate } } : { ok: false, reason: 'malformed' }
}

/** The fields the Telegram Login Widget hands to the page (and the page to us). */
export interface WidgetData {
  id: number
  first_name: string
  last_name?: string
  username?: string
  photo_url?: string
  auth_date: number
  hash: string
}

const widgetFields = (data: Omit<WidgetData, 'hash'>) => {
  const fields = new Map<string, string>()
  for (const [k, v] of Object.entries(data)) if (v !== undefined && v !== null) fields.set(k, String(v))
  return fields
}

/** Verifies Login Widget data: the same rules as `initData`, with the widget's own secret key. */
export function verifyWidgetData(data: WidgetData, botToken: string, opts: FreshnessOptions): VerifyResult {
  const { hash, ...rest } = data
  if (typeof hash !== 'string') return { ok: false, reason: 'malformed' }
  const fields = widgetFields(rest)
  if (!hashMatches(hash, sign(widgetSecret(botToken), fields)))
    return { ok: false, reason: 'invalid_signature' }
  const authDate = checkFreshness(fields.get('auth_date'), opts)
  if (typeof authDate !== 'number') return { ok: false, reason: authDate }
  const user = parseTelegramUser(rest)
  return user ? { ok: true, data: { user, authDate } } : { ok: false, reason: 'malformed' }
}

/**
 * Signs Mini App fields as Telegram does and returns the `initData` query string. For tests and
 * local tools (a bot that has the token can open the Mini App against a dev server).
 */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const map = new Map(Object.entries(fields))
  const params = new URLSearchParams(fields)
  params.set('hash', sign(miniAppSecret(botToken), map))
  return params.toString()
}

/** Signs Login Widget fields as Telegram does; for tests and local tools. */
export function signWidgetData(data: Omit<WidgetData, 'hash'>, botToken: string): WidgetData {
  return { ...data, hash: sign(widgetSecret(botToken), widgetFields(data)) }
}
