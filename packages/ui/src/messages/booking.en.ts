// Words of the first steps of booking: services, specialist, time (web/src/pages/booking/*Step.vue), in English.
import type ru from './booking.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {} satisfies SameKeys<typeof ru>
