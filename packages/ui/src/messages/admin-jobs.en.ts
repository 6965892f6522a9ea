// Words of the admin panel's jobs screens (web/src/admin/jobs/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-jobs.ru.ts'

export default {
  title: 'Bulk changes',
} satisfies SameKeys<typeof ru>
