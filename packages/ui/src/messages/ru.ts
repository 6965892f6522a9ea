// Words every screen uses, in Russian (the default). Each area keeps its own words in
// `<area>.ru.ts` / `<area>.en.ts`; `index.ts` merges them under the area's name.
export default {
  app: {
    title: 'Онлайн-запись',
    skipToContent: 'Перейти к содержимому',
    language: 'Язык',
    languages: { ru: 'Русский', en: 'English' },
    account: 'Личный кабинет',
    login: 'Войти',
    logout: 'Выйти',
    notFound: 'Такой страницы нет',
    toStart: 'На главную',
  },
  common: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    back: 'Назад',
    next: 'Далее',
    cancel: 'Отмена',
    close: 'Закрыть',
    save: 'Сохранить',
    loadFailed: 'Не удалось загрузить данные. Проверьте соединение и попробуйте ещё раз.',
    priceFrom: 'от {price}',
  },
}
