// The one source of the channels' words: the common messages (`ru.ts`, `en.ts`) and each area's
// own file, nested under the area's name (`t('booking.services.title')`), so helpers working on
// different screens never edit the same file. English must have exactly the Russian keys.
import ru from './ru.ts'
import en from './en.ts'
import bookingRu from './booking.ru.ts'
import bookingEn from './booking.en.ts'
import checkoutRu from './checkout.ru.ts'
import checkoutEn from './checkout.en.ts'
import accountRu from './account.ru.ts'
import accountEn from './account.en.ts'
import adminRu from './admin.ru.ts'
import adminEn from './admin.en.ts'

const russian = { ...ru, booking: bookingRu, checkout: checkoutRu, account: accountRu, admin: adminRu }

/** The shape of every locale's messages (Russian is the reference). */
export type Messages = typeof russian

export const messages: { ru: Messages; en: Messages } = {
  ru: russian,
  en: { ...en, booking: bookingEn, checkout: checkoutEn, account: accountEn, admin: adminEn },
}

export type { SameKeys } from './same-keys.ts'
