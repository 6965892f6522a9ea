// Users as the rest of the system sees them: lookups by id, e-mail, phone or Telegram id, creation
// with roles, and the one public shape of a user (never the password hash). Also the
// normalisation of e-mails and phones, so every entry point stores and finds them the same way.
import type { Knex } from 'knex'
import type { Role } from '../domain/roles.ts'
import { conflict } from '../domain/errors.ts'
import { normalizePhone as normalizeValidPhone, phoneForLookup } from '../domain/phone.ts'
import type { Db } from './db.ts'

export type Language = 'ru' | 'en'
export const LANGUAGES: readonly Language[] = ['ru', 'en']

/** What a user may see about themselves (and admins about anyone). */
export interface UserView {
  id: number
  name: string
  phone: string | null
  email: string | null
  tg_id: number | null
  tg_username: string | null
  language: Language
  roles: Role[]
  /** The user's specialist record, when they are a specialist. */
  specialist_id: number | null
}

export interface NewUser {
  name: string
  phone?: string | null
  email?: string | null
  passwordHash?: string | null
  language?: Language
  tgId?: number | null
  tgUsername?: string | null
}

export interface UserPatch {
  name?: string
  phone?: string | null
  email?: string | null
  language?: Language
  tgUsername?: string | null
}

/** A login identifier, already normalised. */
export type LoginId = { email: string } | { phone: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Trimmed and lower-cased; null when it does not look like an e-mail address. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase()
  return email.length <= 254 && EMAIL.test(email) ? email : null
}

/**
 * A valid number in E.164 (national forms such as 8 916 … are read in the company's country), or
 * null: every entry point that stores a phone goes through this (src/domain/phone.ts).
 */
export const normalizePhone = (input: string): string | null => normalizeValidPhone(input)

/** A login is an e-mail when it has an `@`, otherwise a phone; null when it is neither. */
export function parseLogin(login: string): LoginId | null {
  if (login.includes('@')) {
    const email = normalizeEmail(login)
    return email ? { email } : null
  }
  const phone = phoneForLookup(login)
  return phone ? { phone } : null
}

interface PgUniqueViolation {
  code: '23505'
  constraint?: string
}
const isUniqueViolation = (e: unknown): e is PgUniqueViolation =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

/** Turns a clash on a user's unique contact into the 409 a person can act on. */
function translateUnique(err: unknown): never {
  if (isUniqueViolation(err)) {
    const c = err.constraint ?? ''
    if (c.includes('email'))
      throw conflict('already_registered', 'This e-mail is already registered; log in or use another one.')
    if (c.includes('phone'))
      throw conflict(
        'already_registered',
        'This phone number is already registered; log in or use another one.',
      )
    if (c.includes('tg_id'))
      throw conflict('already_registered', 'This Telegram account is already registered.')
  }
  throw err
}

export function usersRepository(db: Db) {
  const viewQuery = (q: Knex) =>
    q('users as u').select(
      'u.id',
      'u.name',
      'u.phone',
      'u.email',
      'u.tg_id',
      'u.tg_username',
      'u.language',
      q.raw(
        `coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}') as roles`,
      ),
      q.raw('(select s.id from specialists s where s.user_id = u.id) as specialist_id'),
    )

  const repo = {
    async exists(id: number, trx?: Knex): Promise<boolean> {
      return !!(await (trx ?? db)('users').where({ id }).first('id'))
    },

    /** The specialist record of the user; null when they are not a specialist. */
    async specialistIdOf(userId: number, trx?: Knex): Promise<number | null> {
      return (
        ((await (trx ?? db)('specialists').where({ user_id: userId }).first('id'))?.id as
          number | undefined) ?? null
      )
    },

    /** The public shape of a user, with roles; undefined when there is no such user. */
    async findById(id: number, trx?: Knex): Promise<UserView | undefined> {
      return (await viewQuery(trx ?? db)
        .where('u.id', id)
        .first()) as UserView | undefined
    },

    async findIdByEmail(email: string, trx?: Knex): Promise<number | undefined> {
      const row = await (trx ?? db)('users').where({ email }).first('id')
      return row?.id as number | undefined
    },

    async findIdByPhone(phone: string, trx?: Knex): Promise<number | undefined> {
      const row = await (trx ?? db)('users').where({ phone }).first('id')
      return row?.id as number | undefined
    },

    async findIdByTgId(tgId: number, trx?: Knex): Promise<number | undefined> {
      const row = await (trx ?? db)('users').where({ tg_id: tgId }).first('id')
      return row?.id as number | undefined
    },

    /** The ways the user can log in, locked until `trx` ends (a change of them checks them first). */
    async lockLoginMethods(
      id: number,
      trx: Knex,
    ): Promise<
      | { password_hash: string | null; email: string | null; phone: string | null; tg_id: number | null }
      | undefined
    > {
      return trx('users').where({ id }).forUpdate().first('password_hash', 'email', 'phone', 'tg_id')
    },

    /**
     * Links a Telegram account to the user, or unlinks it (null). Only here and at registration is
     * tg_id written; a Telegram id another user has fails with PostgreSQL's unique violation.
     */
    async setTelegram(
      id: number,
      tg: { id: number; username?: string | null } | null,
      trx?: Knex,
    ): Promise<void> {
      const k = trx ?? db
      await k('users')
        .where({ id })
        .update({ tg_id: tg ? tg.id : null, tg_username: tg ? tg.username : null, updated_at: k.fn.now() })
    },

    /** The id and password hash behind a login (the hash is null for Telegram-only users). */
    async findCredentials(
      login: LoginId,
      trx?: Knex,
    ): Promise<{ id: number; password_hash: string | null } | undefined> {
      return (trx ?? db)('users')
        .where('email' in login ? { email: login.email } : { phone: login.phone })
        .first('id', 'password_hash')
    },

    /**
     * Inserts a user and their roles (in `trx`, or in a transaction of its own). A taken e-mail,
     * phone or Telegram id gives 409 `already_registered`.
     */
    async create(user: NewUser, roles: readonly Role[], trx?: Knex): Promise<number> {
      const run = async (t: Knex) => {
        const [row] = await t('users')
          .insert({
            name: user.name,
            phone: user.phone ?? null,
            email: user.email ?? null,
            password_hash: user.passwordHash ?? null,
            language: user.language ?? 'ru',
            tg_id: user.tgId ?? null,
            tg_username: user.tgUsername ?? null,
          })
          .returning('id')
          .catch(translateUnique)
        const id = (row as { id: number }).id
        if (roles.length) await t('user_roles').insert(roles.map((role) => ({ user_id: id, role })))
        return id
      }
      return trx ? run(trx) : db.transaction(run)
    },

    /** Changes the given fields; a taken e-mail or phone gives 409 `already_registered`. */
    async update(id: number, patch: UserPatch, trx?: Knex): Promise<void> {
      const fields: Record<string, unknown> = {}
      if (patch.name !== undefined) fields.name = patch.name
      if (patch.phone !== undefined) fields.phone = patch.phone
      if (patch.email !== undefined) fields.email = patch.email
      if (patch.language !== undefined) fields.language = patch.language
      if (patch.tgUsername !== undefined) fields.tg_username = patch.tgUsername
      if (Object.keys(fields).length === 0) return
      const q = trx ?? db
      await q('users')
        .where({ id })
        .update({ ...fields, updated_at: q.fn.now() })
        .catch(translateUnique)
    },
  }
  return repo
}

export type UsersRepository = ReturnType<typeof usersRepository>
