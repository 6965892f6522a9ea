// Every repository of src/data, built once per process by its composition root (the API's app, the
// worker's `startWorkers`) on the process's one pool and handed down: a route or a processor asks
// `repos.bookings.body(id)`, never builds a repository, let alone a query, of its own.
//
// A method that may run inside a caller's transaction takes it as an argument (the worker's
// booking path passes its `trx`); without one it runs on the pool.
import { availabilityReads } from './availability-reads.ts'
import { bookingPaymentsRepository } from './booking-payments-repository.ts'
import { bookingWrites } from './booking-writes.ts'
import { bookingsRepository } from './bookings-repository.ts'
import { calendarFeedsRepository } from './calendar-feeds-repository.ts'
import { createClientsRepository } from './clients-repository.ts'
import { companyRepository } from './company-repository.ts'
import { createCredentialsRepository } from './credentials-repository.ts'
import type { Db } from './db.ts'
import { deploymentRepository } from './deployment-repository.ts'
import { createOffersRepository } from './offers-repository.ts'
import { outboxRepository } from './outbox-repository.ts'
import { paymentSources } from './payment-sources.ts'
import { remindersRepository } from './reminders-repository.ts'
import { pushSubscriptionsRepository } from './push-subscriptions-repository.ts'
import { sessionsRepository } from './sessions-repository.ts'
import { createSettingsRepository } from './settings-repository.ts'
import { scheduleStaging } from './schedule-staging.ts'
import { createSetupRepository } from './setup-repository.ts'
import { telegramLinksRepository } from './telegram-links-repository.ts'
import { usersRepository } from './users-repository.ts'
import { walletRepository } from './wallet-repository.ts'

export function createRepositories(db: Db) {
  return {
    /** The salon's configuration as admins edit it. */
    setup: createSetupRepository(db),
    /** A weekly schedule change staged and rolled back: what it would strand. */
    scheduleStaging: scheduleStaging(db),
    bookings: bookingsRepository(db),
    /** Payments taken at the desk for bookings paid on site. */
    bookingPayments: bookingPaymentsRepository(db),
    clients: createClientsRepository(db),
    /** The company row: facts, zone, currency, settings (the one module that reads it). */
    company: companyRepository(db),
    /** Company settings as the admin API reads and edits them. */
    settings: createSettingsRepository(db),
    credentials: createCredentialsRepository(db),
    sessions: sessionsRepository(db),
    users: usersRepository(db),
    /** One-time codes that link a web account to Telegram, and who holds a Telegram account. */
    telegramLinks: telegramLinksRepository(db),
    wallet: walletRepository(db),
    offers: createOffersRepository(db),
    outbox: outboxRepository(db),
    deployment: deploymentRepository(db),
    /** Upcoming confirmed bookings and recorded reminders, to rebuild reminder jobs Redis lost. */
    reminders: remindersRepository(db),
    /** Calendar feed tokens and the bookings a feed shows. */
    calendarFeeds: calendarFeedsRepository(db),
    /** Web Push subscriptions of users' browsers. */
    pushSubscriptions: pushSubscriptionsRepository(db),
    // The worker's booking path, every statement inside the caller's transaction.
    /** The booking writer's statements and the machine's effects. */
    bookingWrites,
    /** The re-check's reads besides the grids. */
    availability: availabilityReads,
    /** Packages, wallet, prices and discounts as a booking's payment needs them. */
    payments: paymentSources,
  }
}

export type Repositories = ReturnType<typeof createRepositories>
