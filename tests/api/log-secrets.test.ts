// No secret in any log line: the real API (its production logger options, writing to a stream this
// test reads) and a real worker process (its standard output) go through logins, Bearer requests,
// tokens and codes put in addresses, the queue board's code flow, a Telegram login, an internal
// route and a booking; no line of either may contain a token, code, password or signature used.
import { spawn, type ChildProcess } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import type { FastifyInstance } from 'fastify'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime, type ApiRuntime } from '../../src/api/runtime.ts'
import { apiLogging } from '../../src/api/logging.ts'
import { BOARD_CODE_PATH } from '../../src/api/plugins/queue-board.ts'
import { redactUrl } from '../../src/infra/log-redaction.ts'

const BOT = '700800900:LogTestBotTokenAbcdefghijklmnop'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const WORKER = fileURLToPath(new URL('../helpers/worker-child.ts', import.meta.url))

let env: TestEnv
let runtime: ApiRuntime
let app: FastifyInstance
let base: string
let worker: ChildProcess
const apiLines: string[] = []
const workerLines: string[] = []

beforeAll(async () => {
  env = await createTestEnv({ TELEGRAM_BOT_TOKEN: BOT })
  runtime = await createApiRuntime(env.config, env.db, env.redis, { slotInputsMaxAgeMs: 0 })
  const destination = new Writable({
    write(chunk, _encoding, done) {
      apiLines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  app = await buildApp(
    { config: env.config, db: env.db, redis: env.redis, runtime },
    apiLogging({ level: 'trace', destination }),
  )
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

  worker = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: env.config.databaseUrl,
      REDIS_URL: env.config.redisUrl,
      REDIS_PREFIX: env.config.deployment?.basePrefix ?? env.config.redisPrefix,
      INTERNAL_TOKEN: env.config.internalToken,
      QUEUE_PARTITIONS: String(env.config.queuePartitions),
      TELEGRAM_BOT_TOKEN: BOT,
      LOG_LEVEL: 'trace',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const out of [worker.stdout!, worker.stderr!])
    out.on('data', (d) => workerLines.push(...String(d).split('\n').filter(Boolean)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker did not start:\n${workerLines.join('\n')}`)),
      30_000,
    )
    worker.stdout!.on('data', (d) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer)
        resolve()
      }
    })
  })
}, 60_000)

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve))
    worker.kill('SIGTERM')
    await exited
  }
  await app?.close()
  await runtime?.close()
  await env?.close()
})

const call = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
  const { json, ...rest } = init
  const res = await fetch(base + path, {
    redirect: 'manual',
    ...rest,
    ...(json !== undefined && {
      body: JSON.stringify(json),
      headers: { 'content-type': 'application/json', ...(rest.headers as Record<string, string>) },
    }),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) }
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

function telegramInitData(user: Record<string, unknown>) {
  const fields: Record<string, string> = {
    query_id: `AA${randomBytes(6).toString('hex')}`,
    user: JSON.stringify(user),
    auth_date: String(Math.floor(Date.now() / 1000)),
  }
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n')
  const secret = createHmac('sha256', 'WebAppData').update(BOT).digest()
  const hash = createHmac('sha256', secret).update(check).digest('hex')
  return { initData: new URLSearchParams({ ...fields, hash }).toString(), hash }
}

describe('log lines', () => {
  it('replace the values of secret query parameters and keep the rest of the URL', () => {
    expect(redactUrl('/api/slots?service_id=3&from=2030-01-01')).toBe(
      '/api/slots?service_id=3&from=2030-01-01',
    )
    expect(redactUrl('/admin/queues?code=abc&x=1')).toBe('/admin/queues?code=[redacted]&x=1')
    expect(redactUrl('/a?token=t1&access_token=t2&init_data=a%3Db&hash=h&Password=p&%74oken=t3')).toBe(
      '/a?token=[redacted]&access_token=[redacted]&init_data=[redacted]&hash=[redacted]' +
        '&Password=[redacted]&%74oken=[redacted]',
    )
    expect(redactUrl('/a?%E0%A4%A=1&token')).toBe('/a?%E0%A4%A=1&token')
  })

  it('of the API and the worker carry no token, code, password or signature used', async () => {
    const secrets: string[] = [BOT, env.config.internalToken]
    const password = `pw-${randomBytes(8).toString('hex')}`
    secrets.push(password)

    // Registration and logins (by phone and by e-mail), and Bearer requests.
    const phone = `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const email = `log.${randomBytes(4).toString('hex')}@example.com`
    const registered = await call('/api/auth/register', {
      method: 'POST',
      json: { name: 'Log', phone, email, password },
    })
    expect(registered.status).toBe(201)
    secrets.push(registered.json().token)
    for (const login of [phone, email]) {
      const res = await call('/api/auth/login', { method: 'POST', json: { login, password } })
      expect(res.status).toBe(200)
      secrets.push(res.json().token)
    }
    const wrong = await call('/api/auth/login', {
      method: 'POST',
      json: { login: email, password: `${password}x` },
    })
    expect(wrong.status).toBe(401)
    const token = secrets.at(-1)!
    expect((await call('/api/me', { headers: bearer(token) })).status).toBe(200)
    const unknown = randomBytes(32).toString('base64url')
    secrets.push(unknown)
    expect((await call('/api/me', { headers: bearer(unknown) })).status).toBe(401)

    // Secrets put where they do not belong: in addresses, in cookies.
    for (const name of ['token', 'access_token', 'code', 'session'])
      await call(`/api/me?${name}=${token}`, { headers: bearer(token) })
    await call(`/api/services?token=${token}`)
    await call('/api/me', { headers: { cookie: `session=${token}` } })

    // The queue board: a code, spent in the address, then the board's own cookie.
    const admin = await createUser(env.db, ['admin'])
    secrets.push(admin.token)
    const issued = await call(BOARD_CODE_PATH, { method: 'POST', headers: bearer(admin.token) })
    expect(issued.status).toBe(201)
    const { code, url } = issued.json()
    secrets.push(code)
    const entry = await call(url)
    expect(entry.status).toBe(303)
    const boardToken = /bk_queue_board=([^;]+)/.exec(entry.headers.get('set-cookie') ?? '')![1]!
    secrets.push(boardToken)
    const board = await call('/admin/queues/api/queues', {
      headers: { cookie: `bk_queue_board=${boardToken}` },
    })
    expect(board.status).toBe(200)
    expect((await call(url)).status).toBe(401) // spent: logged, refused
    expect((await call(`/admin/queues?token=${admin.token}`)).status).toBe(401)

    // A Telegram Mini App login, and its signed data in an address.
    const tg = telegramInitData({ id: Math.floor(Math.random() * 1e9) + 1, first_name: 'Log' })
    secrets.push(tg.hash)
    const tgLogin = await call('/api/auth/telegram', { method: 'POST', json: { init_data: tg.initData } })
    expect(tgLogin.status).toBe(200)
    secrets.push(tgLogin.json().token)
    await call(`/api/services?init_data=${encodeURIComponent(tg.initData)}`)
    await call(`/api/services?hash=${tg.hash}`)

    // The internal token, on an internal route.
    expect(
      (await call('/metrics', { headers: { 'x-internal-token': env.config.internalToken } })).status,
    ).toBe(200)

    // A booking through the worker process, by a logged-in client.
    const w = await createWorld(env.db)
    secrets.push(w.client.token)
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 2 }).toISODate()!
    const booked = await call('/api/bookings', {
      method: 'POST',
      headers: { ...bearer(w.client.token), 'idempotency-key': `log-${randomBytes(4).toString('hex')}` },
      json: { service_id: w.service.id, specialist_id: w.specialist.id, start: { date, time: '12:00' } },
    })
    expect(booked.status).toBe(201)
    const requestId = booked.headers.get('x-request-id')!
    await expect.poll(() => workerLines.some((l) => l.includes(requestId)), { timeout: 10_000 }).toBe(true)

    // The lines are there (the test would prove nothing otherwise), with the secrets left out.
    expect(apiLines.some((l) => l.includes('"url":"/admin/queues?code=[redacted]"'))).toBe(true)
    expect(apiLines.some((l) => l.includes('"url":"/api/me?token=[redacted]"'))).toBe(true)
    expect(apiLines.some((l) => l.includes(requestId))).toBe(true)
    expect(secrets.every((s) => s.length >= 16)).toBe(true)
    for (const [who, lines] of [
      ['api', apiLines],
      ['worker', workerLines],
    ] as const) {
      for (const line of lines) {
        for (const secret of secrets) {
          expect(line.includes(secret), `${who} logged a secret: ${line}`).toBe(false)
          expect(line.includes(encodeURIComponent(secret)), `${who} logged a secret: ${line}`).toBe(false)
        }
      }
    }
  }, 60_000)
})
