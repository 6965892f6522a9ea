// What a screen says when a call fails: the API's refusal in the page's language (Russian from
// messages/errors.ru.ts by the refusal's code, English as the API wrote it), or, when no answer
// came (the network, a proxy's page), that loading failed.
import { useI18n } from 'vue-i18n'
import { isApiError } from '@booking/api-client'
import { russianErrors } from './messages/errors.ru.ts'

/** The text for a failed call, as `(err) => string`; call it in a component's setup. */
export function useErrorText(): (err: unknown) => string {
  const { t, locale } = useI18n()
  return (err) => {
    if (!isApiError(err)) return t('common.loadFailed')
    const russian = locale.value.startsWith('ru') ? russianErrors[err.error] : undefined
    return russian ?? err.message
  }
}
