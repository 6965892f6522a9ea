// Booking routes (docs/product.md §5, §8). Every state change is an intent: validated and authorised here,
// recorded in PostgreSQL, processed by the worker of the specialist's queue; the answer is its
// outcome, or 202 with a status URL when it takes longer than the bounded wait.
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { withClient, withClients } from '../../data/booking-clients.ts'
import { companyZone as readCompanyZone } from '../../data/company-repository.ts'
import { BOOKING_HISTORY_EVENTS, historyEventOf, snakeCaseKeys } from '../../domain/booking-events.ts'
import { isoInZone } from '../../domain/dates.ts'
import { AppError, forbidden, invalid, notFound } from '../../domain/errors.ts'
import type { IntentKind, IntentRow } from '../../intents/intent-store.ts'
import { getIntent } from '../../intents/intent-store.ts'
import {
  refuseIntent,
  replayIntent,
  submitIntent,
  type KeyedRequest,
  type SubmitResult,
} from '../../intents/submit.ts'
import type { ChainItem, ChainPayload, CreatePayload, LifecyclePayload } from '../../jobs/intent-payloads.ts'
import { currentUserId, hasRole } from '../plugins/auth.ts'
import { bookingTarget } from '../booking-target.ts'
import { instantOf, readStart, startSchema as start, type Start } from '../schemas/booking-start.ts'
import { ref } from '../schemas/components.ts'
import {
  errors,
  id,
  idParams,
  list,
  listOf,
  obj,
  page,
  text,
  timestamp,
  nullable,
  oneOf,
  withDefault,
  idempotencyHeaders,
  type KeyedHttpRequest,
  checkedInCode,
} from '../schemas/common.ts'

/** Fields of a booking request that only admins may send, and what a client should do instead. */
const ADMIN_ONLY_FIELDS = {
  client_id: 'you book for yourself; leave client_id out',
  duration_minutes: 'the service sets the duration; leave duration_minutes out',
  allow_out_of_hours: 'pick a time from the free slots and leave allow_out_of_hours out',
} as const

const intentAccepted = ref('IntentAccepted')
const booking = ref('Booking')

const intentResponse = obj(
  {
    id: Type.Integer(),
    kind: Type.String(),
    status: Type.String(),
    result_status: nullable(Type.Integer()),
    result: {},
    created_at: Type.String(),
  },
  ['id', 'kind', 'status'],
)

const historyResponse = list(
  obj(
    {
      at: Type.String(),
      from: nullable(Type.String()),
      to: Type.String(),
      event: oneOf(BOOKING_HISTORY_EVENTS),
      reason: nullable(Type.String({ description: 'Why, when the actor gave a reason; else null.' })),
      actor_user_id: nullable(Type.Integer()),
      actor_name: nullable(Type.String({ description: 'Who acted, by name; null: the system.' })),
      details: checkedInCode<unknown>({ type: 'object', additionalProperties: true }),
    },
    ['at', 'from', 'to', 'event', 'reason', 'actor_user_id', 'actor_name'],
  ),
)

const LIFECYCLE_OPERATIONS = {
  cancel: 'cancelBooking',
  reschedule: 'rescheduleBooking',
  complete: 'completeBooking',
  no_show: 'markBookingNoShow',
} as const satisfies Record<Exclude<IntentKind, 'create' | 'chain'>, string>

function sourceOf(request: FastifyRequest): CreatePayload['source'] {
  const h = request.headers['x-client']
  return h === 'telegram' ? 'telegram' : h === 'web' ? 'web' : 'api'
}

function reply(rep: FastifyReply, result: SubmitResult) {
  if (result.kind === 'accepted') {
    return rep
      .status(202)
      .header('location', result.statusUrl)
      .send({ intent_id: result.intentId, status_url: result.statusUrl })
  }
  return rep.status(result.status).send(result.body)
}

const bookingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, runtime, config } = app.deps
  const bookings = app.deps.repos.bookings
  const submitDeps = {
    db,
    queues: runtime.queues.bookings,
    waiter: runtime.intents,
    waitMs: config.intentWaitMs,
  }

  /**
   * The request as its Idempotency-Key knows it, and the key's first outcome when it has one: looked
   * up before any other check, so a retry gets the first answer whatever has changed since.
   */
  async function keyedRequest(request: KeyedHttpRequest, kind: KeyedRequest['kind'], body: unknown) {
    const keyed: KeyedRequest = {
      kind,
      userId: currentUserId(request),
      idempotencyKey: request.headers['idempotency-key'],
      request: body,
    }
    return { keyed, replay: await replayIntent(submitDeps, keyed) }
  }

  const users = app.deps.repos.users

  /** The booking, if the caller may see it (client: own; specialist: theirs; admin: any). 404 otherwise. */
  async function visibleBooking(request: FastifyRequest, bookingId: number) {
    const b = await bookings.parties(bookingId)
    const userId = currentUserId(request)
    if (b && hasRole(request, 'admin')) return b
    if (b && b.client_id === userId) return b
    if (b && hasRole(request, 'specialist') && (await users.specialistIdOf(userId)) === b.specialist_id)
      return b
    throw notFound(`Booking ${bookingId}`)
  }

  const companyZone = () => readCompanyZone(db)

  const zoneOfBooking = async (bookingId: number): Promise<string> =>
    (await bookings.zone(bookingId)) ?? companyZone()

  /** An intent's instants in its booking's zone; before it has one, its specialist's; else the company's. */
  async function zoneOfIntent(intent: IntentRow): Promise<string> {
    if (intent.booking_id !== null) return zoneOfBooking(intent.booking_id)
    if (intent.specialist_id !== null) {
      const zone = await bookings.specialistZone(intent.specialist_id)
      if (zone) return zone
    }
    return companyZone()
  }

  app.post(
    '/api/bookings',
    {
      config: { access: ['client', 'admin'] },
      schema: {
        operationId: 'createBooking',
        tags: ['bookings'],
        summary: 'Book a service (an intent processed by the specialist queue)',
        description:
          'With an Idempotency-Key, a retry answers the first outcome before anything is checked again: ' +
          'the booking, or its 402/409 refusal even once the time is free or the wallet topped up (a new ' +
          'attempt takes a new key). A refusal of the request itself (403, 404, 422) keeps nothing. ' +
          'Admins name the client (client_id, their own id to book themselves); client_id, ' +
          'duration_minutes and allow_out_of_hours from anyone else are 403. A location_id must be the ' +
          'named specialist’s.',
        headers: idempotencyHeaders,
        body: obj(
          {
            service_id: id,
            specialist_id: id,
            location_id: id,
            start,
            payment: { enum: ['auto', 'wallet', 'package', 'on_site'] },
            notes: text(1000),
            client_id: id,
            duration_minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
            allow_out_of_hours: Type.Boolean(),
          },
          ['service_id', 'start'],
        ),
        response: { 201: booking, 202: intentAccepted, ...errors(401, 402, 403, 404, 409, 422) },
      },
    },
    async (request, rep) => {
      const b = request.body
      const userId = currentUserId(request)
      const { keyed, replay } = await keyedRequest(request, 'create', b)
      if (replay) return reply(rep, replay)

      const isAdmin = hasRole(request, 'admin')
      if (!isAdmin) {
        for (const [field, instead] of Object.entries(ADMIN_ONLY_FIELDS)) {
          if (b[field as keyof typeof ADMIN_ONLY_FIELDS] !== undefined)
            throw forbidden(`Only admins may send ${field}: ${instead}.`)
        }
      }
      // An admin is rarely their own client: booking them by default put the admin's name on
      // someone else's visit.
      if (isAdmin && b.client_id === undefined) {
        throw invalid(
          'Name the client with client_id (to book for yourself, pass your own user id).',
          'client_required',
        )
      }
      const start = readStart(b.start)
      const target = await bookingTarget(runtime, b, start)
      let candidates = target.candidates
      const startMs = target.startMs

      const clientId = isAdmin ? b.client_id! : userId
      if (clientId !== userId && !(await users.exists(clientId))) throw notFound(`Client ${clientId}`)
      if (b.specialist_id === undefined)
        candidates = await runtime.slots.freeAt(b.service_id, candidates, startMs)
      const payload: CreatePayload = {
        client_id: clientId,
        service_id: b.service_id,
        starts_at: new Date(startMs).toISOString(),
        payment: b.payment ?? 'auto',
        candidates,
        source: isAdmin ? 'admin' : sourceOf(request),
        by: isAdmin ? 'admin' : 'client',
        actor_id: userId,
        notes: b.notes,
        ...(isAdmin
          ? { duration_minutes: b.duration_minutes, allow_out_of_hours: b.allow_out_of_hours }
          : {}),
      }
      const intent = {
        ...keyed,
        payload: payload as unknown as Record<string, unknown>,
        requestId: request.id,
      }
      if (!candidates.length) {
        // Taken at this moment: the key's outcome, like a slot the worker finds taken.
        const taken = new AppError(
          409,
          'slot_taken',
          'No specialist is free at that time. Pick another slot.',
        )
        return reply(rep, await refuseIntent(submitDeps, intent, taken))
      }
      return reply(rep, await submitIntent(submitDeps, { ...intent, specialistId: candidates[0]! }))
    },
  )

  // Services back to back for one client, all booked or none (src/workers/intents/chain.ts
  // has the timing rule and how the other specialists are protected).
  app.post<{
    Body: {
      client_id: number
      start: Start
      items: ChainItem[]
      allow_out_of_hours?: boolean
      payment?: ChainPayload['payment']
      notes?: string
    }
    Headers: { 'idempotency-key'?: string }
  }>(
    '/api/admin/bookings/chain',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'adminCreateBookingChain',
        tags: ['bookings'],
        summary: 'Book services back to back for a client (admins; all or nothing)',
        description:
          'Each item starts where the previous one ends, on the 15-minute grid; after its break too when ' +
          'the same specialist goes on. One intent, one transaction: if any item is not free, nothing is ' +
          'booked and the 409 names it (`item_index`, from 0). All specialists work at one location; ' +
          '`start` as {date, time} is read in its zone.',
        headers: idempotencyHeaders,
        body: obj(
          {
            client_id: id,
            start,
            items: Type.Array(
              obj(
                {
                  service_id: id,
                  specialist_id: id,
                  duration_minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
                },
                ['service_id', 'specialist_id'],
              ),
              { minItems: 1, maxItems: 10 },
            ),
            allow_out_of_hours: Type.Boolean(),
            payment: { enum: ['auto', 'wallet', 'package', 'on_site'] },
            notes: text(1000),
          },
          ['client_id', 'start', 'items'],
        ),
        response: {
          201: obj({ chain_id: Type.String(), bookings: Type.Array(booking) }, ['chain_id', 'bookings']),
          202: intentAccepted,
          ...errors(401, 402, 403, 404, 409, 422),
        },
      },
    },
    async (request, rep) => {
      const b = request.body
      const userId = currentUserId(request)
      const { keyed, replay } = await keyedRequest(request, 'chain', b)
      if (replay) return reply(rep, replay)
      const start = readStart(b.start)
      const view = await runtime.slotInputs.get((v) =>
        b.items.every((i) => v.services.has(i.service_id) && v.specialists.has(i.specialist_id)),
      )
      const locations = new Set<number>()
      for (const [i, item] of b.items.entries()) {
        if (!view.services.has(item.service_id)) throw notFound(`Service ${item.service_id} (item ${i + 1})`)
        const s = view.specialists.get(item.specialist_id)
        if (!s) throw notFound(`Specialist ${item.specialist_id} (item ${i + 1})`)
        if (!s.services.has(item.service_id)) {
          throw new AppError(
            422,
            'service_not_offered',
            `Item ${i + 1}: specialist ${s.id} does not perform service ${item.service_id}.`,
            { item_index: i },
          )
        }
        locations.add(s.locationId)
      }
      if (locations.size > 1) {
        throw invalid('All the specialists of a chain must work at the same location.', 'mixed_locations')
      }
      if (!(await users.exists(b.client_id))) throw notFound(`Client ${b.client_id}`)
      const first = b.items[0]!.specialist_id
      const zone = view.locations.get(view.specialists.get(first)!.locationId)!.zone
      const payload: ChainPayload = {
        chain_id: randomUUID(),
        client_id: b.client_id,
        starts_at: new Date(instantOf(start, [zone])).toISOString(),
        items: b.items,
        payment: b.payment ?? 'auto',
        allow_out_of_hours: b.allow_out_of_hours,
        notes: b.notes,
        actor_id: userId,
      }
      // Queued on the first specialist's partition only: the worker takes every specialist's lock.
      const result = await submitIntent(submitDeps, {
        ...keyed,
        specialistId: first,
        payload: payload as unknown as Record<string, unknown>,
        requestId: request.id,
      })
      return reply(rep, result)
    },
  )

  const lifecycle = (
    path: string,
    kind: Exclude<IntentKind, 'create' | 'chain'>,
    access: readonly ('client' | 'specialist' | 'admin')[],
    bodySchema: ReturnType<typeof obj>,
    summary: string,
  ) =>
    app.post<{
      Params: { id: number }
      Body: { reason?: string; start?: Start; specialist_id?: number }
      Headers: { 'idempotency-key'?: string }
    }>(
      `/api/bookings/:id/${path}`,
      {
        config: { access },
        schema: {
          operationId: LIFECYCLE_OPERATIONS[kind],
          tags: ['bookings'],
          summary,
          params: idParams,
          headers: idempotencyHeaders,
          body: bodySchema,
          response: { 200: booking, 202: intentAccepted, ...errors(401, 402, 403, 404, 409, 422) },
        },
      },
      async (request, rep) => {
        const userId = currentUserId(request)
        const { keyed, replay } = await keyedRequest(request, kind, {
          booking: request.params.id,
          ...(request.body ?? {}),
        })
        if (replay) return reply(rep, replay)
        const booking = await visibleBooking(request, request.params.id)
        const isAdmin = hasRole(request, 'admin')
        const isTheirSpecialist =
          hasRole(request, 'specialist') && (await users.specialistIdOf(userId)) === booking.specialist_id
        const by: LifecyclePayload['by'] = isAdmin ? 'admin' : isTheirSpecialist ? 'specialist' : 'client'
        if ((kind === 'complete' || kind === 'no_show') && by === 'client')
          throw forbidden('Only the specialist or an admin can do this.')
        if (kind === 'reschedule' && by === 'specialist' && booking.client_id !== userId) {
          throw forbidden('Ask an admin to move a client’s booking.')
        }
        const payload: LifecyclePayload = {
          booking_id: booking.id,
          by,
          actor_id: userId,
          reason: request.body?.reason,
        }
        let partition = booking.specialist_id
        if (kind === 'reschedule') {
          const start = readStart(request.body.start)
          const zone = await zoneOfBooking(booking.id)
          payload.starts_at = new Date(instantOf(start, [zone])).toISOString()
          const to = request.body.specialist_id
          if (to !== undefined && to !== booking.specialist_id) {
            await checkMoveTo(to, booking, by)
            // Decided on the target's partition, beside that specialist's own bookings.
            Object.assign(payload, { specialist_id: to, from_specialist_id: booking.specialist_id })
            partition = to
          }
        }
        const result = await submitIntent(submitDeps, {
          ...keyed,
          specialistId: partition,
          bookingId: booking.id,
          payload: payload as unknown as Record<string, unknown>,
          requestId: request.id,
        })
        return reply(rep, result)
      },
    )

  /** Another specialist may take a booking only from an admin, at its location, if they offer its service. */
  async function checkMoveTo(
    to: number,
    booking: { specialist_id: number; service_id: number },
    by: LifecyclePayload['by'],
  ) {
    if (by !== 'admin') throw forbidden('Only an admin can move a booking to another specialist.')
    const view = await runtime.slotInputs.get(
      (v) => v.specialists.has(to) && v.specialists.has(booking.specialist_id),
    )
    const target = view.specialists.get(to)
    if (!target) throw notFound(`Specialist ${to}`)
    if (target.locationId !== view.specialists.get(booking.specialist_id)?.locationId) {
      throw invalid(`Specialist ${to} works at another location; book them there instead.`, 'mixed_locations')
    }
    if (!target.services.has(booking.service_id)) {
      throw new AppError(
        422,
        'service_not_offered',
        `Specialist ${to} does not perform this booking's service; choose one who does.`,
      )
    }
  }

  const reasonBody = obj({ reason: text(500) })
  lifecycle('cancel', 'cancel', ['client', 'specialist', 'admin'], reasonBody, 'Cancel a booking')
  lifecycle(
    'reschedule',
    'reschedule',
    ['client', 'specialist', 'admin'],
    obj(
      {
        start,
        specialist_id: {
          ...id,
          description:
            'Admins: move it to another specialist of the same location who performs its service (the ' +
            "price and duration stay the booking's). Both specialists' slots change; the history records from and to.",
        },
      },
      ['start'],
    ),
    'Move a booking (atomic)',
  )
  lifecycle('complete', 'complete', ['specialist', 'admin'], reasonBody, 'Mark a booking as done')
  lifecycle('no-show', 'no_show', ['specialist', 'admin'], reasonBody, 'Mark a booking as a no-show')

  app.get(
    '/api/intents/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getIntent',
        tags: ['bookings'],
        summary: 'An intent: pending, or its outcome',
        params: idParams,
        response: { 200: intentResponse, ...errors(401, 404) },
      },
    },
    async (request) => {
      const intent = await getIntent(db, request.params.id)
      if (!intent || (intent.user_id !== currentUserId(request) && !hasRole(request, 'admin'))) {
        throw notFound(`Intent ${request.params.id}`)
      }
      return {
        id: intent.id,
        kind: intent.kind,
        status: intent.status,
        result_status: intent.result_status,
        result: intent.result,
        created_at: isoInZone(intent.created_at, await zoneOfIntent(intent)),
      }
    },
  )

  app.get<{
    Querystring: {
      from?: string
      to?: string
      status?: string
      client_id?: number
      specialist_id?: number
      location_id?: number
      limit: number
      offset: number
    }
  }>(
    '/api/bookings',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listBookings',
        tags: ['bookings'],
        summary: 'Own bookings (a specialist: theirs; admins: any, with filters)',
        querystring: obj({
          from: timestamp,
          to: timestamp,
          status: { enum: ['requested', 'confirmed', 'completed', 'cancelled', 'no_show', 'rejected'] },
          client_id: id,
          specialist_id: id,
          location_id: id,
          limit: withDefault(Type.Integer({ minimum: 1, maximum: 500 }), 100),
          offset: withDefault(Type.Integer({ minimum: 0, maximum: 1_000_000 }), 0),
        }),
        response: { 200: page(booking), ...errors(401, 422) },
      },
    },
    async (request) => {
      const q = request.query
      const userId = currentUserId(request)
      const base = {
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit,
        offset: q.offset,
      }
      // Filters naming other people are ignored for non-admins: they only ever see their own.
      const own = async () => {
        const specialistId = hasRole(request, 'specialist') ? await users.specialistIdOf(userId) : null
        return specialistId !== null ? { specialistId } : { clientId: userId }
      }
      const filter = hasRole(request, 'admin')
        ? { clientId: q.client_id, specialistId: q.specialist_id, locationId: q.location_id }
        : await own()
      const page = await bookings.list({ ...base, ...filter })
      // Each answer carries its client: the reader is that client, their specialist or an admin.
      return { items: await withClients(db, page.items), total: page.total, limit: q.limit, offset: q.offset }
    },
  )

  app.get(
    '/api/bookings/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getBooking',
        tags: ['bookings'],
        params: idParams,
        response: { 200: booking, ...errors(401, 404) },
      },
    },
    async (request) => {
      await visibleBooking(request, request.params.id)
      return withClient(db, await bookings.body(request.params.id))
    },
  )

  app.get(
    '/api/bookings/:id/history',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getBookingHistory',
        tags: ['bookings'],
        summary: 'Every transition of the booking: who, when, from → to, why',
        params: idParams,
        response: { 200: historyResponse, ...errors(401, 404) },
      },
    },
    async (request) => {
      await visibleBooking(request, request.params.id)
      const zone = await zoneOfBooking(request.params.id)
      const rows = await bookings.history(request.params.id)
      // Rows keep what the booking machine wrote (its event types, camelCase details): the answer
      // speaks the API's names, so old rows and new read alike.
      return listOf(
        rows.map((r) => ({
          at: isoInZone(r.at, zone),
          from: r.from_state,
          to: r.to_state,
          event: historyEventOf(r.event, r.from_state),
          reason: r.reason,
          actor_user_id: r.actor_user_id,
          actor_name: r.actor_name,
          details: snakeCaseKeys(r.data),
        })),
      )
    },
  )
}

export default bookingRoutes
