// Live free times: `GET /api/slots/stream` (server-sent events, docs/channels-api.md) tells a page
// which dates of which location may have changed; the page re-reads those. EventSource reconnects by
// itself (the stream says `retry: 3000`); events sent while away are not replayed, so after a
// reconnect — and on `reload` — the page re-reads everything it shows.
import type { paths } from '@booking/api-client'

const STREAM: keyof paths = '/api/slots/stream'

export interface SlotsChanged {
  location_id: number
  specialist_id: number | null
  room_id: number | null
  dates: string[]
}

export interface SlotStreamHandlers {
  /** Some dates of a location may have changed. */
  changed: (event: SlotsChanged) => void
  /** Changes may have been missed: re-read everything. */
  reload: () => void
}

/** Opens the stream; call the returned function to close it. */
export function watchSlots(
  query: { service_id: number; specialist_id?: number | null; location_id?: number | null },
  handlers: SlotStreamHandlers,
  baseUrl: string = import.meta.env.VITE_API_URL ?? '',
): () => void {
  const params = new URLSearchParams({ service_id: String(query.service_id) })
  if (query.specialist_id) params.set('specialist_id', String(query.specialist_id))
  if (query.location_id) params.set('location_id', String(query.location_id))
  const source = new EventSource(`${baseUrl}${STREAM}?${params}`)
  let dropped = false
  source.addEventListener('slots', (e) => {
    try {
      handlers.changed(JSON.parse((e as MessageEvent<string>).data) as SlotsChanged)
    } catch {
      handlers.reload()
    }
  })
  source.addEventListener('reload', () => handlers.reload())
  source.addEventListener('error', () => {
    dropped = true
  })
  source.addEventListener('open', () => {
    if (dropped) handlers.reload()
    dropped = false
  })
  return () => source.close()
}
