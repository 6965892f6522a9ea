// Worker processes for crash tests: the real worker runtime (tests/helpers/worker-child.ts) in
// child processes on a test environment, kept in a list so that afterAll can kill what is left.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { TestEnv } from './harness.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url))

export interface WorkerChild {
  proc: ChildProcess
  /** What the process printed, for failure messages. */
  output: string[]
  /** Resolves with the signal that ended it, or `exit <code>`. */
  exited: Promise<string>
}

export function workerChildren(env: () => TestEnv) {
  const children: WorkerChild[] = []

  function spawnWorker(): WorkerChild {
    const { config } = env()
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        // The child binds the prefix to the database itself, as the worker process does.
        REDIS_PREFIX: config.deployment?.basePrefix ?? config.redisPrefix,
        INTERNAL_TOKEN: config.internalToken,
        QUEUE_PARTITIONS: String(config.queuePartitions),
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: string[] = []
    proc.stdout!.on('data', (d) => output.push(String(d)))
    proc.stderr!.on('data', (d) => output.push(String(d)))
    const exited = new Promise<string>((resolve) =>
      proc.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
    )
    const child = { proc, output, exited }
    children.push(child)
    return child
  }

  /** SIGKILLs the child if it still runs; resolves with how it ended. */
  async function stop(child: WorkerChild) {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL')
    return child.exited
  }

  const stopAll = async () => {
    for (const c of children) await stop(c)
  }

  return { spawnWorker, stop, stopAll }
}
