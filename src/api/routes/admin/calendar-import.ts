// .ics import for a specialist (issue 11 item 9): an admin uploads a calendar file under a source
// name; its busy times inside the booking horizon (today → horizon, in the specialist's location
// zone) become `blocked` overrides on that specialist's calendar. Preview shows what an import
// would do (busy times, blocks, bookings they collide with, what it replaces) and writes nothing;
// apply replaces the previous import of the same source in one transaction, then recalculates.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { companySettings } from '../../../data/company-repository.ts'
import { calendarImportsRepository, type CalendarImport } from '../../../data/calendar-imports-repository.ts'
import type { OverrideRow } from '../../../data/setup-repository.ts'
import { createSetupRepository } from '../../../data/setup-repository.ts'
import type { SetupChange } from '../../../domain/changes.ts'
import { addDays, todayIn } from '../../../domain/dates.ts'
import { invalid, notFound } from '../../../domain/errors.ts'
import { blocksOf, readIcs, type BusyWindow } from '../../../domain/ics-busy.ts'
import { date, errors, id, idParams, nullable, obj, timestamp } from '../../schemas/common.ts'
import { EXPECTED } from '../../schemas/validation-messages.ts'
import { overrideOutput } from './overrides.ts'
import { ADMIN, intervalsOutput, recalcAfter, recalcOutput, refuseNulCharacters } from './shared.ts'

/** Calendar files are larger than the API's usual bodies: a few years of events fit in this. */
const ICS_BODY_LIMIT = 4 * 1024 * 1024

const tags = ['admin: calendar import']

const source = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[^/\\x00-\\x1f]*[^\\s/\\x00-\\x1f][^/\\x00-\\x1f]*$',
  description:
    'Your name for the calendar ("google", "work.ics"): importing the same source again replaces it.',
  example: 'google',
  [EXPECTED]: 'a name of 1–100 characters without "/", such as "google" or "work.ics"',
})

const importBody = obj(
  {
    source,
    ics: Type.String({
      minLength: 1,
      maxLength: ICS_BODY_LIMIT,
      description: 'The text of the .ics file (iCalendar, RFC 5545).',
    }),
  },
  ['source', 'ics'],
)

interface ImportBody {
  source: string
  ics: string
}

const busyOutput = obj(
  {
    uid: Type.String(),
    summary: Type.String(),
    all_day: Type.Boolean(),
    start: { ...timestamp, description: 'UTC.' },
    end: { ...timestamp, description: 'UTC.' },
    local_start: { ...timestamp, description: "The same instant with the location's offset." },
    local_end: { ...timestamp, description: "The same instant with the location's offset." },
  },
  ['uid', 'summary', 'all_day', 'start', 'end', 'local_start', 'local_end'],
)

const skippedOutput = obj(
  {
    uid: Type.String(),
    summary: Type.String(),
    reason: Type.Union([Type.Literal('cancelled'), Type.Literal('transparent'), Type.Literal('excluded')], {
      description:
        '`cancelled`: STATUS:CANCELLED (a series, or one instance by RECURRENCE-ID); `transparent`: ' +
        '"show as free"; `excluded`: an EXDATE of a busy series.',
    }),
    local_start: {
      ...timestamp,
      description: "The first skipped instance in the window, location's offset.",
    },
    instances: Type.Integer({ minimum: 1, description: 'Instances of it inside the window.' }),
  },
  ['uid', 'summary', 'reason', 'local_start', 'instances'],
)

const plannedBlockOutput = obj({ date_from: date, date_to: date, intervals: intervalsOutput }, [
  'date_from',
  'date_to',
  'intervals',
])

const collisionOutput = obj(
  {
    booking_id: id,
    status: Type.String(),
    start: timestamp,
    end: timestamp,
    client_id: id,
    client_name: Type.String(),
    service_id: id,
    service_name: Type.String(),
    busy_start: timestamp,
    busy_end: timestamp,
    summary: Type.String(),
  },
  [
    'booking_id',
    'status',
    'start',
    'end',
    'client_id',
    'client_name',
    'service_id',
    'service_name',
    'busy_start',
    'busy_end',
    'summary',
  ],
)

const importOutput = obj(
  {
    source: Type.String(),
    window_from: date,
    window_to: date,
    busy_count: Type.Integer(),
    imported_by: nullable(Type.Integer()),
    imported_at: timestamp,
  },
  ['source', 'window_from', 'window_to', 'busy_count', 'imported_by', 'imported_at'],
)

const windowOutput = obj({ zone: Type.String(), from: date, to: date }, ['zone', 'from', 'to'])

const previewOutput = obj(
  {
    source: Type.String(),
    window: windowOutput,
    busy: Type.Array(busyOutput),
    skipped: Type.Array(skippedOutput, {
      description: 'Events and instances inside the window that block nothing, and why.',
    }),
    blocks: Type.Array(plannedBlockOutput),
    collisions: Type.Array(collisionOutput),
    replaces: Type.Union([
      Type.Null(),
      obj({ import: importOutput, blocks: Type.Array(overrideOutput) }, ['import', 'blocks']),
    ]),
  },
  ['source', 'window', 'busy', 'skipped', 'blocks', 'collisions', 'replaces'],
)

const applyOutput = obj(
  {
    import: importOutput,
    blocks: Type.Array(overrideOutput),
    removed_blocks: Type.Integer({
      description: 'Blocks of the previous import of this source, now deleted.',
    }),
    collisions: Type.Array(collisionOutput),
    recalc: recalcOutput,
  },
  ['import', 'blocks', 'removed_blocks', 'collisions', 'recalc'],
)

const deleteOutput = obj(
  { source: Type.String(), deleted: Type.Boolean(), removed_blocks: Type.Integer(), recalc: recalcOutput },
  ['source', 'deleted', 'removed_blocks', 'recalc'],
)

const importOf = (row: CalendarImport) => ({
  source: row.source,
  window_from: row.window_from,
  window_to: row.window_to,
  busy_count: row.busy_count,
  imported_by: row.imported_by,
  imported_at: row.imported_at,
})

/** One change covering every date whose blocks were removed or added (the planner keeps the horizon). */
function changeOf(specialistId: number, rows: OverrideRow[]): SetupChange[] {
  if (rows.length === 0) return []
  const from = rows.map((r) => r.date_from).reduce((a, b) => (a < b ? a : b))
  const to = rows.map((r) => r.date_to).reduce((a, b) => (a > b ? a : b))
  return [{ kind: 'override', specialistId, dateFrom: from, dateTo: to }]
}

export default async function adminCalendarImportRoutes(app: FastifyInstance) {
  const { db } = app.deps
  const setup = createSetupRepository(db)
  const imports = calendarImportsRepository(db)
  refuseNulCharacters(app)

  /** The window an import reads: today → the horizon's last day, in the specialist's zone. */
  async function windowOf(specialistId: number): Promise<BusyWindow> {
    const zone = await setup.zoneOfTarget({ specialist_id: specialistId })
    if (!zone) throw notFound(`Specialist ${specialistId}`)
    const { bookingHorizonDays } = await companySettings(db)
    const from = todayIn(zone)
    return { zone, from, to: addDays(from, bookingHorizonDays - 1) }
  }

  /** The file read: its busy times, the blocks they become and the bookings they collide with. */
  async function read(specialistId: number, body: ImportBody) {
    if (!body.ics.trim()) throw invalid('The file is empty.', 'invalid_ics')
    const window = await windowOf(specialistId)
    const { busy, skipped } = readIcs(body.ics, window)
    const blocks = blocksOf(busy, window)
    const collisions = await imports.collisions(specialistId, busy, window.zone)
    return { window, busy, skipped, blocks, collisions }
  }

  app.get<{ Params: { id: number } }>(
    '/specialists/:id/calendar-imports',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminListCalendarImports',
        tags,
        summary: "A specialist's imported calendars",
        params: idParams,
        response: {
          200: obj({ items: Type.Array(importOutput), total: Type.Integer() }, ['items', 'total']),
          ...errors(401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      await windowOf(request.params.id)
      const items = (await imports.list(request.params.id)).map(importOf)
      return { items, total: items.length }
    },
  )

  app.post<{ Params: { id: number }; Body: ImportBody }>(
    '/specialists/:id/calendar-import/preview',
    {
      config: ADMIN,
      bodyLimit: ICS_BODY_LIMIT,
      schema: {
        operationId: 'adminPreviewCalendarImport',
        tags,
        summary: 'What importing an .ics file would block (writes nothing)',
        description:
          "The busy times of the file inside the booking horizon (today → horizon in the specialist's " +
          'location zone; RRULE, EXDATE and RECURRENCE-ID expanded; cancelled and transparent events ' +
          'skipped and listed in `skipped` with excluded dates), the blocks they would become (15-minute cells, local time), the bookings they ' +
          'collide with, and the previous import of the same source that applying would replace. An ' +
          'unknown time zone is 422 `unknown_time_zone`, naming it.',
        params: idParams,
        body: importBody,
        response: { 200: previewOutput, ...errors(401, 403, 404, 413, 422) },
      },
    },
    async (request) => {
      const specialistId = request.params.id
      const { source: name } = request.body
      const { window, busy, skipped, blocks, collisions } = await read(specialistId, request.body)
      const previous = await imports.get(specialistId, name)
      return {
        source: name,
        window,
        busy: busy.map((b) => ({
          uid: b.uid,
          summary: b.summary,
          all_day: b.allDay,
          start: b.start,
          end: b.end,
          local_start: b.localStart,
          local_end: b.localEnd,
        })),
        skipped: skipped.map((s) => ({
          uid: s.uid,
          summary: s.summary,
          reason: s.reason,
          local_start: s.localStart,
          instances: s.instances,
        })),
        blocks: blocks.map((b) => ({ date_from: b.dateFrom, date_to: b.dateTo, intervals: b.intervals })),
        collisions,
        replaces: previous ? { import: importOf(previous), blocks: previous.blocks } : null,
      }
    },
  )

  app.post<{ Params: { id: number }; Body: ImportBody }>(
    '/specialists/:id/calendar-import',
    {
      config: ADMIN,
      bodyLimit: ICS_BODY_LIMIT,
      schema: {
        operationId: 'adminApplyCalendarImport',
        tags,
        summary:
          'Import an .ics file: its busy times become blocks, replacing the previous import of the source',
        description:
          'Reads the file as the preview does, then in one transaction deletes the blocks of the ' +
          'previous import of the same source and writes the new ones (`blocked` overrides, as ' +
          '/api/me/blocks creates). Bookings the busy times collide with are kept and listed. The ' +
          "affected dates' slots are recalculated (`recalc`).",
        params: idParams,
        body: importBody,
        response: { 200: applyOutput, ...errors(401, 403, 404, 413, 422) },
      },
    },
    async (request) => {
      const specialistId = request.params.id
      const { window, busy, blocks, collisions } = await read(specialistId, request.body)
      const result = await imports.replace({
        specialistId,
        source: request.body.source,
        windowFrom: window.from,
        windowTo: window.to,
        busyCount: busy.length,
        blocks: blocks.map((b) => ({ date_from: b.dateFrom, date_to: b.dateTo, intervals: b.intervals })),
        importedBy: request.auth?.userId ?? null,
      })
      const recalc = await recalcAfter(
        app,
        request,
        changeOf(specialistId, [...result.removed, ...result.added]),
      )
      return {
        import: importOf(result.import),
        blocks: result.added,
        removed_blocks: result.removed.length,
        collisions,
        recalc,
      }
    },
  )

  app.delete<{ Params: { id: number; source: string } }>(
    '/specialists/:id/calendar-import/:source',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteCalendarImport',
        tags,
        summary: 'Remove an imported calendar and its blocks',
        params: obj({ id, source }, ['id', 'source']),
        response: { 200: deleteOutput, ...errors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { id: specialistId, source: name } = request.params
      const removed = await imports.remove(specialistId, name)
      if (!removed)
        throw notFound(`The calendar import ${JSON.stringify(name)} of specialist ${specialistId}`)
      const recalc = await recalcAfter(app, request, changeOf(specialistId, removed.removed))
      return { source: name, deleted: true, removed_blocks: removed.removed.length, recalc }
    },
  )
}
