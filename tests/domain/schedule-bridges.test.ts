// The pure week arithmetic of a schedule change (src/domain/schedule-bridges.ts): a per-day patch, the
// comparison of two weeks, and the bridging overrides that keep the old hours before a later date.

import { describe, expect, it } from 'vitest'
import { bridgingOverrides, patchSchedule, sameSchedule } from '../../src/domain/schedule-bridges.ts'
import type { WeeklySchedule } from '../../src/domain/schedule.ts'

const OLD: WeeklySchedule = {
  '0': [['09:00', '18:00']],
  '1': [['09:00', '18:00']],
  '2': [['10:00', '14:00']],
}
const never = () => false

describe('patchSchedule', () => {
  it('replaces the patched days, a null day becomes a day off, the rest stays, the input is untouched', () => {
    const patched = patchSchedule(OLD, { '1': [['12:00', '20:00']], '2': null, '5': [['10:00', '12:00']] })
    expect(patched).toEqual({
      '0': [['09:00', '18:00']],
      '1': [['12:00', '20:00']],
      '2': [],
      '5': [['10:00', '12:00']],
    })
    expect(OLD['2']).toEqual([['10:00', '14:00']])
    expect(patchSchedule(OLD, {})).toEqual(OLD)
    expect(patchSchedule(OLD, {})).not.toBe(OLD)
  })
})

describe('sameSchedule', () => {
  it('a missing day and [] are both a day off; any differing day makes them differ', () => {
    expect(sameSchedule({ '0': [] }, {})).toBe(true)
    expect(sameSchedule(OLD, { ...OLD })).toBe(true)
    expect(sameSchedule(OLD, { ...OLD, '2': [['10:00', '15:00']] })).toBe(false)
    expect(sameSchedule(OLD, { ...OLD, '6': [['10:00', '15:00']] })).toBe(false)
    expect(sameSchedule({ '0': [['09:00', '10:00']] }, {})).toBe(false)
  })
})

describe('bridgingOverrides', () => {
  // 2026-03-02 is a Monday ("0").
  it('keeps the old hours on each changed date before `until`, in runs of the same old hours', () => {
    const after = patchSchedule(OLD, { '0': [['12:00', '18:00']], '1': [['12:00', '18:00']], '2': null })
    expect(bridgingOverrides(OLD, after, '2026-03-02', '2026-03-10', never)).toEqual([
      { dateFrom: '2026-03-02', dateTo: '2026-03-03', kind: 'open', intervals: [['09:00', '18:00']] },
      { dateFrom: '2026-03-04', dateTo: '2026-03-04', kind: 'open', intervals: [['10:00', '14:00']] },
      { dateFrom: '2026-03-09', dateTo: '2026-03-09', kind: 'open', intervals: [['09:00', '18:00']] },
    ])
  })

  it('a new working day gets a closed bridge; `until` is excluded; skipped dates break a run', () => {
    const after = patchSchedule(OLD, { '5': [['10:00', '12:00']], '6': [['10:00', '12:00']] })
    expect(bridgingOverrides(OLD, after, '2026-03-02', '2026-03-08', never)).toEqual([
      { dateFrom: '2026-03-07', dateTo: '2026-03-07', kind: 'closed', intervals: [] },
    ])
    expect(bridgingOverrides(OLD, after, '2026-03-02', '2026-03-09', never)).toEqual([
      { dateFrom: '2026-03-07', dateTo: '2026-03-08', kind: 'closed', intervals: [] },
    ])
    const all = patchSchedule(OLD, { '0': null, '1': null })
    expect(bridgingOverrides(OLD, all, '2026-03-02', '2026-03-04', (d) => d === '2026-03-02')).toEqual([
      { dateFrom: '2026-03-03', dateTo: '2026-03-03', kind: 'open', intervals: [['09:00', '18:00']] },
    ])
    expect(bridgingOverrides(OLD, all, '2026-03-02', '2026-03-02', never)).toEqual([])
    expect(bridgingOverrides(OLD, OLD, '2026-03-02', '2026-04-02', never)).toEqual([])
  })

  it('a run continues only over consecutive dates with equal old hours', () => {
    // Monday and Tuesday have the same old hours but a skipped Tuesday separates Monday from Wednesday's other hours.
    const after = patchSchedule(OLD, { '0': null, '1': null, '2': null })
    expect(bridgingOverrides(OLD, after, '2026-03-02', '2026-03-05', (d) => d === '2026-03-03')).toEqual([
      { dateFrom: '2026-03-02', dateTo: '2026-03-02', kind: 'open', intervals: [['09:00', '18:00']] },
      { dateFrom: '2026-03-04', dateTo: '2026-03-04', kind: 'open', intervals: [['10:00', '14:00']] },
    ])
    // The same old hours a week apart are two runs, not one.
    const mondays = patchSchedule(OLD, { '0': null })
    expect(bridgingOverrides(OLD, mondays, '2026-03-02', '2026-03-10', never)).toEqual([
      { dateFrom: '2026-03-02', dateTo: '2026-03-02', kind: 'open', intervals: [['09:00', '18:00']] },
      { dateFrom: '2026-03-09', dateTo: '2026-03-09', kind: 'open', intervals: [['09:00', '18:00']] },
    ])
  })
})
