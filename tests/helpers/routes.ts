// The routes the API registers, as the app itself sees them: tests that must cover every route
// (the route × role table, the fuzzer) enumerate them here instead of keeping their own list.
import type { FastifyInstance, FastifyServerOptions, RouteOptions } from 'fastify'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime } from '../../src/api/runtime.ts'
import type { Access } from '../../src/api/plugins/auth.ts'
import type { TestEnv } from './harness.ts'

export interface RegisteredRoute {
  method: string
  /** The path pattern as registered, e.g. `/api/bookings/:id`. */
  url: string
  /** `METHOD url`, e.g. `GET /api/bookings/:id`: the key of the tests' tables. */
  key: string
  /** The route's access rule after every onRoute hook ran (library routes get theirs there). */
  access: Access | undefined
  /** Whether the route declares a body schema. */
  hasBody: boolean
  /** The route's JSON schemas of its input, as declared (fuzzers build input from them). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown }
}

/**
 * Routes that tests leave out of "every route": static files served by libraries, whose access
 * rules are those of their parents. Each pattern says why.
 */
export const SKIPPED_ROUTES: { pattern: RegExp; why: string }[] = [
  // Swagger UI's page, its static bundle and the OpenAPI documents: public documentation.
  { pattern: /^(GET|HEAD) \/docs(\/.*)?$/, why: 'OpenAPI UI and documents (public, static)' },
  // bull-board's static bundle (scripts, styles, images): admin-only like every board route
  // (tests/api/queue-board.test.ts checks one of them); the board page and its API stay checked.
  { pattern: /^(GET|HEAD) \/admin\/queues\/static\/\*$/, why: 'queue board static files' },
  // The client site's files and its history fallback (src/api/plugins/web-app.ts): public, static.
  { pattern: /^(GET|HEAD) \/\*$/, why: 'the client site (web/dist)' },
  // The admin panel's pages: the same files with the panel's content policy; its data is /api/admin.
  { pattern: /^(GET|HEAD) \/admin(\/\*)?$/, why: 'the admin panel pages (web/dist)' },
  // The Mini App's files and its history fallback: public, static; its data is the API's.
  { pattern: /^(GET|HEAD) \/miniapp(\/\*)?$/, why: 'the Mini App (miniapp/dist)' },
]

export const isSkipped = (key: string) => SKIPPED_ROUTES.some((s) => s.pattern.test(key))

/** An app built on `env` by `buildRecordedApp`, with the routes it registered. */
export interface RecordedApp {
  app: FastifyInstance
  routes: RegisteredRoute[]
  /** Closes the app and its runtime (not `env`, which the caller closes as usual). */
  close: () => Promise<void>
}

/**
 * Builds the API on `env` with its own runtime (as `env.app()` does) and records every route it
 * registers, in registration order. HEAD routes that Fastify adds by itself for a GET route are
 * folded into that GET (they share its handler and its access rule); a HEAD route declared on
 * its own stays. Routes matched by SKIPPED_ROUTES are included: callers filter them with
 * `isSkipped`. `opts` go to Fastify (e.g. a logger that captures errors).
 */
export async function buildRecordedApp(env: TestEnv, opts: FastifyServerOptions = {}): Promise<RecordedApp> {
  const seen: { method: string; url: string; route: RouteOptions }[] = []
  const runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 0 })
  let app: FastifyInstance
  try {
    app = await buildApp(
      { config: env.config, db: env.db, redis: env.redis, runtime },
      {
        ...opts,
        onRoute: (route) => {
          // Fastify hands every onRoute hook the same options object and later hooks (the access
          // rules of library routes in plugins/security.ts) still change its config: read it at
          // the end, but copy method and url now.
          for (const method of [route.method].flat()) seen.push({ method, url: route.url, route })
        },
      },
    )
    await app.ready()
  } catch (err) {
    await runtime.close()
    throw err
  }
  const keys = new Set(seen.map((s) => `${s.method} ${s.url}`))
  const routes = seen
    .filter(
      // A prefixed plugin's '/' route comes as `GET /p` and `HEAD /p/`: the HEAD is still the GET's.
      (s) =>
        !(s.method === 'HEAD' && (keys.has(`GET ${s.url}`) || keys.has(`GET ${s.url.replace(/\/$/, '')}`))),
    )
    .map(({ method, url, route }) => ({
      method,
      url,
      key: `${method} ${url}`,
      access: route.config?.access,
      hasBody: route.schema?.body !== undefined,
      schema: {
        body: route.schema?.body,
        querystring: route.schema?.querystring,
        params: route.schema?.params,
      },
    }))
  return {
    app,
    routes,
    close: async () => {
      await app.close()
      await runtime.close()
    },
  }
}

/** Every route the app registers on `env` (see `buildRecordedApp`). */
export async function listRoutes(env: TestEnv): Promise<RegisteredRoute[]> {
  const recorded = await buildRecordedApp(env)
  await recorded.close()
  return recorded.routes
}

/** The path params of a pattern (`/a/:id/b/:name` → ['id', 'name']); `*` counts as a param. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)|\*/g)].map((m) => m[1] ?? '*')
}

/** The pattern with its params filled in (encoded); a param without a value is an error. */
export function fillPath(url: string, values: Record<string, string | number>): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)|\*/g, (_m, name: string | undefined) => {
    const value = values[name ?? '*']
    if (value === undefined) throw new Error(`no value for "${name ?? '*'}" in ${url}`)
    return encodeURIComponent(String(value))
  })
}
