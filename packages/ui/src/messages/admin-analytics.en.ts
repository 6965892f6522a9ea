// Words of the admin panel's analytics screens (web/src/admin/analytics/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-analytics.ru.ts'

export default {
  title: 'Analytics',
} satisfies SameKeys<typeof ru>
