// What every process's logger leaves out: secrets. Log lines are kept for weeks, copied to log
// services and read by more people than may hold a session, so no token, code, password or signed
// login data may appear in one — not in a URL's query, not in a header, not in a logged object.
// The API's logger (api/logging.ts) and the worker's (workers/log.ts) both use these.

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]'

/**
 * Query parameters whose values are secrets (or signed proofs that act as one): tokens, one-time
 * codes, passwords, Telegram's init data and the Login Widget's hash, keys and signatures.
 */
const SECRET_PARAM = /token|code|pass|secret|init_?data|hash|sig|key|auth|session|cookie/i

/** Paths that carry a secret themselves: a calendar feed's URL is its token. */
const SECRET_PATH = /^(\/api\/calendar\/)[^/?#]+/

/** Headers that carry credentials. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-internal-token', 'proxy-authorization']

/** Fields of logged objects that carry credentials, wherever a log call puts them. */
const SECRET_FIELDS = [
  'password',
  'token',
  'init_data',
  'code',
  'hash',
  'internalToken',
  'telegramBotToken',
  'privateKey',
]

/**
 * pino `redact` paths: the credential headers of logged requests and responses, and secret fields
 * at the top of a logged object or one level down (pino's `*` matches one level).
 */
export const REDACT_PATHS: string[] = [
  ...['req.headers', 'res.headers', 'headers', 'request.headers'].flatMap((at) =>
    SECRET_HEADERS.map((h) => `${at}["${h}"]`),
  ),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]),
]

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    return s
  }
}

/**
 * The URL with the values of secret query parameters replaced, everything else kept as sent (so a
 * line still shows which route and which non-secret filters were asked for). Works on any text,
 * malformed escapes included: it never throws.
 */
export function redactUrl(url: string): string {
  url = url.replace(SECRET_PATH, `$1${REDACTED}`)
  const q = url.indexOf('?')
  if (q < 0) return url
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      return eq >= 0 && SECRET_PARAM.test(decode(name)) ? `${name}=${REDACTED}` : pair
    })
    .join('&')
  return `${url.slice(0, q)}?${query}`
}
