// What `npm start` prints, run for real on this file's database and Redis prefix: one readable
// line per request, none for its own health probes, and a /metrics command that works as printed.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../src/infra/embedded.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

describe('npm start output', () => {
  it('is for a person: one line per request, no probes, and how to reach /metrics', async () => {
    const port = await freePort()
    const { INTERNAL_TOKEN: _token, LOG_FORMAT: _format, DEMO_DATA: _demo, ...inherited } = process.env
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/start.ts'], {
      cwd: ROOT,
      env: {
        ...inherited,
        DATABASE_URL: env.config.databaseUrl,
        REDIS_URL: env.config.redisUrl,
        REDIS_PREFIX: env.config.redisPrefix,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      for (let i = 0; !out.includes('Press Ctrl-C') && i < 1200; i++) {
        if (child.exitCode !== null) throw new Error(`start exited early:\n${out}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(out).toContain('Press Ctrl-C')

      const services = await fetch(`http://127.0.0.1:${port}/api/services`)
      expect(services.status).toBe(200)
      const metricsLine = out.split('\n').find((l) => l.includes('Metrics:'))
      const printed = /curl -H 'x-internal-token: ([^']+)' (\S+)/.exec(metricsLine ?? '')
      expect(printed).not.toBeNull()
      const metrics = await fetch(printed![2]!, { headers: { 'x-internal-token': printed![1]! } })
      expect(metrics.status).toBe(200)
      for (let i = 0; !out.includes('GET /metrics') && i < 100; i++)
        await new Promise((r) => setTimeout(r, 50))
    } finally {
      child.kill('SIGINT')
      expect(await exited).toBe(0)
    }

    const lines = out.split('\n')
    expect(
      lines.filter((l) => /^\[api\] \d\d:\d\d:\d\d GET \/api\/services 200 [\d.]+ ms$/.test(l)),
    ).toHaveLength(1)
    expect(lines.filter((l) => l.includes('/metrics 200'))).toHaveLength(1)
    expect(lines.filter((l) => l.includes('/healthz') || l.includes('/readyz'))).toEqual([])
    expect(lines.filter((l) => /^\[(api|worker)\] \{/.test(l))).toEqual([])
    expect(out).toContain('Internal token: the one above, generated for this run')
  })
})
