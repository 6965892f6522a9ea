// The client of each booking, as the people who serve them need it: a name to greet and a phone to
// call. Only added to answers whose reader may see the client (the client themselves, the booking's
// specialist, an admin): the booking routes decide who reads what.
import type { Knex } from 'knex'

export interface BookingClient {
  id: number
  name: string
  phone: string | null
}

/** The bookings with `client` added, in one query for the whole list. */
export async function withClients<B extends { client_id: number }>(
  knex: Knex,
  bookings: B[],
): Promise<(B & { client: BookingClient })[]> {
  const ids = [...new Set(bookings.map((b) => b.client_id))]
  const rows: BookingClient[] = ids.length
    ? await knex('users').whereIn('id', ids).select('id', 'name', 'phone')
    : []
  const byId = new Map(rows.map((r) => [r.id, r]))
  return bookings.map((b) => ({
    ...b,
    client: byId.get(b.client_id) ?? { id: b.client_id, name: '', phone: null },
  }))
}

/** One booking with `client` added (undefined stays undefined). */
export async function withClient<B extends { client_id: number }>(knex: Knex, booking: B | undefined) {
  return booking ? (await withClients(knex, [booking]))[0] : undefined
}
