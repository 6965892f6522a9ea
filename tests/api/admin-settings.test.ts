// Company settings through the API: admins read and change them (strictly validated, every key
// optional), every API process uses a change from the next request on, a longer horizon has its
// new days computed, and GET /api/company shows the public part to anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/api/app.ts'
import { createApiRuntime, type ApiRuntime } from '../../src/api/runtime.ts'
import { addDays, todayIn } from '../../src/domain/dates.ts'
import { formatMoney } from '../../src/domain/money-format.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { specialistDayKey } from '../../src/slots/keys.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createUser, createWorld } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let admin: Awaited<ReturnType<typeof createUser>>
let w: Awaited<ReturnType<typeof createWorld>>
beforeAll(async () => {
  env = await createTestEnv()
  app = await env.app()
  w = await createWorld(env.db, { settings: { min_lead_minutes: 60 } })
  admin = await createUser(env.db, ['admin'])
}, 60_000)
afterAll(async () => env?.close())

const patch = (payload: unknown, headers = admin.headers) =>
  app.inject({ method: 'PATCH', url: '/api/admin/settings', headers, payload: payload as object })

describe('GET and PATCH /api/admin/settings', () => {
  it('answers every setting, the defaults where nothing is stored', async () => {
    const res = await app.inject({ url: '/api/admin/settings', headers: admin.headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      booking_horizon_days: DEFAULT_SETTINGS.bookingHorizonDays,
      min_lead_minutes: 60,
      free_cancellation_hours: DEFAULT_SETTINGS.freeCancellationHours,
      late_cancellation_fee_percent: DEFAULT_SETTINGS.lateCancellationFeePercent,
      late_cancellation_consumes_visit: DEFAULT_SETTINGS.lateCancellationConsumesVisit,
      cancellation_grace_minutes: DEFAULT_SETTINGS.cancellationGraceMinutes,
      reminder_offsets_minutes: DEFAULT_SETTINGS.reminderOffsetsMinutes,
      prepayment: DEFAULT_SETTINGS.prepayment,
    })
    const client = await app.inject({ url: '/api/admin/settings', headers: w.client.headers })
    expect(client.statusCode).toBe(403)
  })

  it('changes only the keys given, keeps the others, and stores them as parseSettings reads them', async () => {
    const res = await patch({
      late_cancellation_fee_percent: 12.5,
      reminder_offsets_minutes: [60, 1440],
      prepayment: 'required',
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      late_cancellation_fee_percent: 12.5,
      reminder_offsets_minutes: [1440, 60],
      prepayment: 'required',
      min_lead_minutes: 60,
      free_cancellation_hours: 24,
      recalc: null,
    })
    const stored = await env.db('company').first('settings')
    expect(stored.settings).toMatchObject({
      min_lead_minutes: 60,
      late_cancellation_fee_percent: 12.5,
      reminder_offsets_minutes: [1440, 60],
      prepayment: 'required',
    })
    const again = await app.inject({ url: '/api/admin/settings', headers: admin.headers })
    expect(again.json()).toMatchObject({ late_cancellation_fee_percent: 12.5, prepayment: 'required' })
    await patch({ prepayment: 'none' })
  })

  it('refuses what parseSettings would not use, in words, and changes nothing', async () => {
    const before = await env.db('company').first('settings')
    const cases: [unknown, string][] = [
      [{}, ''],
      [{ booking_horizon_days: 0 }, 'booking_horizon_days'],
      [{ booking_horizon_days: 400 }, 'booking_horizon_days'],
      [{ min_lead_minutes: 1.5 }, 'min_lead_minutes'],
      [{ late_cancellation_fee_percent: 12.345 }, 'two decimal'],
      [{ late_cancellation_fee_percent: 101 }, 'late_cancellation_fee_percent'],
      [{ reminder_offsets_minutes: [0] }, 'reminder_offsets_minutes'],
      [{ reminder_offsets_minutes: [60, 60] }, 'reminder_offsets_minutes'],
      [{ prepayment: 'sometimes' }, 'prepayment'],
      [{ currency: 'USD' }, 'currency'],
    ]
    for (const [payload, words] of cases) {
      const res = await patch(payload)
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, JSON.stringify(payload)).toBeLessThan(500)
      expect(res.json().message, JSON.stringify(payload)).toContain(words)
    }
    expect(await env.db('company').first('settings')).toEqual(before)
  })

  it('is used by every API process from the next request on, cached settings or not', async () => {
    // A process that keeps its catalogue (settings included) as production does.
    const runtime: ApiRuntime = await createApiRuntime(env.config, env.db, env.redis)
    const cached = await buildApp({ config: env.config, db: env.db, redis: env.redis, runtime })
    try {
      const soon = (a: FastifyInstance) =>
        a
          .inject({
            url: `/api/slots?service_id=${w.service.id}&specialist_id=${w.specialist.id}&days=3`,
          })
          .then((r) => r.json().locations[0].days.length as number)
      await patch({ min_lead_minutes: 7 * 1440 })
      expect(await soon(cached)).toBe(0)
      await patch({ min_lead_minutes: 0 })
      expect(await soon(cached)).toBeGreaterThan(0)
    } finally {
      await cached.close()
      await runtime.close()
    }
  })

  it('computes the days a longer horizon adds', async () => {
    await env.startWorkers()
    const res = await patch({ booking_horizon_days: 70 })
    expect(res.statusCode).toBe(200)
    const jobIds = res.json().recalc.job_ids as string[]
    expect(jobIds.length).toBeGreaterThan(0)
    for (const id of jobIds) {
      await expect
        .poll(
          async () =>
            (await app.inject({ url: `/api/admin/jobs/${id}`, headers: admin.headers })).json().state,
          { timeout: 20_000 },
        )
        .toBe('completed')
    }
    const day65 = addDays(todayIn(w.location.timezone), 65)
    expect(await env.redis.get(specialistDayKey(w.specialist.id, day65))).not.toBeNull()
    // A shorter one needs nothing computed.
    expect((await patch({ booking_horizon_days: 60 })).json().recalc).toBeNull()
  }, 60_000)
})

describe('GET /api/company', () => {
  it('shows anyone the horizon, the lead time, the currency and the cancellation terms in words', async () => {
    await env.db('company').update({ currency: 'RUB' })
    await patch({
      free_cancellation_hours: 12,
      late_cancellation_fee_percent: 50,
      cancellation_grace_minutes: 15,
    })
    const res = await app.inject({ url: '/api/company' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      name: 'Test salon',
      currency: 'RUB',
      booking_horizon_days: 60,
      min_lead_minutes: 0,
      prepayment: 'none',
      cancellation: {
        free_cancellation_hours: 12,
        late_cancellation_fee_percent: 50,
        late_cancellation_consumes_visit: true,
        cancellation_grace_minutes: 15,
      },
    })
    expect(body.cancellation.text).toContain('12 hours before the start')
    expect(body.cancellation.text).toContain(
      `${formatMoney(50_000, 'RUB')} of ${formatMoney(100_000, 'RUB')}`,
    )
  })
})
