// The API serves the built client site at `/` (src/api/plugins/web-app.ts) from a build of the
// current sources (src/infra/web-build.ts): the page for the app's own paths, cacheable assets,
// and nothing of the system's own paths taken over.
import fs from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ensureWebBuild, webSourceHash } from '../../src/infra/web-build.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'

const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

let env: TestEnv
let app: FastifyInstance
let dist: string
let index: string
beforeAll(async () => {
  dist = await ensureWebBuild()
  index = await fs.readFile(path.join(dist, 'index.html'), 'utf8')
  env = await createTestEnv({ WEB_DIST: dist })
  app = await env.app()
}, 120_000)
afterAll(async () => env?.close())

describe('the build', () => {
  it('is stamped with the hash of the sources it was built from, and not rebuilt while they stay', async () => {
    const stamp = (await fs.readFile(path.join(dist, '.build-hash'), 'utf8')).trim()
    expect(stamp).toBe(await webSourceHash())
    const before = await fs.stat(path.join(dist, 'index.html'))
    await ensureWebBuild()
    expect((await fs.stat(path.join(dist, 'index.html'))).mtimeMs).toBe(before.mtimeMs)
  })

  it('has no inline script, which the content policy would block', () => {
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//)
      expect(body!.trim()).toBe('')
    }
  })
})

describe('the site at /', () => {
  it('answers / and a deep link with index.html, revalidated on every use', async () => {
    for (const url of ['/', '/account/bookings', '/booking/time?service=3']) {
      const res = await app.inject({ url, headers: HTML })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type'], url).toContain('text/html')
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.body, url).toBe(index)
    }
  })

  it('serves hashed assets as immutable for a year', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!
    const res = await app.inject({ url: asset })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('javascript')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    // A missing asset is a 404, not the page in its place.
    const missing = await app.inject({ url: '/assets/gone-1234abcd.js', headers: HTML })
    expect(missing.statusCode).toBe(404)
  })

  it('sends a content policy that allows the app and no inline script', async () => {
    const res = await app.inject({ url: '/account/bookings', headers: HTML })
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toMatch(/script-src 'self'(;|$)/)
    expect(csp).toMatch(/style-src 'self'(;|$)/)
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("worker-src 'self'")
    expect(csp).toContain("img-src 'self' data:")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain("frame-ancestors 'none'")
  })

  it('lets Telegram Web frame the Mini App, and nothing else be framed', async () => {
    for (const url of ['/miniapp', '/miniapp/bookings']) {
      const res = await app.inject({ url, headers: HTML })
      expect(res.statusCode).toBe(200)
      const csp = res.headers['content-security-policy'] as string
      expect(csp).toMatch(/frame-ancestors https:\/\/web\.telegram\.org(;|$)/)
      expect(csp).toMatch(/script-src 'self'(;|$)/)
      expect(csp).not.toContain('unsafe-inline')
    }
  })

  it("gives the admin panel's pages the same policy with inline styles allowed (Naive UI writes its own)", async () => {
    for (const url of ['/admin', '/admin/catalogue']) {
      const res = await app.inject({ url, headers: HTML })
      expect(res.statusCode).toBe(200)
      expect(res.body).toBe(index)
      const csp = res.headers['content-security-policy'] as string
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'(;|$)/)
      expect(csp).toMatch(/script-src 'self'(;|$)/)
    }
  })

  it('answers a request that does not ask for HTML and names no file with a 404', async () => {
    const res = await app.inject({ url: '/account/bookings', headers: { accept: 'application/json' } })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ error: 'not_found' })
  })

  it('never reads outside the build', async () => {
    for (const url of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/.build-hash',
      '/assets/%2e%2e/.build-hash',
    ]) {
      const res = await app.inject({ url, headers: { accept: '*/*' } })
      expect(res.statusCode, url).toBe(404)
      expect(res.body, url).not.toContain('booking-system')
    }
  })
})

describe("the system's own paths", () => {
  it('keeps an unknown /api route a JSON 404, even for a browser', async () => {
    for (const url of ['/api/nope', '/api', '/internal/nope', '/metrics/x', '/admin/queues/nope']) {
      const res = await app.inject({ url, headers: HTML })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toContain('application/json')
      expect(res.json(), url).toMatchObject({ error: 'not_found' })
    }
  })

  it('keeps the API, the probes and /docs working', async () => {
    expect((await app.inject({ url: '/healthz', headers: HTML })).statusCode).toBe(200)
    expect((await app.inject({ url: '/api/me', headers: HTML })).statusCode).toBe(401)
    const docs = await app.inject({ url: '/docs/', headers: HTML })
    expect(docs.statusCode).toBe(200)
    expect(docs.body).toContain('swagger')
    expect(docs.body).not.toBe(index)
    expect((await app.inject({ url: '/docs/json' })).json()).toHaveProperty('openapi')
  })
})

describe('WEB_DIST=off', () => {
  it('serves no site: / is the JSON 404', async () => {
    const off = await createTestEnv({ WEB_DIST: 'off' })
    try {
      const res = await (await off.app()).inject({ url: '/', headers: HTML })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toMatchObject({ error: 'not_found' })
    } finally {
      await off.close()
    }
  })
})
