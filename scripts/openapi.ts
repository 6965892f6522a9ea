// The committed contract: builds the API app without connecting to anything, takes its OpenAPI
// document, and writes it (`openapi.json`) together with the client's types generated from it
// (`packages/api-client/src/schema.d.ts`). With `--check` it writes nothing and fails, in one line,
// when either file differs from what the code produces (CI runs it, and so does a test).
//
//   npm run openapi          write both files
//   npm run openapi:check    exit 1 when they are stale
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import openapiTS, { astToString } from 'openapi-typescript'
import prettier from 'prettier'
import { buildApp } from '../src/api/app.ts'
import type { ApiRuntime } from '../src/api/runtime.ts'
import { loadConfig } from '../src/config.ts'
import { createDb } from '../src/data/db.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DOCUMENT_FILE = 'openapi.json'
export const CLIENT_TYPES_FILE = 'packages/api-client/src/schema.d.ts'

// The document must depend on the code only, never on the environment it is built in: a fixed
// configuration (defaults), and addresses where nothing listens, so a connection attempt would fail.
const DOCUMENT_ENV = {
  DATABASE_URL: 'postgres://127.0.0.1:1/openapi-document',
  REDIS_URL: 'redis://127.0.0.1:1',
  INTERNAL_TOKEN: 'openapi-document-build',
  LOG_LEVEL: 'silent',
}

/**
 * An runtime that is never run: routes keep references to its parts when they are registered, and
 * only requests use them. Every part is a stand-in that throws when called, so a route that starts
 * using the runtime at registration stops this script with a line that says so. It holds no queue,
 * so the queue board lists none (its routes are the same either way).
 */
function inertEngine(): ApiRuntime {
  const part = (name: string): unknown =>
    new Proxy(function () {}, {
      get: (_target, key) => (typeof key === 'symbol' || key === 'then' ? undefined : part(`${name}.${key}`)),
      apply: () => {
        throw new Error(
          `${name}() was called while the OpenAPI document was built: routes must not use the runtime until a request comes`,
        )
      },
      ownKeys: () => ['prototype'],
    })
  return {
    ...(Object.fromEntries(
      ['slots', 'catalogue', 'planner', 'intents', 'close'].map((k) => [k, part(`runtime.${k}`)]),
    ) as Omit<ApiRuntime, 'queues'>),
    queues: {} as ApiRuntime['queues'],
  }
}

/** The API's OpenAPI document, as the code describes it. Opens no connection, and checks it did not. */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig(DOCUMENT_ENV)
  const db = createDb(config.databaseUrl)
  const redis = new Redis(config.redisUrl, { keyPrefix: config.redisPrefix, lazyConnect: true })
  // knex opens its pool's first connection on the first query, ioredis (lazy) on the first command.
  const pool = db.client.pool as { numUsed(): number; numFree(): number; numPendingCreates(): number }
  const connections = () => ({
    postgres: pool.numUsed() + pool.numFree() + pool.numPendingCreates(),
    redis: redis.status,
  })
  try {
    const app = await buildApp({
      config,
      db,
      redis,
      runtime: inertEngine(),
      onSetupChange: async () => undefined,
    })
    await app.ready()
    const document = app.swagger() as unknown as Record<string, unknown>
    await app.close()
    const opened = connections()
    if (opened.postgres || opened.redis !== 'wait') {
      throw new Error(
        `building the OpenAPI document opened a connection (PostgreSQL: ${opened.postgres}, Redis: ${opened.redis})`,
      )
    }
    return document
  } finally {
    await db.destroy()
    redis.disconnect()
  }
}

/** Object keys in code-point order at every depth, so the file changes only when the contract does. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  )
}

async function formatted(file: string, text: string): Promise<string> {
  const options = await prettier.resolveConfig(path.join(ROOT, file))
  return prettier.format(text, { ...options, filepath: file })
}

/** The contents of both committed files, as the code produces them. */
export async function renderContract(): Promise<Record<string, string>> {
  const document = sortKeys(await buildOpenApiDocument()) as Record<string, unknown>
  const types = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]))
  const banner =
    '// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit: change the\n' +
    "// routes' schemas and run it again.\n"
  return {
    [DOCUMENT_FILE]: await formatted(DOCUMENT_FILE, JSON.stringify(document, null, 2)),
    [CLIENT_TYPES_FILE]: await formatted(CLIENT_TYPES_FILE, banner + types),
  }
}

/** The files under `root` that differ from what the code produces (`expected`, rendered when not given). */
export async function staleFiles(root = ROOT, expected?: Record<string, string>): Promise<string[]> {
  const contract = expected ?? (await renderContract())
  const stale: string[] = []
  for (const [file, text] of Object.entries(contract)) {
    const committed = await readFile(path.join(root, file), 'utf8').catch(() => null)
    if (committed !== text) stale.push(file)
  }
  return stale
}

/** The one line `--check` fails with. */
export const staleMessage = (stale: string[]) =>
  `${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run npm run openapi`

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    if (process.argv.includes('--check')) {
      const stale = await staleFiles()
      if (stale.length) {
        console.error(staleMessage(stale))
        process.exit(1)
      }
    } else {
      for (const [file, text] of Object.entries(await renderContract())) {
        await writeFile(path.join(ROOT, file), text)
        console.log(`wrote ${file}`)
      }
    }
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
