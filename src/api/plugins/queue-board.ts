// The queue dashboard (bull-board) at /admin/queues, for admins: every queue of the runtime
// (booking partitions, recalc, reminders, maintenance).
//
// Access goes through our one rule system: `plugins/security.ts` gives every route under
// BOARD_PATH `config.access = ['admin']` as it is added (before the auth plugin's check sees it),
// and maps our errors to our JSON shape there. A browser cannot send a Bearer header when it opens
// a page, and a login token must never travel in an address (addresses end up in logs, histories
// and Referer headers), so a browser gets in with a one-time code:
//
// 1. The admin app asks `POST /api/admin/queue-board/code` (Bearer) and gets a random code valid
//    for BOARD_CODE_TTL_S seconds, stored in Redis only as its SHA-256.
// 2. It opens `/admin/queues?code=…`: the code is spent (GETDEL: it works once), a board session of
//    its own is opened (a random token, SHA-256 in Redis, BOARD_SESSION_TTL_S), its token is set as
//    the BOARD_COOKIE cookie (scoped to BOARD_PATH, HttpOnly, SameSite=Strict) and the browser is
//    sent on to `/admin/queues` without the code in the address.
// 3. Board requests with the cookie are let in as the admin who asked for the code, while that
//    admin's login session lives (logging out ends the board too) and they still hold the role.
import { randomBytes } from 'node:crypto'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import { Queue } from 'bullmq'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import type { Db } from '../../data/db.ts'
import { forbidden, unauthorized } from '../../domain/errors.ts'
import type { Queues } from '../../jobs/index.ts'
import { errors, obj, timestamp } from '../schemas/common.ts'
import { hashToken, sessionOfUser } from '../../data/sessions-repository.ts'
import type { AuthContext } from './auth.ts'

export const BOARD_PATH = '/admin/queues'
/** The cookie that carries the board session's token to the board's pages and its API. */
export const BOARD_COOKIE = 'bk_queue_board'
/** Where the admin app gets a one-time code for the board. */
export const BOARD_CODE_PATH = '/api/admin/queue-board/code'
/** How long a code may wait to be used: long enough to open a link, too short to be worth stealing. */
export const BOARD_CODE_TTL_S = 60
/** How long a board session lasts (never longer than the login session it came from). */
export const BOARD_SESSION_TTL_S = 2 * 3600

/** Who a code or a board session stands for: an admin and the login session they asked with. */
interface BoardGrant {
  userId: number
  sessionId: number
}

const codeKey = (code: string) => `queue-board:code:${hashToken(code)}`
const sessionKey = (token: string) => `queue-board:session:${hashToken(token)}`

function parseGrant(raw: string | null): BoardGrant | null {
  if (raw === null) return null
  try {
    const { userId, sessionId } = JSON.parse(raw) as Partial<BoardGrant>
    return Number.isInteger(userId) && Number.isInteger(sessionId)
      ? { userId: userId!, sessionId: sessionId! }
      : null
  } catch {
    return null
  }
}

/** The grant's user with roles, while its login session is neither revoked nor expired. */
function liveAuth(db: Db, grant: BoardGrant): Promise<AuthContext | null> {
  return sessionOfUser(db, grant.sessionId, grant.userId)
}

/** A one-time code for the board, for the admin of `auth`. */
export async function issueBoardCode(redis: Redis, auth: AuthContext): Promise<string> {
  const code = randomBytes(24).toString('base64url')
  const grant: BoardGrant = { userId: auth.userId, sessionId: auth.sessionId }
  await redis.set(codeKey(code), JSON.stringify(grant), 'EX', BOARD_CODE_TTL_S)
  return code
}

/** Whether a URL (path, with or without a query) belongs to the board. */
export function isBoardUrl(url: string): boolean {
  const path = url.split('?')[0]!
  return path === BOARD_PATH || path.startsWith(`${BOARD_PATH}/`)
}

/** The `?code=` of a request for the board's entry page, when there is one. */
function entryCode(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0]!
  if (request.method !== 'GET' || (path !== BOARD_PATH && path !== `${BOARD_PATH}/`)) return undefined
  const code = (request.query as Record<string, unknown> | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

/** The board session token of the BOARD_COOKIE cookie, when the request carries one. */
export function boardCookieToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === BOARD_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

const EXPIRED_CODE =
  'This queue board link has expired or was used already: open the queue board from the admin panel again.'

/**
 * The board's side of access, run before the auth plugin's check (plugins/security.ts registers it):
 * spends an entry page's `?code=` and answers with the cookie, or lets a board cookie stand for its
 * admin. What it does not settle (no cookie, an ended session) the ordinary check refuses.
 */
export async function boardAccess(request: FastifyRequest, reply: FastifyReply) {
  if (request.headers.authorization !== undefined || !isBoardUrl(request.url)) return
  const { db, redis } = request.server.deps
  const code = entryCode(request)
  if (code !== undefined) {
    const grant = parseGrant(await redis.getdel(codeKey(code)))
    const auth = grant && (await liveAuth(db, grant))
    if (!grant || !auth) throw unauthorized(EXPIRED_CODE)
    if (!auth.roles.includes('admin')) throw forbidden('The queue board is for admins.')
    const token = randomBytes(32).toString('base64url')
    await redis.set(sessionKey(token), JSON.stringify(grant), 'EX', BOARD_SESSION_TTL_S)
    const cookie = [
      `${BOARD_COOKIE}=${token}`,
      `Path=${BOARD_PATH}`,
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${BOARD_SESSION_TTL_S}`,
      ...(request.protocol === 'https' ? ['Secure'] : []),
    ].join('; ')
    return reply.header('set-cookie', cookie).header('cache-control', 'no-store').redirect(BOARD_PATH, 303)
  }
  const token = boardCookieToken(request)
  if (token === undefined) return
  const grant = parseGrant(await redis.get(sessionKey(token)))
  if (grant) request.auth = await liveAuth(db, grant)
}

/**
 * Every BullMQ queue of the runtime's queue table: plain queues, wrappers that hold one (`.queue`)
 * and the booking partitions (`.queues`). Found by shape, so a queue added to the table shows up
 * on the board and in the metrics without touching either.
 */
export function queuesOf(table: Queues): Queue[] {
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

/** Registers the board and the route that hands out its codes; call after the auth plugin. */
export async function queueBoard(app: FastifyInstance) {
  const { runtime, redis } = app.deps
  const queues = queuesOf(runtime.queues)

  app.post(
    BOARD_CODE_PATH,
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'adminCreateQueueBoardCode',
        tags: ['admin: operations'],
        summary: 'A one-time code that opens the queue board in a browser',
        description:
          `Open \`url\` within ${BOARD_CODE_TTL_S} s: it works once, sets the board's cookie and ` +
          'leads on to the board. The board then stays open while your login session does, for at most ' +
          `${BOARD_SESSION_TTL_S / 3600} hours.`,
        security: [{ bearer: [] }],
        response: {
          201: obj({ code: { type: 'string' }, url: { type: 'string' }, expires_at: timestamp }, [
            'code',
            'url',
            'expires_at',
          ]),
          ...errors(401, 403),
        },
      },
    },
    async (request, reply) => {
      const code = await issueBoardCode(redis, request.auth!)
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({
          code,
          url: `${BOARD_PATH}?code=${code}`,
          expires_at: new Date(Date.now() + BOARD_CODE_TTL_S * 1000).toISOString(),
        })
    },
  )

  const server = new FastifyAdapter()
  server.setBasePath(BOARD_PATH)
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Booking queues' } },
  })
  await app.register(server.registerPlugin(), { prefix: BOARD_PATH })
}
