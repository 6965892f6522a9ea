// The ordered list of migrations. Listed explicitly (not read from the folder) so that they load
// the same way under tsx, vitest and any bundler.
import type { Knex } from 'knex'
import * as m001 from './001_schema.ts'
import * as m002 from './002_grid_versions.ts'
import * as m003 from './003_chain_intents.ts'
import * as m004 from './004_deployment.ts'
import * as m005 from './005_money_refusals.ts'
import * as m006 from './006_discount_values.ts'
import * as m007 from './007_invitations.ts'
import * as m008 from './008_notification_outbox.ts'
import * as m009 from './009_calendar_feeds.ts'
import * as m010 from './010_service_categories.ts'
import * as m011 from './011_calendar_imports.ts'
import * as m012 from './012_analytics_indexes.ts'
import * as m013 from './013_specialist_photos.ts'
import * as m014 from './014_telegram_link_codes.ts'
import * as m016 from './016_booking_payments.ts'
import * as m017 from './017_notification_records.ts'
import * as m020 from './020_analytics_rollup.ts'

interface Migration {
  up(knex: Knex): Promise<void>
  down(knex: Knex): Promise<void>
}

const migrations: Record<string, Migration> = {
  '001_schema': m001,
  '002_grid_versions': m002,
  '003_chain_intents': m003,
  '004_deployment': m004,
  '005_money_refusals': m005,
  '006_discount_values': m006,
  '007_invitations': m007,
  '008_notification_outbox': m008,
  '009_calendar_feeds': m009,
  '010_service_categories': m010,
  '011_calendar_imports': m011,
  '012_analytics_indexes': m012,
  '013_specialist_photos': m013,
  '014_telegram_link_codes': m014,
  '016_booking_payments': m016,
  '017_notification_records': m017,
  '020_analytics_rollup': m020,
}

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
}
