// The `api` process: builds its dependencies once, serves HTTP, closes cleanly on SIGTERM/SIGINT.
import { loadConfig, ConfigError } from '../config.ts'
import { createDb } from '../data/db.ts'
import { createRedis } from '../infra/redis.ts'
import { bindToDeployment } from '../infra/deployment.ts'
import { MissingDeploymentError } from '../data/deployment-repository.ts'
import { buildApp } from './app.ts'
import { apiLogging } from './logging.ts'
import { createApiRuntime } from './runtime.ts'

export async function startApi(configured = loadConfig()) {
  const db = createDb(configured.databaseUrl)
  const config = await bindToDeployment(configured, db, (line) => console.warn(line))
  const redis = createRedis(config, 'api')
  const runtime = await createApiRuntime(config, db, redis)
  const app = await buildApp(
    { config, db, redis, runtime },
    {
      // Request ids as `request_id`, secrets redacted (logging.ts).
      ...apiLogging({ level: config.logLevel }),
      connectionTimeout: 10_000,
      requestTimeout: 30_000,
    },
  )
  app.addHook('onClose', async () => {
    await runtime.close()
    await Promise.allSettled([db.destroy(), redis.quit()])
  })
  await app.listen({ host: config.host, port: config.port })
  return app
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const app = await startApi()
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down')
        app.close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      })
    }
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof MissingDeploymentError ? err.message : err)
    process.exit(1)
  }
}
