// Loads every module of the pure core inside a test, not at the file's import. A mutant that breaks a
// module while it loads (a machine config xstate refuses, a constant that throws) then fails these
// tests and counts as killed; a file that fails at import reports no test, which Stryker would count
// as survived. Nothing here imports src/ statically, on purpose.

import { describe, expect, it } from 'vitest'
import { CREATED_AT, STARTS_AT, input } from './fixtures.ts'

describe('the pure core loads and runs', () => {
  it('the booking machine builds, starts and steps a booking of each payment kind', async () => {
    const machines = await import('../../src/machines/index.ts')
    const wallet = machines.startBooking(input())
    expect([wallet.status, wallet.payment]).toEqual(['confirmed', 'wallet_debited'])
    const pkg = machines.startBooking(input({ payment: { method: 'package', clientPackageId: 1 } }))
    expect([pkg.status, pkg.payment]).toEqual(['confirmed', 'package_reserved'])
    const site = machines.startBooking(input({ payment: { method: 'on_site' }, autoConfirm: false }))
    expect([site.status, site.payment]).toEqual(['requested', 'on_site'])
    const cancelled = machines.stepBooking(wallet.snapshot, {
      type: 'CANCEL',
      by: 'admin',
      now: CREATED_AT,
    })
    expect([cancelled.to, cancelled.payment.to]).toEqual(['cancelled', 'wallet_refunded'])
    expect(machines.bookingMachine.id).toBe('booking')
    expect(machines.BOOKING_MACHINE_VERSION).toBe(2)
    expect(machines.READABLE_BOOKING_MACHINE_VERSIONS).toEqual([1, 2])
  })

  it('the payment region lists its states', async () => {
    const { PAYMENT_STATES, FINAL_PAYMENT_STATES } = await import('../../src/machines/payment-machine.ts')
    expect([...PAYMENT_STATES].sort()).toEqual(
      [
        'closed',
        'free',
        'on_site',
        'package_consumed',
        'package_reserved',
        'package_restored',
        'pending',
        'wallet_captured',
        'wallet_debited',
        'wallet_partially_refunded',
        'wallet_refunded',
      ].sort(),
    )
    expect(FINAL_PAYMENT_STATES).toHaveLength(6)
  })

  it('the runner validates input with its module-level sets', async () => {
    const { validateBookingInput, validateBookingEvent } = await import('../../src/machines/runner.ts')
    expect(() => validateBookingInput(input())).not.toThrow()
    for (const by of ['client', 'admin', 'specialist', 'system'] as const) {
      expect(() => validateBookingEvent({ type: 'CONFIRM', by, now: STARTS_AT })).not.toThrow()
    }
  })

  it('the domain modules load and answer', async () => {
    const grid = await import('../../src/domain/day-grid.ts')
    expect(grid.encodeGrid(grid.decodeGrid('000000000fffffffff000000'))).toBe('000000000fffffffff000000')
    const cells = await import('../../src/domain/day-cells.ts')
    expect(cells.dayCells('2026-03-02', 'UTC').weekday).toBe('0')
    const schedule = await import('../../src/domain/schedule.ts')
    expect(schedule.timeToCell('09:15')).toBe(37)
    expect(schedule.DAY_KEYS).toEqual(['0', '1', '2', '3', '4', '5', '6'])
    const money = await import('../../src/domain/money.ts')
    expect(money.applyPercent(1_000, 10)).toBe(100)
    expect(money.BASIS_POINTS_PER_WHOLE).toBe(10_000)
    const pricing = await import('../../src/domain/pricing.ts')
    expect(pricing.instantToMs('2025-03-01T10:00:00Z')).toBe(Date.parse(CREATED_AT))
    const cancellation = await import('../../src/domain/cancellation.ts')
    expect(typeof cancellation.cancellationOutcome).toBe('function')
    const telegram = await import('../../src/domain/telegram-init-data.ts')
    expect(telegram.DEFAULT_MAX_SKEW_S).toBe(60)
    const bridges = await import('../../src/domain/schedule-bridges.ts')
    expect(bridges.sameSchedule({}, { '0': [] })).toBe(true)
  })
})
