import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, parseSettings } from '../../src/domain/settings.ts'

describe('parseSettings', () => {
  it('keeps a late-cancellation fee with two decimals, as the money arithmetic takes it', () => {
    expect(parseSettings({ late_cancellation_fee_percent: 12.5 }).lateCancellationFeePercent).toBe(12.5)
    expect(parseSettings({ late_cancellation_fee_percent: 7.25 }).lateCancellationFeePercent).toBe(7.25)
    expect(parseSettings({ late_cancellation_fee_percent: 0 }).lateCancellationFeePercent).toBe(0)
  })

  it('falls back to the default for a fee it cannot use exactly', () => {
    for (const bad of [12.345, -1, 101, '50', null, Number.NaN]) {
      expect(parseSettings({ late_cancellation_fee_percent: bad }).lateCancellationFeePercent).toBe(
        DEFAULT_SETTINGS.lateCancellationFeePercent,
      )
    }
  })
})
