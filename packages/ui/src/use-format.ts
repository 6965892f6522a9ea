// The formatting helpers bound to the current vue-i18n locale, for templates: `fmt.money(price, currency)`.
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { formatDate, formatDuration, formatInstant, formatMoney, formatTime, type Locale } from './format.ts'

export function useFormat() {
  const { locale } = useI18n()
  const current = computed<Locale>(() => (locale.value === 'en' ? 'en' : 'ru'))
  return {
    locale: current,
    money: (minor: number, currency: string) => formatMoney(minor, currency, current.value),
    date: (date: string, style?: Parameters<typeof formatDate>[2]) => formatDate(date, current.value, style),
    time: (time: string) => formatTime(time, current.value),
    instant: (iso: string | Date, zone: string, options?: Intl.DateTimeFormatOptions) =>
      formatInstant(iso, zone, current.value, options),
    duration: (minutes: number) => formatDuration(minutes, current.value),
  }
}
