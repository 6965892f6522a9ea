// Words of the admin panel's imports screens (web/src/admin/imports/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-imports.ru.ts'

export default {
  title: 'Calendar import',
} satisfies SameKeys<typeof ru>
