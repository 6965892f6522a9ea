// Every route module of the API, registered in one place.
import type { FastifyInstance } from 'fastify'
import healthRoutes from './health.ts'
import specialistBlockRoutes from './specialist-blocks.ts'
import slotRoutes from './slots.ts'
import slotStreamRoutes from './slots-stream.ts'
import companyRoutes from './company.ts'
import adminSettingsRoutes from './admin/settings.ts'
import passwordRoutes from './password.ts'
import invitationRoutes from './invitations.ts'
import bookingRoutes from './bookings.ts'
import bookingQuoteRoutes from './booking-quote.ts'
import internalRoutes from './internal.ts'
import authRoutes from './auth.ts'
import telegramAuthRoutes from './telegram-auth.ts' // Telegram login and linking
import metricsRoutes from './metrics.ts' // GET /metrics
import catalogueRoutes from './catalogue.ts'
import adminLocationRoutes from './admin/locations.ts'
import adminRoomRoutes from './admin/rooms.ts'
import adminServiceRoutes from './admin/services.ts'
import adminPackageRoutes from './admin/packages.ts'
import adminSpecialistRoutes from './admin/specialists.ts'
import adminOverrideRoutes from './admin/overrides.ts'
import adminClientRoutes from './admin/clients.ts'
import moneyRoutes from './money.ts'
import adminBulkRoutes from './admin/bulk.ts' // bulk schedules/overrides
import adminJobRoutes from './admin/jobs.ts' // job state, progress, retry
import adminCalendarImportRoutes from './admin/calendar-import.ts' // .ics import for a specialist
import calendarFeedRoutes from './calendar-feed.ts' // iCalendar feeds
import pushRoutes from './push.ts' // Web Push subscriptions
import adminAnalyticsRoutes from './admin/analytics.ts' // load analytics (docs/analytics.md)
import adminBookingPaymentRoutes from './admin/booking-payments.ts' // payments taken at the desk
import specialistPhotoRoutes from './admin/specialist-photos.ts' // specialists' photos
import adminJournalRoutes from './admin/journal.ts' // the admin journal of a location
import adminNotificationRoutes from './admin/notifications.ts' // the notifier's records
import internalTelegramRoutes from './internal-telegram.ts' // the bot's sessions
import telegramLinkRoutes from './telegram-link.ts' // linking Telegram with a one-time code

export async function routes(app: FastifyInstance) {
  await app.register(healthRoutes)
  await app.register(specialistBlockRoutes)
  await app.register(slotRoutes)
  await app.register(slotStreamRoutes)
  await app.register(companyRoutes)
  await app.register(adminSettingsRoutes, { prefix: '/api/admin' })
  await app.register(passwordRoutes)
  await app.register(invitationRoutes)
  await app.register(bookingRoutes)
  await app.register(bookingQuoteRoutes)
  await app.register(internalRoutes)
  await app.register(authRoutes)
  await app.register(telegramAuthRoutes)
  await app.register(metricsRoutes)
  await app.register(catalogueRoutes)
  await app.register(adminLocationRoutes, { prefix: '/api/admin' })
  await app.register(adminRoomRoutes, { prefix: '/api/admin' })
  await app.register(adminServiceRoutes, { prefix: '/api/admin' })
  await app.register(adminPackageRoutes, { prefix: '/api/admin' })
  await app.register(adminSpecialistRoutes, { prefix: '/api/admin' })
  await app.register(adminOverrideRoutes, { prefix: '/api/admin' })
  await app.register(adminClientRoutes, { prefix: '/api/admin' })
  await app.register(moneyRoutes)
  await app.register(adminBulkRoutes, { prefix: '/api/admin' })
  await app.register(adminJobRoutes, { prefix: '/api/admin' })
  await app.register(adminCalendarImportRoutes, { prefix: '/api/admin' })
  await app.register(calendarFeedRoutes)
  await app.register(pushRoutes)
  await app.register(adminAnalyticsRoutes, { prefix: '/api/admin' })
  await app.register(adminBookingPaymentRoutes, { prefix: '/api/admin' })
  await app.register(specialistPhotoRoutes)
  await app.register(adminJournalRoutes, { prefix: '/api/admin' })
  await app.register(adminNotificationRoutes, { prefix: '/api/admin' })
  await app.register(internalTelegramRoutes)
  await app.register(telegramLinkRoutes)
}
