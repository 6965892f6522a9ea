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
    '/link <код> — привязать аккаунт с сайта (код — в профиле на сайте)',
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
  linked:
    'Готово, {name}: Telegram привязан к вашему аккаунту на сайте. Записи, кошелёк и абонементы — теперь и здесь.',
  linkHow:
    'Чтобы привязать аккаунт с сайта, откройте на сайте «Профиль» → «Telegram», нажмите «Получить код» и отправьте сюда: /link КОД',
  linkUnknown: 'Такого кода нет или он уже использован. Проверьте его или получите новый в профиле на сайте.',
  linkExpired: 'Срок действия кода истёк (код действует 10 минут). Получите новый в профиле на сайте.',
  linkTooMany: 'Слишком много неверных кодов. Попробуйте снова через {minutes} мин.',
  linkTaken:
    'Этот Telegram уже привязан к другому аккаунту со своим входом. Войдите в тот аккаунт на сайте, отвяжите в профиле Telegram и отправьте новый код.',
  linkInUse:
    'У этого Telegram уже есть свой аккаунт у нас — с записями, кошельком, абонементами или скидками. Сам он к аккаунту на сайте не переносится: попросите салон объединить аккаунты или продолжайте пользоваться этим.',
  linkAlready:
    'Ваш аккаунт на сайте уже привязан к другому Telegram. Отвяжите его в профиле на сайте и получите новый код.',
  linkRefused: 'Не удалось привязать аккаунт: {reason}',
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
    '/link <code> — link your account from the site (the code is in your profile there)',
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
  linked:
    'Done, {name}: Telegram is linked to your account on the site. Your bookings, wallet and packages are here now too.',
  linkHow:
    'To link your account from the site, open Profile → Telegram on the site, press “Get a code” and send it here: /link CODE',
  linkUnknown:
    'There is no such code, or it was already used. Check it, or get a new one in your profile on the site.',
  linkExpired: 'The code has expired (a code lives 10 minutes). Get a new one in your profile on the site.',
  linkTooMany: 'Too many wrong codes. Try again in {minutes} min.',
  linkTaken:
    'This Telegram is already linked to another account with its own login. Log in to that account on the site, unlink Telegram in its profile and send a new code.',
  linkInUse:
    'This Telegram already has its own account here, with bookings, a wallet, packages or discounts. It is not moved to your account on the site by itself: ask the salon to merge the accounts, or keep using this one.',
  linkAlready:
    'Your account on the site is already linked to another Telegram. Unlink it in your profile on the site and get a new code.',
  linkRefused: 'The account could not be linked: {reason}',
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
