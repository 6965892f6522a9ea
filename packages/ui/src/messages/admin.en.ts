// Words of the admin panel (web/src/admin/), in English.
import type ru from './admin.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {} satisfies SameKeys<typeof ru>
