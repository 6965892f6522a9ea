// Processes one intent job (SPEC §5): lock the specialist's day in Redis, re-check against
// PostgreSQL, run the booking machine, carry out its effects and record the intent's outcome in one
// transaction, then update the grids, release the lock and publish the event.
//
// Exactly once: the intent row is the record. A job that finds its intent finished returns the
// stored outcome (a retry after a crash, or a duplicate job); a crash before the commit leaves the
// intent pending and the retried job does the work again from the start.
import { randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import type { Redis } from 'ioredis'
import { DateTime } from 'luxon'
import type { Db } from '../data/db.ts'
import { bookingsRepository } from '../data/bookings-repository.ts'
import { resolvePayment } from '../data/payment-sources.ts'
import { AppError } from '../domain/errors.ts'
import { formatMoney } from '../domain/money-format.ts'
import { addDays, localDatesOf, todayIn } from '../domain/dates.ts'
import { cellsFor, startCells } from '../domain/grid.ts'
import { dayCells } from '../domain/day-cells.ts'
import { timeToCell } from '../domain/schedule.ts'
import { cancellationPolicyOf, parseSettings, type CompanySettings } from '../domain/settings.ts'
import {
  applyBookingEvent,
  quoteBooking,
  startBooking,
  type BookingAction,
  type BookingEvent,
  type BookingInput,
  type PaymentChoice,
  type PersistedBooking,
  BookingNotStartedError,
  CorrectionNotAllowedError,
  InvalidTransitionError,
} from '../machines/index.ts'
import { finishIntent, getIntent, type IntentRow } from '../intents/intent-store.ts'
import type { BookingQueues, IntentJob, IntentJobResult } from '../queues/booking-queues.ts'
import { computeRoomGrids, computeSpecialistGrids } from '../slots/grid-source.ts'
import type { GridStore } from '../slots/grid-store.ts'
import { BOOKING_EVENTS_CHANNEL } from '../slots/keys.ts'
import { applyDbEffects } from './booking-effects.ts'
import type { ReminderQueue } from '../queues/reminder-queue.ts'
import { intentLogger, type WorkerLogger } from './log.ts'
import { processingFailed, settledAnswerOf } from './intent-outcomes.ts'
import type { WorkerMetrics } from './metrics.ts'
import {
  SPECIALIST_REFUSALS,
  beyondHorizon,
  dayOff,
  inThePast,
  leadTime,
  noRoomOpen,
  noneFree,
  openHoursOf,
  outsideHours,
  roomTaken,
  slotTaken,
  whenLabel,
} from './refusals.ts'
import {
  bookChain,
  chainBookingIds,
  chainSpecialists,
  type BookedItem,
  type ChainTools,
} from './chain-processor.ts'
import type { ChainPayload, CreatePayload, LifecyclePayload } from '../jobs/intent-payloads.ts'

export interface ProcessorDeps {
  db: Db
  redis: Redis
  redisPrefix: string
  store: GridStore
  queues: BookingQueues
  reminders: ReminderQueue
  log: WorkerLogger
  metrics?: WorkerMetrics
}

/** Longer than any intent takes; short enough that a killed worker's lock soon lapses. */
const LOCK_TTL_MS = 5_000
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

interface Outcome {
  status: number
  body: unknown
  bookingId?: number
}

/** Which attempt of its job a run is (from BullMQ's `attemptsMade` and `opts.attempts`). */
export interface IntentAttempt {
  /** 1 for the first run. */
  number: number
  /** No retry follows a failure of this run. */
  last: boolean
}

export interface AfterCommit {
  actions: BookingAction[]
  specialistId: number
  zone: string
  /** Real-time spans whose local dates need their grids rebuilt. */
  spans: { start: number; end: number; roomId: number | null }[]
}

export class IntentProcessor {
  private readonly bookings: ReturnType<typeof bookingsRepository>

  constructor(private readonly deps: ProcessorDeps) {
    this.bookings = bookingsRepository(deps.db)
  }

  /**
   * Runs one attempt of an intent's job. `attempt.last` says whether BullMQ would give up after a
   * failure of this one: then an unexpected error settles the intent instead of being rethrown.
   */
  async process(
    job: IntentJob,
    attempt: IntentAttempt = { number: 1, last: false },
  ): Promise<IntentJobResult> {
    const intent = await getIntent(this.deps.db, job.intentId)
    if (!intent)
      return { final: true, status: 404, body: { error: 'not_found', message: 'Intent not found.' } }
    const log = intentLogger(this.deps.log, { ...intent, specialist_id: job.specialistId })
    if (intent.status !== 'pending') {
      // A retry after a crash between the commit and the job's completion: the grids may not have
      // been written yet. Rewriting them is idempotent (and refused where a newer one is stored).
      // (A chain wrote several bookings: all of them.)
      const ids =
        intent.kind === 'chain'
          ? await chainBookingIds(this.deps.db, intent.id)
          : intent.booking_id !== null
            ? [intent.booking_id]
            : []
      for (const id of ids) await this.refreshBookingGrids(id)
      log.info({ status: intent.result_status }, 'intent already finished')
      return { final: true, status: intent.result_status!, body: intent.result }
    }
    // A chain (issue 5) holds every specialist it books, taken in ascending id order so that two
    // chains never wait on each other in a cycle; any other intent holds its own specialist.
    const lockKeys = (
      intent.kind === 'chain'
        ? chainSpecialists(intent.payload as unknown as ChainPayload)
        : [job.specialistId]
    ).map((id) => `lock:specialist:${id}`)
    const held: [key: string, token: string][] = []
    let after: AfterCommit[] = []
    let outcome: Outcome
    try {
      for (const key of lockKeys) held.push([key, await this.lock(key)])
      const result =
        intent.kind === 'create'
          ? await this.create(intent, job.specialistId)
          : intent.kind === 'chain'
            ? await bookChain(this.chainTools, intent)
            : await this.lifecycle(intent)
      outcome = result.outcome
      after = [result.after].flat()
    } catch (err) {
      let known = settledAnswerOf(err)
      if (!known) {
        if (!attempt.last) {
          log.error({ err, attempt: attempt.number }, 'intent failed unexpectedly; the job will be retried')
          throw err // BullMQ retries the job; the intent stays pending
        }
        // Nothing was committed (the transaction rolled back), so settling says exactly that; the
        // sweeper only revives pending intents, so this is the end of it.
        log.error({ err, attempt: attempt.number }, 'intent failed on its last attempt; settled as failed')
        known = processingFailed()
      } else if (known.status >= 500) {
        log.error({ err, code: known.code }, 'intent cannot be processed; settled as failed')
      }
      if (known.status >= 500) this.deps.metrics?.intentsFailed.inc({ kind: intent.kind, code: known.code })
      if (SPECIALIST_REFUSALS.has(known.code) && intent.kind === 'create') {
        const forwarded = await this.forward(intent, job.specialistId)
        if (forwarded) {
          log.info({ refusal: known.code }, 'not free: handed to the next specialist')
          return { final: false }
        }
        // "Any specialist": the last one's own reason (their day off, say) is not the answer.
        if ((intent.payload as unknown as CreatePayload).candidates.length > 1) known = noneFree()
      }
      outcome = {
        status: known.status,
        body: { error: known.code, message: known.message, ...known.details },
      }
      await finishIntent(this.deps.db, intent.id, outcome)
    } finally {
      for (const [key, token] of held.reverse()) await this.deps.redis.eval(RELEASE, 1, key, token)
    }
    for (const a of after) await this.afterCommit(a)
    log.info({ status: outcome.status }, 'intent finished')
    return { final: true, status: outcome.status, body: outcome.body }
  }

  /** Holds the specialist for the length of one intent (the queue already serialises; this also
   *  fences admin paths that book outside the queue). */
  private async lock(key: string): Promise<string> {
    const token = randomBytes(8).toString('hex')
    for (let i = 0; i < 600; i++) {
      if (await this.deps.redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) return token
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error(`could not lock ${key}`)
  }

  /** "Any specialist": hands the intent to the next candidate's queue; false when none is left. */
  private async forward(intent: IntentRow, specialistId: number): Promise<boolean> {
    const candidates = (intent.payload as unknown as CreatePayload).candidates
    const next = candidates[candidates.indexOf(specialistId) + 1]
    if (next === undefined) return false
    await this.deps.db('intents').where({ id: intent.id, status: 'pending' }).update({ specialist_id: next })
    await this.deps.queues.add({ intentId: intent.id, uid: intent.uid, specialistId: next })
    return true
  }

  private async settings(trx: Knex.Transaction): Promise<CompanySettings> {
    return parseSettings((await trx('company').first('settings'))?.settings)
  }

  private async create(intent: IntentRow, specialistId: number) {
    const p = intent.payload as unknown as CreatePayload
    return this.deps.db.transaction(async (trx) => {
      const booked = await this.bookOne(trx, intent.id, p, specialistId)
      const body = await this.bookings.body(booked.bookingId, trx)
      const outcome: Outcome = { status: 201, body, bookingId: booked.bookingId }
      await finishIntent(trx, intent.id, outcome)
      return { outcome, after: booked.after }
    })
  }

  /** What a chain intent needs of this processor (src/workers/chain-processor.ts). */
  private get chainTools(): ChainTools {
    return {
      db: this.deps.db,
      bookOne: (...args) => this.bookOne(...args),
      body: (bookingId, trx) => this.bookings.body(bookingId, trx),
    }
  }

  /**
   * Re-checks and inserts one booking inside `trx`: a create intent's, or one item of a chain
   * (which passes its `chainId`). Throws the refusal (slot_taken, 402, 422) without writing.
   */
  async bookOne(
    trx: Knex.Transaction,
    intentId: number,
    p: CreatePayload,
    specialistId: number,
    extra: { chainId?: string } = {},
  ): Promise<BookedItem> {
    const settings = await this.settings(trx)
    const s = await trx('specialists as s')
      .join('locations as l', 'l.id', 's.location_id')
      .leftJoin('specialist_services as ss', (j) =>
        j.on('ss.specialist_id', 's.id').andOnVal('ss.service_id', p.service_id),
      )
      .join('services as sv', 'sv.id', trx.raw('?', [p.service_id]))
      .where('s.id', specialistId)
      .first(
        's.id',
        's.active',
        's.location_id',
        'l.timezone',
        'ss.service_id as performs',
        'ss.price as own_price',
        'ss.duration_minutes as own_duration',
        'sv.price',
        'sv.duration_minutes',
        'sv.break_minutes',
        'sv.active as service_active',
      )
    if (!s || !s.active || !s.service_active)
      throw new AppError(422, 'unavailable', 'This specialist or service is not available.')
    if (!s.performs)
      throw new AppError(
        422,
        'service_not_offered',
        `Specialist ${specialistId} does not perform this service.`,
      )

    const durationMin: number = p.duration_minutes ?? s.own_duration ?? s.duration_minutes
    const breakMin: number = s.break_minutes
    const start = DateTime.fromISO(p.starts_at, { zone: s.timezone })
    const now = Date.now()
    const roomId = await this.checkAvailability(trx, {
      specialistId,
      serviceId: p.service_id,
      locationId: s.location_id,
      zone: s.timezone,
      start,
      durationMin,
      breakMin,
      ...limitsFor(p.by, settings, now),
      ignoreHours: p.by === 'admin' && p.allow_out_of_hours === true,
    })

    const bookingId = Number(
      (await trx.raw(`select nextval(pg_get_serial_sequence('bookings', 'id')) as id`)).rows[0].id,
    )
    const discounts = await trx('client_discounts')
      .where({ client_id: p.client_id, active: true })
      .select('id', 'kind', 'value', 'service_id', 'valid_from', 'valid_to')
    const input: Omit<BookingInput, 'payment'> = {
      bookingId,
      clientId: p.client_id,
      specialistId,
      serviceId: p.service_id,
      locationId: s.location_id,
      roomId: roomId.roomId,
      startsAt: start.toUTC().toISO()!,
      durationMin,
      breakMin,
      basePrice: s.own_price ?? s.price,
      discounts,
      timeZone: s.timezone,
      policy: cancellationPolicyOf(settings),
      reminderOffsetsMin: settings.reminderOffsetsMinutes,
      source: p.source,
      now: new Date(now).toISOString(),
      by: p.by,
      actorId: p.actor_id,
    }
    const payment = await this.choosePayment(trx, p, input, settings)
    const started = startBooking({ ...input, payment })
    const after = await applyDbEffects(trx, started.actions, {
      snapshot: started.snapshot,
      intentId,
      actorUserId: p.actor_id,
      extra: { out_of_hours: roomId.outOfHours, notes: p.notes ?? '', chain_id: extra.chainId ?? null },
    })
    await this.bumpVersions(trx, specialistId, roomId.roomId)
    const startMs = start.toMillis()
    return {
      bookingId,
      startMs,
      durationMin,
      breakMin,
      after: {
        actions: after,
        specialistId,
        zone: s.timezone as string,
        spans: [{ start: startMs, end: startMs + (durationMin + breakMin) * 60_000, roomId: roomId.roomId }],
      } satisfies AfterCommit,
    }
  }

  /**
   * Re-checks the slot against PostgreSQL inside the transaction and picks a room. Throws
   * slot_taken when the time is not free. The exclusion constraints stay the final word.
   */
  private async checkAvailability(
    trx: Knex.Transaction,
    a: {
      specialistId: number
      serviceId: number
      locationId: number
      zone: string
      start: DateTime
      durationMin: number
      breakMin: number
      /** The moment of the check (epoch ms). */
      now: number
      /** The minimum lead time that applies to this actor (0 for the business). */
      leadMinutes: number
      /** How many days ahead this actor may book (null: no limit, the business). */
      horizonDays: number | null
      ignoreHours: boolean
      excludeBookingId?: number
    },
  ): Promise<{ roomId: number | null; outOfHours: boolean }> {
    if (!a.start.isValid || a.start.minute % 15 !== 0 || a.start.second !== 0 || a.start.millisecond !== 0) {
      throw new AppError(422, 'invalid_start', 'The start must be on the 15-minute grid of the location.')
    }
    const date = a.start.toISODate()!
    const startMs = a.start.toMillis()
    if (startMs < a.now) throw inThePast(a.start)
    if (startMs < a.now + a.leadMinutes * 60_000) {
      const earliest = Math.ceil((a.now + a.leadMinutes * 60_000) / CELL_MS) * CELL_MS
      throw leadTime(a.leadMinutes, DateTime.fromMillis(earliest, { zone: a.zone }))
    }
    if (a.horizonDays !== null) {
      const last = addDays(todayIn(a.zone, a.now), a.horizonDays - 1)
      if (date > last) throw beyondHorizon(a.horizonDays, last)
    }
    const cell = timeToCell(a.start.toFormat('HH:mm'))
    // A wall time that occurs twice (the autumn change) is offered once, at its first occurrence.
    if (dayCells(date, a.zone).startMs[cell] !== a.start.toMillis()) {
      throw new AppError(
        422,
        'invalid_start',
        `${date} ${a.start.toFormat('HH:mm')} occurs twice in ${a.zone}; only its first occurrence can be booked.`,
      )
    }
    const durationCells = cellsFor(a.durationMin)
    const breakCells = cellsFor(a.breakMin)
    const opts = { trx, excludeBookingId: a.excludeBookingId }
    const roomIds: number[] = await trx('service_rooms as sr')
      .join('rooms as r', 'r.id', 'sr.room_id')
      .where({ 'sr.service_id': a.serviceId, 'r.location_id': a.locationId, 'r.active': true })
      .orderBy('r.id')
      .pluck('r.id')
    const needsRoom = (await trx('service_rooms').where({ service_id: a.serviceId }).first()) !== undefined
    if (needsRoom && !roomIds.length) throw noRoomOpen(date)

    if (a.ignoreHours) {
      // Out of hours on purpose: only other bookings count, so check overlaps directly.
      const end = new Date(startMs + a.durationMin * 60_000)
      const busyUntil = new Date(end.getTime() + a.breakMin * 60_000)
      const clash = await trx('bookings')
        .where('specialist_id', a.specialistId)
        .whereNot('id', a.excludeBookingId ?? 0)
        .whereNotIn('status', ['cancelled', 'rejected'])
        .where('starts_at', '<', busyUntil)
        .where('busy_until', '>', a.start.toJSDate())
        .first('id')
      if (clash) throw slotTaken()
      for (const roomId of roomIds) {
        const held = await trx('bookings')
          .where('room_id', roomId)
          .whereNot('id', a.excludeBookingId ?? 0)
          .whereNotIn('status', ['cancelled', 'rejected'])
          .where('starts_at', '<', end)
          .where('ends_at', '>', a.start.toJSDate())
          .first('id')
        if (!held)
          return {
            roomId,
            outOfHours: !(await this.withinHours(trx, a, date, cell, durationCells, breakCells)),
          }
      }
      if (needsRoom) throw roomTaken()
      return {
        roomId: null,
        outOfHours: !(await this.withinHours(trx, a, date, cell, durationCells, breakCells)),
      }
    }

    const specialist = (await computeSpecialistGrids(this.deps.db, a.specialistId, [date], opts)).grids.get(
      date,
    )!
    if (!startCells(specialist, { durationCells, breakCells }).includes(cell)) {
      throw await this.whyNotFree(trx, a, date, cell, durationCells, breakCells)
    }
    for (const roomId of roomIds) {
      const room = (await computeRoomGrids(this.deps.db, roomId, [date], opts)).grids.get(date)!
      if (startCells(room, { durationCells, breakCells: 0 }).includes(cell))
        return { roomId, outOfHours: false }
    }
    if (!needsRoom) return { roomId: null, outOfHours: false }
    // Taken (it may free up) or closed (it will not): the room grids without their bookings say which.
    for (const roomId of roomIds) {
      const hours = (
        await computeRoomGrids(this.deps.db, roomId, [date], { trx, ignoreBookings: true })
      ).grids.get(date)!
      if (startCells(hours, { durationCells, breakCells: 0 }).includes(cell)) throw roomTaken()
    }
    throw noRoomOpen(date)
  }

  /**
   * Why the specialist cannot take a start their grid refuses: no hours that day, a start outside
   * them, or (the hours allow it) another booking.
   */
  private async whyNotFree(
    trx: Knex.Transaction,
    a: { specialistId: number; start: DateTime; durationMin: number; breakMin: number },
    date: string,
    cell: number,
    durationCells: number,
    breakCells: number,
  ): Promise<AppError> {
    const hours = (
      await computeSpecialistGrids(this.deps.db, a.specialistId, [date], { trx, ignoreBookings: true })
    ).grids.get(date)!
    if (startCells(hours, { durationCells, breakCells }).includes(cell)) return slotTaken()
    const who = await trx('specialists as s')
      .join('users as u', 'u.id', 's.user_id')
      .where('s.id', a.specialistId)
      .first('u.name')
    const name = (who?.name as string | undefined) || `Specialist ${a.specialistId}`
    if (!hours.some((open) => open)) return dayOff(name, date)
    return outsideHours(name, date, openHoursOf(hours), {
      time: a.start.toFormat('HH:mm'),
      durationMin: a.durationMin,
      breakMin: a.breakMin,
    })
  }

  private async withinHours(
    trx: Knex.Transaction,
    a: { specialistId: number; excludeBookingId?: number },
    date: string,
    cell: number,
    durationCells: number,
    breakCells: number,
  ) {
    const grid = (
      await computeSpecialistGrids(this.deps.db, a.specialistId, [date], {
        trx,
        excludeBookingId: a.excludeBookingId,
      })
    ).grids.get(date)!
    return startCells(grid, { durationCells, breakCells }).includes(cell)
  }

  /** Resolves "auto" and checks what the client asked for (rules in src/domain/payment-choice.ts). */
  private async choosePayment(
    trx: Knex.Transaction,
    p: CreatePayload,
    input: Omit<BookingInput, 'payment'>,
    settings: CompanySettings,
  ): Promise<PaymentChoice> {
    return resolvePayment(trx, {
      clientId: p.client_id,
      serviceId: p.service_id,
      startsAt: input.startsAt,
      requested: p.payment,
      by: p.by,
      prepayment: settings.prepayment,
      walletPrice: () => quoteBooking({ ...input, payment: { method: 'wallet' } }).price,
      lockWallet: true,
    })
  }

  private async bumpVersions(trx: Knex.Transaction, specialistId: number, ...roomIds: (number | null)[]) {
    await trx('specialists').where({ id: specialistId }).increment('grid_version', 1)
    const rooms = roomIds.filter((r): r is number => r !== null)
    if (rooms.length) await trx('rooms').whereIn('id', rooms).increment('grid_version', 1)
  }

  private async lifecycle(intent: IntentRow) {
    const p = intent.payload as unknown as LifecyclePayload
    const { db } = this.deps
    return db.transaction(async (trx) => {
      const b = await trx('bookings as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .where('b.id', p.booking_id)
        .forUpdate('b')
        .first('b.*', 'l.timezone')
      if (!b) throw new AppError(404, 'not_found', `Booking ${p.booking_id} was not found.`)
      const now = new Date().toISOString()
      const base = { now, by: p.by, actorId: p.actor_id }
      const event: BookingEvent =
        intent.kind === 'cancel'
          ? { type: 'CANCEL', reason: p.reason, ...base }
          : intent.kind === 'reschedule'
            ? { type: 'RESCHEDULE', startsAt: p.starts_at!, ...base }
            : intent.kind === 'complete'
              ? { type: 'COMPLETE', ...base }
              : { type: 'NO_SHOW', ...base }

      if (
        event.type === 'RESCHEDULE' &&
        (b.status === 'requested' || b.status === 'confirmed') &&
        Date.parse(event.startsAt) === b.starts_at.getTime()
      ) {
        // Already at that time: nothing to move, so nothing is written (no history row) and no grid
        // changes; the answer is the booking as it is.
        const outcome: Outcome = { status: 200, body: await this.bookings.body(b.id, trx), bookingId: b.id }
        await finishIntent(trx, intent.id, outcome)
        return { outcome, after: [] as AfterCommit[] }
      }

      let moveRoomId: number | null | undefined
      const spans: AfterCommit['spans'] = [
        { start: b.starts_at.getTime(), end: b.busy_until.getTime(), roomId: b.room_id },
      ]
      if (event.type === 'RESCHEDULE') {
        const start = DateTime.fromISO(p.starts_at!, { zone: b.timezone })
        const settings = await this.settings(trx)
        const picked = await this.checkAvailability(trx, {
          specialistId: b.specialist_id,
          serviceId: b.service_id,
          locationId: b.location_id,
          zone: b.timezone,
          start,
          durationMin: b.duration_minutes,
          breakMin: b.break_minutes,
          ...limitsFor(p.by, settings, Date.now()),
          ignoreHours: false,
          excludeBookingId: b.id,
        })
        moveRoomId = picked.roomId
        const startMs = start.toMillis()
        spans.push({
          start: startMs,
          end: startMs + (b.duration_minutes + b.break_minutes) * 60_000,
          roomId: picked.roomId,
        })
      }

      let step
      try {
        step = applyBookingEvent(b.machine_snapshot as PersistedBooking, event)
      } catch (err) {
        if (err instanceof InvalidTransitionError) {
          throw new AppError(
            409,
            'invalid_transition',
            `A ${b.status} booking cannot be ${pastTense(intent.kind)}.`,
          )
        }
        if (err instanceof BookingNotStartedError) {
          const start = DateTime.fromJSDate(b.starts_at, { zone: b.timezone })
          throw new AppError(
            409,
            'not_started',
            `This booking starts at ${whenLabel(start)}; it can be ${pastTense(intent.kind)} once it has started.`,
          )
        }
        if (err instanceof CorrectionNotAllowedError) {
          throw new AppError(
            403,
            'admin_only',
            `This booking is already marked ${b.status === 'no_show' ? 'a no-show' : b.status}; only an admin ` +
              'can correct it. Ask an admin.',
          )
        }
        throw err
      }
      const after = await applyDbEffects(trx, step.actions, {
        snapshot: step.snapshot,
        intentId: intent.id,
        actorUserId: p.actor_id,
        moveRoomId,
      }).catch(async (err: unknown) => {
        throw await this.correctionRefusal(trx, b.status, step.actions, err)
      })
      await this.bumpVersions(trx, b.specialist_id, ...spans.map((s) => s.roomId))
      const body = await this.bookings.body(b.id, trx)
      const outcome: Outcome = { status: 200, body, bookingId: b.id }
      await finishIntent(trx, intent.id, outcome)
      return {
        outcome,
        after: { actions: after, specialistId: b.specialist_id as number, zone: b.timezone as string, spans },
      }
    })
  }

  /**
   * A correction that must take back money or a visit the client no longer has: say so in the
   * admin's terms (the effect's own refusal speaks of booking). Anything else passes unchanged.
   */
  private async correctionRefusal(
    trx: Knex.Transaction,
    status: string,
    actions: BookingAction[],
    err: unknown,
  ): Promise<unknown> {
    if (!(err instanceof AppError) || (status !== 'completed' && status !== 'no_show')) return err
    if (err.code === 'insufficient_funds') {
      const debit = actions.find((a) => a.type === 'debitWallet')?.params.amount ?? 0
      const currency = ((await trx('company').first('currency'))?.currency as string | undefined) ?? 'RUB'
      return new AppError(
        402,
        'insufficient_funds',
        `This correction takes back ${formatMoney(debit, currency)} that was refunded to the client's ` +
          'wallet, and the wallet no longer holds it; top the wallet up first, or cancel the booking instead.',
      )
    }
    if (err.code === 'package_exhausted') {
      return new AppError(
        402,
        'package_exhausted',
        'This correction uses the visit given back to the client’s package again, and the package has no ' +
          'visit left (or has expired); cancel the booking instead.',
      )
    }
    return err
  }

  private async refreshBookingGrids(bookingId: number) {
    const b = await this.deps
      .db('bookings as b')
      .join('locations as l', 'l.id', 'b.location_id')
      .where('b.id', bookingId)
      .first('b.specialist_id', 'b.room_id', 'b.starts_at', 'b.busy_until', 'l.timezone')
    if (!b) return
    await this.afterCommit({
      actions: [],
      specialistId: b.specialist_id,
      zone: b.timezone,
      spans: [{ start: b.starts_at.getTime(), end: b.busy_until.getTime(), roomId: b.room_id }],
    })
  }

  /** Grids of the touched days, reminders and events: after the commit, never inside it. */
  private async afterCommit(a: AfterCommit) {
    const { db, store, redis, redisPrefix, reminders } = this.deps
    const dates = [...new Set(a.spans.flatMap((s) => localDatesOf(s.start, s.end, a.zone)))]
    const rooms = [...new Set(a.spans.map((s) => s.roomId).filter((r): r is number => r !== null))]
    await Promise.all([
      computeSpecialistGrids(db, a.specialistId, dates).then((g) => store.writeSpecialist(g)),
      ...rooms.map((r) => computeRoomGrids(db, r, dates).then((g) => store.writeRoom(g))),
    ])
    for (const action of a.actions) {
      if (action.type === 'publishEvent') {
        await redis.publish(redisPrefix + BOOKING_EVENTS_CHANNEL, JSON.stringify(action.params))
      } else if (action.type === 'scheduleReminders') {
        await reminders.schedule(action.params)
      } else if (action.type === 'removeReminders') {
        await reminders.remove(action.params.bookingId)
      }
      // releaseSlot: done above, with every touched day's grid.
    }
  }
}

const CELL_MS = 15 * 60_000

/** The lead time and horizon bind clients; the business books for them at any time ahead. */
const limitsFor = (by: string, settings: CompanySettings, now: number) =>
  by === 'client'
    ? { now, leadMinutes: settings.minLeadMinutes, horizonDays: settings.bookingHorizonDays }
    : { now, leadMinutes: 0, horizonDays: null }

const pastTense = (kind: string) =>
  ({ cancel: 'cancelled', reschedule: 'rescheduled', complete: 'completed', no_show: 'marked as a no-show' })[
    kind
  ] ?? kind
