// The notifier's Telegram sender: `sendMessage` over the Bot API's HTTP protocol
// (`<apiRoot>/bot<token>/sendMessage`, JSON), answering what Telegram said in a form the job can act
// on: sent, 429 with its `retry_after`, or refused (403 the bot was blocked, 400 a bad request, …)
// with Telegram's description. A network failure or a 5xx is thrown: the job is retried.
import type { TelegramMessage } from './messages.ts'

export const TELEGRAM_API_ROOT = 'https://api.telegram.org'

export type SendOutcome =
  | { ok: true; messageId: number }
  | { ok: false; code: 429; retryAfterS: number; description: string }
  | { ok: false; code: number; description: string }

interface BotApiAnswer {
  ok: boolean
  result?: { message_id?: number }
  error_code?: number
  description?: string
  parameters?: { retry_after?: number }
}

export class TelegramSendError extends Error {
  override name = 'TelegramSendError'
}

export class TelegramSender {
  private readonly base: string
  private readonly doFetch: typeof fetch
  private readonly timeoutMs: number

  constructor(token: string, opts: { apiRoot?: string; fetch?: typeof fetch; timeoutMs?: number } = {}) {
    this.base = `${(opts.apiRoot ?? TELEGRAM_API_ROOT).replace(/\/+$/, '')}/bot${token}`
    this.doFetch = opts.fetch ?? fetch
    this.timeoutMs = opts.timeoutMs ?? 10_000
  }

  async sendMessage(chatId: number, message: TelegramMessage): Promise<SendOutcome> {
    const res = await this.doFetch(`${this.base}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: chatId, ...message }),
      signal: AbortSignal.timeout(this.timeoutMs),
    })
    const answer = (await res.json().catch(() => null)) as BotApiAnswer | null
    if (answer?.ok) return { ok: true, messageId: answer.result?.message_id ?? 0 }
    const code = answer?.error_code ?? res.status
    const description = answer?.description ?? `HTTP ${res.status}`
    if (code === 429)
      return { ok: false, code, retryAfterS: Math.max(1, answer?.parameters?.retry_after ?? 1), description }
    // Telegram's own trouble, or a token it does not know: nothing about this message; try again later.
    if (code >= 500 || code === 401 || code === 404)
      throw new TelegramSendError(`Telegram sendMessage answered ${code}: ${description}`)
    return { ok: false, code, description }
  }
}
