import { describe, expect, it } from 'vitest'
import { normalizePhone, phoneForLookup } from '../../src/domain/phone.ts'

describe('phone numbers', () => {
  it('reads the national, bare and international forms of one Russian number as one E.164 number', () => {
    for (const typed of [
      '89161234567',
      '79161234567',
      '+79161234567',
      '8 (916) 123-45-67',
      '+7 916 123 45 67',
      '  9161234567 ',
    ]) {
      expect(normalizePhone(typed), typed).toBe('+79161234567')
    }
  })

  it('keeps numbers of other countries when they carry their country code', () => {
    expect(normalizePhone('+49 151 00000201')).toBe('+4915100000201')
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
  })

  it('refuses what is not a valid number, and text around digits', () => {
    for (const typed of [
      '12345',
      '+123456',
      '+70000000000',
      '+7916123456',
      '+7999abc4567',
      'tel: +79161234567',
      '',
    ])
      expect(normalizePhone(typed), typed).toBeNull()
  })

  it('looks up a login by the valid form, else by the typed international form', () => {
    expect(phoneForLookup('8 916 123-45-67')).toBe('+79161234567')
    expect(phoneForLookup('+7 000 000-00-00')).toBe('+70000000000')
    expect(phoneForLookup('neither')).toBeNull()
  })
})
