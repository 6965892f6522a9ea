// The ceiling for GET /api/slots: a bare Fastify process doing only the unavoidable part of the
// route — one MGET of the same 60 day keys of one specialist — and sending a ready-made body of the
// same bytes the real route sent for that specialist. Started by bench/slots.ts.
//
// Environment: the usual DATABASE_URL/REDIS_URL/REDIS_PREFIX/INTERNAL_TOKEN/PORT, and
// BENCH_BARE_FILE, a JSON file {"<specialist id>": {"zone": "...", "body": "..."}}.
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { loadConfig } from '../src/config.ts'
import { createDb } from '../src/data/db.ts'
import { bindToDeployment } from '../src/infra/deployment.ts'
import { dateRange, todayIn } from '../src/domain/dates.ts'
import { createRedis } from '../src/infra/redis.ts'
import { specialistDayKey } from '../src/slots/keys.ts'

const HORIZON_DAYS = 60

const unbound = loadConfig()
const db = createDb(unbound.databaseUrl, { pool: 1 })
const config = await bindToDeployment(unbound, db)
await db.destroy()
const bodies = JSON.parse(readFileSync(process.env.BENCH_BARE_FILE!, 'utf8')) as Record<
  string,
  { zone: string; body: string }
>
const redis = createRedis(config, 'bare')

// The 60 dates of a zone, recomputed once a minute (the real route computes them per request).
const datesCache = new Map<string, { minute: number; dates: string[] }>()
function datesOf(zone: string) {
  const minute = Math.floor(Date.now() / 60_000)
  const hit = datesCache.get(zone)
  if (hit && hit.minute === minute) return hit.dates
  const dates = dateRange(todayIn(zone), HORIZON_DAYS)
  datesCache.set(zone, { minute, dates })
  return dates
}

const app = Fastify({ logger: false })
app.get<{ Querystring: { specialist_id: string } }>('/bare', async (request, reply) => {
  const id = Number(request.query.specialist_id)
  const entry = bodies[id]
  if (!entry) return reply.status(404).send({ error: 'not_found' })
  const raw = await redis.mget(datesOf(entry.zone).map((d) => specialistDayKey(id, d)))
  if (raw.length !== HORIZON_DAYS) throw new Error('short MGET')
  return reply.type('application/json; charset=utf-8').send(entry.body)
})
app.get('/healthz', async () => ({ status: 'ok' }))

await app.listen({ host: '127.0.0.1', port: config.port })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => {
        redis.disconnect()
        process.exit(0)
      },
      () => process.exit(1),
    )
  })
}
