// Resolves PostgreSQL and Redis once for the whole run and builds a migrated template database;
// each test file then clones it (tests/helpers/harness.ts), so files are isolated and fast.
import type { TestProject } from 'vitest/node'
import pg from 'pg'
import { createDb, migrateLatest } from '../../src/data/db.ts'
import { resolveServices } from '../../src/infra/services.ts'
import { ensureWebBuild } from '../../src/infra/web-build.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    templateDb: string
    redisUrl: string
  }
}

const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export default async function setup(project: TestProject) {
  // The browser tests (tests/web) use the built site, which the API serves: built once per run, when stale.
  await ensureWebBuild({ log: (line) => console.log(`[web] ${line}`) })
  const services = await resolveServices({
    preferLocalPostgres: true,
    database: 'postgres',
    dataDir: 'data/test-pg',
    embeddedPgPort: 54330,
  })
  const templateDb = `bk_tmpl_${process.pid}_${Date.now().toString(36)}`
  await adminQuery(services.databaseUrl, `create database ${templateDb}`)
  const db = createDb(withDatabase(services.databaseUrl, templateDb), { pool: 1 })
  try {
    await migrateLatest(db)
  } finally {
    await db.destroy()
  }
  project.provide('databaseUrl', services.databaseUrl)
  project.provide('templateDb', templateDb)
  project.provide('redisUrl', services.redisUrl)

  return async () => {
    await adminQuery(services.databaseUrl, `drop database if exists ${templateDb} with (force)`)
    await services.stop()
  }
}
