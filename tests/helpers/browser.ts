// Real Chromium for the web tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). Every request that is not to 127.0.0.1 is refused and fails the test, as do
// errors thrown in the page; `checkA11y` runs axe-core and fails on serious or critical violations;
// `screenshot` writes into the git-ignored scratch/screenshots/ for a person to look at.
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

const SCREENSHOTS = fileURLToPath(new URL('../../scratch/screenshots/', import.meta.url))
const require = createRequire(import.meta.url)

/** Where Chromium is; CHROMIUM_PATH overrides it (the Debian package's binary by default). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', // tests run as root in CI containers
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
      '--disable-domain-reliability',
      '--disable-breakpad',
    ],
  })
}

export interface PageOptions {
  /** Default 390×844 (a phone); the narrowest layout checked is 360 px wide. */
  viewport?: { width: number; height: number }
  /** The browser's language (navigator.languages), e.g. 'ru-RU' or 'en-GB'. */
  locale?: string
  /** The browser's IANA zone. */
  timezoneId?: string
}

export interface TestPage {
  page: Page
  context: BrowserContext
  /** Requests that tried to leave 127.0.0.1 (refused), and errors thrown in the page. */
  problems: string[]
  /** Closes the context; throws if anything went to another host or the page threw. */
  close: () => Promise<void>
}

/** A fresh context (its own storage) and page on which only 127.0.0.1 can be reached. */
export async function openPage(browser: Browser, options: PageOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 390, height: 844 },
    locale: options.locale ?? 'ru-RU',
    timezoneId: options.timezoneId ?? 'Europe/Moscow',
  })
  const problems: string[] = []
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
      return route.continue()
    }
    problems.push(`request to another host: ${url.href}`)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.on('pageerror', (err) => problems.push(`error in the page: ${err.message}`))
  return {
    page,
    context,
    problems,
    close: async () => {
      await context.close()
      if (problems.length) throw new Error(`The page misbehaved:\n${problems.join('\n')}`)
    },
  }
}

let axeSource: Promise<string> | undefined

/** Serious and critical axe-core violations on the page as it is now, as readable lines. */
export async function a11yViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource)
  // Colours are read once the screen has settled: a fading tab or menu reads as too pale. Endless
  // animations (a spinner) are not waited for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  )
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[]
          }>
        }
      }
    ).axe.run(document, { resultTypes: ['violations'] })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
}

/** Fails when axe-core finds a serious or critical violation; `where` names the screen in the message. */
export async function checkA11y(page: Page, where = page.url()): Promise<void> {
  const found = await a11yViolations(page)
  if (found.length) throw new Error(`Accessibility violations on ${where}:\n${found.join('\n')}`)
}

/** A full-page PNG in scratch/screenshots/<name>.png (git-ignored); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true })
  const path = `${SCREENSHOTS}${name.replace(/[^\w.-]+/g, '-')}.png`
  await page.screenshot({ path, fullPage: true })
  return path
}
