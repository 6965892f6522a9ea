// What every request passes before the access check (so register this before the auth plugin):
// security headers, CORS, and the rules of routes that libraries add rather than our route
// modules — the CORS preflight route, the /docs UI and the queue board.
//
// - Headers (helmet): a JSON API needs no content policy beyond "nothing": `default-src 'none'`.
//   The /docs UI and the queue board are pages with their own scripts and inline styles: each
//   gets a policy that allows its own origin and inline styles, never inline scripts.
// - CORS: only the origins of CORS_ORIGINS get Access-Control-Allow-Origin; with none listed,
//   no request gets CORS headers. Tokens travel in the Authorization header, never in cookies, so
//   credentials are not allowed. CORS headers are set before the access check, so a browser can
//   read a 401 or 403 too.
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { Config } from '../../config.ts'
import { AppError } from '../../domain/errors.ts'
import { errorBody } from './errors.ts'
import { boardAccess, isBoardUrl } from './queue-board.ts'

type Directives = Record<string, string[]>

/** The JSON API: it serves no documents, so nothing may be loaded, framed or submitted. */
const API_CSP: Directives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
}

/** Swagger UI: its bundle and stylesheet from us, inline styles (it sets them), data: images. */
const DOCS_CSP: Directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https://validator.swagger.io'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/** bull-board: its scripts from us, inline styles, and the Google fonts its page links. */
const BOARD_CSP: Directives = {
  ...DOCS_CSP,
  styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
  fontSrc: ["'self'", 'data:', 'https://fonts.gstatic.com'],
  imgSrc: ["'self'", 'data:'],
}

/**
 * The client site (plugins/web-app.ts): scripts, styles, fonts and its service worker from us only
 * (Vite's build has no inline script or style), images also as data: URLs, requests to us only.
 */
const SITE_CSP: Directives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const csp = (directives: Directives) => ({ contentSecurityPolicy: { useDefaults: false, directives } })

/** The header policy of the site's route (`config.helmet`). */
export const siteHelmet = csp(SITE_CSP)

/**
 * The admin panel's pages (/admin, /admin/…): the site's policy, with inline styles allowed. Its
 * kit, Naive UI, writes its styles into <style> elements at run time (css-render), which has no
 * nonce support; without this the panel renders unstyled. Scripts stay 'self' only, and the
 * client site's own pages keep the strict policy. The site never links to /admin, so the panel is
 * always a document load of its own and gets this header.
 */
export const adminSiteHelmet = csp({ ...SITE_CSP, styleSrc: ["'self'", "'unsafe-inline'"] })

/**
 * The Mini App's pages (/miniapp…): the site's policy, except that Telegram may frame them.
 * Telegram Web (web.telegram.org, its /k/ and /a/ clients) shows a Mini App in an iframe; the
 * mobile and desktop apps use their own web views, which no frame-ancestors rule concerns.
 */
export const miniAppHelmet = csp({ ...SITE_CSP, frameAncestors: ['https://web.telegram.org'] })

/** Origins as browsers send them (`scheme://host[:port]`); a bad entry stops the app at boot. */
function allowedOrigins(config: Config): Set<string> {
  return new Set(
    config.corsOrigins.map((entry) => {
      try {
        return new URL(entry).origin
      } catch {
        throw new Error(
          `configuration: CORS_ORIGINS has "${entry}", which is not an origin like https://app.example.com`,
        )
      }
    }),
  )
}

/**
 * Board routes are ours to guard but not ours to write: bull-board's own error handler would turn
 * our 401/403 into 500s. Our errors are answered in our shape; anything else goes on to its handler.
 */
function boardErrors(err: Error, _request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return reply.status(err.status).send(errorBody(err.code, err.message))
  throw err
}

/** The access rule and header policy of a route a library adds; ours declare their own. */
function thirdPartyRoute(route: RouteOptions) {
  const config = (route.config ??= {}) as NonNullable<RouteOptions['config']> & { helmet?: unknown }
  if (route.url.startsWith('/docs')) {
    config.helmet = csp(DOCS_CSP)
  } else if (isBoardUrl(route.url)) {
    // Whatever bull-board adds under the board's path is for admins only.
    config.access = ['admin']
    config.helmet = csp(BOARD_CSP)
    route.errorHandler = boardErrors
  } else if (route.method === 'OPTIONS' && route.url === '*' && config.access === undefined) {
    // @fastify/cors's catch-all preflight route: it answers only what its hook let through.
    config.access = 'public'
  }
}

export async function registerSecurity(app: FastifyInstance, config: Config) {
  app.addHook('onRoute', thirdPartyRoute)

  await app.register(helmet, { global: true, ...csp(API_CSP) })

  const origins = allowedOrigins(config)
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && origins.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['retry-after', 'x-request-id'],
    credentials: false,
    maxAge: 600,
  })

  // The board's pages cannot send a Bearer header: its one-time code and cookie (queue-board.ts),
  // before the ordinary access check judges the request.
  app.addHook('onRequest', boardAccess)
}
