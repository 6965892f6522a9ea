// The slot inputs: an in-memory view of what the slot reader needs from the setup (services, their rooms,
// specialists, locations, settings). Loaded from PostgreSQL, dropped when a `setup:changed`
// message arrives on Redis Pub/Sub and at the latest after `maxAgeMs`, so the warm read path of
// GET /api/slots never touches PostgreSQL.
import type { Redis } from 'ioredis'
import { companySettings } from '../data/company-repository.ts'
import type { Db } from '../data/db.ts'
import type { CompanySettings } from '../domain/settings.ts'
import { SETUP_CHANNEL } from './keys.ts'

export interface SlotInputService {
  id: number
  durationMinutes: number
  breakMinutes: number
  price: number
  /** Rooms the service can use (any location); empty = it needs no room. */
  roomIds: number[]
}

export interface SlotInputSpecialist {
  id: number
  userId: number
  locationId: number
  /** Services performed, with the specialist's own price/duration where set. */
  services: Map<number, { price: number | null; durationMinutes: number | null }>
}

export interface SlotInputs {
  settings: CompanySettings
  locations: Map<number, { id: number; zone: string }>
  services: Map<number, SlotInputService>
  specialists: Map<number, SlotInputSpecialist>
  /** Specialists performing each service, by id: "any specialist" without scanning them all. */
  specialistsByService: Map<number, SlotInputSpecialist[]>
  /** Active rooms per location. */
  roomsByLocation: Map<number, number[]>
  loadedAt: number
}

export async function loadSlotInputs(db: Db): Promise<SlotInputs> {
  const [settings, locations, services, serviceRooms, specialists, specialistServices, rooms] =
    await Promise.all([
      companySettings(db),
      db('locations').where({ active: true }).select('id', 'timezone'),
      db('services').where({ active: true }).select('id', 'duration_minutes', 'break_minutes', 'price'),
      db('service_rooms as sr')
        .join('rooms as r', 'r.id', 'sr.room_id')
        .where('r.active', true)
        .select('sr.service_id', 'sr.room_id'),
      db('specialists').where({ active: true }).select('id', 'user_id', 'location_id'),
      db('specialist_services').select('specialist_id', 'service_id', 'price', 'duration_minutes'),
      db('rooms').where({ active: true }).select('id', 'location_id'),
    ])
  const view: SlotInputs = {
    settings,
    locations: new Map(locations.map((l) => [l.id, { id: l.id, zone: l.timezone }])),
    services: new Map(
      services.map((s) => [
        s.id,
        {
          id: s.id,
          durationMinutes: s.duration_minutes,
          breakMinutes: s.break_minutes,
          price: s.price,
          roomIds: [],
        },
      ]),
    ),
    specialists: new Map(),
    specialistsByService: new Map(),
    roomsByLocation: new Map(),
    loadedAt: Date.now(),
  }
  for (const sr of serviceRooms) view.services.get(sr.service_id)?.roomIds.push(sr.room_id)
  for (const s of specialists) {
    if (!view.locations.has(s.location_id)) continue
    view.specialists.set(s.id, {
      id: s.id,
      userId: s.user_id,
      locationId: s.location_id,
      services: new Map(),
    })
  }
  for (const ss of specialistServices) {
    const specialist = view.specialists.get(ss.specialist_id)
    if (!view.services.has(ss.service_id) || !specialist) continue
    specialist.services.set(ss.service_id, { price: ss.price, durationMinutes: ss.duration_minutes })
    const list = view.specialistsByService.get(ss.service_id) ?? []
    list.push(specialist)
    view.specialistsByService.set(ss.service_id, list)
  }
  for (const list of view.specialistsByService.values()) list.sort((a, b) => a.id - b.id)
  for (const r of rooms) {
    const list = view.roomsByLocation.get(r.location_id) ?? []
    list.push(r.id)
    view.roomsByLocation.set(r.location_id, list)
  }
  return view
}

export class SlotInputsCache {
  private current: Promise<SlotInputs> | null = null
  private generation = 0

  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 30_000,
  ) {}

  /**
   * The current view. With `has`, a view that lacks what the caller asks for (an id created by a
   * process whose announcement was missed) is reloaded, if it is older than 100 ms: unknown ids in
   * requests cannot make it reload more than ten times a second.
   */
  async get(has?: (view: SlotInputs) => boolean): Promise<SlotInputs> {
    const cached = this.current
    if (cached) {
      const view = await cached
      const age = Date.now() - view.loadedAt
      if (age < this.maxAgeMs && (!has || has(view) || age < 100)) return view
      if (this.current !== cached) return this.get(has) // another caller is already reloading
    }
    const generation = ++this.generation
    const loading = loadSlotInputs(this.db)
    this.current = loading
    loading.catch(() => {
      if (this.generation === generation) this.current = null
    })
    return loading
  }

  invalidate() {
    this.generation++
    this.current = null
  }

  /** Drops the view whenever any process announces a setup change. */
  async subscribe(subscriber: Redis, prefix: string) {
    // Pub/Sub channel names do not get ioredis' keyPrefix: add it ourselves.
    await subscriber.subscribe(prefix + SETUP_CHANNEL)
    subscriber.on('message', (channel) => {
      if (channel === prefix + SETUP_CHANNEL) this.invalidate()
    })
  }
}

export const announceSetupChange = (redis: Redis, prefix: string) =>
  redis.publish(prefix + SETUP_CHANNEL, String(Date.now()))
