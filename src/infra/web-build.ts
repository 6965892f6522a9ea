// Builds the client site (web/) into web/dist and the Telegram Mini App (miniapp/) into
// miniapp/dist when a build is missing or stale, for `npm start` and the tests: the API serves what
// is there (src/api/plugins/web-app.ts; the Mini App under /miniapp). `ensureWebBuild` sees to both.
//
// Stale means the sources changed since the build: <dist>/.build-hash holds a hash of every
// source file's path and content (mtimes lie after a checkout or a copy). Several processes may
// ask at once (two test workers, `npm start` beside a test run): one takes a lock file and builds
// into a temporary folder that then replaces the dist folder in two renames; the others wait for the lock
// and find the build fresh. A lock whose process has died, or that is older than a build can take,
// is taken over.
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const WEB = path.join(ROOT, 'web')
const MINIAPP = path.join(ROOT, 'miniapp')

/** Where the site is built and served from unless WEB_DIST says otherwise. */
export const DEFAULT_WEB_DIST = path.join(WEB, 'dist')

/** Where the Mini App is built and served from (at /miniapp; Vite's `base: '/miniapp/'`). */
export const DEFAULT_MINIAPP_DIST = path.join(MINIAPP, 'dist')

/** What both builds read from the shared packages. */
const SHARED_SOURCES = [
  'packages/ui/src',
  'packages/ui/package.json',
  'packages/api-client/src',
  'packages/api-client/package.json',
]

interface Site {
  /** In log lines: 'web site', 'Mini App'. */
  name: string
  /** The workspace folder Vite runs in. */
  dir: string
  /** What the build reads, relative to the project root: folders are walked, files read as they are. */
  sources: string[]
}

const WEB_SITE: Site = {
  name: 'web site',
  dir: WEB,
  sources: [
    'web/src',
    'web/public',
    'web/index.html',
    'web/vite.config.ts',
    'web/package.json',
    ...SHARED_SOURCES,
  ],
}

const MINIAPP_SITE: Site = {
  name: 'Mini App',
  dir: MINIAPP,
  sources: [
    'miniapp/src',
    'miniapp/public',
    'miniapp/index.html',
    'miniapp/vite.config.ts',
    'miniapp/package.json',
    ...SHARED_SOURCES,
  ],
}

const STAMP = '.build-hash'
/** Lock and temporary builds: under node_modules, which git and the linters ignore. */
const WORK_DIR = path.join(ROOT, 'node_modules', '.cache', 'web-build')
const LOCK = path.join(WORK_DIR, 'lock')
const LOCK_STALE_MS = 5 * 60_000
const WAIT_MS = 10 * 60_000

export interface WebBuildOptions {
  /** Progress lines (building, built, waiting for another build). */
  log?: (line: string) => void
  /** Build even when the stamp matches. */
  force?: boolean
}

async function filesUnder(entry: string): Promise<string[]> {
  const abs = path.join(ROOT, entry)
  const stat = await fs.stat(abs).catch(() => undefined)
  if (!stat) return []
  if (stat.isFile()) return [entry]
  const found: string[] = []
  for (const child of await fs.readdir(abs, { withFileTypes: true })) {
    if (child.name === 'node_modules' || child.name.startsWith('.')) continue
    found.push(...(await filesUnder(path.posix.join(entry, child.name))))
  }
  return found
}

async function sourceHash(site: Site): Promise<string> {
  const hash = createHash('sha256')
  const files = (await Promise.all(site.sources.map(filesUnder))).flat().sort()
  for (const file of files) {
    hash.update(`${file}\0`)
    hash.update(await fs.readFile(path.join(ROOT, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** A hash of every source of the web site's build: its files' paths and contents. */
export const webSourceHash = () => sourceHash(WEB_SITE)

/** The same for the Mini App's build. */
export const miniAppSourceHash = () => sourceHash(MINIAPP_SITE)

async function isFresh(dist: string, hash: string): Promise<boolean> {
  const [stamp, index] = await Promise.all([
    fs.readFile(path.join(dist, STAMP), 'utf8').catch(() => undefined),
    fs.stat(path.join(dist, 'index.html')).catch(() => undefined),
  ])
  return stamp?.trim() === hash && index?.isFile() === true
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the build lock, waiting for another holder; returns its release. */
async function lock(log: (line: string) => void): Promise<() => Promise<void>> {
  await fs.mkdir(WORK_DIR, { recursive: true })
  const deadline = Date.now() + WAIT_MS
  let said = false
  for (;;) {
    try {
      const handle = await fs.open(LOCK, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => fs.rm(LOCK, { force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const [holder, stat] = await Promise.all([
      fs.readFile(LOCK, 'utf8').catch(() => ''),
      fs.stat(LOCK).catch(() => undefined),
    ])
    const pid = Number(holder)
    const abandoned =
      (Number.isInteger(pid) && pid > 0 && !alive(pid)) ||
      (stat !== undefined && Date.now() - stat.mtimeMs > LOCK_STALE_MS)
    if (abandoned) {
      await fs.rm(LOCK, { force: true })
      continue
    }
    if (Date.now() > deadline) throw new Error(`web build: ${LOCK} is still held by process ${holder}`)
    if (!said) log('another process is building a site: waiting for it')
    said = true
    await sleep(200)
  }
}

/** Runs Vite's build (the workspace's `vite build`) into `outDir`; its output goes to `log` if it fails. */
function viteBuild(site: Site, outDir: string, log: (line: string) => void): Promise<void> {
  const vitePackage = createRequire(path.join(site.dir, 'package.json')).resolve('vite/package.json')
  const bin = path.join(path.dirname(vitePackage), 'bin', 'vite.js')
  const child = spawn(
    process.execPath,
    [bin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: site.dir,
      // Plain text: the lines are relayed into logs (npm start's, the tests').
      env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const collect = (chunk: Buffer) => (output += chunk.toString())
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve()
      // Vite's own lines only when it failed: on success they are timings and hints, not news.
      for (const line of output.split('\n').filter((l) => l.trim())) log(line)
      reject(
        new Error(`${site.name} build: vite build failed (${signal ?? `code ${code}`}); its output is above`),
      )
    })
  })
}

/**
 * Makes sure `dist` holds a build of the site's current sources and returns its path: builds when
 * index.html or the stamp is missing or the sources changed, otherwise does nothing.
 */
async function ensureBuild(site: Site, opts: WebBuildOptions, dist: string): Promise<string> {
  const log = opts.log ?? (() => {})
  const hash = await sourceHash(site)
  if (!opts.force && (await isFresh(dist, hash))) return dist
  const release = await lock(log)
  try {
    // Whoever held the lock before may have just built these very sources.
    if (!opts.force && (await isFresh(dist, hash))) return dist
    const id = `${process.pid}-${randomBytes(4).toString('hex')}`
    const tmp = path.join(WORK_DIR, `build-${id}`)
    const old = path.join(WORK_DIR, `old-${id}`)
    log(`building the ${site.name} into ${path.relative(ROOT, dist) || dist}`)
    try {
      await viteBuild(site, tmp, log)
      await fs.writeFile(path.join(tmp, STAMP), `${hash}\n`)
      await fs.mkdir(path.dirname(dist), { recursive: true })
      // Two renames: dist is missing only between them, never half-written.
      const hadDist = await fs
        .rename(dist, old)
        .then(() => true)
        .catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return false
          throw err
        })
      await fs.rename(tmp, dist)
      if (hadDist) await fs.rm(old, { recursive: true, force: true })
    } finally {
      await fs.rm(tmp, { recursive: true, force: true })
    }
    log(`${site.name} built`)
    return dist
  } finally {
    await release()
  }
}

/**
 * Makes sure `dist` holds a build of the web site's current sources, and miniapp/dist one of the
 * Mini App's, and returns the web site's path (see ensureBuild).
 */
export async function ensureWebBuild(
  opts: WebBuildOptions = {},
  dist: string = DEFAULT_WEB_DIST,
): Promise<string> {
  const built = await ensureBuild(WEB_SITE, opts, dist)
  await ensureMiniAppBuild(opts)
  return built
}

/** Makes sure `dist` holds a build of the Mini App's current sources and returns its path. */
export function ensureMiniAppBuild(
  opts: WebBuildOptions = {},
  dist: string = DEFAULT_MINIAPP_DIST,
): Promise<string> {
  return ensureBuild(MINIAPP_SITE, opts, dist)
}
