// The API's composition root: takes the process's dependencies, registers plugins, then routes.
// It opens no connections itself, so tests and the server build it the same way.
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { Redis } from 'ioredis'
import type { Config } from '../config.ts'
import type { Db } from '../data/db.ts'
import { createRepositories, type Repositories } from '../data/repositories.ts'
import type { ApiRuntime } from './runtime.ts'
import type { SetupChange } from '../domain/changes.ts'
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './plugins/errors.ts'
import { registerJsonBodies } from './plugins/json-bodies.ts'
import { EXPECTED, MONEY } from './schemas/validation-messages.ts'
import { registerAuth } from './plugins/auth.ts'
import { registerOperations } from './plugins/operations.ts'
// headers/CORS, request ids + metrics, the queue dashboard.
import { registerSecurity } from './plugins/security.ts'
import { registerObservability } from './plugins/observability.ts'
import { queueBoard } from './plugins/queue-board.ts'
import { registerWebApp } from './plugins/web-app.ts'
import { routes } from './routes/index.ts'
import { componentReference, registerComponents } from './schemas/components.ts'
import { announceSetupChange } from '../slots/slot-inputs.ts'

export interface AppDeps {
  config: Config
  db: Db
  redis: Redis
  /**
   * Called after an admin write that changes availability has committed (docs/product.md §4's recalc table);
   * returns the ids of the recalc jobs it enqueued. Left out, nothing is recalculated.
   */
  onSetupChange?: (change: SetupChange) => Promise<{ job_ids: string[] } | undefined>
  /** The booking system's API side. */
  runtime: ApiRuntime
  /** Every repository of src/data, built once on `db`; left out, `buildApp` builds them. */
  repos?: Repositories
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's dependencies, its repositories built once (routes take them from here). */
    deps: AppDeps & { repos: Repositories }
  }
}

export function validators() {
  // Bodies are validated strictly (a string where a number goes is an error, unknown fields are
  // refused); query strings, params and headers arrive as text and are coerced.
  // `verbose` gives each error its schema, which the error messages read (schemas/validation-messages.ts).
  const base = {
    allErrors: false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    verbose: true,
  } as const
  const body = new Ajv({ ...base, coerceTypes: false })
  const text = new Ajv({ ...base, coerceTypes: 'array' })
  for (const ajv of [body, text]) {
    addFormats.default(ajv)
    ajv.addKeyword({ keyword: 'example' })
    // Annotations for the error messages only (schemas/validation-messages.ts).
    ajv.addKeyword({ keyword: EXPECTED })
    ajv.addKeyword({ keyword: MONEY })
  }
  return { body, text }
}

export interface BuildOptions extends FastifyServerOptions {
  /**
   * Called with every route as it is added, libraries' routes included (attached before any route
   * is registered). Fastify has no public route list: tests enumerate the routes with this.
   */
  onRoute?: (route: RouteOptions) => void
}

export async function buildApp(deps: AppDeps, buildOpts: BuildOptions = {}): Promise<FastifyInstance> {
  const { onRoute, ...opts } = buildOpts
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: deps.config.bodyLimit,
    requestIdHeader: 'x-request-id',
    // Fastify's refusals before routing (a malformed URL), in our error shape.
    frameworkErrors,
    // Node's refusals before that (raw non-ASCII bytes in the URL, …), in our error shape too.
    clientErrorHandler,
    ...opts,
  })
  if (onRoute) app.addHook('onRoute', onRoute)
  if (!deps.onSetupChange) {
    const planner = deps.runtime.planner
    deps = { ...deps, onSetupChange: (change) => planner.onChange(change) }
  }
  app.decorate('deps', { ...deps, repos: deps.repos ?? createRepositories(deps.db) })
  const ajv = validators()
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? ajv.body : ajv.text).compile(schema as object),
  )

  registerErrorHandling(app)
  registerJsonBodies(app)
  // Any admin write may change what the slot layer reads (services, rooms, who performs what):
  // every API process drops its catalogue view. Cheap, and no route can forget it.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.url.startsWith('/api/admin/') && reply.statusCode < 400) {
      await announceSetupChange(deps.redis, deps.config.redisPrefix).catch(() => undefined)
    }
  })
  // request ids and metrics hooks before any route; headers, CORS and the access rules of
  // library routes (docs, CORS preflight, queue board) before the auth plugin checks them.
  registerObservability(app)
  await registerSecurity(app, deps.config)
  registerAuth(app, { db: deps.db, internalToken: deps.config.internalToken })
  registerOperations(app)

  registerComponents(app)
  await app.register(swagger, {
    refResolver: { buildLocalReference: componentReference },
    openapi: {
      info: { title: 'Booking system API', version: '1.0.0' },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The `token` of POST /api/auth/register, /api/auth/login or a Telegram login, sent as ' +
              '`Authorization: Bearer <token>` until it expires or POST /api/auth/logout ends it.',
          },
          internal: {
            type: 'apiKey',
            in: 'header',
            name: 'x-internal-token',
            description: 'The INTERNAL_TOKEN of the deployment, for its own services and monitoring.',
          },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(routes)
  // bull-board at /admin/queues, admins only (after the auth plugin: see queue-board.ts).
  await app.register(queueBoard)
  // The client site at `/` (web-app.ts), when there is one to serve.
  if (deps.config.webDist) await app.register(registerWebApp, { root: deps.config.webDist })
  return app
}
