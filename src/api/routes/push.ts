// Web Push opt-in: the VAPID public key a browser subscribes with, and the subscriptions of the
// logged-in user's browsers. Sending the notifications is the notifier's work (docs/notifications.md).
//
// A subscription is what `PushSubscription.toJSON()` gives in the browser: an endpoint (the push
// service's HTTPS URL for this browser) and the keys that encrypt the payload for it. Saving one
// is idempotent per endpoint: 201 the first time, 200 after (keys and owner updated).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { pushSubscriptionsRepository } from '../../data/push-subscriptions-repository.ts'
import { AppError } from '../../domain/errors.ts'
import { currentUserId } from '../plugins/auth.ts'
import { errors } from '../schemas/common.ts'

const tags = ['push']

const endpoint = Type.String({
  format: 'uri',
  pattern: '^https://',
  maxLength: 2048,
  description: "The push service's URL for this browser (`PushSubscription.endpoint`).",
})
/** base64url, as `PushSubscription.toJSON()` gives it (padding tolerated). */
const base64url = (min: number, max: number, description: string) =>
  Type.String({ pattern: `^[A-Za-z0-9_-]{${min},${max}}={0,2}$`, description })

const subscriptionInput = Type.Object(
  {
    endpoint,
    keys: Type.Object(
      {
        p256dh: base64url(86, 88, "The browser's P-256 public key (65 bytes)."),
        auth: base64url(21, 24, 'The authentication secret (16 bytes).'),
      },
      { additionalProperties: false },
    ),
    expirationTime: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], { description: 'As the browser gives it; not used.' }),
    ),
  },
  { additionalProperties: false },
)

const subscriptionOutput = Type.Object(
  { endpoint: Type.String(), created_at: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
)

const pushDisabled = () =>
  new AppError(404, 'push_disabled', 'Web Push is not set up on this server (no VAPID keys are configured).')

const pushRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, db } = app.deps
  const subscriptions = pushSubscriptionsRepository(db)

  app.get(
    '/api/push/config',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getPushConfig',
        tags,
        summary: 'The VAPID public key to subscribe with',
        description:
          'For `PushManager.subscribe({applicationServerKey})`; 404 `push_disabled` when push is off.',
        response: {
          200: Type.Object(
            { vapid_public_key: Type.String({ description: 'base64url, uncompressed P-256 point' }) },
            { additionalProperties: false },
          ),
          ...errors(404),
        },
      },
    },
    async () => {
      if (!config.vapid) throw pushDisabled()
      return { vapid_public_key: config.vapid.publicKey }
    },
  )

  app.post(
    '/api/me/push-subscriptions',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'savePushSubscription',
        tags,
        summary: "Store this browser's push subscription",
        description: 'Idempotent per endpoint: 201 when new, 200 when it was known (its keys are updated).',
        body: subscriptionInput,
        response: { 200: subscriptionOutput, 201: subscriptionOutput, ...errors(401, 404, 422) },
      },
    },
    async (request, reply) => {
      if (!config.vapid) throw pushDisabled()
      const { endpoint, keys } = request.body
      const { subscription, created } = await subscriptions.save(currentUserId(request), {
        endpoint,
        p256dh: keys.p256dh,
        auth: keys.auth,
      })
      return reply
        .status(created ? 201 : 200)
        .send({ endpoint: subscription.endpoint, created_at: subscription.createdAt.toISOString() })
    },
  )

  app.delete(
    '/api/me/push-subscriptions',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'deletePushSubscription',
        tags,
        summary: "Remove this browser's push subscription",
        description: '`deleted` is false when the caller had no subscription with this endpoint.',
        body: Type.Object({ endpoint }, { additionalProperties: false }),
        response: {
          200: Type.Object({ deleted: Type.Boolean() }, { additionalProperties: false }),
          ...errors(401, 422),
        },
      },
    },
    async (request) => ({
      deleted: await subscriptions.remove(currentUserId(request), request.body.endpoint),
    }),
  )
}

export default pushRoutes
