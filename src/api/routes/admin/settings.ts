// The company's settings, read and changed by admins. Every key is optional in a change and has the
// range `parseSettings` accepts, so what is stored is what is used. A change applies from the next
// request on in every API process (admin writes announce a catalogue change, which drops each
// process's cached settings); terms copied into bookings (cancellation, prepayment, reminders) apply
// to bookings made after it. A longer horizon has its new days computed at once.
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { storedForm } from '../../../data/settings-repository.ts'
import { Type } from 'typebox'
import { addDays, todayIn } from '../../../domain/dates.ts'
import { invalid } from '../../../domain/errors.ts'
import { MoneyError, percentToBasisPoints } from '../../../domain/money.ts'
import { horizonDates } from '../../../slots/recalc-planner.ts'
import { errors, obj, oneOf } from '../../schemas/common.ts'
import { ADMIN, withRecalc, type Recalc } from './shared.ts'

const fields = {
  booking_horizon_days: Type.Integer({
    minimum: 1,
    maximum: 365,
    description: 'How many days ahead clients see and book times, today included.',
  }),
  min_lead_minutes: Type.Integer({
    minimum: 0,
    maximum: 7 * 1440,
    description: 'Times starting sooner than this are not offered to clients.',
  }),
  free_cancellation_hours: Type.Integer({
    minimum: 0,
    maximum: 24 * 30,
    description: 'A client cancels for free until this many hours before the start.',
  }),
  late_cancellation_fee_percent: Type.Number({
    minimum: 0,
    maximum: 100,
    description: 'Share of a wallet payment kept on a later cancellation or a no-show: 0–100, two decimals.',
  }),
  late_cancellation_consumes_visit: Type.Boolean({
    description: 'Whether a later cancellation or a no-show of a package booking uses up the visit.',
  }),
  cancellation_grace_minutes: Type.Integer({
    minimum: 0,
    maximum: 1440,
    description: 'Minutes after booking in which a client cancels for free even when it is late; 0: none.',
  }),
  reminder_offsets_minutes: Type.Array(Type.Integer({ minimum: 1, maximum: 30 * 1440 }), {
    maxItems: 10,
    uniqueItems: true,
    description: 'Reminders before a booking, in minutes (e.g. [1440, 120]); [] sends none.',
  }),
  prepayment: oneOf(['none', 'required'], {
    description: '"required": clients pay from a package or the wallet when they book.',
  }),
} as const

export const settingsOutput = obj(fields, Object.keys(fields) as (keyof typeof fields)[])

const tags = ['admin: settings']

const adminSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, runtime } = app.deps
  const repo = app.deps.repos.settings

  /** The days a longer horizon adds, for every specialist and room, in its location's zone. */
  async function extendHorizon(request: FastifyRequest, from: number, to: number): Promise<Recalc> {
    const now = Date.now()
    const zoned = (table: 'specialists' | 'rooms') =>
      db(`${table} as t`)
        .join('locations as l', 'l.id', 't.location_id')
        .where({ 't.active': true, 'l.active': true })
        .select('t.id', 'l.timezone as zone') as Promise<{ id: number; zone: string }[]>
    try {
      const [specialists, rooms] = await Promise.all([zoned('specialists'), zoned('rooms')])
      const added = (zone: string) => horizonDates(zone, to, now, addDays(todayIn(zone, now), from))
      const ids = await Promise.all([
        ...specialists.map((s) =>
          runtime.queues.recalc.enqueue({ kind: 'specialist', id: s.id }, added(s.zone)),
        ),
        ...rooms.map((r) => runtime.queues.recalc.enqueue({ kind: 'room', id: r.id }, added(r.zone))),
      ])
      return { job_ids: [...new Set(ids.filter((id): id is string => id !== null))] }
    } catch (err) {
      // The settings are stored; the new days are then computed when first read.
      request.log.error({ err }, 'recalc of the days a longer horizon adds failed')
      return null
    }
  }

  app.get(
    '/settings',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminGetSettings',
        tags,
        summary: "The company's settings, every key with its value in force.",
        response: { 200: settingsOutput, ...errors(401, 403) },
      },
    },
    async () => storedForm((await repo.company()).settings),
  )

  app.patch(
    '/settings',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminUpdateSettings',
        tags,
        summary: 'Changes some settings; answers all of them, with the recalc a longer horizon started.',
        body: { ...obj(fields), minProperties: 1 },
        response: { 200: withRecalc(settingsOutput), ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      const patch = { ...request.body }
      if (patch.late_cancellation_fee_percent !== undefined) {
        try {
          percentToBasisPoints(patch.late_cancellation_fee_percent, 'late_cancellation_fee_percent')
        } catch (err) {
          if (err instanceof MoneyError) throw invalid(`${err.message}, e.g. 50 or 12.5.`, 'invalid_percent')
          throw err
        }
      }
      // Stored longest first, as reminders go out.
      if (patch.reminder_offsets_minutes)
        patch.reminder_offsets_minutes = [...patch.reminder_offsets_minutes].sort((a, b) => b - a)
      const { before, after } = await db.transaction((trx) => repo.update(patch, trx))
      const recalc =
        after.bookingHorizonDays > before.bookingHorizonDays
          ? await extendHorizon(request, before.bookingHorizonDays, after.bookingHorizonDays)
          : null
      return { ...storedForm(after), recalc }
    },
  )
}

export default adminSettingsRoutes
