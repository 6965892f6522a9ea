// The whole system for a browser test: a test environment (tests/helpers/harness.ts), the API on a
// real port serving the built site, and the workers, which a test can stop and start again (to see
// a booking answered 202 and then completed).
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { createApiClient, type ApiClient } from '@booking/api-client'
import { startWorkers } from '../../src/workers/main.ts'
import { createTestEnv, type TestEnv } from './harness.ts'

export interface WebStack {
  env: TestEnv
  app: FastifyInstance
  /** Where the site is, e.g. http://127.0.0.1:41234 (the API answers under /api on the same origin). */
  baseUrl: string
  workers: {
    /** Starts the worker runtime (in this process) unless it runs. */
    start: () => Promise<void>
    /** Stops it: bookings then wait as intents until `start()`. */
    stop: () => Promise<void>
    /** The running workers' queues (reminders, recalc, …); undefined while stopped. */
    queues: () => Awaited<ReturnType<typeof startWorkers>>['queues'] | undefined
  }
  /** The generated API client against this stack, as the holder of `token` (none: anonymous). */
  api: (token?: string) => ApiClient
  /**
   * A person registered through the API (so they have a password to log in with), with the
   * `roles` added beyond client; the answer carries their token and their own API client.
   */
  register: (fields?: {
    name?: string
    roles?: ('admin' | 'specialist')[]
    language?: 'ru' | 'en'
  }) => Promise<{
    id: number
    token: string
    email: string
    password: string
    api: ApiClient
  }>
  /** Opens `path` of the site in `page` already logged in with `token` (read from localStorage). */
  logIn: (page: Page, token: string, path?: string) => Promise<void>
  close: () => Promise<void>
}

export interface WebStackOptions {
  /** Configuration overrides for the environment (e.g. INTENT_WAIT_MS). */
  config?: Record<string, string>
  /** Start the workers at once (default true). */
  workers?: boolean
}

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  const env = await createTestEnv(options.config)
  const app = await env.app()
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the API is not on a TCP port')
  // The API serves the built site (src/api/plugins/web-app.ts; the test setup builds it once per run).
  const baseUrl = `http://127.0.0.1:${address.port}`

  let running: Awaited<ReturnType<typeof startWorkers>> | undefined
  const workers = {
    start: async () => {
      running ??= await startWorkers(env.config, {}, { db: env.db })
    },
    stop: async () => {
      const current = running
      running = undefined
      await current?.close()
    },
    queues: () => running?.queues,
  }
  if (options.workers !== false) await workers.start()

  const api = (token?: string) => createApiClient({ baseUrl, getToken: () => token, channel: 'web' })
  let registered = 0
  const register: WebStack['register'] = async (fields = {}) => {
    const email = `person${++registered}-${Date.now()}@test.example`
    const password = 'test-pass-123'
    const { token, user } = await api().POST('/api/auth/register', {
      body: { name: fields.name ?? 'Мария Иванова', email, password, language: fields.language ?? 'ru' },
    })
    const roles = fields.roles ?? []
    if (roles.length) await env.db('user_roles').insert(roles.map((role) => ({ user_id: user.id, role })))
    return { id: user.id, token, email, password, api: api(token) }
  }
  const logIn: WebStack['logIn'] = async (page, token, path) => {
    await page.goto(`${baseUrl}/`)
    await page.evaluate((t) => localStorage.setItem('booking.token', t), token)
    if (path !== undefined) await page.goto(`${baseUrl}${path}`)
  }

  return {
    env,
    app,
    baseUrl,
    workers,
    api,
    register,
    logIn,
    close: async () => {
      await workers.stop()
      await env.close()
    },
  }
}
