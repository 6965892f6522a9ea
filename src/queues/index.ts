// Moved to src/jobs/index.ts (the one home of queues, jobs and producers); kept for imports not yet updated.
export * from '../jobs/index.ts'
