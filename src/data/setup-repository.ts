// The salon's setup in PostgreSQL, as admins edit it: locations, rooms, services and the rooms they need, package
// definitions, specialists with their services and schedules, and calendar overrides. A factory
// closing over the process's knex; every method takes an optional transaction, and the
// multi-statement ones open their own when given none.
//
// Validation of the *shape* of input (schedules, time zones, ranges) happens at the API edge; what
// only the database can know (does this id exist, is this row still referenced) is checked here,
// under row locks so that a concurrent write cannot slip between the check and the change.
import type { Knex } from 'knex'
import { AppError, conflict, invalid } from '../domain/errors.ts'
import type { TimeInterval, WeeklySchedule } from '../domain/schedule.ts'
import {
  CalendarOverride,
  Location,
  Room,
  Service,
  ServicePackage,
  ServiceRoom,
  Specialist,
  SpecialistService,
  User,
  UserRole,
  type OverrideKind,
  type PackageItem,
} from './models/index.ts'

export type { OverrideKind }

// ---- rows handed to callers (plain data; the model classes stay in src/data) ----

export interface LocationRow {
  id: number
  name: string
  address: string
  timezone: string
  work_schedule: WeeklySchedule
  active: boolean
}

export interface RoomRow {
  id: number
  location_id: number
  name: string
  active: boolean
}

export interface ServiceRow {
  id: number
  name: string
  description: string
  duration_minutes: number
  break_minutes: number
  price: number
  active: boolean
  /** The rooms the service can use, ascending; empty: it needs no room. */
  room_ids: number[]
  /** Its category (`service_categories`); null: none. */
  category_id: number | null
}

export interface ServiceCategoryRow {
  id: number
  name: string
  /** Categories are listed by position, then name. */
  position: number
}

export interface ServiceCategoryInput {
  name: string
  position?: number
}

export interface PackageRow {
  id: number
  name: string
  items: PackageItem[]
  valid_days: number
  price: number
  active: boolean
}

export interface SpecialistServiceRow {
  service_id: number
  /** The specialist's own price; null: the service's. */
  price: number | null
  /** The specialist's own duration; null: the service's. */
  duration_minutes: number | null
}

export interface SpecialistRow {
  id: number
  user_id: number
  name: string
  phone: string | null
  email: string | null
  location_id: number
  title: string
  work_schedule: WeeklySchedule
  active: boolean
  services: SpecialistServiceRow[]
}

export interface OverrideRow {
  id: number
  location_id: number | null
  specialist_id: number | null
  room_id: number | null
  date_from: string
  date_to: string
  kind: OverrideKind
  intervals: TimeInterval[]
  reason: string
  created_by: number | null
  created_at: Date
}

/** What a bookable specialist looks like in the public catalogue. */
export interface PublicSpecialistRow {
  id: number
  name: string
  title: string
  location_id: number
  service_ids: number[]
}

/** An update's row before and after, so that callers can tell what actually changed. */
export interface Updated<T> {
  before: T
  after: T
}

// ---- inputs ----

export interface LocationInput {
  name: string
  address?: string
  timezone: string
  work_schedule?: WeeklySchedule
  active?: boolean
}

export interface RoomInput {
  location_id: number
  name: string
  active?: boolean
}

export interface ServiceInput {
  name: string
  description?: string
  duration_minutes: number
  break_minutes?: number
  price: number
  active?: boolean
  category_id?: number | null
}

export interface PackageInput {
  name: string
  items: PackageItem[]
  valid_days: number
  price: number
  active?: boolean
}

export interface NewUserInput {
  name: string
  phone?: string | null
  email?: string | null
}

export interface SpecialistInput {
  /** An existing user, or `user` to create one. */
  user_id?: number
  user?: NewUserInput
  location_id: number
  title?: string
  work_schedule?: WeeklySchedule
  active?: boolean
}

export interface SpecialistPatch {
  location_id?: number
  title?: string
  work_schedule?: WeeklySchedule
  active?: boolean
  /** Fields of the specialist's user. */
  user?: Partial<NewUserInput>
}

export interface OverrideInput {
  location_id?: number | null
  specialist_id?: number | null
  room_id?: number | null
  date_from: string
  date_to: string
  kind: OverrideKind
  intervals: TimeInterval[]
  reason?: string
  created_by?: number | null
}

export interface OverrideFilter {
  location_id?: number
  specialist_id?: number
  room_id?: number
  /** Overrides that end on or after this date. */
  from?: string
  /** Overrides that start on or before this date. */
  to?: string
  limit: number
  offset: number
}

const LOCATION_COLUMNS = ['id', 'name', 'address', 'timezone', 'work_schedule', 'active'] as const
const ROOM_COLUMNS = ['id', 'location_id', 'name', 'active'] as const
const SERVICE_COLUMNS = [
  'services.id',
  'services.name',
  'services.description',
  'services.duration_minutes',
  'services.break_minutes',
  'services.price',
  'services.active',
  'services.category_id',
] as const
const CATEGORY_COLUMNS = ['id', 'name', 'position'] as const

const toPackageRow = (p: ServicePackage): PackageRow => ({
  id: p.id,
  name: p.name,
  items: p.composition.items,
  valid_days: p.composition.valid_days,
  price: p.price,
  active: p.active,
})

const toSpecialistRow = (s: Specialist): SpecialistRow => ({
  id: s.id,
  user_id: s.user_id,
  name: s.user?.name ?? '',
  phone: s.user?.phone ?? null,
  email: s.user?.email ?? null,
  location_id: s.location_id,
  title: s.title,
  work_schedule: s.work_schedule,
  active: s.active,
  services: (s.services ?? [])
    .map((ss) => ({ service_id: ss.service_id, price: ss.price, duration_minutes: ss.duration_minutes }))
    .sort((a, b) => a.service_id - b.service_id),
})

/** A table whose rows refer to the row being deleted, and how to name them. */
interface Reference {
  table: string
  column: string
  /** The key in the answer's `in_use_by`. */
  key: string
  one: string
  many: string
  where?: (q: Knex.QueryBuilder) => void
}

const bookingsOf = (column: string): Reference => ({
  table: 'bookings',
  column,
  key: 'bookings',
  one: 'booking',
  many: 'bookings',
})

const joinAnd = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`

/**
 * A delete refused by a foreign key: 23503, or 23001 (restrict_violation), which PostgreSQL 18
 * raises for ON DELETE RESTRICT. Objection wraps some driver errors; the SQLSTATE is on the original.
 */
function isReferencedError(err: unknown): boolean {
  const native = (err as { nativeError?: unknown } | null)?.nativeError ?? err
  const code = (native as { code?: unknown } | null)?.code
  return code === '23503' || code === '23001'
}

const DEACTIVATE = 'deactivate it instead (PATCH {"active": false}).'

export type SetupRepository = ReturnType<typeof createSetupRepository>

export function createSetupRepository(db: Knex) {
  /** Runs `fn` in the caller's transaction, or in a new one. */
  const atomically = <T>(trx: Knex | undefined, fn: (k: Knex) => Promise<T>): Promise<T> =>
    trx ? fn(trx) : db.transaction((t) => fn(t))

  /** The ids among `ids` that have no row in `table`, locking the ones that do against deletion. */
  async function missingIds(k: Knex, table: string, ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return []
    const found = new Set(
      (
        await k(table)
          .whereIn('id', [...new Set(ids)])
          .forKeyShare()
          .select<{ id: number }[]>('id')
      ).map((r) => r.id),
    )
    return ids.filter((id) => !found.has(id))
  }

  /**
   * Refuses (409 `in_use`) the deletion of `what` while rows refer to it, naming them and the fix.
   * Counted here rather than left to the foreign keys: their errors differ between PostgreSQL
   * versions (18 reports ON DELETE RESTRICT as 23001, "is referenced from") and locales, and say
   * nothing a person can act on.
   */
  async function refuseIfReferenced(
    k: Knex,
    what: string,
    id: number,
    refs: readonly Reference[],
    fix: string,
    verb = 'still has',
  ): Promise<void> {
    // One after the other: `k` is the deletion's transaction, one connection (docs/architecture.md).
    const counts: { ref: Reference; n: number }[] = []
    for (const r of refs) {
      const q = k(r.table).where(r.column, id)
      if (r.where) r.where(q)
      const [row] = await q.count<{ n: string }[]>('* as n')
      counts.push({ ref: r, n: Number(row?.n ?? 0) })
    }
    const found = counts.filter((c) => c.n > 0)
    if (!found.length) return
    const phrases = found.map(({ ref, n }) => `${n} ${n === 1 ? ref.one : ref.many}`)
    throw new AppError(409, 'in_use', `${what} ${id} ${verb} ${joinAnd(phrases)}; ${fix}`, {
      in_use_by: Object.fromEntries(found.map(({ ref, n }) => [ref.key, n])),
    })
  }

  /** Runs a delete; a foreign key that still refuses it (a race, a table added later) is 409 too. */
  async function deleting(what: string, id: number, fix: string, run: () => PromiseLike<unknown>) {
    try {
      await run()
    } catch (err) {
      if (isReferencedError(err)) {
        throw new AppError(409, 'in_use', `${what} ${id} is still in use by other records; ${fix}`)
      }
      throw err
    }
  }

  /** A service's category must exist (422 `unknown_category`); null or left out: none. */
  async function checkCategory(k: Knex, categoryId: number | null | undefined) {
    if (categoryId == null) return
    const missing = await missingIds(k, 'service_categories', [categoryId])
    if (missing.length) throw invalid(`There is no service category ${categoryId}.`, 'unknown_category')
  }

  const serviceQuery = (k: Knex) =>
    Service.query(k)
      .select(
        ...SERVICE_COLUMNS,
        k.raw(
          'array(select sr.room_id from service_rooms sr where sr.service_id = services.id order by 1) as room_ids',
        ),
      )
      .orderBy('services.id')

  const specialistQuery = (k: Knex) =>
    Specialist.query(k)
      .withGraphFetched('[user(contact), services]')
      .modifiers({ contact: (q) => q.select('id', 'name', 'phone', 'email') })
      .orderBy('specialists.id')

  async function getSpecialist(id: number, trx?: Knex): Promise<SpecialistRow | undefined> {
    const row = await specialistQuery(trx ?? db).findById(id)
    return row ? toSpecialistRow(row) : undefined
  }

  return {
    /** The specialist with their location's zone; undefined when there is no such specialist. */
    async specialistWithZone(
      id: number,
    ): Promise<{ id: number; user_id: number; active: boolean; timezone: string } | undefined> {
      return db('specialists as s')
        .join('locations as l', 'l.id', 's.location_id')
        .where('s.id', id)
        .first('s.id', 's.user_id', 's.active', 'l.timezone')
    },

    async locationExists(id: number): Promise<boolean> {
      return !!(await db('locations').where({ id }).first('id'))
    },

    /** The active specialists working at the location, by id. */
    async activeSpecialistIdsAt(locationId: number): Promise<number[]> {
      return db('specialists').where({ location_id: locationId, active: true }).orderBy('id').pluck('id')
    },

    /** Which of `ids` are specialists. */
    async existingSpecialistIds(ids: readonly number[]): Promise<number[]> {
      return db('specialists')
        .whereIn('id', [...ids])
        .pluck('id')
    },

    /** The distinct zones of a location, or of the locations the specialists work at. */
    async zonesOf(targets: { specialistIds?: readonly number[]; locationId?: number }): Promise<string[]> {
      const q = db('locations as l').distinct<{ timezone: string }[]>('l.timezone')
      if (targets.locationId !== undefined) q.where('l.id', targets.locationId)
      else
        q.whereIn(
          'l.id',
          db('specialists')
            .whereIn('id', [...targets.specialistIds!])
            .select('location_id'),
        )
      return (await q).map((r) => r.timezone)
    },

    /** The zone of an override's target (a location, a specialist's or a room's); undefined: none. */
    async zoneOfTarget(
      target: { location_id?: number | null; specialist_id?: number | null; room_id?: number | null },
      trx?: Knex,
    ): Promise<string | undefined> {
      const q = (trx ?? db)('locations as l').first<{ timezone: string } | undefined>('l.timezone')
      if (target.location_id) q.where('l.id', target.location_id)
      else if (target.specialist_id)
        q.join('specialists as s', 's.location_id', 'l.id').where('s.id', target.specialist_id)
      else if (target.room_id) q.join('rooms as r', 'r.location_id', 'l.id').where('r.id', target.room_id)
      else return undefined
      return (await q)?.timezone
    },

    // ---- locations ----

    async listLocations(opts: { activeOnly?: boolean } = {}, trx?: Knex): Promise<LocationRow[]> {
      const q = Location.query(trx ?? db)
        .select(...LOCATION_COLUMNS)
        .orderBy('id')
      if (opts.activeOnly) q.where('active', true)
      return q
    },

    async getLocation(id: number, trx?: Knex): Promise<LocationRow | undefined> {
      return Location.query(trx ?? db)
        .select(...LOCATION_COLUMNS)
        .findById(id)
    },

    async createLocation(input: LocationInput, trx?: Knex): Promise<LocationRow> {
      return Location.query(trx ?? db)
        .insert(input)
        .returning([...LOCATION_COLUMNS])
    },

    async updateLocation(
      id: number,
      patch: Partial<LocationInput>,
      trx?: Knex,
    ): Promise<Updated<LocationRow> | undefined> {
      return atomically(trx, async (k) => {
        const before = await Location.query(k)
          .select(...LOCATION_COLUMNS)
          .findById(id)
          .forUpdate()
        if (!before) return undefined
        const after = await Location.query(k)
          .patch(patch)
          .where('id', id)
          .returning([...LOCATION_COLUMNS])
          .first()
        return { before, after: after ?? before }
      })
    },

    /**
     * Deletes a location nothing refers to; rooms, specialists or bookings make it 409 `in_use`.
     * FOR UPDATE conflicts with the FOR KEY SHARE that inserting a referring row takes, so the
     * counts cannot change before the delete.
     */
    async deleteLocation(id: number, trx?: Knex): Promise<LocationRow | undefined> {
      return atomically(trx, async (k) => {
        const row = await Location.query(k)
          .select(...LOCATION_COLUMNS)
          .findById(id)
          .forUpdate()
        if (!row) return undefined
        await refuseIfReferenced(
          k,
          'Location',
          id,
          [
            { table: 'rooms', column: 'location_id', key: 'rooms', one: 'room', many: 'rooms' },
            {
              table: 'specialists',
              column: 'location_id',
              key: 'specialists',
              one: 'specialist',
              many: 'specialists',
            },
            bookingsOf('location_id'),
          ],
          DEACTIVATE,
        )
        await deleting('Location', id, DEACTIVATE, () => Location.query(k).deleteById(id))
        return row
      })
    },

    // ---- rooms ----

    async listRooms(
      opts: { locationId?: number; activeOnly?: boolean } = {},
      trx?: Knex,
    ): Promise<RoomRow[]> {
      const q = Room.query(trx ?? db)
        .select(...ROOM_COLUMNS)
        .orderBy('id')
      if (opts.locationId !== undefined) q.where('location_id', opts.locationId)
      if (opts.activeOnly) q.where('active', true)
      return q
    },

    async getRoom(id: number, trx?: Knex): Promise<RoomRow | undefined> {
      return Room.query(trx ?? db)
        .select(...ROOM_COLUMNS)
        .findById(id)
    },

    async createRoom(input: RoomInput, trx?: Knex): Promise<RoomRow> {
      return Room.query(trx ?? db)
        .insert(input)
        .returning([...ROOM_COLUMNS])
    },

    async updateRoom(
      id: number,
      patch: Partial<Omit<RoomInput, 'location_id'>>,
      trx?: Knex,
    ): Promise<Updated<RoomRow> | undefined> {
      return atomically(trx, async (k) => {
        const before = await Room.query(k)
          .select(...ROOM_COLUMNS)
          .findById(id)
          .forUpdate()
        if (!before) return undefined
        const after = await Room.query(k)
          .patch(patch)
          .where('id', id)
          .returning([...ROOM_COLUMNS])
          .first()
        return { before, after: after ?? before }
      })
    },

    /**
     * Deletes a room. A room that a service lists is refused (409 `in_use`) rather than dropped from
     * the service by the cascade: a service left with no rooms would silently become one that needs
     * no room. Bookings that held the room refuse it through their foreign key.
     */
    async deleteRoom(id: number, trx?: Knex): Promise<RoomRow | undefined> {
      return atomically(trx, async (k) => {
        // FOR UPDATE conflicts with the FOR KEY SHARE that an insert into service_rooms takes.
        const row = await Room.query(k)
          .select(...ROOM_COLUMNS)
          .findById(id)
          .forUpdate()
        if (!row) return undefined
        const services = await ServiceRoom.query(k).where('room_id', id).orderBy('service_id')
        if (services.length) {
          throw new AppError(
            409,
            'in_use',
            `Room ${id} is used by service(s) ${services.map((s) => s.service_id).join(', ')}; ` +
              'remove it from them first (PUT /api/admin/services/:id/rooms), or deactivate it (PATCH {"active": false}).',
            { in_use_by: { services: services.length } },
          )
        }
        await refuseIfReferenced(k, 'Room', id, [bookingsOf('room_id')], DEACTIVATE)
        await deleting('Room', id, DEACTIVATE, () => Room.query(k).deleteById(id))
        return row
      })
    },

    // ---- services ----

    async listServices(opts: { activeOnly?: boolean } = {}, trx?: Knex): Promise<ServiceRow[]> {
      const q = serviceQuery(trx ?? db)
      if (opts.activeOnly) q.where('services.active', true)
      return q as unknown as Promise<ServiceRow[]>
    },

    async getService(id: number, trx?: Knex): Promise<ServiceRow | undefined> {
      return serviceQuery(trx ?? db).findById(id) as unknown as Promise<ServiceRow | undefined>
    },

    async createService(input: ServiceInput, trx?: Knex): Promise<ServiceRow> {
      return atomically(trx, async (k) => {
        await checkCategory(k, input.category_id)
        const row = await Service.query(k).insert(input).returning('id')
        return (await serviceQuery(k).findById(row.id)) as unknown as ServiceRow
      })
    },

    async updateService(
      id: number,
      patch: Partial<ServiceInput>,
      trx?: Knex,
    ): Promise<Updated<ServiceRow> | undefined> {
      return atomically(trx, async (k) => {
        const before = (await serviceQuery(k).findById(id).forUpdate()) as unknown as ServiceRow | undefined
        if (!before) return undefined
        await checkCategory(k, patch.category_id)
        if (Object.keys(patch).length) await Service.query(k).patch(patch).where('id', id)
        const after = (await serviceQuery(k).findById(id)) as unknown as ServiceRow
        return { before, after }
      })
    },

    /**
     * Deletes a service with its own links (its rooms, who performs it). Refused (409 `in_use`) while
     * a package definition or a personal discount names it; bookings and bought packages refuse it
     * through their foreign keys. Returns the specialists who performed it: their grids change.
     */
    async deleteService(
      id: number,
      trx?: Knex,
    ): Promise<{ service: ServiceRow; specialistIds: number[] } | undefined> {
      return atomically(trx, async (k) => {
        const service = (await serviceQuery(k).findById(id).forUpdate()) as unknown as ServiceRow | undefined
        if (!service) return undefined
        const packages = await ServicePackage.query(k)
          .whereJsonSupersetOf('composition:items', [{ service_id: id }])
          .select('id')
          .orderBy('id')
        if (packages.length) {
          throw conflict(
            'in_use',
            `Service ${id} is part of package(s) ${packages.map((p) => p.id).join(', ')}; ` +
              'change them first, or deactivate the service (PATCH {"active": false}).',
          )
        }
        const discounts = await k('client_discounts').where('service_id', id).count<{ n: string }[]>('* as n')
        if (Number(discounts[0]?.n ?? 0) > 0) {
          throw conflict(
            'in_use',
            `Service ${id} has personal discounts of clients; deactivate it instead (PATCH {"active": false}).`,
          )
        }
        await refuseIfReferenced(
          k,
          'Service',
          id,
          [
            bookingsOf('service_id'),
            {
              table: 'client_package_items',
              column: 'service_id',
              key: 'client_packages',
              one: "client's package",
              many: "clients' packages",
            },
          ],
          DEACTIVATE,
        )
        const specialistIds = (
          await SpecialistService.query(k)
            .where('service_id', id)
            .select('specialist_id')
            .orderBy('specialist_id')
        ).map((r) => r.specialist_id)
        await deleting('Service', id, DEACTIVATE, () => Service.query(k).deleteById(id))
        return { service, specialistIds }
      })
    },

    // ---- service categories ----

    async listServiceCategories(trx?: Knex): Promise<ServiceCategoryRow[]> {
      return (trx ?? db)('service_categories')
        .select(...CATEGORY_COLUMNS)
        .orderBy(['position', 'name', 'id'])
    },

    async getServiceCategory(id: number, trx?: Knex): Promise<ServiceCategoryRow | undefined> {
      return (trx ?? db)('service_categories')
        .select(...CATEGORY_COLUMNS)
        .where({ id })
        .first()
    },

    async createServiceCategory(input: ServiceCategoryInput, trx?: Knex): Promise<ServiceCategoryRow> {
      const [row] = await (trx ?? db)('service_categories')
        .insert(input)
        .returning([...CATEGORY_COLUMNS])
      return row
    },

    async updateServiceCategory(
      id: number,
      patch: Partial<ServiceCategoryInput>,
      trx?: Knex,
    ): Promise<ServiceCategoryRow | undefined> {
      const k = trx ?? db
      if (!Object.keys(patch).length)
        return k('service_categories')
          .select(...CATEGORY_COLUMNS)
          .where({ id })
          .first()
      const [row] = await k('service_categories')
        .where({ id })
        .update(patch)
        .returning([...CATEGORY_COLUMNS])
      return row
    },

    /** Deletes a category no service names; else 409 `in_use` (move its services first). */
    async deleteServiceCategory(id: number, trx?: Knex): Promise<ServiceCategoryRow | undefined> {
      return atomically(trx, async (k) => {
        const row = await k('service_categories')
          .select(...CATEGORY_COLUMNS)
          .where({ id })
          .forUpdate()
          .first()
        if (!row) return undefined
        const fix =
          'move its services to another category (PATCH /api/admin/services/:id {"category_id": …}) first.'
        await refuseIfReferenced(
          k,
          'Category',
          id,
          [{ table: 'services', column: 'category_id', key: 'services', one: 'service', many: 'services' }],
          fix,
        )
        await deleting('Category', id, fix, () => k('service_categories').where({ id }).delete())
        return row as ServiceCategoryRow
      })
    },

    /** Replaces the rooms a service can use; unknown room ids → 422 `unknown_room`. */
    async setServiceRooms(serviceId: number, roomIds: number[], trx?: Knex): Promise<ServiceRow | undefined> {
      return atomically(trx, async (k) => {
        const service = await Service.query(k).findById(serviceId).forUpdate()
        if (!service) return undefined
        const missing = await missingIds(k, 'rooms', roomIds)
        if (missing.length) throw invalid(`There is no room ${missing.join(', ')}.`, 'unknown_room')
        await ServiceRoom.query(k).delete().where('service_id', serviceId)
        if (roomIds.length) {
          await ServiceRoom.query(k).insert(roomIds.map((room_id) => ({ service_id: serviceId, room_id })))
        }
        return (await serviceQuery(k).findById(serviceId)) as unknown as ServiceRow
      })
    },

    // ---- package definitions ----

    async listPackages(opts: { activeOnly?: boolean } = {}, trx?: Knex): Promise<PackageRow[]> {
      const q = ServicePackage.query(trx ?? db).orderBy('id')
      if (opts.activeOnly) q.where('active', true)
      return (await q).map(toPackageRow)
    },

    async getPackage(id: number, trx?: Knex): Promise<PackageRow | undefined> {
      const row = await ServicePackage.query(trx ?? db).findById(id)
      return row ? toPackageRow(row) : undefined
    },

    /** Creates a package definition; services that do not exist → 422 `unknown_service`. */
    async createPackage(input: PackageInput, trx?: Knex): Promise<PackageRow> {
      return atomically(trx, async (k) => {
        await requireServices(k, input.items)
        const row = await ServicePackage.query(k)
          .insert({
            name: input.name,
            price: input.price,
            active: input.active ?? true,
            composition: { items: input.items, valid_days: input.valid_days },
          })
          .returning('*')
        return toPackageRow(row)
      })
    },

    async updatePackage(
      id: number,
      patch: Partial<PackageInput>,
      trx?: Knex,
    ): Promise<PackageRow | undefined> {
      return atomically(trx, async (k) => {
        const before = await ServicePackage.query(k).findById(id).forUpdate()
        if (!before) return undefined
        if (patch.items) await requireServices(k, patch.items)
        const row = await ServicePackage.query(k)
          .patch({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.price !== undefined && { price: patch.price }),
            ...(patch.active !== undefined && { active: patch.active }),
            composition: {
              items: patch.items ?? before.composition.items,
              valid_days: patch.valid_days ?? before.composition.valid_days,
            },
          })
          .where('id', id)
          .returning('*')
          .first()
        return row ? toPackageRow(row) : undefined
      })
    },

    /** Deletes a package definition nobody bought; one that clients bought is 409 `in_use`. */
    async deletePackage(id: number, trx?: Knex): Promise<PackageRow | undefined> {
      return atomically(trx, async (k) => {
        const row = await ServicePackage.query(k).findById(id).forUpdate()
        if (!row) return undefined
        const fix = 'withdraw it from sale instead (PATCH {"active": false}).'
        await refuseIfReferenced(
          k,
          'Package',
          id,
          [
            {
              table: 'client_packages',
              column: 'service_package_id',
              key: 'client_packages',
              one: 'time',
              many: 'times',
            },
          ],
          fix,
          'was bought',
        )
        await deleting('Package', id, fix, () => ServicePackage.query(k).deleteById(id))
        return toPackageRow(row)
      })
    },

    // ---- specialists ----

    async listSpecialists(
      opts: { activeOnly?: boolean; locationId?: number; serviceId?: number } = {},
      trx?: Knex,
    ): Promise<SpecialistRow[]> {
      const q = specialistQuery(trx ?? db)
      if (opts.activeOnly) q.where('specialists.active', true)
      if (opts.locationId !== undefined) q.where('specialists.location_id', opts.locationId)
      if (opts.serviceId !== undefined) {
        q.whereExists(
          SpecialistService.query(trx ?? db)
            .whereColumn('specialist_services.specialist_id', 'specialists.id')
            .where('specialist_services.service_id', opts.serviceId),
        )
      }
      return (await q).map(toSpecialistRow)
    },

    getSpecialist,

    /**
     * Creates a specialist from an existing user or together with a new user, and gives the user
     * the 'specialist' role. A user who already is a specialist → 409 `already_exists`.
     */
    async createSpecialist(input: SpecialistInput, trx?: Knex): Promise<SpecialistRow> {
      return atomically(trx, async (k) => {
        let userId = input.user_id
        if (userId === undefined) {
          if (!input.user) throw invalid('Give either user_id or the new user’s name.')
          const user = await User.query(k).insert(input.user).returning('id')
          userId = user.id
        } else if (!(await User.query(k).findById(userId).forKeyShare())) {
          throw invalid(`There is no user ${userId}.`, 'unknown_user')
        }
        await UserRole.query(k).insert({ user_id: userId, role: 'specialist' }).onConflict().ignore()
        const row = await Specialist.query(k)
          .insert({
            user_id: userId,
            location_id: input.location_id,
            title: input.title ?? '',
            work_schedule: input.work_schedule ?? {},
            active: input.active ?? true,
          })
          .returning('id')
        return (await getSpecialist(row.id, k))!
      })
    },

    async updateSpecialist(
      id: number,
      patch: SpecialistPatch,
      trx?: Knex,
    ): Promise<Updated<SpecialistRow> | undefined> {
      return atomically(trx, async (k) => {
        const locked = await Specialist.query(k).findById(id).forUpdate()
        if (!locked) return undefined
        const before = (await getSpecialist(id, k))!
        const { user, ...own } = patch
        if (Object.keys(own).length) await Specialist.query(k).patch(own).where('id', id)
        if (user && Object.keys(user).length) await User.query(k).patch(user).where('id', locked.user_id)
        return { before, after: (await getSpecialist(id, k))! }
      })
    },

    /**
     * Deletes a specialist (their services and overrides go with them) and takes the 'specialist'
     * role from the user; one with bookings is 409 `in_use`.
     */
    async deleteSpecialist(id: number, trx?: Knex): Promise<SpecialistRow | undefined> {
      return atomically(trx, async (k) => {
        const locked = await Specialist.query(k).findById(id).forUpdate()
        if (!locked) return undefined
        const row = (await getSpecialist(id, k))!
        const fix = 'retire them instead (PATCH {"active": false}): their bookings stay.'
        await refuseIfReferenced(k, 'Specialist', id, [bookingsOf('specialist_id')], fix)
        await deleting('Specialist', id, fix, () => Specialist.query(k).deleteById(id))
        await UserRole.query(k).delete().where({ user_id: locked.user_id, role: 'specialist' })
        return row
      })
    },

    /** Replaces the services a specialist performs; unknown service ids → 422 `unknown_service`. */
    async setSpecialistServices(
      id: number,
      services: SpecialistServiceRow[],
      trx?: Knex,
    ): Promise<SpecialistRow | undefined> {
      return atomically(trx, async (k) => {
        if (!(await Specialist.query(k).findById(id).forUpdate())) return undefined
        await requireServices(k, services)
        await SpecialistService.query(k).delete().where('specialist_id', id)
        if (services.length) {
          await SpecialistService.query(k).insert(services.map((s) => ({ ...s, specialist_id: id })))
        }
        return getSpecialist(id, k)
      })
    },

    /** Active specialists at active locations, with their active services, for the public catalogue. */
    async listBookableSpecialists(
      opts: { serviceId?: number; locationId?: number } = {},
      trx?: Knex,
    ): Promise<PublicSpecialistRow[]> {
      const k = trx ?? db
      const activeServices = (alias: string) =>
        k('specialist_services as ss')
          .join('services as sv', 'sv.id', 'ss.service_id')
          .where('ss.specialist_id', k.ref(`${alias}.id`))
          .where('sv.active', true)
      const q = Specialist.query(k)
        .alias('s')
        .join('users as u', 'u.id', 's.user_id')
        .join('locations as l', 'l.id', 's.location_id')
        .where({ 's.active': true, 'l.active': true })
        .select(
          's.id',
          'u.name',
          's.title',
          's.location_id',
          k.raw('array(?) as service_ids', [
            activeServices('s').select('ss.service_id').orderBy('ss.service_id'),
          ]),
        )
        .orderBy(['u.name', 's.id'])
      if (opts.locationId !== undefined) q.where('s.location_id', opts.locationId)
      if (opts.serviceId !== undefined)
        q.whereExists(activeServices('s').where('ss.service_id', opts.serviceId))
      return q as unknown as Promise<PublicSpecialistRow[]>
    },

    // ---- calendar overrides ----

    async listOverrides(
      filter: OverrideFilter,
      trx?: Knex,
    ): Promise<{ items: OverrideRow[]; total: number }> {
      const q = CalendarOverride.query(trx ?? db)
      if (filter.location_id !== undefined) q.where('location_id', filter.location_id)
      if (filter.specialist_id !== undefined) q.where('specialist_id', filter.specialist_id)
      if (filter.room_id !== undefined) q.where('room_id', filter.room_id)
      if (filter.from !== undefined) q.where('date_to', '>=', filter.from)
      if (filter.to !== undefined) q.where('date_from', '<=', filter.to)
      const [items, total] = await Promise.all([
        q.clone().orderBy(['date_from', 'id']).limit(filter.limit).offset(filter.offset),
        q.clone().resultSize(),
      ])
      return { items, total }
    },

    async getOverride(id: number, trx?: Knex): Promise<OverrideRow | undefined> {
      return CalendarOverride.query(trx ?? db).findById(id)
    },

    /** Inserts an override; a target that does not exist → 422 `unknown_reference` (foreign key). */
    async createOverride(input: OverrideInput, trx?: Knex): Promise<OverrideRow> {
      return CalendarOverride.query(trx ?? db)
        .insert(input)
        .returning('*')
    },

    async deleteOverride(id: number, trx?: Knex): Promise<OverrideRow | undefined> {
      return atomically(trx, async (k) => {
        const row = await CalendarOverride.query(k).findById(id).forUpdate()
        if (row) await CalendarOverride.query(k).deleteById(id)
        return row
      })
    },
  }

  /** Throws 422 `unknown_service` naming the service ids of `items` that do not exist. */
  async function requireServices(k: Knex, items: readonly { service_id: number }[]) {
    const missing = await missingIds(
      k,
      'services',
      items.map((i) => i.service_id),
    )
    if (missing.length)
      throw invalid(`There is no service ${[...new Set(missing)].join(', ')}.`, 'unknown_service')
  }
}
