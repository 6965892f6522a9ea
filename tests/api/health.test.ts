import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

describe('health', () => {
  it('answers liveness and readiness with PostgreSQL and Redis up', async () => {
    const app = await env.app()
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const ready = await app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready', postgres: 'ok', redis: 'ok' })
  })

  it('answers an unknown route with a 404 in the error format', async () => {
    const app = await env.app()
    const res = await app.inject({ url: '/nope' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ error: 'not_found' })
  })

  it('serves the OpenAPI document', async () => {
    const app = await env.app()
    const res = await app.inject({ url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    expect(res.json().paths['/readyz']).toBeDefined()
  })
})
