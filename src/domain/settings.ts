// The company's settings (SPEC §3), with the defaults a new salon starts from.

export interface CompanySettings {
  /** How many days ahead slots are offered, today included. */
  bookingHorizonDays: number
  /** Slots starting sooner than this are not offered. */
  minLeadMinutes: number
  /** A cancellation at least this long before the start is free. */
  freeCancellationHours: number
  /** Share of the price kept on a late cancellation or a no-show paid from the wallet (0–100). */
  lateCancellationFeePercent: number
  /** Whether a late cancellation or no-show of a package booking uses up the visit. */
  lateCancellationConsumesVisit: boolean
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
  reminderOffsetsMinutes: [1440, 120],
  prepayment: 'none',
}

const int = (v: unknown, min: number, max: number, fallback: number) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fallback

/** Reads the stored JSON (snake_case keys), falling back to the default for anything missing or off. */
export function parseSettings(json: Record<string, unknown> | null | undefined): CompanySettings {
  const s = json ?? {}
  const d = DEFAULT_SETTINGS
  return {
    bookingHorizonDays: int(s.booking_horizon_days, 1, 365, d.bookingHorizonDays),
    minLeadMinutes: int(s.min_lead_minutes, 0, 7 * 1440, d.minLeadMinutes),
    freeCancellationHours: int(s.free_cancellation_hours, 0, 24 * 30, d.freeCancellationHours),
    lateCancellationFeePercent: int(s.late_cancellation_fee_percent, 0, 100, d.lateCancellationFeePercent),
    lateCancellationConsumesVisit:
      typeof s.late_cancellation_consumes_visit === 'boolean'
        ? s.late_cancellation_consumes_visit
        : d.lateCancellationConsumesVisit,
    reminderOffsetsMinutes: Array.isArray(s.reminder_offsets_minutes)
      ? s.reminder_offsets_minutes.filter((m): m is number => Number.isInteger(m) && m > 0 && m <= 30 * 1440)
      : d.reminderOffsetsMinutes,
    prepayment: s.prepayment === 'required' ? 'required' : 'none',
  }
}
