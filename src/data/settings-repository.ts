// The company row's settings (`company.settings`, snake_case JSON read by `parseSettings`) and the
// public facts about the company that every channel shows: its name, currency and zone.
import type { Knex } from 'knex'
import type { CompanySettings } from '../domain/settings.ts'
import { mergeCompanySettings, readCompany, type CompanyFacts } from './company-repository.ts'

export type { CompanyFacts }

/** The stored keys, as `company.settings` holds them. */
export interface StoredSettings {
  booking_horizon_days: number
  min_lead_minutes: number
  free_cancellation_hours: number
  late_cancellation_fee_percent: number
  late_cancellation_consumes_visit: boolean
  cancellation_grace_minutes: number
  reminder_offsets_minutes: number[]
  prepayment: 'none' | 'required'
}

/** The settings in their stored (and API) spelling, every key present. */
export function storedForm(s: CompanySettings): StoredSettings {
  return {
    booking_horizon_days: s.bookingHorizonDays,
    min_lead_minutes: s.minLeadMinutes,
    free_cancellation_hours: s.freeCancellationHours,
    late_cancellation_fee_percent: s.lateCancellationFeePercent,
    late_cancellation_consumes_visit: s.lateCancellationConsumesVisit,
    cancellation_grace_minutes: s.cancellationGraceMinutes,
    reminder_offsets_minutes: s.reminderOffsetsMinutes,
    prepayment: s.prepayment,
  }
}

export function createSettingsRepository(knex: Knex) {
  return {
    /** The company, or the schema's defaults while no company row exists yet. */
    company: (trx?: Knex): Promise<CompanyFacts> => readCompany(trx ?? knex),

    /**
     * Merges `patch` into the stored settings in one statement (keys it leaves out keep their value,
     * other keys stored there are kept too) and returns the settings before and after.
     */
    update: (patch: Partial<StoredSettings>, trx: Knex.Transaction) => mergeCompanySettings(trx, patch),
  }
}
