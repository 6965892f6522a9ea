// Clients in PostgreSQL: users who hold the 'client' role. Search, read, create (with no
// password: they log in later through Telegram or by setting one) and edit their profile.
import type { Knex } from 'knex'
import { isoInZone } from '../domain/dates.ts'
import { User, UserRole, type RoleName } from './models/index.ts'
import { companyColumn } from './company-repository.ts'

export interface ClientRow {
  id: number
  name: string
  phone: string | null
  email: string | null
  tg_id: number | null
  tg_username: string | null
  birth_date: string | null
  gender: 'female' | 'male' | 'other' | null
  notes: string | null
  language: 'ru' | 'en'
  roles: RoleName[]
  /** ISO 8601 with the offset of the company's zone (a client belongs to no one location). */
  created_at: string
}

export interface ClientInput {
  name: string
  phone?: string | null
  email?: string | null
  birth_date?: string | null
  gender?: 'female' | 'male' | 'other' | null
  notes?: string | null
  language?: 'ru' | 'en'
}

export interface ClientSearch {
  /** Matched against name and e-mail (substring, any case) and the digits of the phone number. */
  q?: string
  limit: number
  offset: number
}

const COLUMNS = [
  'users.id',
  'users.name',
  'users.phone',
  'users.email',
  'users.tg_id',
  'users.tg_username',
  'users.birth_date',
  'users.gender',
  'users.notes',
  'users.language',
  'users.created_at',
] as const

/** `q` as a LIKE pattern matching it literally anywhere. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export type ClientsRepository = ReturnType<typeof createClientsRepository>

export function createClientsRepository(db: Knex) {
  const clients = (k: Knex) =>
    User.query(k)
      .select(
        ...COLUMNS,
        k.raw('array(select r.role from user_roles r where r.user_id = users.id order by r.role) as roles'),
        k.raw(`${companyColumn('timezone')} as zone`),
      )
      .whereExists(
        UserRole.query(k).whereColumn('user_roles.user_id', 'users.id').where('user_roles.role', 'client'),
      )

  const present = ({ zone, created_at, ...row }: Record<string, unknown>) =>
    ({ ...row, created_at: isoInZone(created_at as Date, zone as string) }) as ClientRow

  async function getClient(id: number, trx?: Knex): Promise<ClientRow | undefined> {
    const row = await clients(trx ?? db).findById(id)
    return row && present(row as unknown as Record<string, unknown>)
  }

  return {
    async searchClients(search: ClientSearch, trx?: Knex): Promise<{ items: ClientRow[]; total: number }> {
      const k = trx ?? db
      const q = clients(k)
      const text = search.q?.trim()
      if (text) {
        const digits = text.replace(/\D/g, '')
        q.where((w) => {
          w.where('users.name', 'ilike', contains(text)).orWhere('users.email', 'ilike', contains(text))
          // Phones are stored as +79991234567: match on digits, so "8 999 123" style input finds them.
          if (digits.length >= 3) w.orWhere('users.phone', 'like', contains(digits))
          // A Russian number typed in its national form ("8 916 123…") starts with 8 where the stored
          // form has +7, so its digits appear nowhere in it: match it as the start of +7….
          if (/^8[\d\s\-().]*$/.test(text) && digits.length >= 4) {
            w.orWhere('users.phone', 'like', `+7${digits.slice(1)}%`)
          }
        })
      }
      const page = () =>
        q.clone().orderBy(['users.name', 'users.id']).limit(search.limit).offset(search.offset)
      const count = () => q.clone().resultSize()
      // On the pool the two take a connection each; a transaction runs one statement at a time.
      const [items, total] = trx ? [await page(), await count()] : await Promise.all([page(), count()])
      return { items: (items as unknown as Record<string, unknown>[]).map(present), total }
    },

    getClient,

    /** Creates a user with the 'client' role and no password. */
    async createClient(input: ClientInput, trx?: Knex): Promise<ClientRow> {
      const run = async (k: Knex) => {
        const user = await User.query(k).insert(input).returning('id')
        await UserRole.query(k).insert({ user_id: user.id, role: 'client' })
        return (await getClient(user.id, k))!
      }
      return trx ? run(trx) : db.transaction(run)
    },

    /** Edits a client's profile; undefined when there is no such client. */
    async updateClient(id: number, patch: Partial<ClientInput>, trx?: Knex): Promise<ClientRow | undefined> {
      const run = async (k: Knex) => {
        const existing = await clients(k).findById(id).forUpdate()
        if (!existing) return undefined
        if (Object.keys(patch).length) await User.query(k).patch(patch).where('id', id)
        return getClient(id, k)
      }
      return trx ? run(trx) : db.transaction(run)
    },
  }
}
