// Who wrote to the bot: the Telegram `from` of an update, exchanged through the API's internal
// route (`POST /internal/telegram/session`, x-internal-token) for a session of the user with that
// tg_id (created as a client on first contact), their stored language and roles. Sessions are kept
// per tg_id for a while, and the bot then calls the public API as that person with the generated
// client: every change goes through the API's routes and intents, never to the database.
import { createApiClient, type ApiClient } from '@booking/api-client'
import type { BotLanguage } from './messages.ts'

export interface TelegramFrom {
  id: number
  first_name: string
  last_name?: string
  username?: string
  language_code?: string
}

export interface Person {
  userId: number
  tgId: number
  name: string
  language: BotLanguage
  roles: string[]
  /** The public API as this person (channel `telegram`). */
  api: ApiClient
}

interface SessionAnswer {
  token: string
  user: { id: number; name: string; language: BotLanguage; roles: string[] }
}

export interface PeopleOptions {
  apiUrl: string
  internalToken: string
  /** How long a session is reused for the same tg_id (default 10 minutes). */
  ttlMs?: number
  fetch?: typeof fetch
}

/** What linking with a code came to: the web account's name, or the API's refusal. */
export type LinkAnswer =
  { ok: true; name: string } | { ok: false; error: string; message: string; retryAfterS: number | null }

export class SessionRefusedError extends Error {
  override name = 'SessionRefusedError'
}

export function createPeople(options: PeopleOptions) {
  const ttlMs = options.ttlMs ?? 10 * 60_000
  const doFetch = options.fetch ?? fetch
  const cache = new Map<number, { person: Person; until: number }>()

  /** Telegram's text within the route's limits: no control characters, at most `max` characters. */
  // eslint-disable-next-line no-control-regex
  const clean = (text: string, max: number) => text.replace(/[\x00-\x1f]/g, ' ').slice(0, max)

  /** `from` as the internal routes take it: Telegram's text within their limits. */
  const fromBody = (from: TelegramFrom) => ({
    tg_id: from.id,
    first_name: clean(from.first_name, 256),
    ...(from.last_name ? { last_name: clean(from.last_name, 256) } : {}),
    ...(from.username ? { username: clean(from.username, 64) } : {}),
    ...(from.language_code ? { language_code: clean(from.language_code, 35) } : {}),
  })

  // The internal routes are not part of the public client's contract for the channels, so they are
  // called directly; everything the person does afterwards goes through `createApiClient`.
  async function open(from: TelegramFrom): Promise<Person> {
    const response = await doFetch(`${options.apiUrl}/internal/telegram/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-token': options.internalToken },
      body: JSON.stringify(fromBody(from)),
      signal: AbortSignal.timeout(10_000),
    })
    if (!response.ok)
      throw new SessionRefusedError(
        `the API refused the bot's session (${response.status}): ${await response.text()}`,
      )
    const { token, user } = (await response.json()) as SessionAnswer
    return {
      userId: user.id,
      tgId: from.id,
      name: user.name,
      language: user.language === 'en' ? 'en' : 'ru',
      roles: user.roles,
      api: createApiClient({ baseUrl: options.apiUrl, getToken: () => token, channel: 'telegram' }),
    }
  }

  return {
    /**
     * Links `from`'s Telegram account to the web account of a one-time code (the API's
     * `POST /internal/telegram/link`); the cached session is dropped either way, since the tg_id
     * may now belong to another user. A refusal comes back with the API's code and sentence.
     */
    async link(from: TelegramFrom, code: string): Promise<LinkAnswer> {
      const response = await doFetch(`${options.apiUrl}/internal/telegram/link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-token': options.internalToken },
        body: JSON.stringify({ from: fromBody(from), code: code.slice(0, 64) }),
        signal: AbortSignal.timeout(10_000),
      })
      cache.delete(from.id)
      const body = (await response.json().catch(() => ({}))) as {
        user?: { name: string }
        error?: string
        message?: string
      }
      if (response.ok && body.user) return { ok: true, name: body.user.name }
      if (response.status >= 500 || !body.error)
        throw new SessionRefusedError(`the API failed to link (${response.status}): ${JSON.stringify(body)}`)
      const retryAfter = Number(response.headers.get('retry-after'))
      return {
        ok: false,
        error: body.error,
        message: body.message ?? '',
        retryAfterS: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      }
    },
    /** The person behind `from`: a cached session, or a new one from the API. */
    async of(from: TelegramFrom): Promise<Person> {
      const now = Date.now()
      const cached = cache.get(from.id)
      if (cached && cached.until > now) return cached.person
      const person = await open(from)
      cache.set(from.id, { person, until: now + ttlMs })
      // A long-running bot meets many people: forget the expired ones now and then.
      if (cache.size > 10_000) for (const [id, entry] of cache) if (entry.until <= now) cache.delete(id)
      return person
    },
    /** Drops the cached session (the API answered 401: it was revoked or has expired). */
    forget(tgId: number): void {
      cache.delete(tgId)
    },
  }
}

export type People = ReturnType<typeof createPeople>
