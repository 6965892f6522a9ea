// How "free until …" writes its moment: "до 4 декабря, 15:00", without the weekday, which Russian
// would need in the genitive after «до».
export const UNTIL: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
}
