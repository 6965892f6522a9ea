// Web Push in real Chromium: web/src/lib/push.ts subscribes through the API, the service worker
// (web/public/sw.js) shows what is pushed. A real subscription needs the browser vendor's push
// service (not reachable offline), so PushManager.subscribe is stubbed on the page, and the push
// itself is delivered through the DevTools protocol (ServiceWorker.deliverPushMessage), as
// docs/notifications.md describes. Sending pushes is the notifier's work.
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { Browser, CDPSession } from 'playwright-core'
import { build } from 'vite'
import webpush from 'web-push'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, openPage, type TestPage } from '../helpers/browser.ts'
import { createUser } from '../helpers/fixtures.ts'
import { startWebStack, type WebStack } from '../helpers/web-stack.ts'

const vapid = webpush.generateVAPIDKeys()
let stack: WebStack
let browser: Browser
/** tests/web/push-page.ts built for the browser (an IIFE that sets `window.push`). */
let pushPage: string

beforeAll(async () => {
  const [started, bundle] = await Promise.all([
    startWebStack({
      config: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
      workers: false,
    }),
    build({
      configFile: false,
      logLevel: 'silent',
      root: fileURLToPath(new URL('../../web/', import.meta.url)),
      build: {
        write: false,
        minify: false,
        lib: {
          entry: fileURLToPath(new URL('./push-page.ts', import.meta.url)),
          formats: ['iife'],
          name: 'pushPage',
        },
      },
    }),
  ])
  stack = started
  const output = (Array.isArray(bundle) ? bundle[0]! : bundle) as { output: { code?: string }[] }
  pushPage = output.output[0]!.code!
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

interface Stubbed {
  /** The applicationServerKey the page subscribed with, base64url. */
  subscribedWith?: string
}

/**
 * Replaces PushManager's subscribe and getSubscription in every page of the context with a
 * subscription the test knows: the endpoint and keys a push service would have given.
 */
async function stubPushManager(
  page: TestPage,
  subscription: { endpoint: string; p256dh: string; auth: string },
) {
  await page.context.addInitScript((sub) => {
    let current: PushSubscription | null = null
    const toBase64url = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')
    PushManager.prototype.getSubscription = async () => current
    PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
      const key = new Uint8Array(options!.applicationServerKey as ArrayBuffer | Uint8Array)
      ;(window as unknown as { stubbed: object }).stubbed = { subscribedWith: toBase64url(key) }
      current = {
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { applicationServerKey: key.slice().buffer, userVisibleOnly: true },
        getKey: () => null,
        toJSON: () => ({
          endpoint: sub.endpoint,
          expirationTime: null,
          keys: { p256dh: sub.p256dh, auth: sub.auth },
        }),
        unsubscribe: async () => {
          current = null
          return true
        },
      } as unknown as PushSubscription
      return current
    }
  }, subscription)
}

/** The service worker registration of the origin, as the DevTools protocol reports it. */
async function registrationId(cdp: CDPSession, scope: string): Promise<string> {
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const r = registrations.find(
        (x: { scopeURL: string; isDeleted: boolean }) => x.scopeURL === scope && !x.isDeleted,
      )
      if (r) resolve(r.registrationId)
    })
  })
  await cdp.send('ServiceWorker.enable')
  return found
}

describe('Web Push opt-in', () => {
  it('subscribes through the API, shows a pushed notification from the service worker, and unsubscribes', async () => {
    const user = await createUser(stack.env.db, ['client'])
    const page = await openPage(browser)
    try {
      await page.context.grantPermissions(['notifications'], { origin: stack.baseUrl })
      const endpoint = `https://push.example.test/send/${randomBytes(12).toString('base64url')}`
      const keys = {
        p256dh: randomBytes(65).toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      }
      await stubPushManager(page, { endpoint, ...keys })
      await page.context.addInitScript((token) => localStorage.setItem('booking.token', token), user.token)
      await page.page.goto(`${stack.baseUrl}/`)
      await page.page.evaluate(pushPage)

      type PushApi = { push: Record<string, () => Promise<unknown>>; stubbed?: Stubbed }
      expect(await page.page.evaluate(() => (window as unknown as PushApi).push.supported!())).toBe(true)
      expect(await page.page.evaluate(() => (window as unknown as PushApi).push.current!())).toBeNull()

      // Subscribing: the server's VAPID key goes to the push service, the subscription to the API.
      expect(await page.page.evaluate(() => (window as unknown as PushApi).push.subscribe!())).toBe(endpoint)
      const stubbed = await page.page.evaluate(() => (window as unknown as PushApi).stubbed)
      expect(stubbed?.subscribedWith).toBe(vapid.publicKey)
      const rows = await stack.env.db('push_subscriptions').where({ user_id: user.id })
      expect(rows).toMatchObject([{ endpoint, p256dh: keys.p256dh, auth: keys.auth }])

      // The service worker is the site's /sw.js, active for the whole site.
      const worker = await page.page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready
        return { script: reg.active?.scriptURL, scope: reg.scope }
      })
      expect(worker).toEqual({ script: `${stack.baseUrl}/sw.js`, scope: `${stack.baseUrl}/` })

      // A push as the notifier will send it: the worker shows it, with the page to open.
      const cdp = await page.context.newCDPSession(page.page)
      const id = await registrationId(cdp, `${stack.baseUrl}/`)
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: stack.baseUrl,
        registrationId: id,
        data: JSON.stringify({
          title: 'Запись подтверждена',
          body: 'Стрижка, 5 мая в 10:00',
          url: '/account/bookings/7',
        }),
      })
      // waitForFunction does not await an async predicate (its Promise counts as truthy at once),
      // so the notifications are polled through evaluate.
      const notifications = (tag?: string) =>
        page.page.evaluate(async (t) => {
          const reg = await navigator.serviceWorker.ready
          const list = await reg.getNotifications(t ? { tag: t } : undefined)
          return list.map((n) => ({ title: n.title, body: n.body, data: n.data as unknown }))
        }, tag)
      await expect
        .poll(() => notifications(), { timeout: 10_000 })
        .toEqual([
          {
            title: 'Запись подтверждена',
            body: 'Стрижка, 5 мая в 10:00',
            data: { url: `${stack.baseUrl}/account/bookings/7` },
          },
        ])
      // A link elsewhere in a push never leaves the site.
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: stack.baseUrl,
        registrationId: id,
        data: JSON.stringify({ title: 'Чужая ссылка', body: '', url: 'https://evil.example.net/', tag: 'x' }),
      })
      await expect
        .poll(async () => (await notifications('x')).map((n) => (n.data as { url: string }).url), {
          timeout: 10_000,
        })
        .toEqual([`${stack.baseUrl}/`])

      // Unsubscribing removes it from the API and from the browser.
      await page.page.evaluate(() => (window as unknown as PushApi).push.unsubscribe!())
      expect(await stack.env.db('push_subscriptions').where({ user_id: user.id })).toEqual([])
      expect(await page.page.evaluate(() => (window as unknown as PushApi).push.current!())).toBeNull()
    } finally {
      await page.close()
    }
  }, 60_000)
})
