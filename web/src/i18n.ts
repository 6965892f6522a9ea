// The site's language: a choice made with the switch (kept in localStorage) wins, else the first of
// the browser's languages that is Russian or English, else Russian. The words are @booking/ui's.
import { createI18n } from 'vue-i18n'
import { messages, russianPlural, type Locale, type Messages } from '@booking/ui'

declare module 'vue-i18n' {
  // Keys handed to t() are checked against the Russian messages.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends Messages {}
}

const STORAGE_KEY = 'booking.locale'

function stored(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'ru' || value === 'en' ? value : null
  } catch {
    return null
  }
}

function fromBrowser(): Locale {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = tag.toLowerCase().split('-')[0]
    if (lang === 'ru' || lang === 'en') return lang
  }
  return 'ru'
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: stored() ?? fromBrowser(),
  fallbackLocale: 'ru',
  messages,
  pluralRules: { ru: russianPlural },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: import.meta.env.DEV,
})

/** The current language. */
export function currentLocale(): Locale {
  return i18n.global.locale.value
}

/** Switches the language, remembers the choice and tells the document (screen readers, hyphenation). */
export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyToDocument(locale)
}

export function applyToDocument(locale: Locale = currentLocale()) {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.title')
}
