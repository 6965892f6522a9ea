// Every operation a channel's client calls is named, tagged and says which credential it needs:
// the route list is the app's own, so a route added without them fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { buildRecordedApp, isSkipped, type RegisteredRoute } from '../helpers/routes.ts'

interface Schema {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
}

interface Operation {
  operationId?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>
}

let env: TestEnv
let routes: RegisteredRoute[]
let paths: Record<string, Record<string, Operation>>
let components: Record<string, Record<string, unknown>>

beforeAll(async () => {
  env = await createTestEnv()
  const recorded = await buildRecordedApp(env)
  try {
    routes = recorded.routes.filter(
      // Library routes outside the document: the CORS preflight and the queue board's pages.
      (r) => !isSkipped(r.key) && r.method !== 'OPTIONS' && !r.url.startsWith('/admin/queues'),
    )
    const document = recorded.app.swagger() as unknown as {
      paths: typeof paths
      components: { schemas: typeof components }
    }
    paths = document.paths
    components = document.components.schemas
  } finally {
    await recorded.close()
  }
}, 60_000)
afterAll(async () => env?.close())

const operationOf = (r: RegisteredRoute): Operation | undefined =>
  paths[r.url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')]?.[r.method.toLowerCase()]

describe('every operation in the OpenAPI document', () => {
  it('is there, with a unique operationId and tags', () => {
    expect(routes.length).toBeGreaterThan(50)
    const missing = routes.filter((r) => !operationOf(r)?.operationId).map((r) => r.key)
    expect(missing, 'routes without an operationId').toEqual([])
    const untagged = routes.filter((r) => !operationOf(r)?.tags?.length).map((r) => r.key)
    expect(untagged, 'routes without tags').toEqual([])
    const ids = routes.map((r) => operationOf(r)!.operationId!)
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i)
    expect(repeated, 'operationIds used twice').toEqual([])
  })

  it('declares the credential its access rule asks for, and public ones none', () => {
    const wrong = routes
      .map((r) => {
        const expected =
          r.access === 'public' ? undefined : r.access === 'internal' ? [{ internal: [] }] : [{ bearer: [] }]
        const security = operationOf(r)?.security
        return JSON.stringify(security) === JSON.stringify(expected)
          ? null
          : { route: r.key, security, expected }
      })
      .filter(Boolean)
    expect(wrong).toEqual([])
  })
})

describe('every list', () => {
  it('answers {items, total}, never a bare array', () => {
    const wrong = routes
      // A read of one thing (`/:id`) may hold a field named items, such as a package's contents.
      .filter((r) => r.method === 'GET' && !/\/:\w+$/.test(r.url))
      .flatMap((r) => {
        const schema = operationOf(r)?.responses?.['200']?.content?.['application/json']?.schema
        if (!schema) return []
        if (schema.type === 'array') return [`${r.key}: a bare array`]
        const listed = schema.properties?.items?.type === 'array'
        return listed && !schema.required?.includes('total') ? [`${r.key}: items without total`] : []
      })
    expect(wrong).toEqual([])
  })
})

describe('shared schemas', () => {
  const bodyOf = (path: string, method: string, status: string) =>
    (paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema ?? {}) as Record<
      string,
      unknown
    >

  it('are named components that operations refer to instead of repeating them', () => {
    for (const name of ['Error', 'Booking', 'IntentAccepted', 'User']) {
      expect(components[name], name).toMatchObject({ type: 'object' })
    }
    expect(bodyOf('/api/bookings/{id}', 'get', '200')).toEqual({ $ref: '#/components/schemas/Booking' })
    expect(bodyOf('/api/bookings/{id}', 'get', '404')).toEqual({ $ref: '#/components/schemas/Error' })
    expect(bodyOf('/api/bookings', 'post', '202')).toEqual({ $ref: '#/components/schemas/IntentAccepted' })
    expect(bodyOf('/api/me', 'get', '200')).toEqual({ $ref: '#/components/schemas/User' })
    const repeated = JSON.stringify(paths).split('The cancellation terms copied into the booking').length - 1
    expect(repeated, 'the booking schema written out inside operations').toBe(0)
  })
})

describe('a route added without its OpenAPI name', () => {
  const build = async (schema: Record<string, unknown>) => {
    const { default: Fastify } = await import('fastify')
    const { registerOperations } = await import('../../src/api/plugins/operations.ts')
    const app = Fastify()
    registerOperations(app)
    app.get(
      '/a',
      { config: { access: 'public' }, schema: { operationId: 'getA', tags: ['t'] } },
      async () => 'a',
    )
    app.get('/b', { config: { access: 'user' }, schema }, async () => 'b')
    try {
      return await app.ready()
    } finally {
      await app.close()
    }
  }

  it('stops the app from starting: no operationId, no tags, or a name already taken', async () => {
    await expect(build({ tags: ['t'] })).rejects.toThrow('route GET /b has no operationId')
    await expect(build({ operationId: 'getB' })).rejects.toThrow('route GET /b has no tags')
    await expect(build({ operationId: 'getA', tags: ['t'] })).rejects.toThrow(
      'route GET /b has the operationId "getA" of route GET /a',
    )
    await expect(build({ operationId: 'getB', tags: ['t'] })).resolves.toBeDefined()
  })
})
