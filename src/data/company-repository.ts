// The single company row, as answers need it: its default time zone. Instants that belong to the
// company rather than to one location (a client's wallet, packages, discounts, profile) are shown in
// that zone, so every answer about one client carries the same offset whichever branch they visit.
import type { Knex } from 'knex'

/** The company's IANA zone (`company.timezone`); the schema's default before a company exists. */
export async function companyZone(k: Knex): Promise<string> {
  return (
    ((await k('company').orderBy('id').first('timezone'))?.timezone as string | undefined) ?? 'Europe/Moscow'
  )
}
