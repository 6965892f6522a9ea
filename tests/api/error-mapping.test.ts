// The HTTP error handler answers every error family the way the worker records it.
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { registerErrorHandling } from '../../src/api/plugins/errors.ts'
import { MoneyError } from '../../src/domain/money.ts'
import { CorruptSnapshotError, InvalidTransitionError } from '../../src/machines/index.ts'

async function answerTo(err: unknown) {
  const app = Fastify({ logger: false })
  registerErrorHandling(app)
  app.get('/boom', async () => {
    throw err
  })
  const res = await app.inject({ method: 'GET', url: '/boom' })
  await app.close()
  return { status: res.statusCode, body: res.json() }
}

describe('HTTP error handler', () => {
  it('answers a machine error with its own status and code', async () => {
    const res = await answerTo(new InvalidTransitionError('cancelled', 'CANCEL'))
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ error: 'invalid_transition', message: expect.any(String) })
  })

  it('answers a money arithmetic refusal as a 422 saying what to do', async () => {
    const res = await answerTo(new MoneyError('invalid_discount', 'value out of range'))
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ error: 'invalid_discount' })
  })

  it('keeps an unreadable stored booking a 5xx with its code', async () => {
    const res = await answerTo(new CorruptSnapshotError('not a snapshot'))
    expect(res.status).toBe(500)
    expect(res.body).toMatchObject({ error: 'corrupt_snapshot' })
  })

  it('answers a PostgreSQL exclusion violation as slot_taken', async () => {
    const res = await answerTo(Object.assign(new Error('conflicting key'), { code: '23P01' }))
    expect([res.status, res.body.error]).toEqual([409, 'slot_taken'])
  })
})
