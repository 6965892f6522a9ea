// The job registry: every job has exactly one handler, checked before the worker opens anything,
// and the worker's BullMQ workers come from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { startWorkers } from '../../src/workers/main.ts'
import { WORKER_HANDLERS, type HandlerFactories } from '../../src/workers/handlers.ts'
import { checkJobRegistry, JobRegistryError, JOBS, type JobDefinition } from '../../src/jobs/registry.ts'
import { JOB } from '../../src/jobs/names.ts'
import { MAINTENANCE_SCHEDULE } from '../../src/jobs/maintenance-queue.ts'

const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (err) {
    return err
  }
  throw new Error('expected a refusal')
}

describe('checkJobRegistry', () => {
  it('accepts the registry the worker starts with', () => {
    expect(() => checkJobRegistry(JOBS, WORKER_HANDLERS)).not.toThrow()
  })

  it('refuses a job without a handler, in one line naming the job and its queue', () => {
    const { [JOB.remind]: _, ...handlers } = WORKER_HANDLERS
    const err = refusal(() => checkJobRegistry(JOBS, handlers))
    expect(err).toBeInstanceOf(JobRegistryError)
    const message = (err as Error).message
    expect(message).toContain('job "remind" (queue reminders) has no handler')
    expect(message).not.toContain('\n')
  })

  it('refuses a handler without a job', () => {
    const handlers = { ...WORKER_HANDLERS, 'send-fax': WORKER_HANDLERS[JOB.recalc] }
    const err = refusal(() => checkJobRegistry(JOBS, handlers))
    expect(err).toBeInstanceOf(JobRegistryError)
    expect((err as Error).message).toContain('handler "send-fax" has no job in src/jobs/registry.ts')
  })

  it('names every problem at once', () => {
    const { [JOB.horizonRoll]: _, ...handlers } = { ...WORKER_HANDLERS, ghost: () => undefined }
    const message = (refusal(() => checkJobRegistry(JOBS, handlers)) as Error).message
    expect(message).toContain('job "horizon-roll" (queue maintenance) has no handler')
    expect(message).toContain('handler "ghost" has no job')
  })

  it('expects no worker handler for a job another process consumes, and refuses one', () => {
    const jobs: Record<string, JobDefinition> = {
      ...JOBS,
      notify: { queue: 'reminders', consumer: 'notifier' },
    }
    expect(() => checkJobRegistry(jobs, WORKER_HANDLERS)).not.toThrow()
    const handlers = { ...WORKER_HANDLERS, notify: WORKER_HANDLERS[JOB.remind] }
    expect((refusal(() => checkJobRegistry(jobs, handlers)) as Error).message).toContain(
      'handler "notify" is for a job the notifier consumes, not the worker',
    )
    expect(() => checkJobRegistry(jobs, { notify: () => undefined }, 'notifier')).not.toThrow()
  })

  it('refuses a handler entry that is not a function', () => {
    const handlers = { ...WORKER_HANDLERS, [JOB.bulk]: undefined }
    expect((refusal(() => checkJobRegistry(JOBS, handlers)) as Error).message).toContain(
      'job "bulk" (queue bulk) has no handler',
    )
  })
})

describe('the worker', () => {
  let env: TestEnv
  beforeAll(async () => {
    env = await createTestEnv()
  })
  afterAll(async () => env?.close())

  it('refuses to start with a job that has no handler, before it opens anything', async () => {
    const { [JOB.bulkOverride]: _, ...handlers } = WORKER_HANDLERS
    await expect(startWorkers(env.config, {}, { db: env.db, handlers })).rejects.toThrow(
      'job "override" (queue bulk) has no handler',
    )
    // Nothing reached Redis: no queue, no scheduler, no deployment watermark.
    const keys = new Redis(env.config.redisUrl)
    try {
      expect(await keys.keys(`${env.config.redisPrefix}*`)).toEqual([])
    } finally {
      keys.disconnect()
    }
  })

  it('stops the worker process with one line and exit code 1', async () => {
    const script = fileURLToPath(new URL('./worker-without-a-handler.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        DATABASE_URL: env.config.databaseUrl,
        REDIS_URL: env.config.redisUrl,
        REDIS_PREFIX: env.config.redisPrefix,
        INTERNAL_TOKEN: env.config.internalToken,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += String(d)))
    child.stderr.on('data', (d) => (stderr += String(d)))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trimEnd().split('\n')).toEqual([
      'The worker refuses to start: job "remind" (queue reminders) has no handler. Every job needs exactly one handler.',
    ])
  })

  it('refuses to start with a handler that has no job', async () => {
    const handlers = { ...WORKER_HANDLERS, ghost: WORKER_HANDLERS[JOB.recalc] } as HandlerFactories
    await expect(startWorkers(env.config, {}, { db: env.db, handlers })).rejects.toThrow(JobRegistryError)
  })

  it('runs one BullMQ worker per queue that has jobs, every booking partition included', async () => {
    const runtime = await env.startWorkers()
    const names = runtime.workers.map((w) => w.name).sort()
    const partitions = Array.from({ length: env.config.queuePartitions }, (_, p) => `bookings-${p}`)
    expect(names).toEqual([...partitions, 'bulk', 'maintenance', 'recalc', 'reminders'].sort())
  })

  it('schedules the maintenance jobs under their registered names', async () => {
    const runtime = await env.startWorkers()
    const schedulers = await runtime.queues.maintenance.queue.getJobSchedulers()
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual(
      MAINTENANCE_SCHEDULE.map((m) => [m.name, m.everyMs]).sort(),
    )
  })

  it('fails a job whose name has no handler on its queue at once, without retries', async () => {
    const runtime = await env.startWorkers()
    const queue = runtime.queues.reminders.queue
    const events = new QueueEvents(queue.name, {
      connection: runtime.queues.connection(),
      prefix: runtime.queues.prefix,
    })
    await events.waitUntilReady()
    try {
      const job = await queue.add('ghost' as never, {} as never, { jobId: 'ghost-1', attempts: 5 })
      await job.waitUntilFinished(events).catch(() => undefined)
      const failed = await queue.getJob('ghost-1')
      expect(await failed!.getState()).toBe('failed')
      expect(failed!.failedReason).toBe('No handler for job "ghost" on this queue.')
      expect(failed!.attemptsMade).toBe(1)
    } finally {
      await events.close()
    }
  })
})
