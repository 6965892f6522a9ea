// Words of the admin panel's catalogue screens (web/src/admin/catalogue/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-catalogue.ru.ts'

export default {
  title: 'Catalogue',
} satisfies SameKeys<typeof ru>
