import { describe, expect, it } from 'vitest'
import { errorOutcome } from '../../src/data/error-outcome.ts'
import { AppError } from '../../src/domain/errors.ts'
import { MoneyError } from '../../src/domain/money.ts'
import { formatMoney } from '../../src/domain/money-format.ts'
import { insufficientFunds } from '../../src/domain/payment-choice.ts'
import {
  BookingNotStartedError,
  CorrectionNotAllowedError,
  CorruptSnapshotError,
  InvalidBookingEventError,
  InvalidBookingInputError,
  InvalidTransitionError,
  SnapshotVersionError,
} from '../../src/machines/index.ts'

const pg = (code: string, more: Record<string, unknown> = {}) =>
  Object.assign(new Error('pg'), { code, ...more })

describe('errorOutcome: every error family to one status and code', () => {
  it('a domain error stays as it is, details included', () => {
    const err = new AppError(402, 'no_package', 'No package.', { price: 5 })
    expect(errorOutcome(err)).toMatchObject({ status: 402, code: 'no_package', details: { price: 5 } })
  })

  it('money arithmetic refusals are 422s with words for the client', () => {
    expect(errorOutcome(new MoneyError('invalid_discount', 'x'))).toMatchObject({
      status: 422,
      code: 'invalid_discount',
      message: expect.stringContaining('ask the salon to correct the discount'),
    })
    expect(errorOutcome(new MoneyError('invalid_policy', 'x'))).toMatchObject({
      status: 422,
      code: 'invalid_policy',
    })
    const wrapped = new InvalidBookingInputError('bad', { cause: new MoneyError('invalid_discount', 'x') })
    expect(errorOutcome(wrapped)).toMatchObject({ status: 422, code: 'invalid_discount' })
  })

  it('machine errors answer with their own code and status', () => {
    const cases: [Error, number, string][] = [
      [new InvalidTransitionError('cancelled', 'CANCEL'), 409, 'invalid_transition'],
      [new BookingNotStartedError('COMPLETE', '2030-01-01T10:00:00Z'), 409, 'not_started'],
      [new CorrectionNotAllowedError('completed', 'NO_SHOW'), 403, 'admin_only'],
      [new InvalidBookingInputError('no start'), 422, 'invalid_input'],
      [new InvalidBookingEventError('no type'), 422, 'invalid_event'],
      [new SnapshotVersionError(9, 1), 500, 'snapshot_version'],
      [new CorruptSnapshotError('not a snapshot'), 500, 'corrupt_snapshot'],
    ]
    for (const [err, status, code] of cases) expect(errorOutcome(err), code).toMatchObject({ status, code })
  })

  it('PostgreSQL constraint violations by SQLSTATE, also when an ORM wraps them', () => {
    expect(errorOutcome(pg('23P01'))).toMatchObject({ status: 409, code: 'slot_taken' })
    expect(errorOutcome(pg('23505', { constraint: 'users_phone_key' }))).toMatchObject({
      status: 409,
      code: 'already_exists',
    })
    expect(
      errorOutcome({ nativeError: pg('23503', { detail: 'is still referenced from table' }) }),
    ).toMatchObject({ status: 409, code: 'in_use' })
    expect(errorOutcome(pg('22P02'))).toMatchObject({ status: 422, code: 'invalid_input' })
  })

  it('anything else is ours: no outcome (the worker retries, the API logs a 500)', () => {
    expect(errorOutcome(new Error('connection reset'))).toBeNull()
    expect(errorOutcome(pg('57P01'))).toBeNull()
    expect(errorOutcome('a string')).toBeNull()
  })
})

describe('insufficientFunds: the one 402 for a wallet that holds too little', () => {
  it('names both amounts in the currency and gives them as numbers', () => {
    const err = insufficientFunds({ balance: 50_000, price: 150_000, currency: 'RUB' })!
    expect(err).toMatchObject({
      status: 402,
      code: 'insufficient_funds',
      details: { balance: 50_000, price: 150_000 },
    })
    expect(err.message).toBe(
      `The wallet holds ${formatMoney(50_000, 'RUB')} and the booking costs ${formatMoney(150_000, 'RUB')}; ` +
        'top it up or pay on site.',
    )
  })

  it('speaks of what costs the money, and carries extra details', () => {
    const err = insufficientFunds(
      { balance: 100, price: 400, currency: 'RUB' },
      { costs: 'the chain costs', priceNote: 'from it', advice: 'top it up. Nothing was booked' },
      { item_index: 1 },
    )!
    expect(err.message).toBe(
      `The wallet holds ${formatMoney(100, 'RUB')} and the chain costs ${formatMoney(400, 'RUB')} from it; ` +
        'top it up. Nothing was booked.',
    )
    expect(err.details).toEqual({ balance: 100, price: 400, item_index: 1 })
  })

  it('is no refusal when the wallet holds enough', () => {
    expect(insufficientFunds({ balance: 400, price: 400, currency: 'RUB' })).toBeNull()
  })
})
