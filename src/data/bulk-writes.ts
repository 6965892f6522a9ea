// The rows a bulk job writes, each inside the job's transaction: a specialist's weekly hours (with
// the bridging overrides that keep the old hours until a later start) and calendar overrides. A
// retried job reads what it wrote before, so these reads lock what the write depends on.
import type { Knex } from 'knex'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'

/** The specialist's weekly hours and zone, locked until `trx` ends; undefined: no such specialist. */
export async function lockSpecialistHours(
  trx: Knex.Transaction,
  specialistId: number,
): Promise<{ schedule: WeeklySchedule; zone: string } | undefined> {
  const s = await trx('specialists as s')
    .join('locations as l', 'l.id', 's.location_id')
    .where('s.id', specialistId)
    .forUpdate('s')
    .first('s.work_schedule', 'l.timezone')
  return s ? { schedule: (s.work_schedule ?? {}) as WeeklySchedule, zone: s.timezone as string } : undefined
}

export async function saveSpecialistHours(
  trx: Knex.Transaction,
  specialistId: number,
  schedule: WeeklySchedule,
): Promise<void> {
  await trx('specialists')
    .where({ id: specialistId })
    .update({ work_schedule: JSON.stringify(schedule), updated_at: trx.fn.now() })
}

/** The specialist's open/closed overrides that touch [from, until): the days a bridge must leave alone. */
export function fixedDayOverrides(
  trx: Knex.Transaction,
  specialistId: number,
  from: string,
  until: string,
): Promise<{ date_from: string; date_to: string }[]> {
  return trx('calendar_overrides')
    .where('specialist_id', specialistId)
    .whereIn('kind', ['open', 'closed'])
    .where('date_from', '<', until)
    .where('date_to', '>=', from)
    .select<{ date_from: string; date_to: string }[]>('date_from', 'date_to')
}

export interface NewOverride {
  target: OverrideTarget
  dateFrom: string
  dateTo: string
  kind: string
  intervals: TimeInterval[]
  reason: string
  actorId: number | null
}

export type OverrideTarget = { specialistId: number } | { locationId: number }

const targetColumn = (t: OverrideTarget) =>
  'specialistId' in t ? { specialist_id: t.specialistId } : { location_id: t.locationId }

export async function insertOverrides(
  trx: Knex.Transaction,
  overrides: readonly NewOverride[],
): Promise<void> {
  if (!overrides.length) return
  await trx('calendar_overrides').insert(
    overrides.map((o) => ({
      ...targetColumn(o.target),
      date_from: o.dateFrom,
      date_to: o.dateTo,
      kind: o.kind,
      intervals: JSON.stringify(o.intervals),
      reason: o.reason,
      created_by: o.actorId,
    })),
  )
}

/**
 * Locks the override's target (a specialist or a location) so that two runs of one job serialise;
 * false when it no longer exists.
 */
export async function lockOverrideTarget(trx: Knex.Transaction, t: OverrideTarget): Promise<boolean> {
  const [table, id] = 'specialistId' in t ? ['specialists', t.specialistId] : ['locations', t.locationId]
  return !!(await trx(table).where({ id }).forUpdate().first('id'))
}

/** Whether exactly this override (target, dates, kind, reason, intervals) is already stored. */
export async function overrideExists(trx: Knex.Transaction, o: NewOverride): Promise<boolean> {
  return !!(await trx('calendar_overrides')
    .where({ ...targetColumn(o.target), date_from: o.dateFrom, date_to: o.dateTo, kind: o.kind })
    .where('reason', o.reason)
    .whereRaw('intervals = ?::jsonb', [JSON.stringify(o.intervals)])
    .first('id'))
}
