// The day-cell memo is bounded: once it holds 1 024 days, the oldest is forgotten (and computed again,
// equal, when asked for). Alone in its file so that no other test fills the cache first.

import { describe, expect, it } from 'vitest'
import { addDays } from '../../src/domain/dates.ts'
import { dayCells } from '../../src/domain/day-cells.ts'

describe('dayCells cache', () => {
  it('keeps at most 1 024 days, forgetting the oldest first', () => {
    const zone = 'Asia/Tokyo'
    const first = dayCells('2000-01-01', zone)
    expect(dayCells('2000-01-01', zone)).toBe(first)
    const second = dayCells('2000-01-02', zone)
    // 1 023 more days fill the cache to its limit exactly: nothing is forgotten yet.
    let date = '2000-01-02'
    for (let i = 0; i < 1_022; i++) {
      date = addDays(date, 1)
      dayCells(date, zone)
    }
    expect(dayCells('2000-01-01', zone)).toBe(first)
    // The 1 025th day pushes the oldest out; the second is still there.
    dayCells(addDays(date, 1), zone)
    expect(dayCells('2000-01-02', zone)).toBe(second)
    const again = dayCells('2000-01-01', zone)
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
  })
})
