// Words of the admin panel's journal screens (web/src/admin/journal/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-journal.ru.ts'

export default {
  title: 'Journal',
  location: 'Location',
  view: 'View',
  day: 'Day',
  week: 'Week',
  prev: 'Previous',
  next: 'Next',
  today: 'Today',
  date: 'Date',
  time: 'Time',
  noSpecialists: 'This location has no active specialists.',
  noLocations: 'Add a location under “Catalogue” first.',
  bookAt: 'Book with {name} on {date} at {time}',
  blockHint: 'Enter opens the booking, arrow keys move it, Esc cancels the move.',
  outOfHours: 'out of hours',
  now: 'Now {time}',
  moving: 'Moving to {specialist}, {date} {time}. Enter moves it, Esc cancels.',
  moved: 'Booking moved: {date} {time}',
  movedTo: 'Booking moved: {specialist}, {date} {time}',
  moveFailed: 'The booking could not be moved',
  live: 'Updates live',
  blocked: 'Blocked by the specialist',
  status: {
    requested: 'Requested',
    confirmed: 'Confirmed',
    completed: 'Completed',
    cancelled: 'Cancelled',
    no_show: 'No-show',
    rejected: 'Rejected',
  },
  payment: {
    on_site: 'On site',
    wallet: 'Wallet',
    package: 'Package',
  },
} satisfies SameKeys<typeof ru>
