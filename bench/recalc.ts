// Bulk recalculation (docs/product.md §4): every specialist and room × 60 days, from the enqueue
// (`planner.everything()`, what the periodic refresh runs) to the last grid written, with 1 and
// then 2 real worker processes; then the Redis memory the grids take.
//
// Usage: npx tsx bench/recalc.ts [--specialists=1000] [--rounds=3] [--workers=1,2] [--profile]
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Job } from 'bullmq'
import { createBenchEnv } from './setup.ts'
import { flag, numberOption, ourPids, runBench, startWorker, tempDir, type Child } from './lifecycle.ts'
import {
  countGridKeys,
  deleteGridKeys,
  gridMemory,
  openEngine,
  waitForRecalcDrained,
  waitForStartupRefresh,
} from './grids.ts'
import { describeCpu, median, printTable, quietRun } from './load.ts'
import { describeMachine, measureCpu, waitForQuiet } from './machine.ts'
import { summariseProfile } from './profile-summary.ts'

const SPECIALISTS = numberOption('specialists', 1000)
const ROUNDS = numberOption('rounds', 3)
const WORKER_COUNTS = (process.argv.find((a) => a.startsWith('--workers='))?.slice(10) ?? '1,2')
  .split(',')
  .map(Number)
const PROFILE = flag('profile')

runBench('recalc', 15 * 60_000, async (scope) => {
  const t0 = Date.now()
  const env = await createBenchEnv({ specialists: SPECIALISTS })
  scope.defer('database and Redis keys', env.cleanup)
  console.log(`machine: ${await describeMachine(env.db, env.rawRedis)}`)
  const { seed, config, rawRedis } = env
  const targets = seed.specialists.length + seed.rooms.length
  const expectedKeys = targets * 60
  console.log(
    `seeded ${seed.specialists.length} specialists, ${seed.rooms.length} rooms, ${seed.bookings} bookings ` +
      `in ${((Date.now() - t0) / 1000).toFixed(1)} s (database ${env.databaseName}); ` +
      `a full recalc writes ${expectedKeys} day grids`,
  )
  const runtime = openEngine(config, env.db)
  scope.defer('queues', runtime.close)

  const rows: unknown[][] = []
  const summary: { workers: number; seconds: number[] }[] = []
  for (const count of WORKER_COUNTS) {
    const profDir = PROFILE ? tempDir(`recalc-prof-${count}`) : undefined
    const workers: Child[] = []
    for (let i = 0; i < count; i++) {
      const w = await startWorker(`worker-${i + 1}`, env.env, { cpuProfDir: profDir })
      scope.defer(`worker ${i + 1} of ${count}`, () => w.stop())
      workers.push(w)
    }
    // The workers' own start-up refresh runs first (and warms their JIT); measure after it.
    await waitForStartupRefresh(runtime.queues)
    const seconds: number[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await quietRun(`${count} worker(s), round ${round}`, async () => {
        await deleteGridKeys(rawRedis, config.redisPrefix)
        const quiet = await waitForQuiet(ourPids)
        if (quiet.waitedOut) console.log('  (machine busy with other processes; running anyway)')
        const cpu = measureCpu(ourPids)
        const start = Date.now()
        const enqueued = await runtime.planner.everything()
        const enqueuedAt = Date.now()
        const drainedAt = await waitForRecalcDrained(runtime.queues, 300_000)
        const used = cpu()
        const done = (await runtime.queues.recalc.queue.getJobs(['completed'], 0, -1)) as Job[]
        const ours = done.filter((j) => (j.timestamp ?? 0) >= start)
        const lastWritten = Math.max(...ours.map((j) => j.finishedOn ?? 0))
        return {
          cpu: used,
          enqueued,
          jobs: ours.length,
          enqueueS: (enqueuedAt - start) / 1000,
          lastGridS: (lastWritten - start) / 1000,
          drainedS: (drainedAt - start) / 1000,
        }
      })
      const failed = await runtime.queues.recalc.queue.getJobCountByTypes('failed')
      const keys = await countGridKeys(rawRedis, config.redisPrefix)
      seconds.push(r.lastGridS)
      rows.push([
        count,
        round,
        r.enqueued,
        r.jobs,
        r.enqueueS.toFixed(2),
        r.lastGridS.toFixed(2),
        r.drainedS.toFixed(2),
        `${keys.specialist + keys.room}/${expectedKeys}`,
        failed,
        describeCpu(r.cpu),
      ])
      console.log(
        `  ${count} worker(s), round ${round}: ${r.lastGridS.toFixed(2)} s to the last grid ` +
          `(${r.jobs} jobs, ${keys.specialist + keys.room}/${expectedKeys} keys)`,
      )
      if (keys.specialist + keys.room !== expectedKeys) throw new Error('grid keys missing after the recalc')
    }
    summary.push({ workers: count, seconds })
    for (const w of workers) await w.stop()
    if (profDir) {
      for (const f of readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'))) {
        const pid = Number(f.split('.')[3])
        const who = workers.find((c) => c.process.pid === pid)?.name ?? 'helper thread'
        console.log(`\n[${who} of ${count}] ${summariseProfile(join(profDir, f))}`)
      }
      console.log(`(profiles kept in ${profDir})`)
    }
  }

  console.log('\nevery round (times from the start of the enqueue):')
  printTable(
    [
      'workers',
      'round',
      'targets',
      'jobs',
      'enqueue s',
      'last grid s',
      'seen drained s',
      'keys',
      'failed',
      'CPU cores used',
    ],
    rows,
  )

  const mem = await gridMemory(rawRedis, config.redisPrefix)
  const total = { keys: mem.specialist.keys + mem.room.keys, bytes: mem.specialist.bytes + mem.room.bytes }
  const info = await rawRedis.info('memory')
  const used = /used_memory:(\d+)/.exec(info)?.[1]
  console.log('\nRedis memory of the grids (MEMORY USAGE, summed over the keys of this run):')
  printTable(
    ['keys', 'count', 'MEMORY USAGE total', 'per key', 'value bytes per key'],
    [
      [
        'slots_preview:*',
        mem.specialist.keys,
        `${(mem.specialist.bytes / 2 ** 20).toFixed(2)} MiB`,
        Math.round(mem.specialist.bytes / mem.specialist.keys),
        (mem.specialist.valueBytes / mem.specialist.keys).toFixed(1),
      ],
      [
        'room_preview:*',
        mem.room.keys,
        `${(mem.room.bytes / 2 ** 20).toFixed(2)} MiB`,
        Math.round(mem.room.bytes / mem.room.keys),
        (mem.room.valueBytes / mem.room.keys).toFixed(1),
      ],
      [
        'all grids',
        total.keys,
        `${(total.bytes / 2 ** 20).toFixed(2)} MiB`,
        Math.round(total.bytes / total.keys),
        '',
      ],
    ],
  )
  console.log(
    `(the whole Redis server: used_memory ${used ? (Number(used) / 2 ** 20).toFixed(1) : '?'} MiB, shared with other users)`,
  )

  console.log(`\nsummary (${seed.specialists.length} specialists + ${seed.rooms.length} rooms × 60 days):`)
  printTable(
    ['figure', 'measured', 'target', 'verdict'],
    [
      ...summary.map((s) => {
        const m = median(s.seconds)
        return [
          `bulk recalc, ${s.workers} worker process${s.workers > 1 ? 'es' : ''} (median of ${s.seconds.length})`,
          `${m.toFixed(2)} s`,
          '≤ 5 s',
          m <= 5 ? 'met' : 'MISSED',
        ]
      }),
      [
        'Redis memory of all grids',
        `${(total.bytes / 2 ** 20).toFixed(2)} MiB (${Math.round(total.bytes / total.keys)} B/key)`,
        'reported',
        'met',
      ],
    ],
  )
})
