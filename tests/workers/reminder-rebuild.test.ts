// Which reminders a rebuild restores for one booking (src/workers/reminder-rebuild.ts): the pure plan.
import { describe, expect, it } from 'vitest'
import { restorePlan } from '../../src/workers/reminder-rebuild.ts'

const H = 3600_000
const start = Date.parse('2026-03-10T12:00:00Z')
const booking = (scheduledAt: number, offsetsMin: number[] | null = [1440, 120]) => ({
  id: 7,
  startsAt: new Date(start),
  offsetsMin,
  scheduledAt: new Date(scheduledAt),
})
const due = (offsetMin: number) => ({
  bookingId: 7,
  offsetMin,
  startsAt: '2026-03-10T12:00:00.000Z',
  atMs: start - offsetMin * 60_000,
})

describe('restorePlan', () => {
  it('restores every reminder still ahead, soonest first, at start − offset', () => {
    expect(restorePlan(booking(start - 72 * H), [], start - 48 * H)).toEqual({
      ahead: [due(1440), due(120)],
      missed: null,
    })
  })

  it('sends late only the latest reminder that fell due, and none that was never scheduled', () => {
    // Booked 3 days ahead, Redis empty since: at 1 h before, the 2 h reminder is the one to send.
    expect(restorePlan(booking(start - 72 * H), [], start - 1 * H)).toEqual({ ahead: [], missed: due(120) })
    // Booked 90 minutes ahead: neither reminder was ever scheduled, so nothing is missed.
    expect(restorePlan(booking(start - 1.5 * H), [], start - 1 * H)).toEqual({ ahead: [], missed: null })
    // Moved (or confirmed) 30 hours before the start: the 24 h reminder counts, not an earlier one.
    expect(restorePlan(booking(start - 30 * H, [2880, 1440, 120]), [], start - 20 * H)).toEqual({
      ahead: [due(120)],
      missed: due(1440),
    })
  })

  it("takes the company's offsets when the snapshot has none, and collapses duplicates", () => {
    expect(restorePlan(booking(start - 72 * H, null), [180, 180], start - 48 * H)).toEqual({
      ahead: [due(180)],
      missed: null,
    })
  })
})
