// Amounts of money as people read them ("1 500,00 ₽"), for messages and texts. Arithmetic stays in
// money.ts; this only turns an integer of minor units into words for a person.

const formatters = new Map<string, Intl.NumberFormat>()

function formatterOf(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency })
    formatters.set(key, f)
  }
  return f
}

/**
 * `minor` kopecks (or cents) of `currency` (ISO 4217) as text in `locale`: 150000 RUB → "1 500,00 ₽".
 * The separators Intl uses (no-break spaces) are kept; an unknown currency code falls back to the
 * amount followed by the code, so a message never fails on a misconfigured company.
 */
export function formatMoney(minor: number, currency: string, locale = 'ru-RU'): string {
  try {
    const f = formatterOf(currency, locale)
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2
    return f.format(minor / 10 ** digits)
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`
  }
}
