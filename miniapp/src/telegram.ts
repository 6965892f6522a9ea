// The one module that talks to Telegram (@tma.js/sdk 3.3 and @tma.js/sdk-vue 1.0, pinned exactly:
// the SDK's next major version is a rewrite, so nothing else imports it). It reads the launch
// parameters (the URL hash, kept by the SDK in sessionStorage once read, so history routing may
// drop the hash), binds the theme and the viewport to CSS variables (`--tg-theme-*`,
// `--tg-viewport-*`), and drives the BackButton, the MainButton and haptic feedback. Everything goes
// through Telegram's own bridge (`TelegramWebviewProxy.postEvent`, `Telegram.WebView.receiveEvent`,
// or postMessage in Telegram Web): nothing is loaded from telegram.org.
import { onBeforeUnmount, readonly, ref, watch, type Ref } from 'vue'
import {
  backButton,
  closingBehavior,
  hapticFeedback,
  init,
  isColorDark,
  mainButton,
  miniApp,
  openLink,
  retrieveLaunchParams,
  retrieveRawInitData,
  themeParams,
  viewport,
  type ThemeParamsType,
} from '@tma.js/sdk'
import { useSignal } from '@tma.js/sdk-vue'

export type Theme = ThemeParamsType

/** What the app learns at launch; `inTelegram` false: opened outside Telegram (no launch data). */
export interface Launch {
  inTelegram: boolean
  /** The signed initData exactly as Telegram sent it, for POST /api/auth/telegram. */
  rawInitData: string | null
  /** `startapp` (`service-12`, `specialist-5`, `booking-42`) of a t.me link or a bot button, if any. */
  startParam: string | null
  /** The Telegram user's language, a hint until /api/me answers. */
  languageCode: string | null
}

const dark = ref(false)
const theme = ref<Theme>({})
let started = false

/** Starts the SDK once: launch data, theme and viewport variables, the buttons. Never throws. */
export function launch(): Launch {
  let params: ReturnType<typeof retrieveLaunchParams>
  try {
    params = retrieveLaunchParams()
  } catch (err) {
    console.warn('Telegram launch parameters not found:', err)
    return { inTelegram: false, rawInitData: null, startParam: null, languageCode: null }
  }
  if (!started) {
    started = true
    // Telegram's custom styles would go into a <style> element, which the site's CSP forbids.
    init({ acceptCustomStyles: false })
    themeParams.mount()
    themeParams.bindCssVars()
    miniApp.mount()
    miniApp.bindCssVars()
    backButton.mount()
    mainButton.mount()
    closingBehavior.mount()
    const follow = (state: Theme) => {
      theme.value = { ...state }
      dark.value = state.bg_color ? isColorDark(state.bg_color) : false
      document.documentElement.dataset.theme = dark.value ? 'dark' : 'light'
    }
    follow(themeParams.state())
    themeParams.state.sub(follow)
    // The viewport asks Telegram for its size and safe areas; its variables appear once answered.
    viewport
      .mount()
      .then(() => {
        viewport.bindCssVars()
        viewport.expand()
      })
      .catch(() => undefined)
    miniApp.ready()
  }
  const data = params.tgWebAppData
  // The bot's web_app buttons carry it in the URL's query (Telegram sets no start_param for them);
  // a t.me/<bot>/<app>?startapp= link delivers it in the launch parameters.
  const fromQuery = new URLSearchParams(window.location.search).get('startapp')
  const startParam = fromQuery ?? params.tgWebAppStartParam ?? data?.start_param ?? null
  return {
    inTelegram: true,
    rawInitData: retrieveRawInitData() ?? null,
    startParam: startParam && /^[\w-]{1,512}$/.test(startParam) ? startParam : null,
    languageCode: data?.user?.language_code ?? null,
  }
}

/** The current theme (Telegram's palette) and whether it is dark; both follow `theme_changed`. */
export function useTheme(): { theme: Readonly<Ref<Theme>>; dark: Readonly<Ref<boolean>> } {
  return { theme: readonly(theme) as Readonly<Ref<Theme>>, dark: readonly(dark) }
}

/** Shows Telegram's BackButton while `visible` is true; a press calls `onBack`. */
export function useBackButton(visible: Ref<boolean>, onBack: () => void) {
  if (!backButton.isMounted()) return
  const off = backButton.onClick(onBack)
  const apply = (v: boolean) => (v ? backButton.show() : backButton.hide())
  apply(visible.value)
  const stop = watch(visible, apply)
  onBeforeUnmount(() => {
    stop()
    off()
  })
}

/**
 * While `need` is true, closing the Mini App (its ✕ or a swipe down) asks the person first:
 * Telegram's own confirmation, for a screen with unsaved changes.
 */
export function useClosingConfirmation(need: Ref<boolean>) {
  if (!closingBehavior.isMounted()) return
  const apply = (v: boolean) =>
    v ? closingBehavior.enableConfirmation() : closingBehavior.disableConfirmation()
  const stop = watch(need, apply, { immediate: true })
  onBeforeUnmount(() => {
    stop()
    closingBehavior.disableConfirmation()
  })
}

export interface MainButtonSpec {
  /** The button's words; null hides it. */
  text: string | null
  /** A request is running: the button shows its loader and ignores presses. */
  busy?: boolean
}

/**
 * The screen's primary action on Telegram's MainButton, for as long as the calling component lives:
 * `spec` decides what it says (null text: hidden), a press calls `onPress`.
 */
export function useMainButton(spec: () => MainButtonSpec, onPress: () => void) {
  if (!mainButton.isMounted()) return
  const press = () => {
    if (!spec().busy) onPress()
  }
  const off = mainButton.onClick(press)
  const stop = watch(
    spec,
    (s) => {
      if (s.text === null) mainButton.setParams({ isVisible: false, isLoaderVisible: false })
      else
        mainButton.setParams({
          text: s.text,
          isVisible: true,
          isEnabled: !s.busy,
          isLoaderVisible: Boolean(s.busy),
        })
    },
    { immediate: true, deep: true },
  )
  onBeforeUnmount(() => {
    stop()
    off()
    mainButton.setParams({ isVisible: false, isLoaderVisible: false })
  })
}

/** Haptic feedback for an outcome (success, failure, a warning) where the device supports it. */
export function haptic(kind: 'success' | 'error' | 'warning') {
  if (hapticFeedback.isSupported()) hapticFeedback.notificationOccurred(kind)
}

/** Opens a page of ours outside the Mini App (the web panel) in the person's browser. */
export function openOutside(url: string) {
  if (openLink.isAvailable()) openLink(url)
  else window.open(url, '_blank', 'noopener')
}

/** Whether the MainButton is currently shown (for a screen that also offers an in-page fallback). */
export function useMainButtonVisible(): Readonly<Ref<boolean>> {
  return useSignal(mainButton.isVisible)
}
