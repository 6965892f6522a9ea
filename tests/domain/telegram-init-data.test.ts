import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  dataCheckString,
  signInitData,
  signWidgetData,
  verifyInitData,
  verifyWidgetData,
} from '../../src/domain/telegram-init-data.ts'

const BOT = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678'
const OTHER_BOT = '654321:ZYXwvuTSRqpoNMLkjiHGFedcBA987654321'
const NOW = 1_750_000_000
const fresh = { nowS: NOW, maxAgeS: 3600 }
const USER = {
  id: 777000111,
  first_name: 'Анна',
  last_name: 'Ivanova',
  username: 'anna',
  language_code: 'en',
}

/** Signs as Telegram's docs describe, independently of the module under test. */
function telegramSigns(fields: Record<string, string>, botToken: string) {
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n')
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest()
  const hash = createHmac('sha256', secret).update(check).digest('hex')
  return new URLSearchParams({ ...fields, hash }).toString()
}

const fields = (over: Record<string, string> = {}) => ({
  query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
  user: JSON.stringify(USER),
  auth_date: String(NOW - 60),
  ...over,
})

describe('Mini App initData', () => {
  it('accepts data signed as Telegram documents it, and gives the user', () => {
    const result = verifyInitData(telegramSigns(fields(), BOT), BOT, fresh)
    expect(result).toEqual({
      ok: true,
      data: {
        authDate: NOW - 60,
        user: {
          id: USER.id,
          first_name: 'Анна',
          last_name: 'Ivanova',
          username: 'anna',
          language_code: 'en',
        },
      },
    })
    // The module's own signer agrees with the documented procedure.
    expect(signInitData(fields(), BOT)).toBe(telegramSigns(fields(), BOT))
  })

  it('builds the data-check-string sorted by key, one key=value per line', () => {
    expect(
      dataCheckString(
        new Map([
          ['user', '{}'],
          ['auth_date', '1'],
          ['query_id', 'q'],
        ]),
      ),
    ).toBe('auth_date=1\nquery_id=q\nuser={}')
  })

  it('refuses a forged hash, a changed field and another bot’s signature', () => {
    const good = telegramSigns(fields(), BOT)
    const forged = good.replace(/hash=[0-9a-f]{8}/, 'hash=00000000')
    expect(verifyInitData(forged, BOT, fresh)).toEqual({ ok: false, reason: 'invalid_signature' })
    const tampered = good.replace('anna', 'root')
    expect(verifyInitData(tampered, BOT, fresh)).toEqual({ ok: false, reason: 'invalid_signature' })
    expect(verifyInitData(telegramSigns(fields(), OTHER_BOT), BOT, fresh)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
  })

  it('refuses data older than the window, and dates beyond the allowed skew into the future', () => {
    const at = (authDate: number) => telegramSigns(fields({ auth_date: String(authDate) }), BOT)
    expect(verifyInitData(at(NOW - 3600), BOT, fresh).ok).toBe(true)
    expect(verifyInitData(at(NOW - 3601), BOT, fresh)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyInitData(at(NOW + 30), BOT, fresh).ok).toBe(true)
    expect(verifyInitData(at(NOW + 61), BOT, fresh)).toEqual({ ok: false, reason: 'from_future' })
    expect(verifyInitData(at(NOW + 5), BOT, { ...fresh, maxSkewS: 0 })).toEqual({
      ok: false,
      reason: 'from_future',
    })
  })

  it('verifies the same data again inside its window and never after it', () => {
    const data = telegramSigns(fields({ auth_date: String(NOW - 10) }), BOT)
    expect(verifyInitData(data, BOT, fresh).ok).toBe(true)
    expect(verifyInitData(data, BOT, { ...fresh, nowS: NOW + 3000 }).ok).toBe(true)
    expect(verifyInitData(data, BOT, { ...fresh, nowS: NOW + 3591 })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses malformed data: no hash, repeated keys, a bad date, no usable user', () => {
    const cases = [
      '',
      'auth_date=1&user=%7B%7D',
      telegramSigns(fields({ auth_date: 'yesterday' }), BOT),
      telegramSigns(fields({ user: 'not json' }), BOT),
      telegramSigns(fields({ user: JSON.stringify({ first_name: 'No id' }) }), BOT),
      telegramSigns(fields({ user: JSON.stringify({ id: -5, first_name: 'X' }) }), BOT),
      telegramSigns(fields({ user: JSON.stringify({ id: 1.5, first_name: 'X' }) }), BOT),
    ]
    for (const data of cases)
      expect(verifyInitData(data, BOT, fresh), data).toEqual({ ok: false, reason: 'malformed' })
    const signed = telegramSigns(fields(), BOT)
    expect(verifyInitData(`${signed}&auth_date=${NOW}`, BOT, fresh).ok).toBe(false)
    expect(verifyInitData(`${signed}&hash=${'0'.repeat(64)}`, BOT, fresh).ok).toBe(false)
  })

  it('takes only the identity from the user object, whatever else it claims', () => {
    const data = telegramSigns(
      fields({ user: JSON.stringify({ ...USER, roles: ['admin'], is_admin: true }), roles: 'admin' }),
      BOT,
    )
    const result = verifyInitData(data, BOT, fresh)
    expect(result.ok && Object.keys(result.data.user).sort()).toEqual([
      'first_name',
      'id',
      'language_code',
      'last_name',
      'username',
    ])
  })
})

describe('Login Widget data', () => {
  const widget = { id: USER.id, first_name: 'Anna', username: 'anna', auth_date: NOW - 100 }
  /** The widget's documented derivation: secret = SHA-256(token), then HMAC over the check string. */
  const widgetSigns = (data: Record<string, string | number>, botToken: string) => {
    const check = Object.keys(data)
      .sort()
      .map((k) => `${k}=${data[k]}`)
      .join('\n')
    const secret = createHash('sha256').update(botToken).digest()
    return createHmac('sha256', secret).update(check).digest('hex')
  }

  it('accepts data signed with the widget’s derivation and agrees with the documented procedure', () => {
    const hash = widgetSigns(widget, BOT)
    expect(signWidgetData(widget, BOT).hash).toBe(hash)
    const result = verifyWidgetData({ ...widget, hash }, BOT, fresh)
    expect(result).toMatchObject({
      ok: true,
      data: { authDate: NOW - 100, user: { id: USER.id, username: 'anna' } },
    })
  })

  it('refuses a forged hash, the Mini App derivation, another bot and stale data', () => {
    expect(verifyWidgetData({ ...widget, hash: 'f'.repeat(64) }, BOT, fresh).ok).toBe(false)
    expect(verifyWidgetData({ ...widget, hash: 'not hex' }, BOT, fresh).ok).toBe(false)
    const miniAppStyle = new URLSearchParams(
      telegramSigns(Object.fromEntries(Object.entries(widget).map(([k, v]) => [k, String(v)])), BOT),
    ).get('hash')!
    expect(verifyWidgetData({ ...widget, hash: miniAppStyle }, BOT, fresh)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
    expect(verifyWidgetData(signWidgetData(widget, OTHER_BOT), BOT, fresh).ok).toBe(false)
    const stale = signWidgetData({ ...widget, auth_date: NOW - 4000 }, BOT)
    expect(verifyWidgetData(stale, BOT, fresh)).toEqual({ ok: false, reason: 'expired' })
  })
})

describe('initData edge cases (pinned)', () => {
  it('refuses a repeated key as malformed, even when both values are the same', () => {
    const signed = telegramSigns(fields(), BOT)
    const authDate = String(NOW - 60)
    expect(verifyInitData(`${signed}&auth_date=${authDate}`, BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(verifyInitData(`auth_date=${authDate}&${signed}`, BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(verifyInitData(`${signed}&hash=${'0'.repeat(64)}`, BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
  })

  it('refuses trailing junk after the hash, and junk before it', () => {
    const signed = telegramSigns(fields(), BOT)
    expect(signed).toMatch(/&hash=[0-9a-f]{64}$/)
    for (const junk of [`${signed}zz`, `${signed}00`, `${signed}%20`, signed.replace('hash=', 'hash=zz')]) {
      expect(verifyInitData(junk, BOT, fresh), junk.slice(-80)).toEqual({
        ok: false,
        reason: 'invalid_signature',
      })
    }
    expect(verifyInitData(`${signed}&x=1`, BOT, fresh)).toEqual({ ok: false, reason: 'invalid_signature' })
    // The hash is compared whatever its case.
    expect(
      verifyInitData(
        signed.replace(/hash=([0-9a-f]{64})$/, (_, h: string) => `hash=${h.toUpperCase()}`),
        BOT,
        fresh,
      ).ok,
    ).toBe(true)
  })

  it('auth_date exactly at either limit is allowed; one second beyond is not', () => {
    const at = (authDate: number) => telegramSigns(fields({ auth_date: String(authDate) }), BOT)
    expect(verifyInitData(at(NOW - 3600), BOT, fresh)).toMatchObject({
      ok: true,
      data: { authDate: NOW - 3600 },
    })
    expect(verifyInitData(at(NOW - 3601), BOT, fresh)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyInitData(at(NOW + 60), BOT, fresh)).toMatchObject({ ok: true, data: { authDate: NOW + 60 } })
    expect(verifyInitData(at(NOW + 61), BOT, fresh)).toEqual({ ok: false, reason: 'from_future' })
    expect(verifyInitData(at(NOW + 10), BOT, { ...fresh, maxSkewS: 10 }).ok).toBe(true)
    expect(verifyInitData(at(NOW + 11), BOT, { ...fresh, maxSkewS: 10 })).toEqual({
      ok: false,
      reason: 'from_future',
    })
    expect(verifyInitData(at(NOW), BOT, { ...fresh, maxAgeS: 0 }).ok).toBe(true)
    expect(verifyInitData(at(NOW - 1), BOT, { ...fresh, maxAgeS: 0 })).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses an auth_date that is not 1 to 12 digits', () => {
    for (const bad of ['', '-5', '1e9', ' 1750000000', '1750000000 ', '1234567890123', '0x10']) {
      expect(verifyInitData(telegramSigns(fields({ auth_date: bad }), BOT), BOT, fresh), bad).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
    const noDate = telegramSigns({ query_id: 'q', user: JSON.stringify(USER) }, BOT)
    expect(verifyInitData(noDate, BOT, fresh)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('refuses user id 0 and a user without first_name (Telegram always sends one)', () => {
    const user = (u: unknown) => telegramSigns(fields({ user: JSON.stringify(u) }), BOT)
    for (const bad of [
      { id: 0, first_name: 'Zero' },
      { id: USER.id },
      { id: USER.id, first_name: 42 },
      { id: '777', first_name: 'Text id' },
      { id: Number.MAX_SAFE_INTEGER + 2, first_name: 'Big' },
      null,
      'a string',
    ]) {
      expect(verifyInitData(user(bad), BOT, fresh), JSON.stringify(bad)).toEqual({
        ok: false,
        reason: 'malformed',
      })
    }
    expect(verifyInitData(telegramSigns({ auth_date: String(NOW) }, BOT), BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(verifyInitData(user({ id: 1, first_name: 'One' }), BOT, fresh)).toEqual({
      ok: true,
      data: {
        authDate: NOW - 60,
        user: { id: 1, first_name: 'One', last_name: null, username: null, language_code: null },
      },
    })
    expect(
      verifyInitData(
        user({ id: 2, first_name: 'Two', last_name: '', username: 7, language_code: 'ru' }),
        BOT,
        fresh,
      ),
    ).toMatchObject({ ok: true, data: { user: { last_name: null, username: null, language_code: 'ru' } } })
  })
})

describe('Login Widget edge cases (pinned)', () => {
  const widget = { id: USER.id, first_name: 'Anna', auth_date: NOW - 100 }

  it('refuses user id 0, a missing hash, a stale or future date, with the reason', () => {
    expect(verifyWidgetData(signWidgetData({ ...widget, id: 0 }, BOT), BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(verifyWidgetData({ ...widget, hash: undefined } as never, BOT, fresh)).toEqual({
      ok: false,
      reason: 'malformed',
    })
    expect(verifyWidgetData(signWidgetData({ ...widget, auth_date: NOW + 120 }, BOT), BOT, fresh)).toEqual({
      ok: false,
      reason: 'from_future',
    })
    expect(verifyWidgetData({ ...widget, hash: 'g'.repeat(64) }, BOT, fresh)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
    expect(verifyWidgetData(signWidgetData(widget, BOT), BOT, fresh)).toEqual({
      ok: true,
      data: {
        authDate: NOW - 100,
        user: { id: USER.id, first_name: 'Anna', last_name: null, username: null, language_code: null },
      },
    })
  })

  it('signs only the fields that are present', () => {
    const { hash } = signWidgetData({ ...widget, last_name: undefined }, BOT)
    expect(hash).toBe(signWidgetData(widget, BOT).hash)
  })
})
