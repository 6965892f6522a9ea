import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../src/domain/money-format.ts'

// Intl separates groups and the sign with no-break spaces; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('formatMoney', () => {
  it('writes kopecks as roubles the Russian way', () => {
    expect(plain(formatMoney(150000, 'RUB'))).toBe('1 500,00 ₽')
    expect(plain(formatMoney(5, 'RUB'))).toBe('0,05 ₽')
  })
  it('follows the locale and the currency', () => {
    expect(formatMoney(150000, 'EUR', 'en-GB')).toBe('€1,500.00')
  })
  it('never fails on a code Intl does not know', () => {
    expect(formatMoney(12345, 'NOT-A-CODE')).toBe('123.45 NOT-A-CODE')
  })
})
