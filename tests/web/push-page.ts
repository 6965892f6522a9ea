// What tests/web/push.test.ts runs in the page: web/src/lib/push.ts as the profile page uses it,
// on an API client of the site's kind, exposed as `window.push` (the site has no button for it yet).
import { createApiClient } from '@booking/api-client'
import { currentSubscription, pushSupported, subscribe, unsubscribe } from '../../web/src/lib/push.ts'

const token = () => localStorage.getItem('booking.token')
const api = createApiClient({ baseUrl: '', getToken: token, channel: 'web' })

Object.assign(window, {
  push: {
    supported: () => pushSupported(),
    subscribe: async () => (await subscribe(api)).endpoint,
    unsubscribe: () => unsubscribe(api),
    current: async () => (await currentSubscription())?.endpoint ?? null,
  },
})
