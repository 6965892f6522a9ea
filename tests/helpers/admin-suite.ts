// The setup most admin route tests share: an isolated environment, its app, an admin's headers,
// and the catalogue changes the routes report (recorded instead of enqueued, so these tests see
// exactly which change each write announces).
import { afterAll, beforeAll } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { SetupChange } from '../../src/domain/changes.ts'
import { createTestEnv, type TestEnv } from './harness.ts'
import { createUser } from './fixtures.ts'

export interface AdminSuite {
  env: TestEnv
  app: FastifyInstance
  headers: Record<string, string>
  changes: SetupChange[]
  call: (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => ReturnType<FastifyInstance['inject']>
  /** Rows in a table, to show that a refused request wrote nothing. */
  count: (table: string) => Promise<number>
}

export function adminSuite(): AdminSuite {
  const suite = {
    changes: [] as SetupChange[],
    headers: {} as Record<string, string>,
    call: (method, url, payload) =>
      suite.app.inject({
        method,
        url,
        headers: suite.headers,
        ...(payload !== undefined && { payload: payload as object }),
      }),
    count: async (table) => Number((await suite.env.db(table).count({ n: '*' }))[0]!.n),
  } as AdminSuite
  beforeAll(async () => {
    suite.env = await createTestEnv()
    suite.app = await suite.env.app()
    suite.app.deps.onSetupChange = async (change) => {
      suite.changes.push(change)
      return { job_ids: [`job-${suite.changes.length}`] }
    }
    suite.headers = (await createUser(suite.env.db, ['admin'])).headers
  })
  afterAll(async () => suite.env?.close())
  return suite
}
