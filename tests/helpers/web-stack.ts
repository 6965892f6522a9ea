// The whole system for a browser test: a test environment (tests/helpers/harness.ts), the API on a
// real port serving the built site, and the workers, which a test can stop and start again (to see
// a booking answered 202 and then completed).
import type { FastifyInstance } from 'fastify'
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
  }
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
  }
  if (options.workers !== false) await workers.start()

  return {
    env,
    app,
    baseUrl,
    workers,
    close: async () => {
      await workers.stop()
      await env.close()
    },
  }
}
