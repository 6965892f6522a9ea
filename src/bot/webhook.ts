// The bot's webhook: a node:http server that takes Telegram's updates at `/telegram/webhook`,
// refuses (401) any request whose `X-Telegram-Bot-Api-Secret-Token` is not the configured secret,
// and answers 200 once the bot has handled the update (an update that failed is logged and still
// acknowledged, so Telegram does not redeliver it forever). GET /healthz answers for probes.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Update } from 'telegraf/types'

export const WEBHOOK_PATH = '/telegram/webhook'
const MAX_BODY = 1024 * 1024

const sameSecret = (given: string | string[] | undefined, secret: string) => {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new Error('too large')
    chunks.push(chunk as Buffer)
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

export interface WebhookServer {
  server: Server
  /** Where it listens, e.g. http://127.0.0.1:3001 */
  url: string
  close: () => Promise<void>
}

export async function startWebhookServer(opts: {
  secret: string
  handleUpdate: (update: Update) => Promise<void>
  host: string
  port: number
  onError: (err: unknown) => void
}): Promise<WebhookServer> {
  const server = createServer((req, res) => {
    const reply = (status: number, body?: object) => {
      res.writeHead(status, body ? { 'content-type': 'application/json' } : {})
      res.end(body ? JSON.stringify(body) : undefined)
    }
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/healthz') return reply(200, { ok: true })
    if (path !== WEBHOOK_PATH) return reply(404, { error: 'not_found' })
    if (req.method !== 'POST') return reply(405, { error: 'method_not_allowed' })
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], opts.secret))
      return reply(401, { error: 'unauthorized' })
    void (async () => {
      let update: Update
      try {
        update = (await readJson(req)) as Update
      } catch {
        return reply(400, { error: 'invalid_update' })
      }
      if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number')
        return reply(400, { error: 'invalid_update' })
      try {
        await opts.handleUpdate(update)
      } catch (err) {
        opts.onError(err)
      }
      reply(200, { ok: true })
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    server,
    url: `http://${host}:${port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
