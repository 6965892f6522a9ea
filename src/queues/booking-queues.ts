// Moved to src/jobs/booking-queues.ts (the one home of queues, jobs and producers); kept for imports not yet updated.
export * from '../jobs/booking-queues.ts'
