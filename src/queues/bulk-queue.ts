// Moved to src/jobs/bulk-queue.ts (the one home of queues, jobs and producers); kept for imports not yet updated.
export * from '../jobs/bulk-queue.ts'
