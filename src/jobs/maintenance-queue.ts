// The maintenance queue: repeatable jobs that keep the grids inside the horizon and inside their
// TTL, and the reminder jobs in line with PostgreSQL. Their schedulers live in Redis, so the worker
// sets them again on every tick and a Redis that lost its data is repaired within one tick.
import type { Queue } from 'bullmq'
import { JOB, QUEUE } from './names.ts'

export const MAINTENANCE_QUEUE = QUEUE.maintenance

/** Maintenance jobs carry no data: what they do follows from their name and the clock. */
export type MaintenanceJob = Record<string, never>

/** Every repeatable job and how often it runs; the scheduler id is the job name. */
export const MAINTENANCE_SCHEDULE = [
  // Midnight comes at different times in different zones: a quarter of an hour is the finest step.
  { name: JOB.horizonRoll, everyMs: 15 * 60_000 },
  { name: JOB.refreshGrids, everyMs: 6 * 3600_000 },
  // Reminder jobs rebuilt from PostgreSQL (src/workers/reminder-rebuild.ts). A scheduler is created
  // again on the tick after a flush and its first job runs at once, so a lost reminder is back within
  // seconds; the period only covers smaller losses (a worker killed before its after-commit effects),
  // and each run re-offers every upcoming reminder (no-ops in Redis), so it is not more often.
  { name: JOB.rebuildReminders, everyMs: 15 * 60_000 },
] as const

export class MaintenanceQueue {
  constructor(readonly queue: Queue<MaintenanceJob>) {}

  async schedule() {
    for (const { name, everyMs } of MAINTENANCE_SCHEDULE) {
      await this.queue.upsertJobScheduler(name, { every: everyMs }, { name })
    }
  }
}
