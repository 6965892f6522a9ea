// What the catalogue tabs share: money typed as major units and sent as minor units, the API's
// refusals turned into a field's error or an explanation of "in use", and the field descriptions
// the generic tab (CrudTab.vue) renders.
import { isApiError } from '@booking/api-client'

/** One field of a tab's form; `key` is the API's name for it, which its messages use. */
export interface FieldDef {
  key: string
  label: string
  kind: 'text' | 'textarea' | 'integer' | 'money' | 'select' | 'multiselect' | 'switch' | 'slot'
  options?: { label: string; value: number | string | null }[]
  hint?: string
  required?: boolean
}

export type Values = Record<string, unknown>

/**
 * The amount a person typed ("1500", "1 500,50") in minor units. Text that is not a number is
 * passed on as it is, so that the API refuses it with its own sentence at the field.
 */
export function toMinor(text: unknown): number | string {
  const raw = String(text ?? '')
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.')
  if (raw === '') return raw
  const n = Number(raw)
  return Number.isFinite(n) ? Math.round(n * 100) : raw
}

export const fromMinor = (n: number | null | undefined) => (n == null ? '' : String(n / 100))

/** A whole number typed as text; text that is not one goes to the API as it is, for its sentence. */
export function toInteger(text: unknown): number | string {
  const raw = String(text ?? '').trim()
  if (raw === '') return raw
  const n = Number(raw)
  return Number.isFinite(n) ? n : raw
}

/** An optional number: empty means null (e.g. "the service's own price"). */
export const optional = <T>(text: unknown, convert: (t: unknown) => T): T | null =>
  String(text ?? '').trim() === '' ? null : convert(text)

export function formatMoney(minor: number, currency: string, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 2 }).format(
    minor / 100,
  )
}

/** Which of the fields a refusal concerns (shared with the Mini App). */
export { fieldOf } from '@booking/ui'

/** What a refused deletion says is using the entry, by kind and count (`in_use_by`). */
export function inUseBy(err: unknown): Record<string, number> | null {
  if (!isApiError(err) || err.status !== 409 || err.error !== 'in_use') return null
  const by = (err.details as { in_use_by?: Record<string, number> } | undefined)?.in_use_by
  return by ?? {}
}
