// What every benchmark script shares about its own life: a hard deadline, cleanups that run on
// success, error, deadline or Ctrl-C, and the child processes (API, workers, bare server) it starts
// and always stops.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')

export interface Scope {
  /** Registers a cleanup; cleanups run in reverse order of registration. */
  defer: (name: string, fn: () => Promise<unknown> | unknown) => void
}

const children = new Set<ChildProcess>()

const names = new Map<number, string>()

/** This process and the children it started (for CPU accounting). */
export const ourPids = () => [process.pid, ...[...children].map((c) => c.pid!).filter(Boolean)]
/** "bench" for this process (autocannon runs here), the child's name otherwise. */
export const nameOfPid = (pid: number) => (pid === process.pid ? 'bench' : (names.get(pid) ?? String(pid)))

/**
 * Runs a benchmark with a hard deadline. Whatever happens (error, deadline, SIGINT/SIGTERM), the
 * registered cleanups run, and the process exits by itself.
 */
export function runBench(name: string, deadlineMs: number, body: (scope: Scope) => Promise<void>) {
  const cleanups: { name: string; fn: () => Promise<unknown> | unknown }[] = []
  let finishing = false
  const finish = async (code: number) => {
    if (finishing) return
    finishing = true
    for (const c of cleanups.reverse()) {
      try {
        await Promise.race([
          c.fn(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 20_000).unref()),
        ])
      } catch (err) {
        console.error(`[${name}] cleanup "${c.name}" failed: ${(err as Error).message}`)
      }
    }
    process.exit(code)
  }
  // Last resort: never leave a child behind, even on an exit nobody planned.
  process.on('exit', () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`[${name}] ${signal}: cleaning up`)
      void finish(130)
    })
  }
  process.on('uncaughtException', (err) => {
    console.error(`[${name}] uncaught:`, err)
    void finish(1)
  })
  const deadline = setTimeout(() => {
    console.error(`[${name}] deadline of ${deadlineMs / 1000} s reached: cleaning up`)
    void finish(2)
  }, deadlineMs)
  deadline.unref()
  body({ defer: (n, fn) => cleanups.push({ name: n, fn }) }).then(
    () => finish(0),
    (err) => {
      console.error(`[${name}] failed:`, err)
      void finish(1)
    },
  )
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()))
    })
  })
}

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `bench-${label}-`))

export interface Child {
  name: string
  process: ChildProcess
  /** Resolves when the process has printed a line matching `pattern`. */
  waitForLine: (pattern: RegExp, timeoutMs?: number) => Promise<void>
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop: (graceMs?: number) => Promise<void>
}

/**
 * Starts `node [nodeArgs] --import tsx [--import <each of imports>] <script>` from the project root
 * with `env` added to the current environment (`imports` may be TypeScript: tsx is loaded first).
 * Output is prefixed with the child's name (stderr always, stdout when `quiet` is false).
 */
export function spawnNode(
  name: string,
  script: string,
  env: Record<string, string>,
  opts: { nodeArgs?: string[]; imports?: string[]; quiet?: boolean } = {},
): Child {
  const imports = (opts.imports ?? []).flatMap((m) => ['--import', m])
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', ...imports, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  if (child.pid) names.set(child.pid, name)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  void exited.then(() => children.delete(child))
  const lineWaiters: { pattern: RegExp; resolve: () => void }[] = []
  const onLine = (line: string, isErr: boolean) => {
    if (isErr || !opts.quiet) console.error(`  [${name}] ${line}`)
    for (const w of [...lineWaiters]) {
      if (w.pattern.test(line)) {
        lineWaiters.splice(lineWaiters.indexOf(w), 1)
        w.resolve()
      }
    }
  }
  for (const [stream, isErr] of [
    [child.stdout!, false],
    [child.stderr!, true],
  ] as const) {
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      buffered += chunk
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        onLine(buffered.slice(0, nl), isErr)
        buffered = buffered.slice(nl + 1)
      }
    })
  }
  return {
    name,
    process: child,
    waitForLine: (pattern, timeoutMs = 30_000) =>
      new Promise<void>((resolveLine, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name}: no line ${pattern} in ${timeoutMs} ms`)),
          timeoutMs,
        )
        const done = () => {
          clearTimeout(timer)
          resolveLine()
        }
        lineWaiters.push({ pattern, resolve: done })
        void exited.then(() => {
          clearTimeout(timer)
          reject(new Error(`${name} exited (code ${child.exitCode}) before printing ${pattern}`))
        })
      }),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(killer)
    },
  }
}

/** Polls `url` until it answers 200 (the process is listening and ready). */
export async function waitForHttp(url: string, child: Child, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.process.exitCode !== null)
      throw new Error(`${child.name} exited with ${child.process.exitCode}`)
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The API process on `port`, as `npm run api` starts it; `cpuProfDir` adds `--cpu-prof`. */
export async function startApi(
  env: Record<string, string>,
  opts: { cpuProfDir?: string; imports?: string[] } = {},
) {
  const port = await freePort()
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []
  const api = spawnNode(
    'api',
    'src/api/server.ts',
    { ...env, PORT: String(port) },
    { nodeArgs, imports: opts.imports ?? [] },
  )
  const base = `http://127.0.0.1:${port}`
  await waitForHttp(`${base}/readyz`, api)
  return { child: api, port, base }
}

/** A worker process, as `npm run worker` starts it; resolves once its workers run. */
export async function startWorker(
  name: string,
  env: Record<string, string>,
  opts: { cpuProfDir?: string; imports?: string[] } = {},
) {
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []
  const worker = spawnNode(name, 'src/workers/main.ts', env, {
    nodeArgs,
    imports: opts.imports ?? [],
    quiet: true,
  })
  await worker.waitForLine(/\[worker\] running/)
  return worker
}

/** `--name=value` from the command line as a number, else `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`))
  if (!arg) return fallback
  const v = Number(arg.slice(name.length + 3))
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`)
  return v
}

export const flag = (name: string) => process.argv.includes(`--${name}`)
