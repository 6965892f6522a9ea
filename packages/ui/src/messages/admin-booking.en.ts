// Words of the admin panel's booking dialogs (web/src/admin/booking/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-booking.ru.ts'

export default {
  title: 'Booking',
} satisfies SameKeys<typeof ru>
