// Turns a catalogue change into recalc jobs for exactly what it affects (docs/product.md §4's table): bumps
// the grid versions of the affected specialists and rooms (so that no grid computed before the
// change can be stored after it), announces the change to every process's catalogue cache, and
// enqueues the affected dates.
import type { Redis } from 'ioredis'
import type { Db } from '../data/db.ts'
import type { SetupChange } from '../domain/changes.ts'
import { addDays, dateRange, daysBetween, todayIn } from '../domain/dates.ts'
import { companySettings } from '../data/company-repository.ts'
import type { RecalcQueue } from '../jobs/recalc-queue.ts'
import { announceSetupChange } from './slot-inputs.ts'
import type { RecalcTarget } from './keys.ts'

interface Affected {
  specialists: { id: number; zone: string }[]
  rooms: { id: number; zone: string }[]
  /** Limit to these local dates (inclusive); the whole horizon when absent. */
  dateFrom?: string
  dateTo?: string
}

export class RecalcPlanner {
  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly recalc: RecalcQueue,
  ) {}

  async onChange(change: SetupChange, now = Date.now()): Promise<{ job_ids: string[] }> {
    const affected = await this.affected(change)
    await this.bumpVersions(affected)
    await announceSetupChange(this.redis, this.redisPrefix)
    const horizon = (await companySettings(this.db)).bookingHorizonDays
    const jobs: Promise<string | null>[] = []
    const add = (target: RecalcTarget, zone: string) =>
      jobs.push(
        this.recalc.enqueue(target, horizonDates(zone, horizon, now, affected.dateFrom, affected.dateTo)),
      )
    for (const s of affected.specialists) add({ kind: 'specialist', id: s.id }, s.zone)
    for (const r of affected.rooms) add({ kind: 'room', id: r.id }, r.zone)
    const ids = await Promise.all(jobs)
    return { job_ids: [...new Set(ids.filter((id): id is string => id !== null))] }
  }

  /** Every specialist and room, every date of the horizon (the periodic refresh). */
  async everything(now = Date.now(), onlyLastDay = false): Promise<number> {
    const horizon = (await companySettings(this.db)).bookingHorizonDays
    const [specialists, rooms] = await Promise.all([this.specialistsWhere({}), this.roomsWhere({})])
    const dates = (zone: string) => {
      const all = horizonDates(zone, horizon, now)
      return onlyLastDay ? all.slice(-1) : all
    }
    await Promise.all([
      ...specialists.map((s) => this.recalc.enqueue({ kind: 'specialist', id: s.id }, dates(s.zone))),
      ...rooms.map((r) => this.recalc.enqueue({ kind: 'room', id: r.id }, dates(r.zone))),
    ])
    return specialists.length + rooms.length
  }

  private specialistsWhere(where: Record<string, number>) {
    return this.db('specialists as s')
      .join('locations as l', 'l.id', 's.location_id')
      .where(where)
      .select('s.id', 'l.timezone as zone') as Promise<{ id: number; zone: string }[]>
  }

  private roomsWhere(where: Record<string, number>) {
    return this.db('rooms as r')
      .join('locations as l', 'l.id', 'r.location_id')
      .where(where)
      .select('r.id', 'l.timezone as zone') as Promise<{ id: number; zone: string }[]>
  }

  private async affected(change: SetupChange): Promise<Affected> {
    switch (change.kind) {
      case 'location_schedule':
        return {
          specialists: await this.specialistsWhere({ 's.location_id': change.locationId }),
          rooms: await this.roomsWhere({ 'r.location_id': change.locationId }),
        }
      case 'specialist_schedule':
        return { specialists: await this.specialistsWhere({ 's.id': change.specialistId }), rooms: [] }
      case 'room':
        return { specialists: [], rooms: await this.roomsWhere({ 'r.id': change.roomId }) }
      case 'override': {
        const range = { dateFrom: change.dateFrom, dateTo: change.dateTo }
        if (change.locationId !== undefined) {
          return {
            specialists: await this.specialistsWhere({ 's.location_id': change.locationId }),
            rooms: await this.roomsWhere({ 'r.location_id': change.locationId }),
            ...range,
          }
        }
        if (change.specialistId !== undefined) {
          return {
            specialists: await this.specialistsWhere({ 's.id': change.specialistId }),
            rooms: [],
            ...range,
          }
        }
        return { specialists: [], rooms: await this.roomsWhere({ 'r.id': change.roomId! }), ...range }
      }
      case 'service': {
        // Stored grids do not depend on services (durations and rooms are applied when slots are
        // read), so what makes a service change visible is the catalogue announcement above; the
        // recalc of its specialists (docs/product.md §4) refreshes their grids alongside.
        const specialists = (await this.db('specialist_services as ss')
          .join('specialists as s', 's.id', 'ss.specialist_id')
          .join('locations as l', 'l.id', 's.location_id')
          .where('ss.service_id', change.serviceId)
          .select('s.id', 'l.timezone as zone')) as { id: number; zone: string }[]
        return { specialists, rooms: [] }
      }
    }
  }

  private async bumpVersions(a: Affected) {
    if (a.specialists.length) {
      await this.db('specialists')
        .whereIn(
          'id',
          a.specialists.map((s) => s.id),
        )
        .increment('grid_version', 1)
    }
    if (a.rooms.length) {
      await this.db('rooms')
        .whereIn(
          'id',
          a.rooms.map((r) => r.id),
        )
        .increment('grid_version', 1)
    }
  }
}

/** The horizon's dates in `zone`, optionally cut to [from, to]. */
export function horizonDates(
  zone: string,
  horizon: number,
  now: number,
  from?: string,
  to?: string,
): string[] {
  const today = todayIn(zone, now)
  const last = addDays(today, horizon - 1)
  const start = from && from > today ? from : today
  const end = to && to < last ? to : last
  const count = daysBetween(start, end) + 1
  return count > 0 ? dateRange(start, count) : []
}
