import { it } from 'vitest'
import { createTestEnv } from '../helpers/harness.ts'
import { createUser } from '../helpers/fixtures.ts'
it('probe', async () => {
  const env = await createTestEnv({ CORS_ORIGINS: 'https://app.example.com' })
  const app = await env.app()
  const admin = await createUser(env.db, ['admin'])
  for (const [url, headers] of [['/docs', {}], ['/docs/', {}], ['/docs/static/index.html', {}], ['/docs/json', {}], ['/admin/queues', admin.headers], ['/admin/queues/', admin.headers], ['/admin/queues/api/queues', admin.headers], ['/admin/queues?token=' + admin.token, {}], ['/admin/queues', {}], ['/healthz', { origin: 'https://app.example.com' }]] as const) {
    const r = await app.inject({ url, headers: headers as Record<string,string> })
    console.log(url, r.statusCode, JSON.stringify(r.headers).slice(0, 900), r.body.slice(0, 300))
  }
  const pre = await app.inject({ method: 'OPTIONS', url: '/api/bookings', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })
  console.log('preflight', pre.statusCode, JSON.stringify(pre.headers))
  const pre2 = await app.inject({ method: 'OPTIONS', url: '/api/bookings', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' } })
  console.log('preflight evil', pre2.statusCode, JSON.stringify(pre2.headers), pre2.body)
  console.log(app.printRoutes({ commonPrefix: false }).split('\n').filter(l => l.includes('admin/queues') || l.includes('*')).slice(0, 10).join('\n'))
  await env.close()
})
