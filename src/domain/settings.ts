// The company's settings, with the defaults a new salon starts from.
import type { CancellationPolicy } from './cancellation.ts'
import { percentToBasisPoints } from './money.ts'

export interface CompanySettings {
  /** How many days ahead slots are offered, today included. */
  bookingHorizonDays: number
  /** Slots starting sooner than this are not offered. */
  minLeadMinutes: number
  /** A cancellation at least this long before the start is free. */
  freeCancellationHours: number
  /** Share of the price kept on a late cancellation or a no-show paid from the wallet (0–100, two decimals). */
  lateCancellationFeePercent: number
  /** Whether a late cancellation or no-show of a package booking uses up the visit. */
  lateCancellationConsumesVisit: boolean
  /**
   * Minutes after booking in which a client cancels for free even inside the late window (ending at
   * the start at the latest): a booking made by mistake can be undone at no cost. 0 turns it off.
   */
  cancellationGraceMinutes: number
  /** Reminders before a booking, in minutes. */
  reminderOffsetsMinutes: number[]
  /** 'required': bookings without a package must be paid from the wallet. */
  prepayment: 'none' | 'required'
}

export const DEFAULT_SETTINGS: CompanySettings = {
  bookingHorizonDays: 60,
  minLeadMinutes: 60,
  freeCancellationHours: 24,
  lateCancellationFeePercent: 50,
  lateCancellationConsumesVisit: true,
  cancellationGraceMinutes: 15,
  reminderOffsetsMinutes: [1440, 120],
  prepayment: 'none',
}

const int = (v: unknown, min: number, max: number, fallback: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fallback

/** A percentage 0–100 with at most two decimals (what the money arithmetic takes exactly). */
function percent(v: unknown, fallback: number): number {
  try {
    percentToBasisPoints(v)
    return v as number
  } catch {
    return fallback
  }
}

/** Reads the stored JSON (snake_case keys), falling back to the default for anything missing or off. */
export function parseSettings(json: Record<string, unknown> | null | undefined): CompanySettings {
  const s = json ?? {}
  const d = DEFAULT_SETTINGS
  return {
    bookingHorizonDays: int(s.booking_horizon_days, 1, 365, d.bookingHorizonDays),
    minLeadMinutes: int(s.min_lead_minutes, 0, 7 * 1440, d.minLeadMinutes),
    freeCancellationHours: int(s.free_cancellation_hours, 0, 24 * 30, d.freeCancellationHours),
    lateCancellationFeePercent: percent(s.late_cancellation_fee_percent, d.lateCancellationFeePercent),
    lateCancellationConsumesVisit:
      typeof s.late_cancellation_consumes_visit === 'boolean'
        ? s.late_cancellation_consumes_visit
        : d.lateCancellationConsumesVisit,
    cancellationGraceMinutes: int(s.cancellation_grace_minutes, 0, 1440, d.cancellationGraceMinutes),
    reminderOffsetsMinutes: Array.isArray(s.reminder_offsets_minutes)
      ? s.reminder_offsets_minutes.filter((m): m is number => Number.isInteger(m) && m > 0 && m <= 30 * 1440)
      : d.reminderOffsetsMinutes,
    prepayment: s.prepayment === 'required' ? 'required' : 'none',
  }
}

/** The cancellation terms of the settings, as copied into each booking when it is made. */
export function cancellationPolicyOf(settings: CompanySettings): CancellationPolicy {
  return {
    free_cancellation_hours: settings.freeCancellationHours,
    late_cancellation_fee_percent: settings.lateCancellationFeePercent,
    late_cancellation_consumes_visit: settings.lateCancellationConsumesVisit,
    cancellation_grace_minutes: settings.cancellationGraceMinutes,
  }
}
