// Passwords and invitations: the stored password hash of a user, its change (which ends the user's
// other sessions), and one-time invitation codes, stored as their SHA-256 only.
import { createHash, randomInt } from 'node:crypto'
import type { Knex } from 'knex'

/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** 16 characters: 80 bits, beyond guessing even offline from a leaked hash within its lifetime. */
const CODE_LENGTH = 16

/** A new code, grouped in fours for reading: `7K3Q-…`. */
export function newInvitationCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!)
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-')
}

/**
 * The canonical form of a typed code: case, spaces and dashes ignored, and the letters people
 * confuse with digits read as those digits (as Crockford's base 32 does).
 */
export function canonicalCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0')
}

export const codeHash = (code: string) => createHash('sha256').update(canonicalCode(code)).digest('hex')

export interface InvitationRow {
  id: number
  user_id: number
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
}

export function createCredentialsRepository(knex: Knex) {
  return {
    async passwordHash(userId: number, trx?: Knex): Promise<string | null> {
      const row = await (trx ?? knex)('users').where({ id: userId }).first('password_hash')
      return (row?.password_hash as string | null | undefined) ?? null
    },

    /** Sets the password and ends every session of the user but `keepSessionId`; returns how many. */
    async setPassword(
      userId: number,
      hash: string,
      keepSessionId: number | null,
      trx: Knex,
    ): Promise<number> {
      await trx('users').where({ id: userId }).update({ password_hash: hash })
      const sessions = trx('sessions').where({ user_id: userId }).whereNull('revoked_at')
      if (keepSessionId !== null) sessions.whereNot({ id: keepSessionId })
      return sessions.update({ revoked_at: trx.fn.now() })
    },

    /** A new invitation for the user, valid `days`; the user's open ones are revoked. */
    async invite(userId: number, createdBy: number, days: number, trx: Knex) {
      await trx('invitations')
        .where({ user_id: userId })
        .whereNull('used_at')
        .whereNull('revoked_at')
        .update({ revoked_at: trx.fn.now() })
      const code = newInvitationCode()
      const [row] = await trx('invitations')
        .insert({
          user_id: userId,
          code_hash: codeHash(code),
          created_by: createdBy,
          expires_at: trx.raw(`now() + make_interval(days => ?)`, [days]),
        })
        .returning(['id', 'expires_at'])
      return { code, id: row.id as number, expiresAt: row.expires_at as Date }
    },

    /** The invitation a code names, locked for the transaction that uses it. */
    async findForUse(code: string, trx: Knex): Promise<InvitationRow | undefined> {
      return trx('invitations')
        .where({ code_hash: codeHash(code) })
        .forUpdate()
        .first('id', 'user_id', 'expires_at', 'used_at', 'revoked_at')
    },

    async markUsed(id: number, trx: Knex) {
      await trx('invitations').where({ id }).update({ used_at: trx.fn.now() })
    },
  }
}
