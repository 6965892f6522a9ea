// The recalc job: claims the dates waiting for its specialist or room, computes their grids from
// PostgreSQL and stores them (a grid never replaces a newer one, see grid-store.ts).
import type { Job } from 'bullmq'
import type { Db } from '../data/db.ts'
import type { RecalcQueue } from '../jobs/recalc-queue.ts'
import { computeRoomGrids, computeSpecialistGrids } from '../slots/grid-builder.ts'
import type { GridStore } from '../slots/grid-store.ts'
import type { RecalcTarget } from '../slots/keys.ts'

export function recalcProcessor(deps: { db: Db; store: GridStore; recalc: RecalcQueue }) {
  return async (job: Job<RecalcTarget>) => {
    const target = job.data
    const dates = await deps.recalc.claim(target, job.id!)
    if (!dates.length) return { dates: 0, written: 0 }
    try {
      const written =
        target.kind === 'specialist'
          ? await deps.store.writeSpecialist(await computeSpecialistGrids(deps.db, target.id, dates))
          : await deps.store.writeRoom(await computeRoomGrids(deps.db, target.id, dates))
      return { dates: dates.length, written }
    } catch (err) {
      // Put the dates back so the retry (or the next job) does them.
      await deps.recalc.enqueue(target, dates)
      throw err
    }
  }
}
