// The busy times of an iCalendar (.ics) file inside a window of local dates, and the blocks they
// become on a specialist's calendar (issue 11 item 9). Pure: text in, intervals out.
//
// Reading rules:
// - every VEVENT is read; RRULE, RDATE and EXDATE are expanded by ical.js, and an instance that a
//   RECURRENCE-ID component overrides is replaced by that component (matched by its instant, so a
//   RECURRENCE-ID in UTC still matches a series written in a zone). RANGE=THISANDFUTURE is read as
//   an override of that one instance only;
// - STATUS:CANCELLED is skipped (a cancelled series takes its overrides with it) and so is
//   TRANSP:TRANSPARENT ("free" in calendar apps); an override is judged by its own properties;
// - a TZID is honoured through the file's VTIMEZONE when it has one (ical.js converts), else as an
//   IANA name (luxon); anything else is refused, naming the zone and the event. Times without a zone
//   are read in the calendar's X-WR-TIMEZONE, or else in the location's zone;
// - all-day events (VALUE=DATE) block whole local days of the location;
// - a recurrence's instances last the exact DTEND − DTSTART of the first one (RFC 5545 3.8.5.3),
//   or its DURATION (days and weeks in wall time, the rest exactly);
// - expansion is capped: more than `maxOccurrences` busy times inside the window, or more than
//   `maxSteps` instances walked to reach it, is refused with a message rather than ground through.
import ICAL from 'ical.js'
import { DateTime, IANAZone } from 'luxon'
import { addDays, daysBetween, isoInZone, localDatesOf, localToInstant } from './dates.ts'
import { dayCells } from './day-cells.ts'
import { AppError, invalid } from './errors.ts'
import { CELLS_PER_DAY, cellToTime, type TimeInterval } from './schedule.ts'

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>
type Property = InstanceType<typeof ICAL.Property>

const DAY_MS = 86_400_000

/** The local dates whose busy times count, in the zone of the specialist's location. */
export interface BusyWindow {
  /** IANA zone of the location: all-day events and times without a zone are read in it. */
  zone: string
  /** First local date (today). */
  from: string
  /** Last local date, inclusive (the horizon's last day). */
  to: string
}

export interface BusyOptions {
  /** Most busy times inside the window (default 5000). */
  maxOccurrences?: number
  /** Most recurrence instances walked in the whole file, before the window too (default 50 000). */
  maxSteps?: number
}

/** One busy time: real instants, with the UTC and the location's rendering of each. */
export interface BusyTime {
  uid: string
  summary: string
  allDay: boolean
  startMs: number
  endMs: number
  /** ISO 8601 in UTC ("2026-10-29T09:00:00Z"). */
  start: string
  end: string
  /** ISO 8601 with the location's offset at that instant ("2026-10-29T10:00:00+01:00"). */
  localStart: string
  localEnd: string
}

/** A run of local dates that share the same blocked intervals (local wall time, 15-minute cells). */
export interface BusyBlock {
  dateFrom: string
  dateTo: string
  intervals: TimeInterval[]
}

/**
 * An event or instance inside the window that blocks nothing, and why: `cancelled`
 * (STATUS:CANCELLED, a whole series or one instance's RECURRENCE-ID), `transparent` ("show as
 * free") or `excluded` (an EXDATE of a busy series). The preview shows them so that the admin sees
 * the file was read whole.
 */
export interface SkippedEvent {
  uid: string
  summary: string
  reason: 'cancelled' | 'transparent' | 'excluded'
  /** The first skipped instance inside the window, with the location's offset. */
  localStart: string
  /** How many of the event's instances fall inside the window (1 for a single one). */
  instances: number
}

export const MAX_OCCURRENCES = 5000
export const MAX_STEPS = 50_000

/** The busy times of `ics` that overlap the window, sorted by start. Throws a 422 AppError. */
export function busyTimesOf(ics: string, window: BusyWindow, options: BusyOptions = {}): BusyTime[] {
  return readIcs(ics, window, options).busy
}

/** The busy times of `ics` inside the window and what it skipped there, both sorted by start. */
export function readIcs(
  ics: string,
  window: BusyWindow,
  options: BusyOptions = {},
): { busy: BusyTime[]; skipped: SkippedEvent[] } {
  const reader = new Reader(window, options)
  for (const calendar of calendarsOf(ics)) reader.readCalendar(calendar)
  return {
    busy: reader.busy.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs),
    skipped: reader.skipped.sort((a, b) => a.startMs - b.startMs).map(({ startMs: _, ...s }) => s),
  }
}

/**
 * The blocks that close exactly the cells the busy times overlap, per local date of the window: a
 * cell is blocked when its real time (`dayCells`, DST settled) overlaps a busy time, which is the
 * rule a booking closes cells by. Consecutive dates with the same intervals share one block.
 */
export function blocksOf(
  busy: readonly Pick<BusyTime, 'startMs' | 'endMs'>[],
  window: BusyWindow,
): BusyBlock[] {
  const cellsByDate = new Map<string, Uint8Array>()
  for (const b of busy) {
    if (!(b.endMs > b.startMs)) continue
    for (const date of localDatesOf(b.startMs, b.endMs, window.zone)) {
      if (date < window.from || date > window.to) continue
      const day = dayCells(date, window.zone)
      let marks = cellsByDate.get(date)
      if (!marks) cellsByDate.set(date, (marks = new Uint8Array(CELLS_PER_DAY)))
      for (let i = 0; i < CELLS_PER_DAY; i++) {
        if (day.exists[i] && day.startMs[i]! < b.endMs && day.endMs[i]! > b.startMs) marks[i] = 1
      }
    }
  }
  const blocks: BusyBlock[] = []
  for (const date of [...cellsByDate.keys()].sort()) {
    const intervals = intervalsOf(cellsByDate.get(date)!, dayCells(date, window.zone).exists)
    const last = blocks[blocks.length - 1]
    if (last && addDays(last.dateTo, 1) === date && sameIntervals(last.intervals, intervals)) {
      last.dateTo = date
    } else {
      blocks.push({ dateFrom: date, dateTo: date, intervals })
    }
  }
  return blocks
}

/** Runs of marked cells as ["HH:MM","HH:MM"]; a wall time the day skips (DST) joins its neighbours. */
function intervalsOf(marks: Uint8Array, exists: Uint8Array): TimeInterval[] {
  const out: TimeInterval[] = []
  let start = -1
  for (let i = 0; i <= CELLS_PER_DAY; i++) {
    const on =
      i < CELLS_PER_DAY && (marks[i] === 1 || (!exists[i] && start >= 0 && nextMarked(marks, exists, i)))
    if (on && start < 0) start = i
    if (!on && start >= 0) {
      out.push([cellToTime(start), cellToTime(i)])
      start = -1
    }
  }
  return out
}

function nextMarked(marks: Uint8Array, exists: Uint8Array, from: number): boolean {
  for (let j = from; j < CELLS_PER_DAY; j++) if (exists[j]) return marks[j] === 1
  return false
}

const sameIntervals = (a: TimeInterval[], b: TimeInterval[]) =>
  a.length === b.length && a.every(([s, e], i) => s === b[i]![0] && e === b[i]![1])

function calendarsOf(ics: string): Component[] {
  let parsed: unknown
  try {
    parsed = ICAL.parse(ics)
  } catch (err) {
    throw invalid(
      `The file is not a readable iCalendar (.ics) file: ${(err as Error).message}.`,
      'invalid_ics',
    )
  }
  // One VCALENDAR parses to one jCal array, several to an array of them.
  const list = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[]
  const calendars = list.map((jcal) => new ICAL.Component(jcal as never))
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    throw invalid('The file is not an iCalendar file: it must start with BEGIN:VCALENDAR.', 'invalid_ics')
  }
  return calendars
}

/** What one event says about when it happens. */
interface EventTimes {
  start: Time
  /** TZID of DTSTART (undefined when none). */
  tzid: string | undefined
  allDay: boolean
  /** All-day: the number of days. Else a DURATION's days (added in wall time). */
  days: number
  /** A DURATION's hours, minutes and seconds, in ms (added exactly). */
  exactMs: number
  /** DTEND, when the event has one: every instance lasts exactly DTEND − DTSTART. */
  end?: { time: Time; tzid: string | undefined }
  /** That length, once resolved. */
  lengthMs?: number
  /** A length at least as long as the event's, for telling whether an instance is near the window. */
  approxMs: number
}

class Reader {
  readonly busy: BusyTime[] = []
  readonly skipped: (SkippedEvent & { startMs: number })[] = []
  private readonly maxOccurrences: number
  private readonly maxSteps: number
  private readonly windowStartMs: number
  private readonly windowEndMs: number
  private readonly zones = new Map<string, string | null>()
  private steps = 0
  private floatingZone: string

  constructor(
    private readonly window: BusyWindow,
    options: BusyOptions,
  ) {
    this.maxOccurrences = options.maxOccurrences ?? MAX_OCCURRENCES
    this.maxSteps = options.maxSteps ?? MAX_STEPS
    this.windowStartMs = localToInstant(window.from, '00:00', window.zone).toMillis()
    this.windowEndMs = localToInstant(addDays(window.to, 1), '00:00', window.zone).toMillis()
    this.floatingZone = window.zone
  }

  readCalendar(calendar: Component) {
    const wrZone = calendar.getFirstPropertyValue('x-wr-timezone')
    this.floatingZone =
      typeof wrZone === 'string' && wrZone.trim()
        ? this.ianaZone(wrZone.trim(), 'the calendar (X-WR-TIMEZONE)')
        : this.window.zone
    const events = calendar.getAllSubcomponents('vevent')
    const masters = new Map<string, Component>()
    const overrides = new Map<string, Component[]>()
    for (const event of events) {
      const uid = uidOf(event)
      if (event.hasProperty('recurrence-id')) overrides.set(uid, [...(overrides.get(uid) ?? []), event])
      else masters.set(uid, event)
    }
    for (const event of events) {
      if (event.hasProperty('recurrence-id')) {
        // An override of a cancelled series is gone with it; an orphan override stands alone.
        const master = masters.get(uidOf(event))
        if (master && isCancelled(master)) continue
        if (!isFree(event)) this.readSingle(event)
        else this.skipInstance(event, master)
      } else if (!isFree(event)) {
        this.readSeries(event, overrides.get(uidOf(event)) ?? [])
      } else {
        this.skipSeries(event)
      }
    }
  }

  /** A recurring (or single) event: its instances, less those overridden or excluded. */
  private readSeries(event: Component, overrides: Component[]) {
    const times = this.timesOf(event)
    // Instants compared on wall time read as UTC first, which is never more than 14 h off: only
    // instances near the window are resolved in their zone (and an unknown zone of an event long
    // past does not refuse the file).
    const slackMs = 2 * DAY_MS + times.approxMs
    const near = (t: Time) =>
      wallMs(t) + slackMs >= this.windowStartMs && wallMs(t) < this.windowEndMs + 2 * DAY_MS
    const replaced = new Set<string>()
    for (const o of overrides) {
      const prop = o.getFirstProperty('recurrence-id')!
      const id = prop.getFirstValue() as Time
      if (near(id)) replaced.add(this.keyOf(id, tzidOf(prop), event))
    }
    for (const prop of event.getAllProperties('exdate')) {
      for (const value of prop.getValues() as Time[]) {
        if (!near(value)) continue
        replaced.add(this.keyOf(value, tzidOf(prop), event))
        this.skip(event, 'excluded', this.instantOf(value, tzidOf(prop), event), 1)
      }
    }
    const expansion = instancesOf(event, times.start)
    for (let occurrence = expansion.next(); occurrence; occurrence = expansion.next()) {
      if (++this.steps > this.maxSteps) {
        throw tooMany(
          `Expanding the recurring event ${describe(event)} takes more than ${this.maxSteps} instances ` +
            'to reach the booking horizon; shorten the series (an end date or a COUNT) and import again.',
        )
      }
      const wall = wallMs(occurrence)
      if (wall >= this.windowEndMs + 2 * DAY_MS) break
      if (wall + slackMs < this.windowStartMs) continue
      if (replaced.has(this.keyOf(occurrence, times.tzid, event))) continue
      this.add(event, times, occurrence)
    }
  }

  /** A skipped instance (a moved one cancelled or free), at the instant it replaces when known. */
  private skipInstance(event: Component, master: Component | undefined) {
    const prop = master ? event.getFirstProperty('recurrence-id') : event.getFirstProperty('dtstart')
    if (!prop) return
    const time = prop.getFirstValue() as Time
    this.skip(event, reasonOf(event), this.looseInstantOf(time, tzidOf(prop)), 1)
  }

  /** A free series (cancelled or transparent): its instances inside the window, counted. */
  private skipSeries(event: Component) {
    const dtstart = event.getFirstProperty('dtstart')
    if (!dtstart) return
    const start = dtstart.getFirstValue() as Time
    const tzid = tzidOf(dtstart)
    const expansion = instancesOf(event, start)
    let first: number | undefined
    let count = 0
    for (let occurrence = expansion.next(); occurrence; occurrence = expansion.next()) {
      // Walking a free series counts against the same cap: it is the same work.
      if (++this.steps > this.maxSteps) break
      if (wallMs(occurrence) >= this.windowEndMs + 2 * DAY_MS) break
      const ms = this.looseInstantOf(occurrence, tzid)
      if (ms < this.windowStartMs || ms >= this.windowEndMs) continue
      first ??= ms
      count++
    }
    if (first !== undefined) this.skip(event, reasonOf(event), first, count)
  }

  private skip(event: Component, reason: SkippedEvent['reason'], startMs: number, instances: number) {
    if (startMs < this.windowStartMs || startMs >= this.windowEndMs) return
    this.skipped.push({
      uid: uidOf(event),
      summary: String(event.getFirstPropertyValue('summary') ?? ''),
      reason,
      localStart: isoInZone(startMs, this.window.zone),
      instances,
      startMs,
    })
  }

  /**
   * The instant of a time of an event that blocks nothing: its zone is not required to be known
   * (a free event in an unknown zone does not refuse the file), so it falls back to the location's.
   */
  private looseInstantOf(time: Time, tzid: string | undefined): number {
    if (time.isDate) return localToInstant(time.toString(), '00:00', this.window.zone).toMillis()
    if (time.zone && time.zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000
    const zone = tzid === undefined ? this.floatingZone : (ianaNameOf(tzid) ?? this.window.zone)
    const { year, month, day, hour, minute, second } = time
    return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis()
  }

  /** An override of one instance, or an orphan one: its own DTSTART and DTEND. */
  private readSingle(event: Component) {
    const times = this.timesOf(event)
    const wall = wallMs(times.start)
    if (wall >= this.windowEndMs + 2 * DAY_MS) return
    if (wall + 2 * DAY_MS + times.approxMs < this.windowStartMs) return
    this.add(event, times, times.start)
  }

  private add(event: Component, times: EventTimes, occurrence: Time) {
    let startMs: number
    let endMs: number
    if (times.allDay) {
      const date = occurrence.toString().slice(0, 10)
      startMs = localToInstant(date, '00:00', this.window.zone).toMillis()
      endMs = localToInstant(addDays(date, times.days), '00:00', this.window.zone).toMillis()
    } else {
      startMs = this.instantOf(occurrence, times.tzid, event)
      if (times.end) {
        // Resolved once, on the first instance near the window (an old event's zone is never asked).
        times.lengthMs ??=
          this.instantOf(times.end.time, times.end.tzid, event) -
          this.instantOf(times.start, times.tzid, event)
        endMs = startMs + times.lengthMs
      } else if (times.days !== 0) {
        const end = occurrence.clone()
        end.addDuration(ICAL.Duration.fromData({ days: times.days }))
        endMs = this.instantOf(end, times.tzid, event) + times.exactMs
      } else {
        endMs = startMs + times.exactMs
      }
    }
    if (!(endMs > startMs) || endMs <= this.windowStartMs || startMs >= this.windowEndMs) return
    if (this.busy.length >= this.maxOccurrences) {
      throw tooMany(
        `The calendar has more than ${this.maxOccurrences} busy times within the booking horizon; ` +
          'import a shorter calendar (fewer or shorter recurring events).',
      )
    }
    const zone = this.window.zone
    this.busy.push({
      uid: uidOf(event),
      summary: String(event.getFirstPropertyValue('summary') ?? ''),
      allDay: times.allDay,
      startMs,
      endMs,
      start: utcIso(startMs),
      end: utcIso(endMs),
      localStart: isoInZone(startMs, zone),
      localEnd: isoInZone(endMs, zone),
    })
  }

  private timesOf(event: Component): EventTimes {
    const dtstart = event.getFirstProperty('dtstart')
    if (!dtstart) throw invalid(`The event ${describe(event)} has no DTSTART.`, 'invalid_ics')
    const start = dtstart.getFirstValue() as Time
    const tzid = tzidOf(dtstart)
    const dtend = event.getFirstProperty('dtend')
    const duration = event.getFirstPropertyValue('duration') as InstanceType<typeof ICAL.Duration> | null
    const base = { start, tzid, allDay: start.isDate, days: 0, exactMs: 0, approxMs: 0 }
    if (start.isDate) {
      let days = 1
      if (dtend) days = daysBetween(start.toString(), (dtend.getFirstValue() as Time).toString().slice(0, 10))
      else if (duration) days = duration.weeks * 7 + duration.days
      days = Math.max(days, 1)
      return { ...base, days, approxMs: days * DAY_MS }
    }
    if (dtend) {
      const end = dtend.getFirstValue() as Time
      // Wall clocks of two zones differ by at most a day: enough to tell whether it is near the window.
      return {
        ...base,
        end: { time: end, tzid: tzidOf(dtend) },
        approxMs: Math.max(0, wallMs(end) - wallMs(start)) + DAY_MS,
      }
    }
    if (duration) {
      const sign = duration.isNegative ? -1 : 1
      const days = sign * (duration.weeks * 7 + duration.days)
      const exactMs = sign * ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000
      return { ...base, days, exactMs, approxMs: Math.max(0, days * DAY_MS + exactMs) + DAY_MS }
    }
    return base
  }

  /** The key an instance is matched by: its instant, or its date for an all-day one. */
  private keyOf(time: Time, tzid: string | undefined, event: Component): string {
    return time.isDate ? time.toString().slice(0, 10) : String(this.instantOf(time, tzid, event))
  }

  /** Epoch ms of a date-time: UTC, the file's VTIMEZONE, an IANA name, or the floating zone. */
  private instantOf(time: Time, tzid: string | undefined, event: Component): number {
    if (time.isDate) return localToInstant(time.toString(), '00:00', this.window.zone).toMillis()
    if (time.zone && time.zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000
    const zone = tzid === undefined ? this.floatingZone : this.ianaZone(tzid, `the event ${describe(event)}`)
    const { year, month, day, hour, minute, second } = time
    return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis()
  }

  /** An IANA zone for a TZID the file does not define; a refusal naming it when there is none. */
  private ianaZone(tzid: string, where: string): string {
    let zone = this.zones.get(tzid)
    if (zone === undefined) {
      zone = ianaNameOf(tzid)
      this.zones.set(tzid, zone)
    }
    if (zone === null) {
      throw new AppError(
        422,
        'unknown_time_zone',
        `The time zone ${JSON.stringify(tzid)} of ${where} is not defined in the file (no VTIMEZONE) ` +
          'and is not an IANA zone name. Export the calendar with its time zones, or with zone names ' +
          'such as "Europe/Berlin".',
        { time_zone: tzid },
      )
    }
    return zone
  }
}

/**
 * The instances of an event, EXDATE not yet applied. One RRULE without RDATE (nearly every file) is
 * walked by its rule's iterator, several times faster than the full expansion, which merges RDATEs.
 */
function instancesOf(event: Component, start: Time): { next(): Time | null } {
  const rules = event.getAllProperties('rrule')
  if (rules.length === 0 && !event.hasProperty('rdate')) {
    let done = false
    return { next: () => (done ? null : ((done = true), start)) }
  }
  if (rules.length === 1 && !event.hasProperty('rdate')) {
    return (rules[0]!.getFirstValue() as InstanceType<typeof ICAL.Recur>).iterator(start)
  }
  return new ICAL.RecurExpansion({ component: event, dtstart: start })
}

/** "Europe/Berlin", or the IANA tail of a prefixed id ("/mozilla.org/20070129_1/Europe/Berlin"). */
function ianaNameOf(tzid: string): string | null {
  const name = tzid.replace(/^"|"$/g, '').trim()
  if (/^[A-Za-z]/.test(name) && IANAZone.isValidZone(name)) return name
  const parts = name.split('/').filter(Boolean)
  for (const n of [3, 2]) {
    const tail = parts.slice(-n).join('/')
    if (parts.length >= n && /^[A-Za-z]/.test(tail) && IANAZone.isValidZone(tail)) return tail
  }
  return null
}

const tzidOf = (prop: Property): string | undefined => {
  const tzid = prop.getParameter('tzid')
  return typeof tzid === 'string' && tzid !== '' ? tzid : undefined
}

const uidOf = (event: Component) => String(event.getFirstPropertyValue('uid') ?? '')

const upper = (event: Component, name: string) =>
  String(event.getFirstPropertyValue(name) ?? '').toUpperCase()
const isCancelled = (event: Component) => upper(event, 'status') === 'CANCELLED'
const reasonOf = (event: Component) => (isCancelled(event) ? 'cancelled' : 'transparent')
const isFree = (event: Component) => isCancelled(event) || upper(event, 'transp') === 'TRANSPARENT'

function describe(event: Component): string {
  const summary = event.getFirstPropertyValue('summary')
  const uid = uidOf(event)
  const name = typeof summary === 'string' && summary !== '' ? JSON.stringify(summary) : '(no summary)'
  return uid ? `${name} (UID ${uid})` : name
}

/** A time's wall clock read as if it were UTC: within 14 h of its instant, whatever its zone. */
const wallMs = (t: Time) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)

const utcIso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

const tooMany = (message: string) => invalid(message, 'too_many_occurrences')
