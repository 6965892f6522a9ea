// The bot's words, Russian first and English with exactly the same keys (the type says so). A
// value is a sentence with `{name}` holes, filled by `say`.
export type BotLanguage = 'ru' | 'en'

const ru = {
  greeting:
    'Здравствуйте, {name}! Здесь можно записаться, посмотреть свои записи, отменить или перенести их.',
  greetingDeepLink: 'Здравствуйте, {name}! Откройте приложение, чтобы продолжить запись.',
  book: 'Записаться',
  open: 'Открыть',
  help: [
    'Что умеет бот:',
    '/start — записаться в приложении',
    '/my — мои ближайшие записи: отменить или перенести',
    '/help — эта подсказка',
    'Кнопка меню слева от поля ввода тоже открывает приложение.',
  ].join('\n'),
  myTitle: 'Ваши ближайшие записи ({count}):',
  myNone: 'Ближайших записей нет. Выберите удобное время — это займёт минуту.',
  myMore: 'Показаны первые {count}. Остальные — в приложении.',
  bookingLine: '{service}\n{when}\nСпециалист: {specialist}\nАдрес: {address}',
  statusRequested: 'Ждёт подтверждения.',
  cancel: 'Отменить',
  reschedule: 'Перенести',
  confirmTitle: 'Отменить запись?',
  confirmYes: 'Да, отменить',
  confirmNo: 'Нет',
  termsFree: 'Отмена сейчас бесплатна.',
  termsLate: 'Бесплатная отмена закончилась {when}.',
  termsRefund: 'Вернём в кошелёк: {amount}.',
  termsFee: 'Удержим: {amount}.',
  termsOnSite: 'Оплата на месте — ничего не удерживаем.',
  termsVisitRestored: 'Визит вернётся на абонемент.',
  termsVisitUsed: 'Визит по абонементу сгорит.',
  cancelled: 'Запись отменена.',
  settledRefund: 'Возвращено в кошелёк: {amount}.',
  settledFee: 'Удержано: {amount}.',
  settledVisit: 'Визит возвращён на абонемент.',
  cancelRefused: 'Не удалось отменить запись: {reason}',
  alreadyCancelled: 'Эта запись уже отменена.',
  cancelPending: 'Отмена обрабатывается. Проверьте /my через минуту.',
  kept: 'Запись остаётся.',
  failed: 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
  commandStart: 'Записаться',
  commandMy: 'Мои записи',
  commandHelp: 'Что умеет бот',
  fallbackService: 'Услуга №{id}',
  fallbackSpecialist: 'специалист №{id}',
}

const en: Record<keyof typeof ru, string> = {
  greeting: 'Hello, {name}! Here you can book, see your bookings, and cancel or reschedule them.',
  greetingDeepLink: 'Hello, {name}! Open the app to continue booking.',
  book: 'Book',
  open: 'Open',
  help: [
    'What the bot can do:',
    '/start — book in the app',
    '/my — my upcoming bookings: cancel or reschedule',
    '/help — this help',
    'The menu button next to the message field opens the app too.',
  ].join('\n'),
  myTitle: 'Your upcoming bookings ({count}):',
  myNone: 'No upcoming bookings. Pick a time that suits you — it takes a minute.',
  myMore: 'The first {count} are shown. The rest are in the app.',
  bookingLine: '{service}\n{when}\nSpecialist: {specialist}\nAddress: {address}',
  statusRequested: 'Waiting for confirmation.',
  cancel: 'Cancel',
  reschedule: 'Reschedule',
  confirmTitle: 'Cancel this booking?',
  confirmYes: 'Yes, cancel',
  confirmNo: 'No',
  termsFree: 'Cancelling now is free.',
  termsLate: 'Free cancellation ended {when}.',
  termsRefund: 'Back to your wallet: {amount}.',
  termsFee: 'Kept: {amount}.',
  termsOnSite: 'Paid on site — nothing is kept.',
  termsVisitRestored: 'The visit goes back to your package.',
  termsVisitUsed: 'The package visit is used up.',
  cancelled: 'The booking is cancelled.',
  settledRefund: 'Returned to your wallet: {amount}.',
  settledFee: 'Kept: {amount}.',
  settledVisit: 'The visit went back to your package.',
  cancelRefused: 'The booking could not be cancelled: {reason}',
  alreadyCancelled: 'This booking is already cancelled.',
  cancelPending: 'The cancellation is being processed. Check /my in a minute.',
  kept: 'The booking stays.',
  failed: 'Something went wrong. Please try again a little later.',
  commandStart: 'Book',
  commandMy: 'My bookings',
  commandHelp: 'What the bot can do',
  fallbackService: 'Service #{id}',
  fallbackSpecialist: 'specialist #{id}',
}

export type MessageKey = keyof typeof ru
export const MESSAGES: Record<BotLanguage, Record<MessageKey, string>> = { ru, en }

/** The sentence `key` in `language` with its `{holes}` filled. */
export function say(
  language: BotLanguage,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (hole, name: string) =>
    name in params ? String(params[name]) : hole,
  )
}

/** Telegram's language_code as one of ours: English for en*, Russian otherwise. */
export const languageOfCode = (code: string | undefined): BotLanguage =>
  code?.toLowerCase().startsWith('en') ? 'en' : 'ru'
