// The start command's printer of its children's JSON log lines.
import { describe, expect, it } from 'vitest'
import { PrettyLog } from '../../src/infra/pretty-log.ts'

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19)
const T = Date.UTC(2026, 11, 2, 9, 30, 5)
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ level: 30, time: T, pid: 1, hostname: 'vm', ...fields })

const incoming = (id: string, method: string, url: string) =>
  line({
    request_id: id,
    req: { method, url, host: 'x', remoteAddress: '127.0.0.1' },
    msg: 'incoming request',
  })
const completed = (id: string, statusCode: number, responseTime: number) =>
  line({ request_id: id, res: { statusCode }, responseTime, msg: 'request completed' })

describe('PrettyLog', () => {
  it('prints one line per request: time, method, URL, status and milliseconds', () => {
    const log = new PrettyLog({ clock })
    expect(log.format(incoming('a', 'GET', '/api/slots?service_id=1'))).toEqual([])
    expect(log.format(incoming('b', 'POST', '/api/bookings'))).toEqual([])
    expect(log.format(completed('b', 201, 48.6))).toEqual(['09:30:05 POST /api/bookings 201 49 ms'])
    expect(log.format(completed('a', 200, 1.234))).toEqual([
      '09:30:05 GET /api/slots?service_id=1 200 1.2 ms',
    ])
  })

  it('leaves out successful health probes, not failing ones', () => {
    const log = new PrettyLog({ clock })
    log.format(incoming('h', 'GET', '/healthz'))
    expect(log.format(completed('h', 200, 0.5))).toEqual([])
    log.format(incoming('r', 'GET', '/readyz'))
    expect(log.format(completed('r', 503, 2))).toEqual(['09:30:05 ERROR GET /readyz 503 2.0 ms'])
    const all = new PrettyLog({ clock, hideProbes: false })
    all.format(incoming('h', 'GET', '/healthz'))
    expect(all.format(completed('h', 200, 0.5))).toEqual(['09:30:05 GET /healthz 200 0.5 ms'])
  })

  it('shows no secret of a URL', () => {
    const log = new PrettyLog({ clock })
    log.format(incoming('q', 'GET', '/admin/queues?token=abc123secret&x=1'))
    const [out] = log.format(completed('q', 302, 3))
    expect(out).not.toContain('abc123secret')
    expect(out).toContain('/admin/queues?token=')
  })

  it('marks server errors and other levels; shows fields and an error with its stack', () => {
    const log = new PrettyLog({ clock })
    log.format(incoming('e', 'GET', '/api/x'))
    expect(log.format(completed('e', 500, 12))).toEqual(['09:30:05 ERROR GET /api/x 500 12 ms'])
    expect(
      log.format(line({ name: 'worker', intent_id: 7, kind: 'create', msg: 'booked', request_id: 'r' })),
    ).toEqual(['09:30:05 booked intent_id=7 kind=create'])
    expect(
      log.format(
        line({
          level: 50,
          msg: 'job failed',
          err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f (a.ts:1:1)' },
          queue: 'recalc',
        }),
      ),
    ).toEqual(['09:30:05 ERROR job failed Error: boom queue=recalc', '    at f (a.ts:1:1)'])
    expect(log.format(line({ level: 40, msg: 'slow', note: 'two words' }))).toEqual([
      '09:30:05 WARN slow note="two words"',
    ])
  })

  it('passes lines that are not JSON objects unchanged', () => {
    const log = new PrettyLog({ clock })
    expect(log.format('[worker] running 20 workers')).toEqual(['[worker] running 20 workers'])
    expect(log.format('{not json')).toEqual(['{not json'])
    expect(log.format('[1,2]')).toEqual(['[1,2]'])
  })
})
