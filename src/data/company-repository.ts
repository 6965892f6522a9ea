// The single company row: its name, currency, default zone and settings (`company.settings`,
// snake_case JSON read by `parseSettings`). Every reader goes through here so that a missing row or
// a missing key means the same default everywhere (the schema's own defaults).
//
// Instants that belong to the company rather than to one location (a client's wallet, packages,
// discounts, profile) are shown in its zone, so every answer about one client carries the same
// offset whichever branch they visit.
import type { Knex } from 'knex'
import { parseSettings, type CompanySettings } from '../domain/settings.ts'

export interface CompanyFacts {
  name: string
  currency: string
  timezone: string
  settings: CompanySettings
}

const DEFAULT_CURRENCY = 'RUB'
const DEFAULT_ZONE = 'Europe/Moscow'

/** The company, or the schema's defaults while no company row exists yet. */
export async function readCompany(k: Knex): Promise<CompanyFacts> {
  return companyFactsOf(await k('company').orderBy('id').first('name', 'currency', 'timezone', 'settings'))
}

/**
 * The company row as one JSON value, for a query that needs the company beside what it reads
 * (`select …, ${COMPANY_JSON} as company`; read it with `companyFactsOf`): one round trip, not two.
 */
export const COMPANY_JSON =
  '(select to_jsonb(c) from (select name, currency, timezone, settings from company order by id limit 1) c)'

/** The facts of a company row (or of none: the schema's defaults). */
export function companyFactsOf(row: Record<string, unknown> | null | undefined): CompanyFacts {
  return {
    name: (row?.name as string | undefined) ?? '',
    currency: (row?.currency as string | undefined) ?? DEFAULT_CURRENCY,
    timezone: (row?.timezone as string | undefined) ?? DEFAULT_ZONE,
    settings: parseSettings(row?.settings as Record<string, unknown> | null | undefined),
  }
}

/** The company's IANA zone (`company.timezone`). */
export const companyZone = async (k: Knex): Promise<string> => (await readCompany(k)).timezone

/** The currency every amount is in (`company.currency`). */
export const companyCurrency = async (k: Knex): Promise<string> => (await readCompany(k)).currency

/** The booking policy (`company.settings`), every key present. */
export const companySettings = async (k: Knex): Promise<CompanySettings> => (await readCompany(k)).settings

/**
 * The same facts as SQL columns, for list queries that answer every row with them in one round trip
 * (`select …, ${companyColumn('currency')} as currency`).
 */
export function companyColumn(column: 'currency' | 'timezone'): string {
  const fallback = column === 'currency' ? DEFAULT_CURRENCY : DEFAULT_ZONE
  return `coalesce((select c.${column} from company c order by c.id limit 1), '${fallback}')`
}

/**
 * Merges `patch` (stored snake_case keys) into the settings in one statement: keys it leaves out
 * keep their value, other keys stored there are kept too. Returns the settings before and after.
 */
export async function mergeCompanySettings(
  trx: Knex.Transaction,
  patch: Record<string, unknown>,
): Promise<{ before: CompanySettings; after: CompanySettings }> {
  const before = await trx('company').forUpdate().first('settings')
  await trx.raw(
    `insert into company (id, name, settings) values (1, '', ?::jsonb)
     on conflict (id) do update set settings = company.settings || excluded.settings, updated_at = now()`,
    [JSON.stringify(patch)],
  )
  const after = await trx('company').first('settings')
  return { before: parseSettings(before?.settings), after: parseSettings(after?.settings) }
}

/**
 * The same readers bound to the process's pool, for `createRepositories` (src/data/repositories.ts);
 * each one takes a transaction when the read belongs to one.
 */
export function companyRepository(db: Knex) {
  return {
    read: (trx?: Knex.Transaction) => readCompany(trx ?? db),
    zone: (trx?: Knex.Transaction) => companyZone(trx ?? db),
    currency: (trx?: Knex.Transaction) => companyCurrency(trx ?? db),
    settings: (trx?: Knex.Transaction) => companySettings(trx ?? db),
    mergeSettings: mergeCompanySettings,
  }
}
