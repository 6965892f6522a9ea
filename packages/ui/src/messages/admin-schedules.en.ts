// Words of the admin panel's schedules screens (web/src/admin/schedules/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-schedules.ru.ts'

export default {
  title: 'Working hours',
} satisfies SameKeys<typeof ru>
