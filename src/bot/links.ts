// Deep links into the Mini App. `/start <param>` (Telegram's t.me/<bot>?start=<param>) and the
// bot's own buttons name a step as `service-<id>`, `specialist-<id>` or `booking-<id>`; the web_app
// button then opens `${MINIAPP_URL}?startapp=<param>`, the same parameter Telegram's direct Mini
// App links (t.me/<bot>/<app>?startapp=<param>) carry as `tgWebAppStartParam`, so the Mini App
// reads one name either way: `startapp` from its URL's query, else the launch parameters.
export type StartStep = { kind: 'service' | 'specialist' | 'booking'; id: number }

const PARAM = /^(service|specialist|booking)-([1-9][0-9]{0,9})$/

/** The step a start parameter names; null for none or anything else (then the Mini App's home). */
export function parseStartParam(param: string | undefined): StartStep | null {
  const match = PARAM.exec((param ?? '').trim())
  if (!match) return null
  const id = Number(match[2])
  return id <= 2147483647 ? { kind: match[1] as StartStep['kind'], id } : null
}

export const startParamOf = (step: StartStep): string => `${step.kind}-${step.id}`

/** The Mini App's address, opened at `step` when one is given. */
export function miniAppUrl(base: string, step?: StartStep | null): string {
  if (!step) return base
  const url = new URL(base)
  url.searchParams.set('startapp', startParamOf(step))
  return url.toString()
}

/** `/start link-<code>` (t.me/<bot>?start=link-<code>, from the web profile): the code; else null. */
export function linkCodeOf(param: string | undefined): string | null {
  const match = /^link-([0-9A-Za-z-]{4,32})$/.exec((param ?? '').trim())
  return match ? match[1]! : null
}
