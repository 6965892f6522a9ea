// The same words in English; the type keeps its keys identical to the Russian ones.
import type ru from './ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {
  app: {
    title: 'Online booking',
    skipToContent: 'Skip to content',
    language: 'Language',
    languages: { ru: 'Русский', en: 'English' },
    account: 'My account',
    login: 'Log in',
    logout: 'Log out',
    notFound: 'There is no such page',
    toStart: 'Home',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    back: 'Back',
    next: 'Next',
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    loadFailed: 'Could not load the data. Check your connection and try again.',
    priceFrom: 'from {price}',
  },
} satisfies SameKeys<typeof ru>
