// The read path of GET /api/slots: one MGET for every specialist-day and room-day asked for, start
// cells computed from those grids, the JSON written by hand (the response is mostly time strings,
// and building it directly is most of the speed). A key that is missing is rebuilt from PostgreSQL
// on the spot, never read as "no slots".
import type { Db } from '../data/db.ts'
import { AppError, invalid, notFound } from '../domain/errors.ts'
import { addDays, dateRange, daysBetween, todayIn } from '../domain/dates.ts'
import { dayCells } from '../domain/day-cells.ts'
import { cellsFor, startGrid, type Grid } from '../domain/grid.ts'
import { cellToTime } from '../domain/schedule.ts'
import type { CatalogueCache, CatalogueSpecialist, CatalogueView } from './catalogue.ts'
import { computeRoomGrids, computeSpecialistGrids } from './grid-source.ts'
import { GridStore, parseStored } from './grid-store.ts'
import { roomDayKey, specialistDayKey } from './keys.ts'

export interface SlotQuery {
  serviceId: number
  specialistId?: number
  locationId?: number
  /** First local date; defaults to today in each location's zone. */
  from?: string
  /** Number of days; defaults to the horizon and may not exceed it. */
  days?: number
}

/** `"09:15"` with its quotes, per cell: the response is assembled from these. */
const QUOTED_TIMES = Array.from({ length: 96 }, (_, i) => `"${cellToTime(i)}"`)

interface LocationPlan {
  locationId: number
  zone: string
  dates: string[]
  specialists: { s: CatalogueSpecialist; durationCells: number }[]
  roomIds: number[]
}

export class SlotReader {
  constructor(
    private readonly db: Db,
    private readonly store: GridStore,
    private readonly catalogue: CatalogueCache,
  ) {}

  /** The slots answer as a JSON string (SPEC §8). */
  async slotsJson(query: SlotQuery, now = Date.now()): Promise<string> {
    const view = await this.catalogue.get(
      (v) =>
        v.services.has(query.serviceId) &&
        (query.specialistId === undefined || v.specialists.has(query.specialistId)) &&
        (query.locationId === undefined || v.locations.has(query.locationId)),
    )
    const plans = this.plan(view, query, now)
    const { breakCells, needsRoom } = this.serviceShape(view, query.serviceId)

    const keys: string[] = []
    for (const p of plans) {
      for (const { s } of p.specialists) for (const d of p.dates) keys.push(specialistDayKey(s.id, d))
      for (const r of p.roomIds) for (const d of p.dates) keys.push(roomDayKey(r, d))
    }
    const raw = await this.store.readRaw(keys)

    const notBefore = now + view.settings.minLeadMinutes * 60_000
    const parts: string[] = []
    let k = 0
    for (const p of plans) {
      const specialistGrids: (Grid | null)[][] = []
      for (const { s } of p.specialists) {
        const row = p.dates.map(() => parseStored(raw[k++] ?? null)?.grid ?? null)
        await this.fill(row, p.dates, (dates) => computeSpecialistGrids(this.db, s.id, dates), 'specialist')
        specialistGrids.push(row)
      }
      const roomGrids: (Grid | null)[][] = []
      for (const roomId of p.roomIds) {
        const row = p.dates.map(() => parseStored(raw[k++] ?? null)?.grid ?? null)
        await this.fill(row, p.dates, (dates) => computeRoomGrids(this.db, roomId, dates), 'room')
        roomGrids.push(row)
      }
      const days: string[] = []
      p.dates.forEach((date, di) => {
        const rooms = roomGrids.map((row) => row[di]!)
        if (needsRoom && rooms.length === 0) return
        const union = new Uint8Array(96)
        p.specialists.forEach(({ durationCells }, si) => {
          const starts = startGrid(specialistGrids[si]![di]!, { durationCells, breakCells, roomDays: rooms })
          for (let c = 0; c < 96; c++) union[c]! |= starts[c]!
        })
        const cells = dayCells(date, p.zone)
        let times = ''
        for (let c = 0; c < 96; c++) {
          if (union[c] && cells.startMs[c]! >= notBefore) times += (times ? ',' : '') + QUOTED_TIMES[c]
        }
        if (times) days.push(`{"date":"${date}","times":[${times}]}`)
      })
      parts.push(
        `{"location_id":${p.locationId},"timezone":${JSON.stringify(p.zone)},"days":[${days.join(',')}]}`,
      )
    }
    return `{"service_id":${query.serviceId},"specialist_id":${query.specialistId ?? null},"locations":[${parts.join(',')}]}`
  }

  /**
   * Of `candidates`, those whose grids show `startMs` free for the service (in the given order):
   * how "any specialist" picks whom to try. The worker re-checks against PostgreSQL.
   */
  async freeAt(serviceId: number, candidates: number[], startMs: number): Promise<number[]> {
    const view = await this.catalogue.get()
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
      const rows = raw.map((v) => [parseStored(v)?.grid ?? null])
      await this.fill(rows[0]!, [date], (d) => computeSpecialistGrids(this.db, id, d), 'specialist')
      for (let i = 0; i < roomIds.length; i++) {
        await this.fill(rows[i + 1]!, [date], (d) => computeRoomGrids(this.db, roomIds[i]!, d), 'room')
      }
      const starts = startGrid(rows[0]![0]!, {
        durationCells: cellsFor(s.services.get(serviceId)?.durationMinutes ?? service.durationMinutes),
        breakCells: cellsFor(service.breakMinutes),
        roomDays: rows.slice(1).map((r) => r[0]!),
      })
      if (starts[cell]) free.push(id)
    }
    return free
  }

  /** Rebuilds the missing grids of a row from PostgreSQL and stores them for the next reader. */
  private async fill(
    row: (Grid | null)[],
    dates: string[],
    compute: (dates: string[]) => ReturnType<typeof computeSpecialistGrids>,
    kind: 'specialist' | 'room',
  ) {
    const missing = dates.filter((_, i) => row[i] === null)
    if (!missing.length) return
    const computed = await compute(missing)
    await (kind === 'specialist' ? this.store.writeSpecialist(computed) : this.store.writeRoom(computed))
    dates.forEach((d, i) => {
      if (row[i] === null) row[i] = computed.grids.get(d)!
    })
  }

  private serviceShape(view: CatalogueView, serviceId: number) {
    const service = view.services.get(serviceId)!
    return { breakCells: cellsFor(service.breakMinutes), needsRoom: service.roomIds.length > 0 }
  }

  private plan(view: CatalogueView, q: SlotQuery, now: number): LocationPlan[] {
    const service = view.services.get(q.serviceId)
    if (!service) throw notFound(`Service ${q.serviceId}`)
    const horizon = view.settings.bookingHorizonDays
    if (q.days !== undefined && (q.days < 1 || q.days > horizon)) {
      throw invalid(`days must be between 1 and ${horizon} (the booking horizon).`, 'invalid_days')
    }
    if (q.locationId !== undefined && !view.locations.has(q.locationId))
      throw notFound(`Location ${q.locationId}`)

    let specialists: CatalogueSpecialist[]
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
      specialists = [...view.specialists.values()].filter(
        (s) => s.services.has(q.serviceId) && (q.locationId === undefined || s.locationId === q.locationId),
      )
    }

    const byLocation = new Map<number, CatalogueSpecialist[]>()
    for (const s of specialists) byLocation.set(s.locationId, [...(byLocation.get(s.locationId) ?? []), s])
    const plans: LocationPlan[] = []
    for (const [locationId, list] of [...byLocation].sort((a, b) => a[0] - b[0])) {
      const zone = view.locations.get(locationId)!.zone
      const today = todayIn(zone, now)
      const from = q.from && q.from > today ? q.from : today
      const last = addDays(today, horizon - 1)
      const requestedLast = addDays(q.from ?? today, (q.days ?? horizon) - 1)
      const end = requestedLast < last ? requestedLast : last
      const count = daysBetween(from, end) + 1
      const locationRooms = new Set(view.roomsByLocation.get(locationId) ?? [])
      plans.push({
        locationId,
        zone,
        dates: count > 0 ? dateRange(from, count) : [],
        specialists: list.map((s) => ({
          s,
          durationCells: cellsFor(s.services.get(q.serviceId)?.durationMinutes ?? service.durationMinutes),
        })),
        roomIds: service.roomIds.filter((r) => locationRooms.has(r)),
      })
    }
    return plans
  }
}
