// Phone numbers in the one stored form, E.164 (`+79161234567`), whatever way a person typed them:
// `8 916 123-45-67`, `79161234567`, `+7 (916) 123 45 67`. Parsing and validation are
// libphonenumber's (its full metadata: which ranges exist in which country), not ours.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'

/**
 * The country a number without a country code belongs to. The company works in one country, as it
 * works in one currency; `8…` and `9…` national forms are read as Russian numbers.
 */
export const DEFAULT_PHONE_REGION: CountryCode = 'RU'

/** What people put in a phone number besides digits; anything else is not a phone number. */
const TYPED = /^\+?[0-9\s\-().]{1,40}$/

/**
 * The number in E.164 when it is a valid number (of the region when it has no country code), else
 * null. Letters or other text around the digits make it invalid rather than being skipped.
 */
export function normalizePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const typed = input.trim()
  if (!TYPED.test(typed)) return null
  const parsed = parsePhoneNumberFromString(typed, region)
  return parsed?.isValid() ? parsed.number : null
}

/**
 * The E.164 form to look a login up by: a valid number as `normalizePhone` gives it, or else the
 * typed international form with the punctuation removed, so a number stored before validation was
 * strict (or one in a range libphonenumber does not know yet) still logs in. Null when neither.
 */
export function phoneForLookup(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const valid = normalizePhone(input, region)
  if (valid) return valid
  const bare = input.replace(/[\s\-().]/g, '')
  return /^\+[0-9]{7,15}$/.test(bare) ? bare : null
}

/** What to tell a person whose phone number was not understood. */
export const PHONE_MESSAGE =
  'The phone number is not a valid one: give it with the country code, e.g. +79161234567 ' +
  '(a Russian number may also start with 8: 89161234567).'
