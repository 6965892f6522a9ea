// Live slot pages: the open server-sent event streams of one API process and the one Redis
// subscriber that feeds them. Every grid write anywhere (a booking in a worker, a recalc after an
// admin change, a rebuild on read in another API process) announces the days it changed on
// GRID_CHANGES_CHANNEL; each stream whose service, specialist and location that change concerns
// gets one `slots` event naming the days, and the page re-reads them. Nothing here needs a session
// or PostgreSQL beyond the slot inputs cache, so any number of API processes can serve streams.
import { PassThrough } from 'node:stream'
import type { Redis } from 'ioredis'
import { AppError } from '../domain/errors.ts'
import type { SlotInputsCache, SlotInputs } from '../slots/slot-inputs.ts'
import type { GridChange } from '../slots/grid-store.ts'

export interface SlotStreamFilter {
  serviceId: number
  specialistId?: number
  locationId?: number
}

export interface SlotStreamHubOptions {
  /** Makes the subscriber connection (called once, on the first stream). */
  subscriber: () => Redis
  /** The prefixed channel name to subscribe to. */
  channel: string
  slotInputs: SlotInputsCache
  /** Open streams this process serves at most; one more is refused with 503. */
  maxStreams: number
  /** How often every stream gets a comment line, so proxies and browsers keep it open. */
  heartbeatMs: number
}

/** The body of a `slots` event. */
export interface SlotsEvent {
  location_id: number
  /** The specialist whose grid changed, or null when it was a room's. */
  specialist_id: number | null
  /** The room whose grid changed, or null when it was a specialist's. */
  room_id: number | null
  /** Local dates of that location whose times may have changed: re-read them. */
  dates: string[]
}

/** A stream whose client reads slower than this many bytes behind is closed (it reconnects). */
const MAX_BUFFERED = 64 * 1024

const SUBSCRIBE_TIMEOUT_MS = 5000

interface Stream {
  filter: SlotStreamFilter
  out: PassThrough
}

/** Whether a grid change can change the times of a stream's query. */
export function concerns(view: SlotInputs, filter: SlotStreamFilter, change: GridChange): boolean {
  if (filter.locationId !== undefined && change.location_id !== filter.locationId) return false
  if (change.kind === 'room') return view.services.get(filter.serviceId)?.roomIds.includes(change.id) ?? false
  if (filter.specialistId !== undefined) return change.id === filter.specialistId
  return view.specialistsByService.get(filter.serviceId)?.some((s) => s.id === change.id) ?? false
}

const isGridChange = (v: unknown): v is GridChange => {
  const c = v as Partial<GridChange> | null
  return (
    typeof c === 'object' &&
    c !== null &&
    (c.kind === 'specialist' || c.kind === 'room') &&
    Number.isInteger(c.id) &&
    Number.isInteger(c.location_id) &&
    Array.isArray(c.dates)
  )
}

export class SlotStreamHub {
  private readonly streams = new Set<Stream>()
  private subscriber: Redis | null = null
  private subscribed: Promise<void> | null = null
  private heartbeat: NodeJS.Timeout | null = null
  private closed = false

  constructor(private readonly opts: SlotStreamHubOptions) {}

  get size() {
    return this.streams.size
  }

  /**
   * A new stream for the filter, once the subscriber listens (so no change after the answer's
   * headers can be missed). Its first bytes tell the browser how soon to reconnect.
   */
  async open(filter: SlotStreamFilter): Promise<PassThrough> {
    if (this.closed) throw new AppError(503, 'shutting_down', 'This server is shutting down; connect again.')
    if (this.streams.size >= this.opts.maxStreams)
      throw new AppError(
        503,
        'too_many_streams',
        'This server has as many live slot streams open as it serves; try again in a minute, or re-read ' +
          'GET /api/slots meanwhile.',
      )
    await this.listen()
    const stream: Stream = { filter, out: new PassThrough() }
    this.streams.add(stream)
    stream.out.on('close', () => this.streams.delete(stream))
    stream.out.write('retry: 3000\n: open\n\n')
    return stream.out
  }

  /** Ends every stream (their clients reconnect to another process) and the subscriber. */
  async close() {
    this.closed = true
    if (this.heartbeat) clearInterval(this.heartbeat)
    for (const s of this.streams) s.out.end()
    this.streams.clear()
    this.subscriber?.disconnect()
  }

  private listen(): Promise<void> {
    this.subscribed ??= (async () => {
      const subscriber = this.opts.subscriber()
      this.subscriber = subscriber
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === this.opts.channel) void this.dispatch(message)
      })
      // Messages published while the connection was down are lost: after a reconnect every page
      // re-reads all it shows.
      let reconnected = false
      subscriber.on('reconnecting', () => (reconnected = true))
      subscriber.on('ready', () => {
        if (reconnected) this.broadcast('event: reload\ndata: {}\n\n')
        reconnected = false
      })
      // Offline, ioredis queues the command until Redis is back: refuse instead of hanging.
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        subscriber.subscribe(this.opts.channel),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('subscribe timed out')), SUBSCRIBE_TIMEOUT_MS)
        }),
      ]).finally(() => clearTimeout(timer))
      this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), this.opts.heartbeatMs)
      this.heartbeat.unref()
    })().catch(() => {
      this.subscribed = null
      this.subscriber?.disconnect()
      this.subscriber = null
      throw new AppError(
        503,
        'stream_unavailable',
        'Live slot updates are unavailable right now; re-read GET /api/slots and try again shortly.',
      )
    })
    return this.subscribed
  }

  private async dispatch(message: string) {
    let change: unknown
    try {
      change = JSON.parse(message)
    } catch {
      return
    }
    if (!isGridChange(change) || this.streams.size === 0) return
    // Without a slot inputs view every stream of the location is told: a needless re-read costs
    // less than a time shown after it was taken.
    const view = await this.opts.slotInputs.get().catch(() => null)
    for (const s of this.streams) {
      if (
        view
          ? !concerns(view, s.filter, change)
          : s.filter.locationId !== undefined && s.filter.locationId !== change.location_id
      )
        continue
      const event: SlotsEvent = {
        location_id: change.location_id,
        specialist_id: change.kind === 'specialist' ? change.id : null,
        room_id: change.kind === 'room' ? change.id : null,
        dates: change.dates,
      }
      this.send(s, `event: slots\ndata: ${JSON.stringify(event)}\n\n`)
    }
  }

  private broadcast(text: string) {
    for (const s of this.streams) this.send(s, text)
  }

  private send(s: Stream, text: string) {
    if (s.out.readableLength + s.out.writableLength > MAX_BUFFERED) {
      s.out.destroy()
      return
    }
    s.out.write(text)
  }
}
