// Moved to src/jobs/recalc-queue.ts (the one home of queues, jobs and producers); kept for imports not yet updated.
export * from '../jobs/recalc-queue.ts'
