// The site's service worker (served from /sw.js, scope /). It shows the notifications the notifier
// pushes — a JSON payload {title, body, url} (docs/notifications.md) — and opens their page on a
// click. It caches nothing: the site works online only.
/* global self, URL */
'use strict'

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

/** The push's JSON payload; a text that is not JSON is shown as the body. */
function payloadOf(event) {
  if (!event.data) return {}
  try {
    const value = event.data.json()
    return value && typeof value === 'object' ? value : {}
  } catch {
    return { body: event.data.text() }
  }
}

/** A page of this site: a URL elsewhere (or none) opens the start page instead. */
function pageOf(url) {
  try {
    const page = new URL(typeof url === 'string' ? url : '/', self.location.origin)
    return page.origin === self.location.origin ? page.href : new URL('/', self.location.origin).href
  } catch {
    return new URL('/', self.location.origin).href
  }
}

self.addEventListener('push', (event) => {
  const payload = payloadOf(event)
  const title = typeof payload.title === 'string' && payload.title ? payload.title : self.location.host
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof payload.body === 'string' ? payload.body : '',
      data: { url: pageOf(payload.url) },
      // One notification per booking: a newer push about the same thing replaces the older one.
      ...(typeof payload.tag === 'string' && payload.tag ? { tag: payload.tag, renotify: true } : {}),
    }),
  )
})

self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = pageOf(event.notification.data && event.notification.data.url)
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const same = windows.find((w) => w.url === url)
      if (same) return same.focus()
      // A tab of the site is open: show the page there rather than opening another.
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin)
      if (open) {
        const navigated = await open.navigate(url).catch(() => null)
        if (navigated) return navigated.focus()
      }
      return self.clients.openWindow(url)
    })(),
  )
})
