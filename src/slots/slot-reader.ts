// The read path of GET /api/slots. A warm read is one GET: answers are cached in the process under
// the epochs of their locations, which every grid write moves on (grid-store.ts). Otherwise one
// MGET reads every specialist-day and room-day asked for, start times come from memoised masks
// (start-masks.ts), and the JSON is written by hand and kept encoded. A key that is missing is
// rebuilt from PostgreSQL on the spot, never read as "no slots". Start cells fit each specialist's
// own duration for the service, and the answer shows the price and duration that will be charged.
import type { Db } from '../data/db.ts'
import { AppError, invalid, notFound } from '../domain/errors.ts'
import { addDays, dateRange, daysBetween, todayIn } from '../domain/dates.ts'
import { dayCells } from '../domain/day-cells.ts'
import { cellsFor, encodeGrid } from '../domain/day-grid.ts'
import { offerOf, offerRange } from '../domain/offer.ts'
import type { SlotInputsCache, SlotInputSpecialist, SlotInputs } from './slot-inputs.ts'
import { computeRoomGrids, computeSpecialistGrids } from './grid-builder.ts'
import type { GridStore } from './grid-store.ts'
import { hasCell, shapeKey, StartMasks, type Mask } from './start-masks.ts'
import { locationEpochKey, roomDayKey, specialistDayKey } from './keys.ts'

export interface SlotQuery {
  serviceId: number
  specialistId?: number
  locationId?: number
  /** First local date; defaults to today in each location's zone. */
  from?: string
  /** Number of days; defaults to the horizon and may not exceed it. */
  days?: number
}

/** The grid part of a stored value ("<version>:<hex>"), or null when the key is missing. */
const hexOf = (value: string | null) => (value === null ? null : value.slice(value.indexOf(':') + 1))

interface LocationPlan {
  locationId: number
  zone: string
  dates: string[]
  specialists: { s: SlotInputSpecialist; durationCells: number }[]
  roomIds: number[]
}

export class SlotReader {
  private readonly masks = new StartMasks()
  /** Composed answers, with the location epochs they were built from. */
  private readonly composed = new Map<string, { epochs: string; body: Buffer }>()
  /** An identity per slot inputs view, for the cache keys (a new view may change any answer). */
  private readonly viewIds = new WeakMap<SlotInputs, number>()
  private nextViewId = 1
  /** Date lists by (today, horizon, from, days). */
  private readonly ranges = new Map<string, string[]>()

  constructor(
    private readonly db: Db,
    private readonly store: GridStore,
    private readonly slotInputs: SlotInputsCache,
  ) {}

  /** The slots answer as UTF-8 JSON (docs/product.md §8); kept encoded, as encoding it is most of a send. */
  async slotsJson(query: SlotQuery, now = Date.now()): Promise<Buffer> {
    const view = await this.slotInputs.get(
      (v) =>
        v.services.has(query.serviceId) &&
        (query.specialistId === undefined || v.specialists.has(query.specialistId)) &&
        (query.locationId === undefined || v.locations.has(query.locationId)),
    )
    const plans = this.plan(view, query, now)
    const { breakCells, needsRoom } = this.serviceShape(view, query.serviceId)
    const notBefore = now + view.settings.minLeadMinutes * 60_000

    // An answer is cached under the epochs of its locations (moved on by every grid write there), so
    // a warm read is one GET. Besides the grids it depends on the slot inputs view, the query, today
    // (a whole minute) and the lead-time cut (cells start on whole minutes, so the minute notBefore
    // rounds up to decides it).
    const epochKeys = plans.map((p) => locationEpochKey(p.locationId))
    const cacheKey =
      `${this.viewId(view)}|${query.serviceId}|${query.specialistId}|${query.locationId}|${query.from}|` +
      `${query.days}|${Math.floor(now / 60_000)}|${Math.ceil(notBefore / 60_000)}`
    const cached = this.composed.get(cacheKey)
    if (cached && cached.epochs === (await this.store.readRaw(epochKeys)).join(',')) return cached.body

    const service = view.services.get(query.serviceId)!
    const keys: string[] = [...epochKeys]
    for (const p of plans) {
      for (const { s } of p.specialists) for (const d of p.dates) keys.push(specialistDayKey(s.id, d))
      for (const r of p.roomIds) for (const d of p.dates) keys.push(roomDayKey(r, d))
    }
    const raw = await this.store.readRaw(keys)
    // Read in the same MGET as the grids, so they describe exactly what was read.
    const epochs = raw.slice(0, epochKeys.length)

    const parts: string[] = []
    let k = epochKeys.length
    for (const p of plans) {
      const specialistHexes: string[][] = []
      for (const { s } of p.specialists) {
        const row = p.dates.map(() => hexOf(raw[k++] ?? null))
        await this.fill(row, p.dates, (dates) => computeSpecialistGrids(this.db, s.id, dates), 'specialist')
        specialistHexes.push(row as string[])
      }
      const roomHexes: string[][] = []
      for (const roomId of p.roomIds) {
        const row = p.dates.map(() => hexOf(raw[k++] ?? null))
        await this.fill(row, p.dates, (dates) => computeRoomGrids(this.db, roomId, dates), 'room')
        roomHexes.push(row as string[])
      }
      // Cells before `notBefore` (the past and the lead time) fall on dates up to this one.
      const cutDate = todayIn(p.zone, notBefore)
      const shapes = p.specialists.map(({ durationCells }) => shapeKey([], durationCells, breakCells))
      let days = ''
      for (let di = 0; di < p.dates.length; di++) {
        const date = p.dates[di]!
        if (date < cutDate || (needsRoom && roomHexes.length === 0)) continue
        const rooms = roomHexes.map((row) => row[di]!)
        const union: Mask = [0, 0, 0]
        for (let si = 0; si < p.specialists.length; si++) {
          const { durationCells } = p.specialists[si]!
          const shape = rooms.length ? shapeKey(rooms, durationCells, breakCells) : shapes[si]!
          const m = this.masks.start(specialistHexes[si]![di]!, rooms, durationCells, breakCells, shape)
          union[0] |= m[0]
          union[1] |= m[1]
          union[2] |= m[2]
        }
        if (date === cutDate) {
          const starts = dayCells(date, p.zone).startMs
          for (let c = 0; c < 96; c++) if (starts[c]! < notBefore) union[c >> 5]! &= ~(1 << (c & 31))
        }
        const times = this.masks.times(union)
        if (times) days += `${days ? ',' : ''}{"date":"${date}","times":[${times}]}`
      }
      const range = offerRange(
        p.specialists.map(({ s }) => offerOf(service, s.services.get(query.serviceId))),
        service,
      )
      parts.push(
        `{"location_id":${p.locationId},"timezone":${JSON.stringify(p.zone)},` +
          `"price_from":${range.priceFrom},"price_to":${range.priceTo},` +
          `"duration_minutes_from":${range.durationFrom},"duration_minutes_to":${range.durationTo},` +
          `"days":[${days}]}`,
      )
    }
    // With a specialist named, their own terms; else each location's range above.
    const named = query.specialistId === undefined ? undefined : view.specialists.get(query.specialistId)
    const terms = named && offerOf(service, named.services.get(query.serviceId))
    const body = Buffer.from(
      `{"service_id":${query.serviceId},"specialist_id":${query.specialistId ?? null},` +
        `"price":${terms?.price ?? null},"duration_minutes":${terms?.durationMinutes ?? null},` +
        `"locations":[${parts.join(',')}]}`,
    )
    // A missing epoch (a flushed Redis) is set by the next write to a value never used before; an
    // answer is only kept under epochs that exist.
    if (epochs.every((e) => e !== null)) {
      if (this.composed.size >= 10_000) this.composed.clear()
      this.composed.set(cacheKey, { epochs: epochs.join(','), body })
    }
    return body
  }

  /**
   * Of `candidates`, those whose grids show `startMs` free for the service (in the given order):
   * how "any specialist" picks whom to try. The worker re-checks against PostgreSQL.
   */
  async freeAt(serviceId: number, candidates: number[], startMs: number): Promise<number[]> {
    const view = await this.slotInputs.get()
    const service = view.services.get(serviceId)
    if (!service) return []
    const free: number[] = []
    for (const id of candidates) {
      const s = view.specialists.get(id)
      const zone = s && view.locations.get(s.locationId)?.zone
      if (!s || !zone) continue
      const date = todayIn(zone, startMs)
      const cells = dayCells(date, zone)
      const cell = cells.startMs.indexOf(startMs)
      if (cell < 0) continue
      const roomIds = service.roomIds.filter((r) =>
        (view.roomsByLocation.get(s.locationId) ?? []).includes(r),
      )
      if (service.roomIds.length && !roomIds.length) continue
      const raw = await this.store.readRaw([
        specialistDayKey(id, date),
        ...roomIds.map((r) => roomDayKey(r, date)),
      ])
      const rows = raw.map((v) => [hexOf(v)])
      await this.fill(rows[0]!, [date], (d) => computeSpecialistGrids(this.db, id, d), 'specialist')
      for (let i = 0; i < roomIds.length; i++) {
        await this.fill(rows[i + 1]!, [date], (d) => computeRoomGrids(this.db, roomIds[i]!, d), 'room')
      }
      const roomHexes = rows.slice(1).map((r) => r[0]!)
      const durationCells = cellsFor(offerOf(service, s.services.get(serviceId)).durationMinutes)
      const breakCells = cellsFor(service.breakMinutes)
      const shape = shapeKey(roomHexes, durationCells, breakCells)
      const starts = this.masks.start(rows[0]![0]!, roomHexes, durationCells, breakCells, shape)
      if (hasCell(starts, cell)) free.push(id)
    }
    return free
  }

  /** Rebuilds the missing grids of a row from PostgreSQL and stores them for the next reader. */
  private async fill(
    row: (string | null)[],
    dates: string[],
    compute: (dates: string[]) => ReturnType<typeof computeSpecialistGrids>,
    kind: 'specialist' | 'room',
  ) {
    const missing = dates.filter((_, i) => row[i] === null)
    if (!missing.length) return
    const computed = await compute(missing)
    await (kind === 'specialist' ? this.store.writeSpecialist(computed) : this.store.writeRoom(computed))
    dates.forEach((d, i) => {
      if (row[i] === null) row[i] = encodeGrid(computed.grids.get(d)!)
    })
  }

  private viewId(view: SlotInputs): number {
    let id = this.viewIds.get(view)
    if (id === undefined) this.viewIds.set(view, (id = this.nextViewId++))
    return id
  }

  /** The dates asked for, within the horizon that starts today: the same few all day, memoised. */
  private datesOf(today: string, horizon: number, from?: string, days?: number): string[] {
    const key = `${today}|${horizon}|${from}|${days}`
    let dates = this.ranges.get(key)
    if (!dates) {
      if (this.ranges.size > 1000) this.ranges.clear()
      const first = from && from > today ? from : today
      const last = addDays(today, horizon - 1)
      const requestedLast = addDays(from ?? today, (days ?? horizon) - 1)
      const count = daysBetween(first, requestedLast < last ? requestedLast : last) + 1
      dates = count > 0 ? dateRange(first, count) : []
      this.ranges.set(key, dates)
    }
    return dates
  }

  private serviceShape(view: SlotInputs, serviceId: number) {
    const service = view.services.get(serviceId)!
    return { breakCells: cellsFor(service.breakMinutes), needsRoom: service.roomIds.length > 0 }
  }

  private plan(view: SlotInputs, q: SlotQuery, now: number): LocationPlan[] {
    const service = view.services.get(q.serviceId)
    if (!service) throw notFound(`Service ${q.serviceId}`)
    const horizon = view.settings.bookingHorizonDays
    if (q.days !== undefined && (q.days < 1 || q.days > horizon)) {
      throw invalid(`days must be between 1 and ${horizon} (the booking horizon).`, 'invalid_days')
    }
    if (q.locationId !== undefined && !view.locations.has(q.locationId))
      throw notFound(`Location ${q.locationId}`)

    let specialists: SlotInputSpecialist[]
    if (q.specialistId !== undefined) {
      const s = view.specialists.get(q.specialistId)
      if (!s) throw notFound(`Specialist ${q.specialistId}`)
      if (!s.services.has(q.serviceId)) {
        throw new AppError(
          422,
          'service_not_offered',
          `Specialist ${s.id} does not perform service ${q.serviceId}.`,
        )
      }
      if (q.locationId !== undefined && s.locationId !== q.locationId) {
        throw new AppError(422, 'wrong_location', `Specialist ${s.id} works at location ${s.locationId}.`)
      }
      specialists = [s]
    } else {
      specialists = (view.specialistsByService.get(q.serviceId) ?? []).filter(
        (s) => q.locationId === undefined || s.locationId === q.locationId,
      )
    }

    const byLocation = new Map<number, SlotInputSpecialist[]>()
    for (const s of specialists) byLocation.set(s.locationId, [...(byLocation.get(s.locationId) ?? []), s])
    const plans: LocationPlan[] = []
    for (const [locationId, list] of [...byLocation].sort((a, b) => a[0] - b[0])) {
      const zone = view.locations.get(locationId)!.zone
      const dates = this.datesOf(todayIn(zone, now), horizon, q.from, q.days)
      const locationRooms = new Set(view.roomsByLocation.get(locationId) ?? [])
      plans.push({
        locationId,
        zone,
        dates,
        specialists: list.map((s) => ({
          s,
          durationCells: cellsFor(offerOf(service, s.services.get(q.serviceId)).durationMinutes),
        })),
        roomIds: service.roomIds.filter((r) => locationRooms.has(r)),
      })
    }
    return plans
  }
}
