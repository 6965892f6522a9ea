// The queue dashboard (bull-board) at /admin/queues, for admins: every queue of the engine
// (booking partitions, recalc, reminders, maintenance).
//
// Access goes through our one rule system: `plugins/security.ts` gives every route under
// BOARD_PATH `config.access = ['admin']` as it is added (before the auth plugin's check sees it),
// and maps our errors to our JSON shape there. A browser cannot send a Bearer header when it
// opens a page, so the board also takes the session token from the BOARD_COOKIE cookie (scoped to
// BOARD_PATH, HttpOnly, SameSite=Strict: other sites cannot ride on it). To get the cookie, open
// `/admin/queues?token=<session token>` once: the token is checked like a Bearer header, the
// cookie is set and the browser is sent on to `/admin/queues` without the token in the address.
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import { Queue } from 'bullmq'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Queues } from '../../queues/index.ts'

export const BOARD_PATH = '/admin/queues'
/** The cookie that carries the session token to the board's pages and its API. */
export const BOARD_COOKIE = 'bk_queue_board'

/** Whether a URL (path, with or without a query) belongs to the board. */
export function isBoardUrl(url: string): boolean {
  const path = url.split('?')[0]!
  return path === BOARD_PATH || path.startsWith(`${BOARD_PATH}/`)
}

/** The `?token=` of a request for the board's entry page, when there is one. */
export function boardQueryToken(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0]!
  if (request.method !== 'GET' || (path !== BOARD_PATH && path !== `${BOARD_PATH}/`)) return undefined
  const token = (request.query as Record<string, unknown> | undefined)?.token
  return typeof token === 'string' ? token : undefined
}

/** The session token of the BOARD_COOKIE cookie, when the request carries one. */
export function boardCookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === BOARD_COOKIE)
      return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

/**
 * Every BullMQ queue of the engine's queue table: plain queues, wrappers that hold one (`.queue`)
 * and the booking partitions (`.queues`). Found by shape, so a queue added to the table shows up
 * on the board and in the metrics without touching either.
 */
export function engineQueues(table: Queues): Queue[] {
  const found: Queue[] = []
  for (const entry of Object.values(table) as unknown[]) {
    if (entry instanceof Queue) found.push(entry)
    else if (typeof entry === 'object' && entry !== null) {
      const { queue, queues } = entry as { queue?: unknown; queues?: unknown }
      if (queue instanceof Queue) found.push(queue)
      if (Array.isArray(queues)) found.push(...queues.filter((q): q is Queue => q instanceof Queue))
    }
  }
  return found
}

/** Registers the board; call after the auth plugin, so its routes pass the access check. */
export async function queueBoard(app: FastifyInstance) {
  const { engine, config } = app.deps
  const queues = engineQueues(engine.queues)

  const server = new FastifyAdapter()
  server.setBasePath(BOARD_PATH)
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Booking queues' } },
  })

  await app.register(async (board) => {
    // Runs after the access check: a `?token=` that got here is an admin's session token.
    board.addHook('onRequest', async (request, reply) => {
      const token = boardQueryToken(request)
      if (token === undefined) return
      const cookie = [
        `${BOARD_COOKIE}=${encodeURIComponent(token)}`,
        `Path=${BOARD_PATH}`,
        'HttpOnly',
        'SameSite=Strict',
        `Max-Age=${config.sessionTtlHours * 3600}`,
        ...(request.protocol === 'https' ? ['Secure'] : []),
      ].join('; ')
      return reply.header('set-cookie', cookie).header('cache-control', 'no-store').redirect(BOARD_PATH, 303)
    })
    await board.register(server.registerPlugin(), { prefix: BOARD_PATH })
  })
}
