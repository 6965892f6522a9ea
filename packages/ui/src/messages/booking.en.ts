// Words of the first steps of booking: services, specialist, time (web/src/pages/booking/*Step.vue), in English.
import type ru from './booking.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {
  steps: {
    label: 'Booking steps',
    progress: 'Step {n} of {total}',
    service: 'Service',
    specialist: 'Specialist',
    time: 'Time',
    confirm: 'Confirm',
  },
  services: {
    title: 'Choose a service',
    search: 'Search services',
    searchHint: 'Name or description',
    nothingFound: 'Nothing found for “{query}”.',
    none: 'There are no services to book yet.',
    other: 'Other services',
    count: '{n} service | {n} services',
  },
  specialist: {
    title: 'Choose a specialist',
    any: 'Any specialist',
    anyHint: 'We will find whoever is free at the time you pick',
    nearest: 'Next free: {when}',
    nearestLoading: 'Looking for the next free time…',
    noTimes: 'No free time in the next {days} days',
    today: 'today, {time}',
    tomorrow: 'tomorrow, {time}',
    onDate: '{date}, {time}',
    none: 'Nobody offers this service at the moment.',
    back: 'Back to services',
  },
  time: {
    title: 'Choose a time',
    anySpecialist: 'any specialist',
    calendar: 'Days in the next {days} days',
    location: 'Location',
    hasTimes: 'free times',
    noTimesDay: 'no free time',
    dayEmpty: '{date}: no free time.',
    nextFree: 'The next free day is {date}',
    showNextFree: 'Show {date}',
    horizonEmpty: 'There is no free time in the next {days} days.',
    tryAny: 'See the times of any specialist',
    morning: 'Morning',
    afternoon: 'Afternoon',
    evening: 'Evening',
    zone: 'Times at {location} ({offset})',
    zoneDiffers:
      'Your time zone ({browser}) differs from the salon’s ({zone}). Times are shown by the salon’s clock.',
    slotLabel: '{date}, {time} ({offset})',
    removed: '{times} was just taken.',
    updated: 'Free times updated.',
    back: 'Back to specialists',
  },
} satisfies SameKeys<typeof ru>
