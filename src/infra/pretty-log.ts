// Log lines for a person at a terminal. The processes write JSON lines (pino), which log services
// want and people do not; the start command passes its children's output through this printer:
// a time, the level when it is not "info", the message and its fields; one line per HTTP request
// (Fastify writes two, "incoming request" and "request completed"); successful health probes left
// out, since the start command itself sends them. Lines that are not JSON pass unchanged.
import { redactUrl } from './log-redaction.ts'

export interface PrettyLogOptions {
  /** Leave out successful requests to /healthz and /readyz (default true). */
  hideProbes?: boolean
  /** How a line's time is shown; the machine's local clock, HH:MM:SS, by default. */
  clock?: (ms: number) => string
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' }
/** pino's own fields, and those shown another way (`request_id` ties lines together for machines). */
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v', 'request_id'])
const PROBES = new Set(['/healthz', '/readyz'])
/** Requests that never complete (a crash) must not be remembered for ever. */
const MAX_PENDING = 1000

const localClock = (ms: number) => new Date(ms).toTimeString().slice(0, 8)

type Entry = Record<string, unknown> & { level?: number; time?: number; msg?: string }

export class PrettyLog {
  private readonly pending = new Map<string, { method: string; url: string }>()
  private readonly hideProbes: boolean
  private readonly clock: (ms: number) => string

  constructor(opts: PrettyLogOptions = {}) {
    this.hideProbes = opts.hideProbes ?? true
    this.clock = opts.clock ?? localClock
  }

  /** The lines to print for one line of output: none (held back or left out), one, or a stack. */
  format(line: string): string[] {
    const entry = parse(line)
    if (!entry) return [line]
    const { req, res } = entry as { req?: { method?: string; url?: string }; res?: { statusCode?: number } }
    const id = typeof entry.request_id === 'string' ? entry.request_id : undefined

    if (entry.msg === 'incoming request' && req && id) {
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!)
      this.pending.set(id, { method: String(req.method ?? '?'), url: redactUrl(String(req.url ?? '?')) })
      return []
    }
    if (entry.msg === 'request completed' && res && id) {
      const request = this.pending.get(id) ?? { method: '?', url: '?' }
      this.pending.delete(id)
      const status = res.statusCode ?? 0
      if (this.hideProbes && status < 400 && PROBES.has(request.url.split('?')[0]!)) return []
      const ms = typeof entry.responseTime === 'number' ? entry.responseTime : undefined
      const took = ms === undefined ? '' : ` ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`
      const level = status >= 500 ? 'ERROR ' : ''
      return [`${this.time(entry)}${level}${request.method} ${request.url} ${status}${took}`]
    }

    const level = LEVELS[entry.level ?? 30]
    const fields = Object.entries(entry)
      .filter(([key]) => !HIDDEN.has(key) && key !== 'err' && key !== 'responseTime')
      .map(([key, value]) => `${key}=${show(value)}`)
    const err = entry.err as { type?: string; message?: string; stack?: string } | undefined
    const head = [
      this.time(entry) + (level ? `${level} ` : '') + (entry.msg ?? ''),
      ...(err ? [`${err.type ?? 'Error'}: ${err.message ?? ''}`] : []),
      ...fields,
    ]
      .filter(Boolean)
      .join(' ')
    // The stack's first line repeats the message shown already.
    const stack = err?.stack?.split('\n').slice(1) ?? []
    return [head, ...stack.map((l) => `    ${l.trim()}`)]
  }

  private time(entry: Entry): string {
    return typeof entry.time === 'number' ? `${this.clock(entry.time)} ` : ''
  }
}

function parse(line: string): Entry | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    const value = JSON.parse(line) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : undefined
  } catch {
    return undefined
  }
}

/** A field's value in one short piece: bare when it is a simple word, else as JSON. */
function show(value: unknown): string {
  if (typeof value === 'string') return /^[\w.:/@+-]+$/u.test(value) ? value : JSON.stringify(value)
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 300 ? `${text.slice(0, 299)}…` : text
}
