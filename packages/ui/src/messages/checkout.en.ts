// Words of the summary, logging in inside the flow and the outcome (web/src/pages/booking/), in English.
import type ru from './checkout.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {} satisfies SameKeys<typeof ru>
