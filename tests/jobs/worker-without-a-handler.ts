// The worker process as `npm run worker` starts it, but with the reminder handler missing from its
// handler map: for the start-up refusal test (registry.test.ts).
import { loadConfig } from '../../src/config.ts'
import { WORKER_HANDLERS } from '../../src/workers/handlers.ts'
import { runWorkerProcess, startWorkers } from '../../src/workers/main.ts'

const { remind: _, ...handlers } = WORKER_HANDLERS
await runWorkerProcess(() => startWorkers(loadConfig(), {}, { handlers }))
