// Our theme's variables (@booking/ui/theme.css) from Telegram's palette. Most map one to one in
// telegram.css (`--ui-bg: var(--tg-theme-bg-color)`), but Telegram's hint and button colours are
// often too pale to read (#999 on white is 2.8:1), so the colours used as text are derived here:
// each is moved toward the text colour until it reads at 4.5:1 on its background (WCAG AA, with
// a margin), and the button's text becomes black or white when Telegram's does not read on the accent.
import type { Theme } from './telegram.ts'

type Rgb = [number, number, number]

/** WCAG AA for text (4.5:1), with a margin for rounding in the checkers. */
const AA = 4.7

function parse(hex: string | undefined): Rgb | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex ?? '')
  if (!m) return null
  const n = parseInt(m[1]!, 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * t) as Rgb

/** `color` moved toward `toward` just enough to read at `ratio` on `bg`. */
export function readable(color: Rgb, bg: Rgb, toward: Rgb, ratio = AA): Rgb {
  for (let t = 0; t <= 1; t += 0.05) {
    const c = mix(color, toward, t)
    if (contrast(c, bg) >= ratio) return c
  }
  return toward
}

/** The derived variables for a palette (empty when Telegram sent no colours). */
export function derivedColors(theme: Theme): Record<string, string> {
  const bg = parse(theme.bg_color)
  const text = parse(theme.text_color)
  if (!bg || !text) return {}
  const surface = parse(theme.section_bg_color) ?? parse(theme.secondary_bg_color) ?? bg
  const hint = parse(theme.subtitle_text_color) ?? parse(theme.hint_color) ?? mix(text, bg, 0.4)
  const button = parse(theme.button_color) ?? parse(theme.link_color) ?? text
  const link = parse(theme.link_color) ?? button
  const danger = parse(theme.destructive_text_color) ?? [0xcc, 0x2b, 0x2b]
  // Muted text and the accent must read on the page and on cards alike: the paler of the two decides.
  const base = contrast(bg, text) < contrast(surface, text) ? bg : surface
  const muted = readable(hint, base, text)
  const accent = readable(button, base, text)
  const buttonText = parse(theme.button_text_color) ?? [255, 255, 255]
  const black: Rgb = [0, 0, 0]
  const white: Rgb = [255, 255, 255]
  const accentText =
    contrast(buttonText, accent) >= AA
      ? buttonText
      : contrast(black, accent) > contrast(white, accent)
        ? black
        : white
  return {
    '--tg-app-surface': hex(surface),
    '--tg-app-muted': hex(muted),
    '--tg-app-accent': hex(accent),
    '--tg-app-accent-text': hex(accentText),
    '--tg-app-accent-soft': hex(mix(accent, surface, 0.86)),
    '--tg-app-link': hex(readable(link, base, text)),
    '--tg-app-danger': hex(readable(danger, base, text)),
    '--tg-app-border': hex(parse(theme.section_separator_color) ?? mix(text, surface, 0.82)),
  }
}

/** Writes the derived variables onto the document (CSSOM: allowed under the site's CSP). */
export function applyPalette(theme: Theme) {
  const style = document.documentElement.style
  for (const [name, value] of Object.entries(derivedColors(theme))) style.setProperty(name, value)
}
