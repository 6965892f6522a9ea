// The client site: the Vite build of web/ (src/infra/web-build.ts builds it), served at `/`; and
// the Telegram Mini App, the build of miniapp/ (its own dist), served under `/miniapp`.
//
// - A file of the build is served as it is. Hashed assets (`/assets/*`, their names change with
//   their content) may be cached for a year; everything else (index.html, sw.js, icons) is
//   revalidated on every use (`no-cache`), so a new build is seen at once.
// - A GET that asks for HTML (a browser's navigation) and names no file gets index.html: the
//   history fallback of the app's router, so a deep link such as /account/bookings works. Under
//   /miniapp the fallback is the Mini App's own index.html (/miniapp/bookings).
// - The system's own paths (/api, /docs, /admin/queues, /internal, /metrics, the probes) are never
//   answered here: an unknown /api/... route stays the JSON 404.
// The route is one `GET /*`, public, out of the OpenAPI document, with the site's CSP (security.ts);
// the Mini App's routes have the same policy (its build has no inline script either).
import fs from 'node:fs/promises'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_MINIAPP_DIST } from '../../infra/web-build.ts'
import { adminSiteHelmet, miniAppHelmet, siteHelmet } from './security.ts'

/** Paths of the system, not of the site: a request under one is never the site's. */
const SYSTEM_PATHS = ['/api', '/docs', '/admin/queues', '/internal', '/metrics', '/healthz', '/readyz']

const ASSET_CACHE = { maxAge: 31_536_000_000, immutable: true } as const
const NO_CACHE = 'no-cache'

const underSystemPath = (pathname: string) =>
  SYSTEM_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))

const wantsHtml = (request: FastifyRequest) => {
  const accept = request.headers.accept
  return typeof accept === 'string' && accept.includes('text/html')
}

/** The build's file for a URL path, or undefined (also for anything trying to leave the root). */
async function fileOf(root: string, relative: string): Promise<string | undefined> {
  if (!relative || relative.includes('\0')) return undefined
  const segments = relative.split('/')
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return undefined
  const stat = await fs.stat(path.join(root, ...segments)).catch(() => undefined)
  return stat?.isFile() ? segments.join('/') : undefined
}

function sendIndex(reply: FastifyReply, root: string) {
  reply.header('cache-control', NO_CACHE)
  return reply.sendFile('index.html', root, { cacheControl: false })
}

export async function registerWebApp(app: FastifyInstance, opts: { root: string; miniappRoot?: string }) {
  const root = path.resolve(opts.root)
  const miniappRoot = path.resolve(opts.miniappRoot ?? DEFAULT_MINIAPP_DIST)
  // Only the reply.sendFile decorator: which file a path means is decided below.
  await app.register(fastifyStatic, { root, serve: false })

  /**
   * The handler of a route whose wildcard stands for the path after `prefix` in the build at
   * `base`; `home` is the path answered with the page whatever it asks to accept.
   */
  const handlerUnder =
    (prefix: string, base = root, home = '/') =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const pathname = request.url.split('?')[0]!
      if (underSystemPath(pathname)) return reply.callNotFound()
      const relative = prefix + ((request.params as { '*'?: string })['*'] ?? '')
      const file = await fileOf(base, relative)
      if (file?.startsWith('assets/')) return reply.sendFile(file, base, ASSET_CACHE)
      if (file) {
        reply.header('cache-control', NO_CACHE)
        return reply.sendFile(file, base, { cacheControl: false })
      }
      // A missing asset is a 404, never the page (a browser would try to run HTML as a script).
      if (relative.startsWith('assets/')) return reply.callNotFound()
      if (pathname === home || wantsHtml(request)) {
        const index = await fs.stat(path.join(base, 'index.html')).catch(() => undefined)
        if (index?.isFile()) return sendIndex(reply, base)
      }
      return reply.callNotFound()
    }

  app.route({
    method: 'GET',
    url: '/*',
    config: { access: 'public' },
    helmet: siteHelmet,
    schema: { hide: true, operationId: 'getSiteFile', tags: ['site'] },
    handler: handlerUnder(''),
  })
  // The admin panel's pages: the same files, with the panel's policy (security.ts).
  for (const [url, prefix, operationId] of [
    ['/admin', 'admin', 'getAdminPage'],
    ['/admin/*', 'admin/', 'getAdminPageUnder'],
  ] as const) {
    app.route({
      method: 'GET',
      url,
      config: { access: 'public' },
      helmet: adminSiteHelmet,
      schema: { hide: true, operationId, tags: ['site'] },
      handler: handlerUnder(prefix),
    })
  }
  // The Mini App: its own build, its own page for its own paths (/miniapp/bookings), the site's
  // policy with Telegram Web allowed to frame it.
  for (const [url, operationId] of [
    ['/miniapp', 'getMiniAppPage'],
    ['/miniapp/*', 'getMiniAppFile'],
  ] as const) {
    app.route({
      method: 'GET',
      url,
      config: { access: 'public' },
      helmet: miniAppHelmet,
      schema: { hide: true, operationId, tags: ['site'] },
      handler: handlerUnder('', miniappRoot, url === '/miniapp' ? '/miniapp' : '/miniapp/'),
    })
  }
}
