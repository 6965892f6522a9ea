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
import adminJournalRu from './admin-journal.ru.ts'
import adminJournalEn from './admin-journal.en.ts'
import adminClientsRu from './admin-clients.ru.ts'
import adminClientsEn from './admin-clients.en.ts'
import adminCatalogueRu from './admin-catalogue.ru.ts'
import adminCatalogueEn from './admin-catalogue.en.ts'
import adminOverridesRu from './admin-overrides.ru.ts'
import adminOverridesEn from './admin-overrides.en.ts'
import adminJobsRu from './admin-jobs.ru.ts'
import adminJobsEn from './admin-jobs.en.ts'
import adminBookingRu from './admin-booking.ru.ts'
import adminBookingEn from './admin-booking.en.ts'
import adminSchedulesRu from './admin-schedules.ru.ts'
import adminSchedulesEn from './admin-schedules.en.ts'
import adminAnalyticsRu from './admin-analytics.ru.ts'
import adminAnalyticsEn from './admin-analytics.en.ts'
import adminCalendarsRu from './admin-calendars.ru.ts'
import adminCalendarsEn from './admin-calendars.en.ts'
import miniappRu from './miniapp.ru.ts'
import miniappEn from './miniapp.en.ts'
import miniappAdminRu from './miniapp-admin.ru.ts'
import miniappAdminEn from './miniapp-admin.en.ts'

const russian = {
  ...ru,
  booking: bookingRu,
  checkout: checkoutRu,
  account: accountRu,
  miniapp: { ...miniappRu, admin: miniappAdminRu },
  admin: {
    ...adminRu,
    journal: adminJournalRu,
    clients: adminClientsRu,
    catalogue: adminCatalogueRu,
    overrides: adminOverridesRu,
    jobs: adminJobsRu,
    booking: adminBookingRu,
    schedules: adminSchedulesRu,
    analytics: adminAnalyticsRu,
    calendars: adminCalendarsRu,
  },
}

/** The shape of every locale's messages (Russian is the reference). */
export type Messages = typeof russian

export const messages: { ru: Messages; en: Messages } = {
  ru: russian,
  en: {
    ...en,
    booking: bookingEn,
    checkout: checkoutEn,
    account: accountEn,
    miniapp: { ...miniappEn, admin: miniappAdminEn },
    admin: {
      ...adminEn,
      journal: adminJournalEn,
      clients: adminClientsEn,
      catalogue: adminCatalogueEn,
      overrides: adminOverridesEn,
      jobs: adminJobsEn,
      booking: adminBookingEn,
      schedules: adminSchedulesEn,
      analytics: adminAnalyticsEn,
      calendars: adminCalendarsEn,
    },
  },
}

export type { SameKeys } from './same-keys.ts'
