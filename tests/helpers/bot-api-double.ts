// A local double of Telegram's Bot API for the bot and notifier tests: a real HTTP server on
// 127.0.0.1 speaking the protocol (`/bot<token>/<method>`, JSON, form or multipart bodies), which
// records every call and can be scripted to answer a method's next calls with 429 (retry_after),
// 403 or 400 in Telegram's exact error shape. telegraf reaches it through `telegram: { apiRoot }`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface BotApiCall {
  method: string
  params: Record<string, unknown>
  at: number
}
/** A scripted answer for the next call of a method: ok (default), or a Telegram error. */
export type BotApiAnswer =
  | { ok: true; result?: unknown }
  | { status: 429; retry_after: number }
  | { status: 403; description?: string }
  | { status: 400; description?: string }
export interface BotApiDouble {
  /** The apiRoot for telegraf (`new Telegraf(token, { telegram: { apiRoot } })`), e.g. http://127.0.0.1:PORT */
  apiRoot: string
  token: string
  /** Every call received, in order (after the answer was decided). */
  calls: BotApiCall[]
  callsOf(method: string): BotApiCall[]
  /** Queue answers for the next calls of `method` (each used once, in order); later calls succeed. */
  script(method: string, ...answers: BotApiAnswer[]): void
  /** Optionally per chat: answers for the next calls of `method` whose params.chat_id === chatId. */
  scriptFor(method: string, chatId: number | string, ...answers: BotApiAnswer[]): void
  /** Resolves once `predicate(calls)` holds (polls every 20 ms; rejects after timeoutMs, default 10 s). */
  waitFor(predicate: (calls: BotApiCall[]) => boolean, timeoutMs?: number): Promise<void>
  reset(): void
  close(): Promise<void>
}

const KNOWN_METHODS = new Set([
  'getMe',
  'getUpdates',
  'setWebhook',
  'deleteWebhook',
  'getWebhookInfo',
  'logOut',
  'close',
  'sendMessage',
  'forwardMessage',
  'copyMessage',
  'sendPhoto',
  'sendDocument',
  'sendChatAction',
  'editMessageText',
  'editMessageReplyMarkup',
  'deleteMessage',
  'answerCallbackQuery',
  'answerWebAppQuery',
  'setMyCommands',
  'getMyCommands',
  'deleteMyCommands',
  'setChatMenuButton',
  'getChatMenuButton',
  'getChat',
  'setMyDescription',
  'setMyShortDescription',
  'setMyName',
])

const DEFAULT_ANSWER: BotApiAnswer = { ok: true }

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** A form or multipart value as Telegram reads it: JSON when it parses (objects, numbers), else the string. */
function formValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const part of body.toString('utf8').split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd < 0) continue
    const headers = part.slice(0, headerEnd)
    const name = /name="([^"]+)"/.exec(headers)?.[1]
    if (!name) continue
    const value = part.slice(headerEnd + 4).replace(/\r\n$/, '')
    params[name] = /filename="/.test(headers) ? { file: true, size: value.length } : formValue(value)
  }
  return params
}

async function readParams(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of url.searchParams) params[key] = formValue(value)
  const body = await readBody(req)
  if (body.length === 0) return params
  const type = req.headers['content-type'] ?? ''
  if (type.includes('application/json')) {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>
    return { ...params, ...parsed }
  }
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type)
    const name = boundary?.[1] ?? boundary?.[2]
    return name ? { ...params, ...parseMultipart(body, name) } : params
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = formValue(value)
  return params
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

export async function startBotApiDouble(options: { token?: string } = {}): Promise<BotApiDouble> {
  const token = options.token ?? '123456:TEST-bot-token-of-the-local-double'
  const calls: BotApiCall[] = []
  const scripted = new Map<string, BotApiAnswer[]>()
  const scriptedPerChat = new Map<string, BotApiAnswer[]>()
  let messageId = 0
  let webhookUrl = ''

  const chatKey = (method: string, chatId: number | string): string => `${method}\u0000${String(chatId)}`

  const nextAnswer = (method: string, params: Record<string, unknown>): BotApiAnswer => {
    if (params.chat_id !== undefined) {
      const perChat = scriptedPerChat.get(chatKey(method, params.chat_id as number | string))
      const answer = perChat?.shift()
      if (answer) return answer
    }
    return scripted.get(method)?.shift() ?? DEFAULT_ANSWER
  }

  const defaultResult = (method: string, params: Record<string, unknown>): unknown => {
    const now = Math.floor(Date.now() / 1000)
    switch (method) {
      case 'getMe':
        return {
          id: Number(token.split(':')[0]) || 123456,
          is_bot: true,
          first_name: 'Test Salon Bot',
          username: 'test_salon_bot',
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
        }
      case 'sendMessage':
        messageId += 1
        return {
          message_id: messageId,
          date: now,
          chat: { id: params.chat_id, type: 'private' },
          text: params.text,
          ...(params.reply_markup !== undefined ? { reply_markup: params.reply_markup } : {}),
        }
      case 'editMessageText':
        return {
          message_id: params.message_id,
          date: now,
          edit_date: now,
          chat: { id: params.chat_id, type: 'private' },
          text: params.text,
          ...(params.reply_markup !== undefined ? { reply_markup: params.reply_markup } : {}),
        }
      case 'getWebhookInfo':
        return { url: webhookUrl, has_custom_certificate: false, pending_update_count: 0 }
      case 'getUpdates':
        return []
      case 'setWebhook':
        webhookUrl = typeof params.url === 'string' ? params.url : ''
        return true
      case 'deleteWebhook':
        webhookUrl = ''
        return true
      default:
        return true
    }
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname)
      if (!match || (req.method !== 'POST' && req.method !== 'GET')) {
        send(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
        return
      }
      const [, callToken, method] = match as unknown as [string, string, string]
      if (callToken !== token) {
        send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
        return
      }
      if (!KNOWN_METHODS.has(method)) {
        send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' })
        return
      }
      let params: Record<string, unknown>
      try {
        params = await readParams(req, url)
      } catch {
        send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" })
        return
      }
      const answer = nextAnswer(method, params)
      // An unscripted getUpdates is a long poll that finds nothing: wait a little, as Telegram
      // does (up to its `timeout`), so a polling bot does not spin.
      if (method === 'getUpdates' && answer === DEFAULT_ANSWER && Number(params.timeout ?? 0) > 0)
        await new Promise((resolve) => setTimeout(resolve, 200))
      calls.push({ method, params, at: Date.now() })
      if ('ok' in answer) {
        send(res, 200, { ok: true, result: answer.result ?? defaultResult(method, params) })
      } else if (answer.status === 429) {
        send(res, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${answer.retry_after}`,
          parameters: { retry_after: answer.retry_after },
        })
      } else if (answer.status === 403) {
        send(res, 403, {
          ok: false,
          error_code: 403,
          description: answer.description ?? 'Forbidden: bot was blocked by the user',
        })
      } else {
        send(res, 400, {
          ok: false,
          error_code: 400,
          description: answer.description ?? 'Bad Request',
        })
      }
    })().catch((error: unknown) => {
      send(res, 500, { ok: false, error_code: 500, description: String(error) })
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    script: (method, ...answers) => {
      scripted.set(method, [...(scripted.get(method) ?? []), ...answers])
    },
    scriptFor: (method, chatId, ...answers) => {
      const key = chatKey(method, chatId)
      scriptedPerChat.set(key, [...(scriptedPerChat.get(key) ?? []), ...answers])
    },
    waitFor: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(
            `The Bot API double waited ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    reset: () => {
      calls.length = 0
      scripted.clear()
      scriptedPerChat.clear()
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      )
    },
  }
}
