// Internal routes need the internal token; with it, a recalc is enqueued and runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DateTime } from 'luxon'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
beforeAll(async () => {
  env = await createTestEnv()
})
afterAll(async () => env?.close())

describe('POST /internal/slots/recalc', () => {
  it('is refused without the internal token, even to admins', async () => {
    const app = await env.app()
    const admin = await createUser(env.db, ['admin'])
    const body = { specialist_id: 1, dates: ['2030-01-01'] }
    for (const headers of [{}, admin.headers, { 'x-internal-token': 'wrong-token-wrong-token' }]) {
      const res = await app.inject({ method: 'POST', url: '/internal/slots/recalc', headers, payload: body })
      expect(res.statusCode).toBe(403)
      expect(res.json().error).toBe('forbidden')
    }
  })

  it('enqueues a recalc that rebuilds the given dates', async () => {
    const app = await env.app()
    await env.startWorkers()
    const w = await createWorld(env.db)
    const date = DateTime.now().setZone('Europe/Moscow').plus({ days: 1 }).toISODate()!
    const res = await app.inject({
      method: 'POST',
      url: '/internal/slots/recalc',
      headers: { 'x-internal-token': env.config.internalToken },
      payload: { specialist_id: w.specialist.id, dates: [date] },
    })
    expect(res.statusCode).toBe(202)
    const jobId = res.json().job_id as string
    const queue = app.deps.runtime.queues.recalc.queue
    let state: string | undefined
    for (let i = 0; i < 200 && state !== 'completed'; i++) {
      state = await (await queue.getJob(jobId))?.getState()
      await new Promise((r) => setTimeout(r, 25))
    }
    expect(state).toBe('completed')
    expect(await env.redis.get(`slots_preview:${w.specialist.id}:${date}`)).toMatch(/^\d+:[0-9a-f]{24}$/)
  })

  it('answers 404 for a specialist or room that does not exist, and enqueues nothing', async () => {
    const app = await env.app()
    const headers = { 'x-internal-token': env.config.internalToken }
    const before = await app.deps.runtime.queues.recalc.queue.count()
    for (const payload of [
      { specialist_id: 999_999, dates: ['2030-01-01'] },
      { room_id: 999_999, dates: ['2030-01-01'] },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/internal/slots/recalc', headers, payload })
      expect(res.statusCode).toBe(404)
      expect(res.json().error).toBe('not_found')
    }
    expect(await app.deps.runtime.queues.recalc.queue.count()).toBe(before)
  })

  it('refuses malformed bodies', async () => {
    const app = await env.app()
    const headers = { 'x-internal-token': env.config.internalToken }
    for (const payload of [
      { dates: ['2030-01-01'] },
      { specialist_id: 1, room_id: 2, dates: ['2030-01-01'] },
      { specialist_id: 1, dates: ['2030-02-30'] },
      { specialist_id: '1', dates: ['2030-01-01'] },
      { specialist_id: 1, dates: [] },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/internal/slots/recalc', headers, payload })
      expect(res.statusCode).toBe(422)
    }
  })
})
