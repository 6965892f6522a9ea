// Money, pricing and cancellation behaviours a mutation run showed unpinned: error codes (not only
// classes), negative basis points, NULL and impossible discount bounds, date-only bounds in the
// location's zone, and invalid instants, which must never read as "not late".

import { describe, expect, it } from 'vitest'
import {
  type CancellationPolicy,
  assertCancellationPolicy,
  cancellationOutcome,
  freeCancellationUntil,
  isLateCancellation,
  noShowOutcome,
} from '../../src/domain/cancellation.ts'
import {
  MoneyError,
  applyBasisPoints,
  applyPercent,
  assertMoney,
  minMoney,
  percentToBasisPoints,
  subtractMoney,
} from '../../src/domain/money.ts'
import {
  type PersonalDiscount,
  discountAmount,
  instantToMs,
  isDiscountApplicable,
  priceBooking,
  priceByPayment,
} from '../../src/domain/pricing.ts'

/** Runs `fn`, expecting a MoneyError; returns it so its code and message can be asserted. */
function moneyError(fn: () => unknown): MoneyError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError)
    return error as MoneyError
  }
  throw new Error('expected a MoneyError, nothing was thrown')
}

const POLICY: CancellationPolicy = {
  free_cancellation_hours: 24,
  late_cancellation_fee_percent: 50,
  late_cancellation_consumes_visit: true,
}
const START = '2025-03-10T12:00:00+03:00'

describe('money: error codes', () => {
  it('each refusal carries its code, status 422 and a message naming the value', () => {
    const amount = moneyError(() => assertMoney(-3, 'price'))
    expect(amount).toMatchObject({ code: 'invalid_amount', status: 422, name: 'MoneyError' })
    expect(amount.message).toBe('price must be a non-negative integer of minor units, got -3')
    expect(moneyError(() => assertMoney(1.5)).message).toContain('amount must be')

    const range = moneyError(() => percentToBasisPoints(101, 'fee'))
    expect(range.code).toBe('invalid_percent')
    expect(range.message).toBe('fee must be a number from 0 to 100, got 101')
    expect(moneyError(() => percentToBasisPoints(-0.5)).code).toBe('invalid_percent')
    expect(moneyError(() => percentToBasisPoints('5')).code).toBe('invalid_percent')
    expect(moneyError(() => percentToBasisPoints(Number.NaN)).code).toBe('invalid_percent')

    const decimals = moneyError(() => percentToBasisPoints(12.345, 'fee'))
    expect(decimals.code).toBe('invalid_percent')
    expect(decimals.message).toBe('fee may have at most two decimal places, got 12.345')

    const bp = moneyError(() => applyBasisPoints(100, 10_001))
    expect(bp.code).toBe('invalid_percent')
    expect(bp.message).toBe('basis points must be an integer 0..10000, got 10001')
    expect(moneyError(() => applyBasisPoints(100, 2.5)).code).toBe('invalid_percent')
    expect(moneyError(() => applyBasisPoints(1.5, 100)).code).toBe('invalid_amount')

    const negative = moneyError(() => subtractMoney(10, 11))
    expect(negative.code).toBe('invalid_amount')
    expect(negative.message).toBe('cannot subtract 11 from 10: the result would be negative')
    expect(moneyError(() => subtractMoney(-1, 0)).code).toBe('invalid_amount')
    expect(moneyError(() => subtractMoney(5, -1)).code).toBe('invalid_amount')
    expect(subtractMoney(10, 10)).toBe(0)
    expect(moneyError(() => minMoney(1, -1)).code).toBe('invalid_amount')
    expect(moneyError(() => minMoney(0.5, 1)).code).toBe('invalid_amount')
    expect(minMoney(7, 3)).toBe(3)
    expect(minMoney(3, 7)).toBe(3)
  })

  it('refuses negative basis points (they would give a negative amount)', () => {
    for (const bp of [-1, -10_000, -0.5]) {
      expect(moneyError(() => applyBasisPoints(1_000, bp)).code).toBe('invalid_percent')
    }
    expect(applyBasisPoints(1_000, 0)).toBe(0)
    expect(applyBasisPoints(1_000, 10_000)).toBe(1_000)
    expect(applyBasisPoints(3, 1_667)).toBe(1) // 0.5001 → 1
    expect(applyBasisPoints(3, 1_666)).toBe(0) // 0.4998 → 0
    expect(applyPercent(199, 2.5)).toBe(5)
  })

  it('percentages within float noise of two decimals are taken, anything finer is not', () => {
    expect(percentToBasisPoints(0.07)).toBe(7)
    expect(percentToBasisPoints(100)).toBe(10_000)
    expect(percentToBasisPoints(0)).toBe(0)
    expect(moneyError(() => percentToBasisPoints(0.005)).code).toBe('invalid_percent')
    expect(moneyError(() => percentToBasisPoints(Infinity)).code).toBe('invalid_percent')
  })

  it('the float tolerance is 1e-6 of a basis point: 1e-8 % reads as 0 bp, 1.1e-8 % is refused', () => {
    expect(1e-8 * 100).toBe(1e-6) // exactly at the tolerance
    expect(percentToBasisPoints(1e-8)).toBe(0)
    expect(percentToBasisPoints(50 + 1e-9)).toBe(5_000)
    expect(moneyError(() => percentToBasisPoints(1.1e-8)).code).toBe('invalid_percent')
  })
})

describe('pricing: discount bounds', () => {
  const AT = '2025-03-01T10:00:00Z'
  const price = (discounts: PersonalDiscount[], extra: { at?: string; timeZone?: string } = {}) =>
    priceBooking({ basePrice: 10_000, serviceId: 5, at: extra.at ?? AT, discounts, ...extra })

  it('a NULL bound, as a database row has it, is unbounded', () => {
    const quote = price([
      { id: 1, kind: 'percent', value: 10, valid_from: null, valid_to: null, service_id: null },
    ])
    expect(quote).toEqual({ basePrice: 10_000, discount: { id: 1, amount: 1_000 }, price: 9_000 })
    expect(
      isDiscountApplicable({ id: 1, kind: 'fixed', value: 5, valid_from: null, valid_to: null }, 9, 0),
    ).toBe(true)
  })

  it('an impossible date is refused, not read as some other day', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '2025-00-10', '2025-04-31']) {
      const fromError = moneyError(() => price([{ id: 3, kind: 'fixed', value: 100, valid_from: bad }]))
      expect(fromError.code).toBe('invalid_discount')
      expect(fromError.message).toBe(`discount 3 valid_from is not a date: ${bad}`)
      const toError = moneyError(() => price([{ id: 3, kind: 'fixed', value: 100, valid_to: bad }]))
      expect(toError.message).toBe(`discount 3 valid_to is not a date: ${bad}`)
    }
    const garbage = moneyError(() => price([{ id: 4, kind: 'fixed', value: 100, valid_to: 'soon' }]))
    expect(garbage.code).toBe('invalid_discount')
    expect(garbage.message).toBe('discount 4 valid_to must be a date or a date-time with an offset: soon')
  })

  it('a date-only valid_from in the future does not apply today; from today it does', () => {
    expect(price([{ id: 1, kind: 'fixed', value: 500, valid_from: '2025-03-02' }]).discount).toBeNull()
    expect(price([{ id: 1, kind: 'fixed', value: 500, valid_from: '2025-03-01' }]).discount).toEqual({
      id: 1,
      amount: 500,
    })
    expect(price([{ id: 1, kind: 'fixed', value: 500, valid_to: '2025-02-28' }]).discount).toBeNull()
    expect(price([{ id: 1, kind: 'fixed', value: 500, valid_to: '2025-03-01' }]).discount).not.toBeNull()
  })

  it('date-only bounds are read in the given zone (22:30Z on 1 March is 2 March in Moscow)', () => {
    const late = '2025-03-01T22:30:00Z'
    const until1st: PersonalDiscount[] = [{ id: 1, kind: 'fixed', value: 500, valid_to: '2025-03-01' }]
    expect(price(until1st, { at: late }).discount).toEqual({ id: 1, amount: 500 })
    expect(price(until1st, { at: late, timeZone: 'Europe/Moscow' }).discount).toBeNull()
    const from2nd: PersonalDiscount[] = [{ id: 2, kind: 'fixed', value: 500, valid_from: '2025-03-02' }]
    expect(price(from2nd, { at: late }).discount).toBeNull()
    expect(price(from2nd, { at: late, timeZone: 'Europe/Moscow' }).discount).toEqual({ id: 2, amount: 500 })
    expect(isDiscountApplicable(from2nd[0]!, 5, Date.parse(late))).toBe(false)
    expect(isDiscountApplicable(from2nd[0]!, 5, Date.parse(late), 'Europe/Moscow')).toBe(true)
    expect(moneyError(() => price(from2nd, { timeZone: 'Mars/Olympus' })).code).toBe('invalid_time')
  })

  it('instant bounds are half-open: from included, to excluded', () => {
    const d: PersonalDiscount = {
      id: 1,
      kind: 'fixed',
      value: 1,
      valid_from: '2025-03-01T10:00:00Z',
      valid_to: '2025-03-01T11:00:00Z',
    }
    const ms = Date.parse('2025-03-01T10:00:00Z')
    expect(isDiscountApplicable(d, 5, ms - 1)).toBe(false)
    expect(isDiscountApplicable(d, 5, ms)).toBe(true)
    expect(isDiscountApplicable(d, 5, ms + 3_600_000 - 1)).toBe(true)
    expect(isDiscountApplicable(d, 5, ms + 3_600_000)).toBe(false)
    expect(isDiscountApplicable({ ...d, service_id: 6 }, 5, ms)).toBe(false)
    expect(isDiscountApplicable({ ...d, service_id: 5 }, 5, ms)).toBe(true)
  })

  it('malformed discounts are refused with invalid_discount and say which', () => {
    const cases: Array<[PersonalDiscount, string]> = [
      [{ id: 1.5, kind: 'fixed', value: 1 }, 'discount id must be an integer, got 1.5'],
      [{ id: 2, kind: 'percent', value: 120 }, 'discount 2: percent must be a number from 0 to 100, got 120'],
      [{ id: 3, kind: 'fixed', value: -1 }, 'discount 3: a fixed discount must be a non-negative integer'],
      [{ id: 4, kind: 'gift' as never, value: 1 }, 'discount 4: unknown kind gift'],
    ]
    for (const [discount, message] of cases) {
      const error = moneyError(() => discountAmount(discount, 1_000))
      expect(error.code).toBe('invalid_discount')
      expect(error.message).toContain(message)
    }
    expect(discountAmount({ id: 5, kind: 'fixed', value: 5_000 }, 1_000)).toBe(1_000)
    expect(discountAmount({ id: 5, kind: 'percent', value: 12.5 }, 1_000)).toBe(125)
    expect(moneyError(() => discountAmount({ id: 5, kind: 'fixed', value: 1 }, -1)).message).toContain(
      'basePrice',
    )
  })

  it('the best discount wins, the lowest id on a tie, a zero discount is not applied', () => {
    const quote = price([
      { id: 9, kind: 'fixed', value: 2_000 },
      { id: 4, kind: 'percent', value: 20 },
      { id: 7, kind: 'fixed', value: 1_000 },
    ])
    expect(quote.discount).toEqual({ id: 4, amount: 2_000 })
    expect(price([{ id: 1, kind: 'percent', value: 0 }]).discount).toBeNull()
    expect(priceByPayment('package', { basePrice: 10_000, serviceId: 5, at: AT, discounts: [] })).toEqual({
      basePrice: 10_000,
      discount: null,
      price: 0,
    })
    expect(
      moneyError(() => priceByPayment('package', { basePrice: -1, serviceId: 5, at: AT, discounts: [] }))
        .code,
    ).toBe('invalid_amount')
  })
})

describe('invalid instants never read as "not late"', () => {
  const invalid: Array<Date | string> = [
    new Date(Number.NaN),
    '2025-13-45T00:00:00Z',
    '2025-03-10T25:00:00+03:00',
    '2025-03-10T12:00:00', // no offset
    'yesterday',
  ]

  it('instantToMs refuses them with invalid_time, naming what', () => {
    for (const value of invalid) {
      const error = moneyError(() => instantToMs(value, 'now'))
      expect(error.code).toBe('invalid_time')
      expect(error.message).toMatch(/^now /)
    }
    expect(moneyError(() => instantToMs(new Date(Number.NaN), 'now')).message).toBe('now is an invalid Date')
    expect(instantToMs('2025-03-10T12:00:00+03:00')).toBe(Date.parse('2025-03-10T09:00:00Z'))
    expect(instantToMs(new Date(5))).toBe(5)
  })

  it('isLateCancellation, freeCancellationUntil and cancellationOutcome throw instead of answering', () => {
    for (const value of invalid) {
      expect(moneyError(() => isLateCancellation(START, value, POLICY)).code).toBe('invalid_time')
      expect(moneyError(() => isLateCancellation(value, START, POLICY)).code).toBe('invalid_time')
      expect(moneyError(() => freeCancellationUntil(value, undefined, POLICY)).code).toBe('invalid_time')
      const outcome = () =>
        cancellationOutcome({
          payment: { method: 'wallet', amount: 1_000 },
          startsAt: START,
          now: value,
          policy: POLICY,
          by: 'client',
        })
      expect(moneyError(outcome).code).toBe('invalid_time')
      expect(
        moneyError(() =>
          cancellationOutcome({
            payment: { method: 'wallet', amount: 1_000 },
            startsAt: value,
            now: START,
            policy: POLICY,
            by: 'client',
          }),
        ).code,
      ).toBe('invalid_time')
      expect(
        moneyError(() =>
          isLateCancellation(
            START,
            '2025-03-10T11:00:00+03:00',
            { ...POLICY, cancellation_grace_minutes: 30 },
            value,
          ),
        ).code,
      ).toBe('invalid_time')
    }
  })
})

describe('cancellation policy: error codes', () => {
  const bad: Array<[Partial<CancellationPolicy> | Record<string, unknown>, string]> = [
    [{ free_cancellation_hours: -1 }, 'free_cancellation_hours must be a non-negative number, got -1'],
    [{ free_cancellation_hours: Number.NaN }, 'free_cancellation_hours must be a non-negative number'],
    [{ free_cancellation_hours: '24' }, 'free_cancellation_hours must be a non-negative number'],
    [{ late_cancellation_fee_percent: 101 }, 'late_cancellation_fee_percent must be a number from 0 to 100'],
    [{ late_cancellation_consumes_visit: 'yes' }, 'late_cancellation_consumes_visit must be a boolean'],
    [
      { cancellation_grace_minutes: -5 },
      'cancellation_grace_minutes must be a non-negative whole number, got -5',
    ],
    [{ cancellation_grace_minutes: 2.5 }, 'cancellation_grace_minutes must be a non-negative whole number'],
  ]
  for (const [over, message] of bad) {
    it(`${JSON.stringify(over)} → invalid_policy`, () => {
      const policy = { ...POLICY, ...over } as CancellationPolicy
      const error = moneyError(() => assertCancellationPolicy(policy))
      expect(error.code).toBe('invalid_policy')
      expect(error.message).toContain(message)
    })
  }

  it('a valid policy is returned as it is; zero hours and zero grace are valid', () => {
    const policy = { ...POLICY, free_cancellation_hours: 0, cancellation_grace_minutes: 0 }
    expect(assertCancellationPolicy(policy)).toBe(policy)
  })
})

describe('pricing: instants and labels', () => {
  const AT = '2025-03-01T10:00:00Z'
  const printsAs = (text: string) => ({ toString: () => text }) as never

  it('takes an offset as Z, ±HH, ±HHMM or ±HH:MM, and nothing without one', () => {
    const nine = Date.parse('2025-03-10T09:00:00Z')
    expect(instantToMs('2025-03-10T12:00:00+03')).toBe(nine)
    expect(instantToMs('2025-03-10T12:00:00+0300')).toBe(nine)
    expect(instantToMs('2025-03-10T12:00:00+03:00')).toBe(nine)
    expect(instantToMs('2025-03-10T04:00:00-05:00')).toBe(nine)
    expect(instantToMs('2025-03-10t09:00:00z')).toBe(nine)
    expect(moneyError(() => instantToMs('2025-03-10')).message).toBe(
      'time must be an ISO 8601 date-time with an offset, got 2025-03-10',
    )
  })

  it('refuses a non-string that merely prints as an instant or a date', () => {
    expect(moneyError(() => instantToMs(printsAs(AT))).code).toBe('invalid_time')
    const error = moneyError(() =>
      priceBooking({
        basePrice: 1_000,
        serviceId: 5,
        at: AT,
        discounts: [{ id: 8, kind: 'fixed', value: 1, valid_from: printsAs('2025-03-01') }],
      }),
    )
    expect(error.code).toBe('invalid_discount')
    expect(error.message).toBe(
      'discount 8 valid_from must be a date or a date-time with an offset: 2025-03-01',
    )
  })

  it('a bound that only contains a date is no date', () => {
    for (const bad of ['x2025-03-01', '2025-03-01x', '12025-03-01']) {
      const error = moneyError(() =>
        priceBooking({
          basePrice: 1_000,
          serviceId: 5,
          at: AT,
          discounts: [{ id: 8, kind: 'fixed', value: 1, valid_to: bad }],
        }),
      )
      expect(error.message).toBe(`discount 8 valid_to must be a date or a date-time with an offset: ${bad}`)
    }
  })

  it('isDiscountApplicable names the bound it cannot read, and needs no zone without date bounds', () => {
    const bad = (over: Partial<PersonalDiscount>) =>
      moneyError(() => isDiscountApplicable({ id: 3, kind: 'fixed', value: 1, ...over }, 5, 0)).message
    expect(bad({ valid_from: 'soon' })).toBe(
      'discount 3 valid_from must be a date or a date-time with an offset: soon',
    )
    expect(bad({ valid_to: 'soon' })).toBe(
      'discount 3 valid_to must be a date or a date-time with an offset: soon',
    )
    const instantOnly: PersonalDiscount = { id: 3, kind: 'fixed', value: 1, valid_to: '2030-01-01T00:00:00Z' }
    expect(isDiscountApplicable(instantOnly, 5, 0, 'Mars/Olympus')).toBe(true)
    expect(isDiscountApplicable({ id: 3, kind: 'fixed', value: 1 }, 5, 0, 'Mars/Olympus')).toBe(true)
    expect(
      moneyError(() =>
        isDiscountApplicable({ ...instantOnly, valid_from: '2000-01-01' }, 5, 0, 'Mars/Olympus'),
      ).message,
    ).toBe('unknown time zone Mars/Olympus')
  })

  it('priceBooking and priceByPayment name what is wrong', () => {
    const base = { basePrice: 1_000, serviceId: 5, at: AT, discounts: [] }
    expect(moneyError(() => priceBooking({ ...base, basePrice: -1 })).message).toBe(
      'basePrice must be a non-negative integer of minor units, got -1',
    )
    expect(moneyError(() => priceBooking({ ...base, at: 'soon' })).message).toBe(
      'at must be an ISO 8601 date-time with an offset, got soon',
    )
    expect(moneyError(() => priceByPayment('package', { ...base, basePrice: 0.5 })).message).toBe(
      'basePrice must be a non-negative integer of minor units, got 0.5',
    )
    expect(moneyError(() => priceBooking({ ...base, timeZone: 'Mars/Olympus' })).message).toBe(
      'unknown time zone Mars/Olympus',
    )
  })

  it('priceByPayment prices anything but a package as priceBooking does', () => {
    const input = {
      basePrice: 1_000,
      serviceId: 5,
      at: AT,
      discounts: [{ id: 1, kind: 'percent' as const, value: 10 }],
    }
    for (const method of ['wallet', 'on_site']) {
      expect(priceByPayment(method, input)).toEqual({
        basePrice: 1_000,
        discount: { id: 1, amount: 100 },
        price: 900,
      })
    }
    expect(priceByPayment('package', input)).toEqual({ basePrice: 1_000, discount: null, price: 0 })
  })
})

describe('cancellation: labels, the epoch, no-shows', () => {
  const wallet = { method: 'wallet' as const, amount: 1_000 }

  it('each refused instant is named', () => {
    const message = (fn: () => unknown) => moneyError(fn).message
    expect(message(() => freeCancellationUntil('soon', undefined, POLICY))).toMatch(/^startsAt must be/)
    expect(
      message(() => freeCancellationUntil(START, 'soon', { ...POLICY, cancellation_grace_minutes: 5 })),
    ).toMatch(/^bookedAt must be/)
    expect(message(() => isLateCancellation(START, 'soon', POLICY))).toMatch(/^now must be/)
    const outcome = (over: Partial<Parameters<typeof cancellationOutcome>[0]>) =>
      message(() =>
        cancellationOutcome({
          payment: wallet,
          startsAt: START,
          now: START,
          policy: POLICY,
          by: 'client',
          ...over,
        }),
      )
    expect(outcome({ startsAt: 'soon' })).toMatch(/^startsAt must be/)
    expect(outcome({ now: 'soon' })).toMatch(/^now must be/)
    expect(outcome({ payment: { method: 'wallet', amount: -1 } })).toMatch(/^wallet amount must be/)
  })

  it('without a grace a late cancellation is late, even before 1970 (negative instants)', () => {
    const outcome = cancellationOutcome({
      payment: wallet,
      startsAt: '1969-12-31T12:00:00Z',
      now: '1969-12-31T00:00:00Z',
      policy: POLICY,
      by: 'client',
    })
    expect(outcome).toEqual({ reason: 'late', late: true, fee: 500, refund: 500, packageVisit: null })
  })

  it('noShowOutcome is judged as late, whoever would have cancelled', () => {
    expect(noShowOutcome({ payment: wallet, startsAt: START, now: START, policy: POLICY })).toEqual({
      reason: 'no_show',
      late: true,
      fee: 500,
      refund: 500,
      packageVisit: null,
    })
    expect(
      noShowOutcome({ payment: { method: 'package' }, startsAt: START, now: START, policy: POLICY }),
    ).toMatchObject({ reason: 'no_show', packageVisit: 'consume' })
  })
})
