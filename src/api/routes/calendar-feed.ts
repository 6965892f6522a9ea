// Personal calendar feeds (iCalendar, RFC 5545): a client's bookings, or a specialist's own
// appointments with the client's name, at a secret URL a calendar app subscribes to.
//
// - `/api/me/calendar-feed` (GET, POST, DELETE): whether a feed exists; open or rotate one (its
//   URLs are shown once: only the token's hash is kept); revoke it. `scope` picks the client or the
//   specialist feed; it defaults to the specialist's for a specialist.
// - `/api/calendar/{token}.ics`: the feed, with no session (calendar apps cannot log in). In UTC;
//   each booking is one event whose UID (`booking-<id>@<host>`) never changes, whose SEQUENCE
//   counts its reschedules (and its cancellation), and which stays for 30 days after a
//   cancellation with STATUS:CANCELLED so subscribed calendars drop it. It covers 30 days back to
//   the booking horizon, and carries an ETag: a poll that changed nothing gets a 304.
import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import ical, { ICalEventStatus } from 'ical-generator'
import { Type } from 'typebox'
import {
  calendarFeedsRepository,
  type FeedBooking,
  type FeedOwner,
  type FeedScope,
} from '../../data/calendar-feeds-repository.ts'
import { companyRepository } from '../../data/company-repository.ts'
import { usersRepository } from '../../data/users-repository.ts'
import { AppError, forbidden } from '../../domain/errors.ts'
import { currentUserId, hasRole } from '../plugins/auth.ts'
import { errors } from '../schemas/common.ts'

const DAY_MS = 86_400_000
/** How far back the feed reaches, and how long a cancelled booking stays in it. */
const KEEP_DAYS = 30
const tags = ['calendar']

const scope = Type.Union([Type.Literal('client'), Type.Literal('specialist')], {
  description:
    '`client`: my bookings; `specialist`: my appointments as a specialist. Defaults to `specialist` for a specialist, else `client`.',
})
const scopeQuery = Type.Object({ scope: Type.Optional(scope) }, { additionalProperties: false })
/** POST and DELETE take the scope in their body (`{}` or none for the default), and no query. */
const scopeBody = scopeQuery
const noQuery = Type.Object({}, { additionalProperties: false })

const feedState = Type.Object(
  {
    scope: Type.Union([Type.Literal('client'), Type.Literal('specialist')]),
    active: Type.Boolean({ description: 'Whether a feed URL is live (its URL itself is shown only once).' }),
    created_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
)

const feedUrls = Type.Object(
  {
    scope: Type.Union([Type.Literal('client'), Type.Literal('specialist')]),
    https_url: Type.String({ description: 'The feed over HTTP(S), for "subscribe by URL".' }),
    webcal_url: Type.String({ description: 'The same feed as a webcal:// link, which calendar apps open.' }),
    created_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

const revoked = Type.Object(
  { scope: Type.Union([Type.Literal('client'), Type.Literal('specialist')]), revoked: Type.Boolean() },
  { additionalProperties: false },
)

const feedNotFound = () =>
  new AppError(
    404,
    'feed_not_found',
    'This calendar feed does not exist or was revoked; open a new feed link in your profile.',
  )

const STATUS: Record<string, ICalEventStatus> = {
  requested: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
  rejected: ICalEventStatus.CANCELLED,
}

const WORDS = {
  ru: { client: 'мои записи', specialist: 'мои клиенты', with: 'мастер', client_word: 'клиент' },
  en: { client: 'my bookings', specialist: 'my appointments', with: 'with', client_word: 'client' },
} as const

/** The feed's text: stable for unchanged bookings (every stamp comes from the data, none from now). */
function feedText(owner: FeedOwner, company: string, host: string, origin: string, bookings: FeedBooking[]) {
  const words = WORDS[owner.language] ?? WORDS.ru
  const calendar = ical({
    name: `${company} — ${words[owner.scope]}`,
    prodId: { company: 'booking-system', product: 'calendar-feed', language: owner.language.toUpperCase() },
    ttl: 3600,
  })
  for (const b of bookings) {
    const cancelled = b.status === 'cancelled' || b.status === 'rejected'
    const other =
      owner.scope === 'specialist'
        ? `${words.client_word}: ${b.clientName}`
        : `${words.with}: ${b.specialistName}`
    calendar.createEvent({
      id: `booking-${b.id}@${host}`,
      start: b.startsAt,
      end: b.endsAt,
      stamp: b.updatedAt,
      lastModified: b.updatedAt,
      sequence: b.reschedules + (cancelled ? 1 : 0),
      status: STATUS[b.status] ?? ICalEventStatus.CONFIRMED,
      summary:
        owner.scope === 'specialist' ? `${b.serviceName} — ${b.clientName}` : `${b.serviceName} — ${company}`,
      description: other,
      location: [b.locationName, b.locationAddress].filter(Boolean).join(', '),
      url: owner.scope === 'client' ? `${origin}/account/bookings/${b.id}` : null,
    })
  }
  return calendar.toString()
}

const calendarFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps
  const feeds = calendarFeedsRepository(db)
  const users = usersRepository(db)
  const company = companyRepository(db)

  /** The scope asked for, and the specialist a specialist feed belongs to. */
  async function scopeOf(request: FastifyRequest, asked: FeedScope | undefined) {
    const scope = asked ?? (hasRole(request, 'specialist') ? 'specialist' : 'client')
    if (scope === 'client') return { scope, specialistId: null }
    const specialistId = await users.specialistIdOf(currentUserId(request))
    if (specialistId === null)
      throw forbidden('Your account has no specialist profile: ask for the client feed (scope client).')
    return { scope, specialistId }
  }

  app.get(
    '/api/me/calendar-feed',
    {
      config: { access: ['client', 'specialist'] },
      schema: {
        operationId: 'getMyCalendarFeed',
        tags,
        summary: 'Whether my calendar feed exists',
        querystring: scopeQuery,
        response: { 200: feedState, ...errors(401, 403, 422) },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.query.scope)
      const feed = await feeds.live(currentUserId(request), scope)
      return { scope, active: feed !== null, created_at: feed?.createdAt.toISOString() ?? null }
    },
  )

  app.post(
    '/api/me/calendar-feed',
    {
      config: { access: ['client', 'specialist'] },
      schema: {
        operationId: 'openMyCalendarFeed',
        tags,
        summary: 'Open my calendar feed, or replace its URL',
        description:
          'Returns the feed URLs once; an earlier URL of the same feed stops working. Only a hash of the token is kept.',
        querystring: noQuery,
        body: scopeBody,
        response: { 201: feedUrls, ...errors(401, 403, 422) },
      },
    },
    async (request, reply) => {
      const { scope, specialistId } = await scopeOf(request, request.body.scope)
      const userId = currentUserId(request)
      const token = await feeds.rotate(userId, scope, specialistId)
      const feed = (await feeds.live(userId, scope))!
      const path = `${request.host}/api/calendar/${token}.ics`
      return reply.status(201).send({
        scope,
        https_url: `${request.protocol}://${path}`,
        webcal_url: `webcal://${path}`,
        created_at: feed.createdAt.toISOString(),
      })
    },
  )

  app.delete(
    '/api/me/calendar-feed',
    {
      config: { access: ['client', 'specialist'] },
      schema: {
        operationId: 'revokeMyCalendarFeed',
        tags,
        summary: 'Revoke my calendar feed',
        description: 'Its URL stops working at once; `revoked` is false when there was none.',
        querystring: noQuery,
        body: scopeBody,
        response: { 200: revoked, ...errors(401, 403, 422) },
      },
    },
    async (request) => {
      const { scope } = await scopeOf(request, request.body.scope)
      return { scope, revoked: await feeds.revoke(currentUserId(request), scope) }
    },
  )

  app.get(
    '/api/calendar/:token.ics',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCalendarFeed',
        tags,
        summary: 'A calendar feed (iCalendar)',
        description:
          'For calendar apps: the URL is the credential. Answers 304 when If-None-Match has the current ETag.',
        params: Type.Object(
          { token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'The feed',
            content: { 'text/calendar': { schema: Type.String() } },
          },
          304: { description: 'Not modified since the ETag given: no body', type: 'null' },
          ...errors(404, 422),
        },
      },
    },
    async (request, reply) => {
      const owner = await feeds.ofToken(request.params.token)
      if (!owner) throw feedNotFound()
      const facts = await company.read()
      const now = Date.now()
      const bookings = await feeds.bookings(owner, {
        from: new Date(now - KEEP_DAYS * DAY_MS),
        to: new Date(now + (facts.settings.bookingHorizonDays + 1) * DAY_MS),
        cancelledSince: new Date(now - KEEP_DAYS * DAY_MS),
      })
      const origin = `${request.protocol}://${request.host}`
      const body = feedText(owner, facts.name, request.hostname, origin, bookings)
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
      reply.header('etag', etag).header('cache-control', 'private, no-cache')
      const given = request.headers['if-none-match']
      if (given && given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        // No payload at all: `null` would be serialised as the text "null".
        return reply.status(304).send(undefined as never)
      }
      return reply.type('text/calendar; charset=utf-8').send(body)
    },
  )
}

export default calendarFeedRoutes
