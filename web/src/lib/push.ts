// Web Push opt-in for the profile page: the service worker (/sw.js) shows what the notifier
// pushes; these helpers subscribe this browser with the server's VAPID key and tell the API
// (POST/DELETE /api/me/push-subscriptions), or undo that. The subscribe button calls `subscribe`
// from a click (browsers ask for the notification permission only then).
import type { ApiClient } from '@booking/api-client'

const WORKER = '/sw.js'

/** Why subscribing did not happen: the person said no (`denied`) or closed the prompt (`default`). */
export class PushPermissionError extends Error {
  override name = 'PushPermissionError'
  constructor(readonly permission: NotificationPermission) {
    super(`Notifications are not allowed (${permission}).`)
  }
}

/** Whether this browser can receive Web Push at all (not in every browser, nor over plain HTTP). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  )
}

/** The service worker's registration, registering it first if needed. */
async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(WORKER, { scope: '/' })
  return navigator.serviceWorker.ready
}

/** The key as PushManager wants it: base64url text → bytes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=')
  const text = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(text.length))
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false
  const x = new Uint8Array(a)
  return x.every((v, i) => v === b[i])
}

/** This browser's push subscription, if it has one (without registering anything). */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null
  const reg = await navigator.serviceWorker.getRegistration('/')
  return (await reg?.pushManager.getSubscription()) ?? null
}

/**
 * Subscribes this browser and stores the subscription for the logged-in user. Throws
 * PushPermissionError when notifications are not allowed, and the API's error (`push_disabled`
 * when the server has no VAPID keys).
 */
export async function subscribe(api: ApiClient): Promise<PushSubscription> {
  const permission = await Notification.requestPermission()
  if (permission !== 'granted') throw new PushPermissionError(permission)
  const { vapid_public_key } = await api.GET('/api/push/config')
  const key = keyBytes(vapid_public_key)
  const reg = await registration()
  let subscription = await reg.pushManager.getSubscription()
  // A subscription made with another key (the server's keys changed) cannot receive its pushes.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe()
    subscription = null
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })
  const json = subscription.toJSON()
  await api.POST('/api/me/push-subscriptions', {
    body: { endpoint: subscription.endpoint, keys: { p256dh: json.keys!.p256dh!, auth: json.keys!.auth! } },
  })
  return subscription
}

/** Removes this browser's subscription, at the API and in the browser; nothing when there is none. */
export async function unsubscribe(api: ApiClient): Promise<void> {
  const subscription = await currentSubscription()
  if (!subscription) return
  await api.DELETE('/api/me/push-subscriptions', { body: { endpoint: subscription.endpoint } })
  await subscription.unsubscribe()
}
