// Password hashing with argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2'

// `Algorithm` is a const enum, which isolated modules cannot read: 2 is its Argon2id.
const ARGON2ID = 2
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  // Users without a password (Telegram-only) still cost one hash, so timing does not reveal them.
  if (!stored) {
    await hash(password, OPTIONS)
    return false
  }
  return verify(stored, password).catch(() => false)
}
