// Linking a web account to Telegram with a one-time code (docs/product.md §7): the code a user
// asks for in the web profile (one open per user, stored as its SHA-256, deleted once used), and
// what the Telegram account's current owner holds, so that an account the bot created on first
// contact and never used can give its tg_id up and disappear.
import { randomInt } from 'node:crypto'
import type { Knex } from 'knex'
import { codeHash } from './credentials-repository.ts'
import type { Db } from './db.ts'

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505'

/** Crockford's base 32 (no I, L, O, U), as invitations use; read back by `canonicalCode`. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/**
 * 8 characters, 40 bits: short enough to type from a screen into Telegram, and with the attempts
 * per Telegram account limited and a life of minutes, beyond guessing.
 */
const LENGTH = 8

/** A new code, shown as two groups of four: `7K3Q-9XWM`. */
export function newLinkCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!)
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

export interface LinkCodeRow {
  user_id: number
  expires_at: Date
}

/** What an account holds that linking must not throw away (each a count). */
export interface Holdings {
  bookings: number
  wallet: number
  packages: number
  discounts: number
  pending: number
}

export interface TelegramOwner {
  id: number
  /** Someone can log in to it without Telegram, or it is more than a client: a person's account. */
  real: boolean
  holdings: Holdings
}

export function telegramLinksRepository(db: Db) {
  return {
    /**
     * A new code for the user, valid `minutes`; it replaces the user's earlier one. Codes expired
     * for a day are swept on the way (until then the use of one is answered "expired"). Runs on
     * the pool, outside any transaction, so that a clash of hashes can be retried.
     */
    async issue(userId: number, minutes: number): Promise<{ code: string; expiresAt: Date }> {
      const k = db
      await k('telegram_link_codes').where('expires_at', '<', k.raw(`now() - interval '1 day'`)).delete()
      // Two open codes with the same hash are a 1 in 2^40 event per pair: another draw settles it.
      for (let attempt = 0; ; attempt++) {
        const code = newLinkCode()
        try {
          const [row] = await k('telegram_link_codes')
            .insert({
              user_id: userId,
              code_hash: codeHash(code),
              created_at: k.fn.now(),
              expires_at: k.raw(`now() + make_interval(mins => ?)`, [minutes]),
            })
            .onConflict('user_id')
            .merge(['code_hash', 'created_at', 'expires_at'])
            .returning('expires_at')
          return { code, expiresAt: row.expires_at as Date }
        } catch (err) {
          if (attempt >= 3 || !isUniqueViolation(err)) throw err
        }
      }
    },

    /** The code's row, locked until `trx` ends; undefined for a code nobody holds. */
    async findForUse(code: string, trx: Knex): Promise<LinkCodeRow | undefined> {
      return trx('telegram_link_codes')
        .where({ code_hash: codeHash(code) })
        .forUpdate()
        .first('user_id', 'expires_at')
    },

    /** Uses the user's code up. */
    async consume(userId: number, trx: Knex): Promise<void> {
      await trx('telegram_link_codes').where({ user_id: userId }).delete()
    },

    /** The user who has this Telegram account, locked until `trx` ends, with what they hold. */
    async ownerOf(tgId: number, trx: Knex): Promise<TelegramOwner | undefined> {
      const row = (await trx('users as u')
        .where('u.tg_id', tgId)
        .forUpdate()
        .first(
          'u.id',
          trx.raw(
            `(u.password_hash is not null or u.email is not null or u.phone is not null
              or exists (select 1 from user_roles r where r.user_id = u.id and r.role <> 'client')
              or exists (select 1 from specialists s where s.user_id = u.id)) as real`,
          ),
          trx.raw('(select count(*)::int from bookings b where b.client_id = u.id) as bookings'),
          trx.raw('(select count(*)::int from client_wallets w where w.client_id = u.id) as wallet'),
          trx.raw('(select count(*)::int from client_packages p where p.client_id = u.id) as packages'),
          trx.raw('(select count(*)::int from client_discounts d where d.client_id = u.id) as discounts'),
          trx.raw(
            `(select count(*)::int from intents i where i.user_id = u.id and i.status = 'pending') as pending`,
          ),
        )) as ({ id: number; real: boolean } & Holdings) | undefined
      if (!row) return undefined
      const { id, real, ...holdings } = row
      return { id, real, holdings }
    },

    /**
     * Removes an account the bot created that holds nothing (its sessions, roles and records go
     * with it). Bookings, wallets and packages refer to users with ON DELETE RESTRICT, so an account
     * that gained one after the check cannot be removed by mistake: the statement fails instead.
     */
    async removeShadow(userId: number, trx: Knex): Promise<void> {
      await trx('users').where({ id: userId }).delete()
    },
  }
}

export type TelegramLinksRepository = ReturnType<typeof telegramLinksRepository>
