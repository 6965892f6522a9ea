// The notifier's Web Push sender. The `web-push` library builds the request (the payload encrypted
// for the subscription, aes128gcm, and the VAPID authorisation) with `generateRequestDetails`;
// `fetch` sends it, since web-push itself only speaks HTTPS and the test push service is HTTP.
// A push service answering 404 or 410 says the subscription is gone.
import webpush from 'web-push'
import type { StoredPushSubscription } from '../data/push-subscriptions-repository.ts'

export interface VapidConfig {
  publicKey: string
  privateKey: string
  subject: string
}

export type PushOutcome =
  { ok: true; status: number } | { ok: false; status: number; gone: boolean; reason: string }

export class PushSendError extends Error {
  override name = 'PushSendError'
}

export async function sendPush(
  subscription: Pick<StoredPushSubscription, 'endpoint' | 'p256dh' | 'auth'>,
  payload: object,
  opts: { vapid: VapidConfig; ttlS?: number; fetch?: typeof fetch; timeoutMs?: number },
): Promise<PushOutcome> {
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: opts.vapid,
      TTL: opts.ttlS ?? 24 * 3600,
      contentEncoding: 'aes128gcm',
    },
  )
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(details.headers)) headers[name] = String(value)
  const res = await (opts.fetch ?? fetch)(details.endpoint, {
    method: details.method,
    headers,
    body: details.body ? new Uint8Array(details.body) : undefined,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  })
  if (res.ok) return { ok: true, status: res.status }
  const text = (await res.text().catch(() => '')).slice(0, 300)
  const reason = `push service answered ${res.status}${text ? `: ${text}` : ''}`
  // Too many requests, or the service's own trouble: try again later.
  if (res.status === 429 || res.status >= 500) throw new PushSendError(reason)
  return { ok: false, status: res.status, gone: res.status === 404 || res.status === 410, reason }
}
