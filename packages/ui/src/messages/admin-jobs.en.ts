// Words of the admin panel's jobs screens (web/src/admin/jobs/), in English.
import type { SameKeys } from './same-keys.ts'
import type ru from './admin-jobs.ru.ts'

export default {
  title: 'Bulk changes',
  intro: 'Schedule and override changes for many specialists at once. Kept for 7 days after they finish.',
  empty: 'No bulk changes yet.',
  open: 'Open',
  job: 'Bulk change',
  toList: 'All bulk changes',
  notFound: 'There is no such job: it finished more than 7 days ago or never existed.',
  kind: {
    bulk_schedule: 'Working hours',
    bulk_override: 'Calendar overrides',
    recalc: 'Slot recalculation',
  },
  state: {
    waiting: 'Queued',
    active: 'Running',
    completed: 'Finished',
    failed: 'Failed',
  },
  column: {
    kind: 'What',
    state: 'State',
    progress: 'Done',
    failures: 'Failures',
    created: 'Started',
  },
  progressLabel: '{done} of {total} done',
  created: 'Started: {at}',
  finished: 'Finished: {at}',
  failures: 'Not done ({count})',
  failuresHint: 'The others are done and will not run again. Remove the cause, then press “Retry failed”.',
  noFailures: 'Every item was done without errors.',
  specialist: 'Specialist',
  location: 'Location',
  reason: 'Reason',
  inTheWay: 'Bookings in the way',
  kept: 'Bookings outside working hours ({count})',
  keptHint: 'The change was saved; these bookings were kept and flagged as out of hours.',
  booking: '{when} — {client}, {service}',
  retry: 'Retry failed',
  retried: 'Retried: {count}.',
  live: 'Updates live',
} satisfies SameKeys<typeof ru>
