// Words of the admin panel's journal screens (web/src/admin/journal/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-journal.ru.ts'

export default {
  title: 'Journal',
} satisfies SameKeys<typeof ru>
