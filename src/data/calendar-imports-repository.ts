// Calendar imports (db/migrations/011_calendar_imports.ts): the blocks an .ics import wrote on a
// specialist's calendar, per source, replaced or removed in one transaction; and the bookings that
// busy times collide with. The blocks are `blocked` calendar overrides like any other.
import type { Knex } from 'knex'
import { isoInZone } from '../domain/dates.ts'
import type { TimeInterval } from '../domain/schedule.ts'
import type { OverrideRow } from './setup-repository.ts'

export interface CalendarImport {
  id: number
  specialist_id: number
  source: string
  window_from: string
  window_to: string
  busy_count: number
  imported_by: number | null
  imported_at: Date
}

/** An import with the blocks it holds now (some may have been deleted by hand since). */
export interface CalendarImportWithBlocks extends CalendarImport {
  blocks: OverrideRow[]
}

export interface NewBlock {
  date_from: string
  date_to: string
  intervals: TimeInterval[]
}

export interface ReplaceInput {
  specialistId: number
  source: string
  windowFrom: string
  windowTo: string
  busyCount: number
  blocks: NewBlock[]
  importedBy: number | null
}

/** A busy time as the collision check needs it: epoch ms, and what to call it. */
export interface BusySpan {
  startMs: number
  endMs: number
  summary: string
}

/** A booking that a busy time overlaps. */
export interface Collision {
  booking_id: number
  status: string
  /** ISO 8601 with the location's offset. */
  start: string
  end: string
  client_id: number
  client_name: string
  service_id: number
  service_name: string
  busy_start: string
  busy_end: string
  summary: string
}

const IMPORT_COLUMNS = [
  'id',
  'specialist_id',
  'source',
  'window_from',
  'window_to',
  'busy_count',
  'imported_by',
  'imported_at',
] as const

const OVERRIDE_COLUMNS = [
  'o.id',
  'o.location_id',
  'o.specialist_id',
  'o.room_id',
  'o.date_from',
  'o.date_to',
  'o.kind',
  'o.intervals',
  'o.reason',
  'o.created_by',
  'o.created_at',
] as const

/** What a block says about where it came from (admins and the specialist read it in their lists). */
export const importReason = (source: string) => `Imported from the calendar "${source}"`

export function calendarImportsRepository(db: Knex) {
  const blocksOf = (k: Knex, importId: number) =>
    k('calendar_overrides as o')
      .join('calendar_import_blocks as b', 'b.override_id', 'o.id')
      .where('b.import_id', importId)
      .orderBy(['o.date_from', 'o.id'])
      .select<OverrideRow[]>(...OVERRIDE_COLUMNS)

  /** Deletes the import's blocks (the links go with them) and answers them. */
  const deleteBlocks = (k: Knex, importId: number) =>
    k('calendar_overrides')
      .whereIn('id', k('calendar_import_blocks').where('import_id', importId).select('override_id'))
      .delete()
      .returning<OverrideRow[]>(OVERRIDE_COLUMNS.map((c) => c.slice(2)))

  return {
    async list(specialistId: number, trx?: Knex): Promise<CalendarImport[]> {
      return (trx ?? db)('calendar_imports')
        .where('specialist_id', specialistId)
        .orderBy('source')
        .select(...IMPORT_COLUMNS)
    },

    /** The import of `source` with its blocks; undefined when there is none. */
    async get(
      specialistId: number,
      source: string,
      trx?: Knex,
    ): Promise<CalendarImportWithBlocks | undefined> {
      const k = trx ?? db
      const row = await k('calendar_imports')
        .where({ specialist_id: specialistId, source })
        .first<CalendarImport | undefined>(...IMPORT_COLUMNS)
      if (!row) return undefined
      return { ...row, blocks: await blocksOf(k, row.id) }
    },

    /**
     * Writes an import in one transaction: the import row (locked, so two imports of one source run
     * one after the other), the previous blocks of that source deleted, the new ones inserted.
     * Answers the import, the blocks removed and the blocks added.
     */
    async replace(
      input: ReplaceInput,
    ): Promise<{ import: CalendarImport; removed: OverrideRow[]; added: OverrideRow[] }> {
      return db.transaction(async (trx) => {
        const [row] = await trx('calendar_imports')
          .insert({
            specialist_id: input.specialistId,
            source: input.source,
            window_from: input.windowFrom,
            window_to: input.windowTo,
            busy_count: input.busyCount,
            imported_by: input.importedBy,
          })
          .onConflict(['specialist_id', 'source'])
          .merge({
            window_from: input.windowFrom,
            window_to: input.windowTo,
            busy_count: input.busyCount,
            imported_by: input.importedBy,
            imported_at: trx.fn.now(),
          })
          .returning<CalendarImport[]>(IMPORT_COLUMNS)
        const imported = row!
        const removed = await deleteBlocks(trx, imported.id)
        let added: OverrideRow[] = []
        if (input.blocks.length > 0) {
          added = await trx('calendar_overrides')
            .insert(
              input.blocks.map((b) => ({
                specialist_id: input.specialistId,
                date_from: b.date_from,
                date_to: b.date_to,
                kind: 'blocked',
                intervals: JSON.stringify(b.intervals),
                reason: importReason(input.source),
                created_by: input.importedBy,
              })),
            )
            .returning<OverrideRow[]>(OVERRIDE_COLUMNS.map((c) => c.slice(2)))
          await trx('calendar_import_blocks').insert(
            added.map((o) => ({ override_id: o.id, import_id: imported.id })),
          )
        }
        return { import: imported, removed, added }
      })
    },

    /** Removes an import and its blocks; undefined when there was none. */
    async remove(
      specialistId: number,
      source: string,
    ): Promise<{ import: CalendarImport; removed: OverrideRow[] } | undefined> {
      return db.transaction(async (trx) => {
        const row = await trx('calendar_imports')
          .where({ specialist_id: specialistId, source })
          .forUpdate()
          .first<CalendarImport | undefined>(...IMPORT_COLUMNS)
        if (!row) return undefined
        const removed = await deleteBlocks(trx, row.id)
        await trx('calendar_imports').where('id', row.id).delete()
        return { import: row, removed }
      })
    },

    /**
     * The specialist's bookings that still hold time (requested, confirmed) and overlap a busy
     * time, one row per pair, in start order; instants shown in `zone`.
     */
    async collisions(specialistId: number, busy: BusySpan[], zone: string, trx?: Knex): Promise<Collision[]> {
      if (busy.length === 0) return []
      const spans = busy.map((b) => ({
        start: new Date(b.startMs).toISOString(),
        end: new Date(b.endMs).toISOString(),
        summary: b.summary,
      }))
      const k = trx ?? db
      const rows = await k
        .from(
          k.raw(`jsonb_to_recordset(?::jsonb) as x(start timestamptz, "end" timestamptz, summary text)`, [
            JSON.stringify(spans),
          ]),
        )
        .join('bookings as bk', (j) => j.on('bk.starts_at', '<', 'x.end').andOn('bk.ends_at', '>', 'x.start'))
        .join('users as c', 'c.id', 'bk.client_id')
        .join('services as sv', 'sv.id', 'bk.service_id')
        .where('bk.specialist_id', specialistId)
        .whereIn('bk.status', ['requested', 'confirmed'])
        .orderBy([{ column: 'bk.starts_at' }, { column: 'bk.id' }, { column: 'x.start' }])
        .select<
          {
            id: number
            status: string
            starts_at: Date
            ends_at: Date
            client_id: number
            client_name: string
            service_id: number
            service_name: string
            busy_start: Date
            busy_end: Date
            summary: string
          }[]
        >(
          'bk.id',
          'bk.status',
          'bk.starts_at',
          'bk.ends_at',
          'bk.client_id',
          'c.name as client_name',
          'bk.service_id',
          'sv.name as service_name',
          'x.start as busy_start',
          'x.end as busy_end',
          'x.summary',
        )
      return rows.map((r) => ({
        booking_id: r.id,
        status: r.status,
        start: isoInZone(r.starts_at, zone),
        end: isoInZone(r.ends_at, zone),
        client_id: r.client_id,
        client_name: r.client_name,
        service_id: r.service_id,
        service_name: r.service_name,
        busy_start: isoInZone(r.busy_start, zone),
        busy_end: isoInZone(r.busy_end, zone),
        summary: r.summary,
      }))
    },
  }
}

export type CalendarImportsRepository = ReturnType<typeof calendarImportsRepository>
