// Deleting something that other records refer to: every DELETE route, each with an entity in use,
// answers 409 `in_use` naming what refers to it and what to do instead, and deletes nothing.
import { describe, expect, it } from 'vitest'
import { fromPgError } from '../../src/data/pg-errors.ts'
import { adminSuite } from '../helpers/admin-suite.ts'
import {
  createRoom,
  createService,
  createSpecialist,
  createUser,
  createLocation,
} from '../helpers/fixtures.ts'
import { listRoutes } from '../helpers/routes.ts'

const suite = adminSuite()
const { call } = suite

let hour = 0
/** A future booking of `specialist` (each one an hour after the last, so that none overlap). */
async function book(f: {
  clientId: number
  specialistId: number
  serviceId: number
  locationId: number
  roomId?: number
}) {
  const start = new Date(Date.UTC(2031, 0, 6, 6) + hour++ * 3600_000)
  const end = new Date(start.getTime() + 3600_000)
  const [row] = await suite.env
    .db('bookings')
    .insert({
      client_id: f.clientId,
      specialist_id: f.specialistId,
      service_id: f.serviceId,
      location_id: f.locationId,
      room_id: f.roomId ?? null,
      starts_at: start,
      duration_minutes: 60,
      ends_at: end,
      busy_until: end,
      price: 100,
      base_price: 100,
    })
    .returning('id')
  return row.id as number
}

/** Each DELETE route with an entity in use: its URL, the table row that must survive, the answer. */
interface Case {
  route: string
  setup: () => Promise<{ url: string; table: string; id: number; message?: RegExp; inUseBy?: object }>
}

const cases: Case[] = [
  {
    route: 'DELETE /api/admin/service-categories/:id',
    setup: async () => {
      const db = suite.env.db
      const [cat] = await db('service_categories').insert({ name: 'Стрижки' }).returning('id')
      await db('services')
        .where({ id: (await createService(db)).id })
        .update({ category_id: cat.id })
      return {
        url: `/api/admin/service-categories/${cat.id}`,
        table: 'service_categories',
        id: cat.id,
        message: new RegExp(`^Category ${cat.id} still has 1 service; move its services`),
        inUseBy: { services: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/locations/:id',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const svc = await createService(db)
      await createRoom(db, loc.id)
      await createRoom(db, loc.id)
      const sp = await createSpecialist(db, loc.id, [svc.id])
      await createSpecialist(db, loc.id)
      const client = await createUser(db)
      await book({ clientId: client.id, specialistId: sp.id, serviceId: svc.id, locationId: loc.id })
      return {
        url: `/api/admin/locations/${loc.id}`,
        table: 'locations',
        id: loc.id,
        message: new RegExp(
          `^Location ${loc.id} still has 2 rooms, 2 specialists and 1 booking; deactivate it instead \\(PATCH \\{"active": false\\}\\)\\.$`,
        ),
        inUseBy: { rooms: 2, specialists: 2, bookings: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/locations/:id',
    setup: async () => {
      // Only a specialist: the case that answered 500 on PostgreSQL 18.
      const loc = await createLocation(suite.env.db)
      await createSpecialist(suite.env.db, loc.id)
      return {
        url: `/api/admin/locations/${loc.id}`,
        table: 'locations',
        id: loc.id,
        message: new RegExp(`^Location ${loc.id} still has 1 specialist; deactivate it instead`),
        inUseBy: { specialists: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/rooms/:id',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const svc = await createService(db)
      const sp = await createSpecialist(db, loc.id, [svc.id])
      const room = await createRoom(db, loc.id)
      const client = await createUser(db)
      await book({
        clientId: client.id,
        specialistId: sp.id,
        serviceId: svc.id,
        locationId: loc.id,
        roomId: room.id,
      })
      return {
        url: `/api/admin/rooms/${room.id}`,
        table: 'rooms',
        id: room.id,
        message: new RegExp(`^Room ${room.id} still has 1 booking; deactivate it instead`),
        inUseBy: { bookings: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/rooms/:id',
    setup: async () => {
      const loc = await createLocation(suite.env.db)
      const svc = await createService(suite.env.db)
      const room = await createRoom(suite.env.db, loc.id, [svc.id])
      return {
        url: `/api/admin/rooms/${room.id}`,
        table: 'rooms',
        id: room.id,
        message: new RegExp(
          `^Room ${room.id} is used by service\\(s\\) ${svc.id}; remove it from them first`,
        ),
        inUseBy: { services: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/services/:id',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const svc = await createService(db)
      const sp = await createSpecialist(db, loc.id, [svc.id])
      const client = await createUser(db)
      await book({ clientId: client.id, specialistId: sp.id, serviceId: svc.id, locationId: loc.id })
      await book({ clientId: client.id, specialistId: sp.id, serviceId: svc.id, locationId: loc.id })
      return {
        url: `/api/admin/services/${svc.id}`,
        table: 'services',
        id: svc.id,
        message: new RegExp(`^Service ${svc.id} still has 2 bookings; deactivate it instead`),
        inUseBy: { bookings: 2 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/services/:id',
    setup: async () => {
      // A bought package holds visits of the service (its definition was changed since).
      const db = suite.env.db
      const svc = await createService(db)
      const other = await createService(db)
      const [pkg] = await db('service_packages')
        .insert({
          name: 'P',
          price: 1,
          composition: JSON.stringify({ items: [{ service_id: other.id, count: 1 }], valid_days: 30 }),
        })
        .returning('id')
      const client = await createUser(db)
      const [cp] = await db('client_packages')
        .insert({
          client_id: client.id,
          service_package_id: pkg.id,
          price_paid: 1,
          expires_at: new Date(Date.now() + 86400_000),
        })
        .returning('id')
      await db('client_package_items').insert({
        client_package_id: cp.id,
        service_id: svc.id,
        total: 1,
        remaining: 1,
      })
      return {
        url: `/api/admin/services/${svc.id}`,
        table: 'services',
        id: svc.id,
        message: new RegExp(`^Service ${svc.id} still has 1 client's package; deactivate it instead`),
        inUseBy: { client_packages: 1 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/packages/:id',
    setup: async () => {
      const db = suite.env.db
      const svc = await createService(db)
      const [pkg] = await db('service_packages')
        .insert({
          name: 'P',
          price: 1,
          composition: JSON.stringify({ items: [{ service_id: svc.id, count: 1 }], valid_days: 30 }),
        })
        .returning('id')
      for (const _ of [1, 2]) {
        const client = await createUser(db)
        await db('client_packages').insert({
          client_id: client.id,
          service_package_id: pkg.id,
          price_paid: 1,
          expires_at: new Date(Date.now() + 86400_000),
        })
      }
      return {
        url: `/api/admin/packages/${pkg.id}`,
        table: 'service_packages',
        id: pkg.id,
        message: new RegExp(
          `^Package ${pkg.id} was bought 2 times; withdraw it from sale instead \\(PATCH \\{"active": false\\}\\)\\.$`,
        ),
        inUseBy: { client_packages: 2 },
      }
    },
  },
  {
    route: 'DELETE /api/admin/specialists/:id',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const svc = await createService(db)
      const sp = await createSpecialist(db, loc.id, [svc.id])
      const client = await createUser(db)
      await book({ clientId: client.id, specialistId: sp.id, serviceId: svc.id, locationId: loc.id })
      return {
        url: `/api/admin/specialists/${sp.id}`,
        table: 'specialists',
        id: sp.id,
        message: new RegExp(
          `^Specialist ${sp.id} still has 1 booking; retire them instead \\(PATCH \\{"active": false\\}\\)`,
        ),
        inUseBy: { bookings: 1 },
      }
    },
  },
]

/**
 * DELETE routes whose entity nothing can refer to, or whose refusal is not `in_use`: they are
 * walked below only for "no 5xx".
 */
const unreferenced: Case[] = [
  {
    // Nothing refers to an override.
    route: 'DELETE /api/admin/overrides/:id',
    setup: async () => {
      const loc = await createLocation(suite.env.db)
      const [o] = await suite.env
        .db('calendar_overrides')
        .insert({
          location_id: loc.id,
          date_from: '2031-01-01',
          date_to: '2031-01-01',
          kind: 'closed',
          intervals: '[]',
        })
        .returning('id')
      return { url: `/api/admin/overrides/${o.id}`, table: 'calendar_overrides', id: o.id }
    },
  },
  {
    // A discount that priced a booking: its own rules (kept or refused), never a 500.
    route: 'DELETE /api/admin/discounts/:id',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const svc = await createService(db)
      const sp = await createSpecialist(db, loc.id, [svc.id])
      const client = await createUser(db)
      const [d] = await db('client_discounts')
        .insert({ client_id: client.id, kind: 'fixed', value: 10 })
        .returning('id')
      const bookingId = await book({
        clientId: client.id,
        specialistId: sp.id,
        serviceId: svc.id,
        locationId: loc.id,
      })
      await db('booking_discounts').insert({ booking_id: bookingId, client_discount_id: d.id, amount: 10 })
      return { url: `/api/admin/discounts/${d.id}`, table: 'client_discounts', id: d.id }
    },
  },
  {
    // A specialist's own block: nothing refers to it either (tested in specialist-blocks.test.ts).
    route: 'DELETE /api/me/blocks/:id',
    setup: async () => ({ url: '', table: '', id: 0 }),
  },
  {
    route: 'DELETE /api/me/telegram',
    setup: async () => ({ url: '', table: '', id: 0 }),
  },
  {
    // Revokes the caller's own feed token (tested in calendar-feed.test.ts).
    route: 'DELETE /api/me/calendar-feed',
    setup: async () => ({ url: '', table: '', id: 0 }),
  },
  {
    // Forgets the caller's own browser subscription (tested in push-subscriptions.test.ts).
    route: 'DELETE /api/me/push-subscriptions',
    setup: async () => ({ url: '', table: '', id: 0 }),
  },
  {
    // A photo: nothing refers to it (tested in specialist-photos.test.ts).
    route: 'DELETE /api/admin/specialists/:id/photo',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const sp = await createSpecialist(db, loc.id, [(await createService(db)).id])
      return { url: `/api/admin/specialists/${sp.id}/photo`, table: '', id: 0 }
    },
  },
  {
    // An import's blocks are overrides, which nothing refers to (tested in calendar-import.test.ts).
    route: 'DELETE /api/admin/specialists/:id/calendar-import/:source',
    setup: async () => {
      const db = suite.env.db
      const loc = await createLocation(db)
      const sp = await createSpecialist(db, loc.id, [(await createService(db)).id])
      return { url: `/api/admin/specialists/${sp.id}/calendar-import/work`, table: '', id: 0 }
    },
  },
]

describe('deleting what is in use', () => {
  it.each(cases.map((c, i) => [`${c.route} #${i}`, c] as const))(
    '%s answers 409 in_use naming what refers to it, and deletes nothing',
    async (_name, c) => {
      const { url, table, id, message, inUseBy } = await c.setup()
      const res = await call('DELETE', url)
      expect(res.statusCode, res.body).toBe(409)
      expect(res.json()).toEqual({
        error: 'in_use',
        message: expect.stringMatching(message!),
        in_use_by: inUseBy,
      })
      expect(await suite.env.db(table).where({ id }).first()).toBeDefined()
    },
  )

  it.each(
    unreferenced.filter((c) => c.route.startsWith('DELETE /api/admin')).map((c) => [c.route, c] as const),
  )('%s of a referenced entity never answers 5xx', async (_name, c) => {
    const { url } = await c.setup()
    const res = await call('DELETE', url)
    expect(res.statusCode, res.body).toBeLessThan(500)
  })

  it('covers every DELETE route the API registers', async () => {
    const deletes = (await listRoutes(suite.env)).filter((r) => r.method === 'DELETE').map((r) => r.key)
    const covered = new Set([...cases, ...unreferenced].map((c) => c.route))
    expect(deletes.filter((k) => !covered.has(k))).toEqual([])
  })

  it('maps a restrict violation of PostgreSQL 18 (23001) to 409 in_use, like 23503', () => {
    for (const err of [
      { code: '23001', detail: 'Key (id)=(1) is referenced from table "specialists".', message: 'x' },
      { code: '23503', detail: 'Key (id)=(1) is still referenced from table "rooms".', message: 'x' },
    ]) {
      expect(fromPgError(err)).toMatchObject({ status: 409, code: 'in_use' })
      expect(fromPgError({ nativeError: err })).toMatchObject({ status: 409, code: 'in_use' })
    }
    const missing = {
      code: '23503',
      detail: 'Key (location_id)=(9) is not present in table "locations".',
      message: 'x',
    }
    expect(fromPgError(missing)).toMatchObject({ status: 422, code: 'unknown_reference' })
  })
})
