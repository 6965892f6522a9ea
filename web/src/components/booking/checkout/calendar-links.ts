// "Add to calendar" for a booking, made in the browser from the booking itself: an iCalendar file
// (RFC 5545, one VEVENT in UTC, offered as a data: link to download) and a Google Calendar
// template link. Nothing is loaded from Google: the link only opens there when the client follows it.

export interface CalendarEvent {
  /** Stable across downloads, so a calendar app updates the event instead of adding a second one. */
  uid: string
  /** ISO 8601 instants with an offset, as the API gives them. */
  start: string
  end: string
  title: string
  details: string
  location: string
}

/** '2026-12-07T12:00:00+02:00' → '20261207T100000Z'. */
export function utcStamp(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder()
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const ch of line) {
    const size = encoder.encode(ch).length
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

export function icsText(e: CalendarEvent, now: Date = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//booking//web//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART:${utcStamp(e.start)}`,
    `DTEND:${utcStamp(e.end)}`,
    `SUMMARY:${escapeText(e.title)}`,
    `DESCRIPTION:${escapeText(e.details)}`,
    `LOCATION:${escapeText(e.location)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(fold).join('\r\n') + '\r\n'
}

/** A link that downloads the event as a file (the `download` attribute names it). */
export function icsHref(e: CalendarEvent, now?: Date): string {
  return `data:text/calendar;charset=utf-8,${encodeURIComponent(icsText(e, now))}`
}

export function googleCalendarUrl(e: CalendarEvent): string {
  const query = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${utcStamp(e.start)}/${utcStamp(e.end)}`,
    details: e.details,
    location: e.location,
  })
  return `https://calendar.google.com/calendar/render?${query.toString()}`
}
