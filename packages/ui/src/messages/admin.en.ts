// Words of the admin panel (web/src/admin/), in English.
import type ru from './admin.ru.ts'
import type { SameKeys } from './same-keys.ts'

export default {
  title: 'Administration',
  nav: {
    label: 'Administration sections',
    settings: 'Settings',
    site: 'To the site',
    logout: 'Log out',
  },
  login: {
    title: 'Admin login',
    login: 'E-mail or phone',
    password: 'Password',
    submit: 'Log in',
    notAdmin: 'The account “{name}” is not an admin. Log in with an admin account.',
  },
  settings: {
    title: 'Company settings',
    booking: 'Booking',
    cancellation: 'Cancellation',
    reminders: 'Reminders',
    horizon: 'Booking horizon, days',
    horizonHint: 'How many days ahead clients see times (1–365), today included.',
    lead: 'Minimum notice, minutes',
    leadHint: 'Times starting sooner are not offered to clients (0–10080).',
    prepayment: 'Prepayment',
    prepaymentNone: 'Not needed',
    prepaymentRequired: 'Required (package or wallet)',
    freeHours: 'Free cancellation, hours before the start',
    freeHoursHint: '0–720',
    fee: 'Kept on a late cancellation, %',
    feeHint: 'Share of a wallet payment, 0–100',
    consumesVisit: 'A late cancellation or a no-show uses up the package visit',
    grace: 'Free cancellation after booking, minutes',
    graceHint: 'Even when booked late (0–1440)',
    offsets: 'Remind before, minutes',
    offsetsHint: 'Comma-separated, e.g. 1440, 120; empty: no reminders',
    save: 'Save',
    saved: 'Settings saved.',
    recalc: 'Free times for the added days are being recalculated.',
    invalid: 'Check the field “{field}”.',
  },
} satisfies SameKeys<typeof ru>
