// Words of the admin panel's clients screens (web/src/admin/clients/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-clients.ru.ts'

export default {
  title: 'Clients',
} satisfies SameKeys<typeof ru>
