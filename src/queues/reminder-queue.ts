// Moved to src/jobs/reminder-queue.ts (the one home of queues, jobs and producers); kept for imports not yet updated.
export * from '../jobs/reminder-queue.ts'
