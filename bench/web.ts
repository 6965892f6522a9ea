// The client site's two budgets (issue 10): (a) the booking route's initial JavaScript, gzipped —
// the scripts web/dist/index.html loads (entry and modulepreloads), and all the JS a visit to the
// time step fetches; (b) the time from navigation to the first free times on the time step, in
// headless Chromium against a warm API (the real API process serving web/dist, a real worker), the
// median of N fresh browser contexts (an empty cache each, as a first visit).
//
// Usage: npx tsx bench/web.ts [--runs=15] [--specialists=20]
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { ensureWebBuild } from '../src/infra/web-build.ts'
import { chromiumPath } from '../tests/helpers/browser.ts'
import { createBenchEnv } from './setup.ts'
import { numberOption, ourPids, runBench, startApi, startWorker } from './lifecycle.ts'
import { waitForQuiet } from './machine.ts'
import { median, printTable } from './load.ts'

const RUNS = numberOption('runs', 15)
const SPECIALISTS = numberOption('specialists', 20)
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

/** The scripts index.html loads before anything else: its module entry and the modulepreloads. */
async function initialScripts(dist: string) {
  const html = await readFile(join(dist, 'index.html'), 'utf8')
  const srcs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]!)
  return Promise.all(
    [...new Set(srcs)].map(async (src) => {
      const body = await readFile(join(dist, src))
      return { src, raw: body.length, gzip: gzipSync(body).length }
    }),
  )
}

runBench('web', 10 * 60_000, async (scope) => {
  const dist = await ensureWebBuild({ log: (line) => console.log(`[web] ${line}`) })
  const initial = await initialScripts(dist)
  const initialGzip = initial.reduce((n, s) => n + s.gzip, 0)

  const env = await createBenchEnv({ specialists: SPECIALISTS, bookingsPerSpecialist: 1 })
  scope.defer('database and Redis keys', env.cleanup)
  const worker = await startWorker('worker', env.env)
  scope.defer('worker', () => worker.stop())
  const api = await startApi(env.env)
  scope.defer('api', () => api.child.stop())
  const service = env.seed.haircut.id
  const specialist = env.seed.specialists[0]!.id
  const url = `${api.base}/book/${service}/time?specialist=${specialist}`
  // Warm: the grids exist and the API has read them once.
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${api.base}/api/slots?service_id=${service}&specialist_id=${specialist}`)
    if (!res.ok) throw new Error(`GET /api/slots answered ${res.status}`)
  }

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  scope.defer('browser', () => browser.close())
  // The machine is shared: wait until the worker's start-up refresh and anyone else's work are done.
  const quiet = await waitForQuiet(ourPids, 60_000)
  if (quiet.waitedOut)
    console.log('[web] the machine did not get quiet within 60 s: figures include foreign load')
  const times: number[] = []
  let routeJs: { url: string; gzip: number }[] = []
  for (let run = 0; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ru-RU' })
    // Records when the first slot button enters the page, on the navigation's clock.
    await context.addInitScript(() => {
      const w = window as unknown as { firstSlotsAt?: number }
      new MutationObserver((_m, observer) => {
        if (document.querySelector('[data-time]')) {
          w.firstSlotsAt = performance.now()
          observer.disconnect()
        }
      }).observe(document, { childList: true, subtree: true })
    })
    const page = await context.newPage()
    const scripts: Promise<{ url: string; gzip: number }>[] = []
    page.on('response', (res) => {
      if (res.url().endsWith('.js'))
        scripts.push(res.body().then((b) => ({ url: res.url(), gzip: gzipSync(b).length })))
    })
    await page.goto(url)
    await page.waitForSelector('[data-time]')
    const at = await page.evaluate(() => (window as unknown as { firstSlotsAt?: number }).firstSlotsAt ?? NaN)
    // The first run warms Chromium itself: it is not counted.
    if (run === 0) routeJs = await Promise.all(scripts)
    else times.push(at)
    if (run === RUNS) {
      // Where the last run's time went: each resource's start and end on the navigation's clock.
      const entries = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e as PerformanceResourceTiming)
          .map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd] as const),
      )
      console.log('\nthe last run, ms from navigation (start → end):')
      for (const [name, start, end] of entries)
        console.log(`  ${start.toFixed(0).padStart(5)} → ${end.toFixed(0).padStart(5)}  ${name}`)
      console.log(`  first slot button: ${at.toFixed(0)}`)
    }
    await context.close()
  }

  console.log('\ninitial JavaScript of the booking route (web/dist/index.html: entry + modulepreloads)')
  printTable(
    ['file', 'raw', 'gzip'],
    initial.map((s) => [s.src, kB(s.raw), kB(s.gzip)]),
  )
  const routeGzip = routeJs.reduce((n, s) => n + s.gzip, 0)
  console.log(`initial JS, gzipped: ${kB(initialGzip)} (target ≤ 120 kB)`)
  console.log(
    `all JS fetched by a visit to the time step (${routeJs.length} files), gzipped: ${kB(routeGzip)}`,
  )
  const sorted = [...times].sort((a, b) => a - b)
  console.log(
    `navigation → first slots rendered, ${times.length} fresh contexts: median ${median(times).toFixed(0)} ms, ` +
      `min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms (target ≤ 1000 ms)`,
  )
})
