// Small builders of rows for tests. They write straight to the database: tests of a route build
// what the route needs with these and exercise only the route itself.
import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/data/db.ts'
import type { Role } from '../../src/api/plugins/auth.ts'
import { createSession } from '../../src/data/sessions-repository.ts'

export async function createUser(db: Db, roles: Role[] = ['client'], fields: Record<string, unknown> = {}) {
  const [user] = await db('users')
    .insert({ name: `User ${randomBytes(3).toString('hex')}`, ...fields })
    .returning(['id', 'name'])
  if (roles.length) await db('user_roles').insert(roles.map((role) => ({ user_id: user.id, role })))
  const token = await createSession(db, user.id, 1)
  return {
    id: user.id as number,
    name: user.name as string,
    token,
    headers: { authorization: `Bearer ${token}` },
  }
}

export const weekdays = (intervals: [string, string][]) =>
  Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, intervals]))

export async function createLocation(db: Db, fields: Record<string, unknown> = {}) {
  const [row] = await db('locations')
    .insert({
      name: 'Main',
      timezone: 'Europe/Moscow',
      work_schedule: JSON.stringify(weekdays([['09:00', '21:00']])),
      ...fields,
    })
    .returning('*')
  return row as { id: number; timezone: string }
}

export async function createService(db: Db, fields: Record<string, unknown> = {}) {
  const [row] = await db('services')
    .insert({ name: 'Haircut', duration_minutes: 60, break_minutes: 15, price: 150000, ...fields })
    .returning('*')
  return row as { id: number; duration_minutes: number; break_minutes: number; price: number }
}

export async function createSpecialist(
  db: Db,
  locationId: number,
  serviceIds: number[] = [],
  fields: Record<string, unknown> = {},
) {
  const user = await createUser(db, ['specialist'])
  const [row] = await db('specialists')
    .insert({
      user_id: user.id,
      location_id: locationId,
      work_schedule: JSON.stringify(weekdays([['10:00', '19:00']])),
      ...fields,
    })
    .returning('*')
  if (serviceIds.length)
    await db('specialist_services').insert(
      serviceIds.map((service_id) => ({ specialist_id: row.id, service_id })),
    )
  return { ...(row as { id: number; location_id: number }), user }
}

export async function createCompany(db: Db, settings: Record<string, unknown> = {}) {
  await db('company')
    .insert({ id: 1, name: 'Test salon', settings: JSON.stringify({ min_lead_minutes: 0, ...settings }) })
    .onConflict('id')
    .merge()
}

/** A salon with one location, one service and `n` specialists who perform it, and a client. */
export async function createWorld(
  db: Db,
  opts: {
    zone?: string
    n?: number
    service?: Record<string, unknown>
    settings?: Record<string, unknown>
  } = {},
) {
  await createCompany(db, opts.settings)
  const location = await createLocation(db, { timezone: opts.zone ?? 'Europe/Moscow' })
  const service = await createService(db, opts.service)
  const specialists = []
  for (let i = 0; i < (opts.n ?? 1); i++)
    specialists.push(await createSpecialist(db, location.id, [service.id]))
  const client = await createUser(db, ['client'])
  return { location, service, specialists, specialist: specialists[0]!, client }
}

/**
 * Pairs of active bookings that overlap: a specialist held twice (start → busy_until, i.e. with the
 * break) or a room held twice (start → end). Empty when the schedule is sound.
 */
export async function overlappingBookings(db: Db) {
  const { rows } = await db.raw(`
    select 'specialist' as kind, a.id as a, b.id as b
      from bookings a
      join bookings b on a.id < b.id and a.specialist_id = b.specialist_id
       and tstzrange(a.starts_at, a.busy_until) && tstzrange(b.starts_at, b.busy_until)
     where a.status not in ('cancelled', 'rejected') and b.status not in ('cancelled', 'rejected')
    union all
    select 'room', a.id, b.id
      from bookings a
      join bookings b on a.id < b.id and a.room_id = b.room_id
       and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
     where a.status not in ('cancelled', 'rejected') and b.status not in ('cancelled', 'rejected')`)
  return rows as { kind: 'specialist' | 'room'; a: number; b: number }[]
}

/** Gives the client a wallet holding `amount` (a deposit through the ledger, as in production). */
export async function createWallet(db: Db, clientId: number, amount: number) {
  await db('client_wallets').insert({ client_id: clientId }).onConflict('client_id').ignore()
  await db('wallet_transactions').insert({ client_id: clientId, kind: 'deposit', amount, comment: 'test' })
}

/** A room at the location that the service needs (a service with rooms always needs one). */
export async function createRoom(db: Db, locationId: number, serviceIds: number[] = []) {
  const [room] = await db('rooms')
    .insert({ location_id: locationId, name: `Room ${randomBytes(3).toString('hex')}` })
    .returning('*')
  if (serviceIds.length)
    await db('service_rooms').insert(serviceIds.map((service_id) => ({ service_id, room_id: room.id })))
  return room as { id: number; location_id: number }
}
