// Words of the admin panel's overrides screens (web/src/admin/overrides/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-overrides.ru.ts'

export default {
  title: 'Schedule exceptions',
} satisfies SameKeys<typeof ru>
