// Words of the client's account: bookings, wallet, packages, profile (web/src/pages/account/), in English.
import type ru from './account.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {} satisfies SameKeys<typeof ru>
