// The Telegram Mini App outside Telegram, for browser tests: initData signed as Telegram signs it,
// the app opened with Telegram's launch hash, a TelegramWebviewProxy stub that records every event
// the app posts to Telegram, and Telegram's side played with Telegram.WebView.receiveEvent.
import { createHmac, randomBytes } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { openPage, type TestPage } from './browser.ts'

export interface TgUser {
  id: number
  first_name: string
  last_name?: string
  language_code?: string
}

/** Telegram's default light palette (themeParams). */
export const LIGHT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#999999',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#efeff3',
  section_bg_color: '#ffffff',
}

/** Telegram's dark palette, as its Android app sends it. */
export const DARK_THEME = {
  bg_color: '#17212b',
  text_color: '#f5f5f5',
  hint_color: '#708499',
  link_color: '#6ab3f3',
  button_color: '#5288c1',
  button_text_color: '#ffffff',
  secondary_bg_color: '#232e3c',
  section_bg_color: '#17212b',
  destructive_text_color: '#ec3942',
}

/**
 * initData as Telegram signs it: secret = HMAC-SHA256(key "WebAppData", bot token). Telegram also
 * sends `signature` (its Ed25519 one, for third parties), covered by the hash like any field; the
 * SDK refuses launch data without it.
 */
export function signInitData(botToken: string, user: TgUser, startParam?: string): string {
  const fields: Record<string, string> = {
    query_id: `AA${randomBytes(6).toString('hex')}`,
    user: JSON.stringify(user),
    auth_date: String(Math.floor(Date.now() / 1000)),
    signature: randomBytes(64).toString('base64url'),
    ...(startParam ? { start_param: startParam } : {}),
  }
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n')
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest()
  const hash = createHmac('sha256', secret).update(check).digest('hex')
  return new URLSearchParams({ ...fields, hash }).toString()
}

export interface LaunchOptions {
  botToken: string
  user: TgUser
  /** The Mini App's address as a button opens it (`…/miniapp`, maybe with `?startapp=`). */
  url: string
  timezoneId: string
  theme?: object
  startParam?: string
  width?: number
}

/** Opens the Mini App as Telegram would, with the event recorder in place. */
export async function launchMiniApp(browser: Browser, o: LaunchOptions): Promise<TestPage> {
  const test = await openPage(browser, {
    viewport: { width: o.width ?? 390, height: 760 },
    timezoneId: o.timezoneId,
  })
  await test.page.addInitScript(() => {
    const events: [string, unknown][] = []
    Object.assign(window, {
      __tgEvents: events,
      TelegramWebviewProxy: {
        postEvent(name: string, data: string) {
          events.push([name, data ? JSON.parse(data) : null])
        },
      },
    })
  })
  const hash = new URLSearchParams({
    tgWebAppData: signInitData(o.botToken, o.user, o.startParam),
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'tdesktop',
    tgWebAppThemeParams: JSON.stringify(o.theme ?? LIGHT_THEME),
    ...(o.startParam ? { tgWebAppStartParam: o.startParam } : {}),
  })
  await test.page.goto(`${o.url}#${hash.toString()}`)
  return test
}

/** What the app posted to Telegram under `name`, in order. */
export const posted = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      (window as unknown as { __tgEvents: [string, unknown][] }).__tgEvents
        .filter(([e]) => e === n)
        .map(([, d]) => d),
    name,
  ) as Promise<Record<string, unknown>[]>

/** Telegram's side: an event delivered to the app. */
export const receive = (page: Page, name: string, data?: unknown) =>
  page.evaluate(
    ([n, d]) =>
      (
        window as unknown as { Telegram: { WebView: { receiveEvent: (n: string, d?: unknown) => void } } }
      ).Telegram.WebView.receiveEvent(n as string, d),
    [name, data] as const,
  )

/** The app's last MainButton setup. */
export const lastMainButton = async (page: Page) => (await posted(page, 'web_app_setup_main_button')).at(-1)
