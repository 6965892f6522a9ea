// A worker process for crash tests: the real worker runtime in a child process, configured from
// the environment (DATABASE_URL, REDIS_URL, REDIS_PREFIX, INTERNAL_TOKEN, QUEUE_PARTITIONS) with
// short lock and sweep times, so a SIGKILLed sibling's jobs are taken over quickly.
import { loadConfig } from '../../src/config.ts'
import { startWorkers } from '../../src/workers/main.ts'

const runtime = await startWorkers(loadConfig(), {
  lockDurationMs: 1000,
  sweepAfterMs: 1000,
  sweepEveryMs: 500,
})
console.log(`[worker-child ${process.pid}] ready`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
