// The Mini App's language: the person's stored language (/api/me) once known, before that Telegram's
// language_code, else Russian. The words are @booking/ui's, shared with the web site.
import { createI18n } from 'vue-i18n'
import { messages, russianPlural, type Locale, type Messages } from '@booking/ui'

declare module 'vue-i18n' {
  // Keys handed to t() are checked against the Russian messages.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages,
  pluralRules: { ru: russianPlural },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

/** Russian or English from a language tag ('en-GB' → en); anything else is Russian. */
export function localeOf(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'ru'
}

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  document.title = i18n.global.t('miniapp.title')
}
