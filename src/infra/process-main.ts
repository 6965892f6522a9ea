// The body of a queue process's entry point (the worker, the notifier): start the runtime, say in
// one line that it runs, and stop it on SIGINT/SIGTERM once its running jobs finish. A refusal a
// person can act on (configuration, a database not migrated, a job registry that does not match
// the handlers) is one line on stderr and exit code 1; anything else is printed in full.
import { ConfigError } from '../config.ts'
import { MissingDeploymentError } from '../data/deployment-repository.ts'
import { JobRegistryError } from '../jobs/registry.ts'

export async function runQueueProcess<R extends { close: () => Promise<void> }>(
  name: string,
  start: () => Promise<R>,
  running: (runtime: R) => string,
): Promise<void> {
  try {
    const runtime = await start()
    console.log(`[${name}] ${running(runtime)}`)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`[${name}] ${signal}: finishing running jobs`)
        runtime.close().then(
          () => process.exit(0),
          () => process.exit(1),
        )
      })
    }
  } catch (err) {
    const known =
      err instanceof ConfigError || err instanceof MissingDeploymentError || err instanceof JobRegistryError
    console.error(known ? err.message : err)
    process.exit(1)
  }
}
