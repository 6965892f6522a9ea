// Password hashing with argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
import { Algorithm, hash, verify } from '@node-rs/argon2'

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string) => hash(password, OPTIONS)

export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  // Users without a password (Telegram-only) still cost one hash, so timing does not reveal them.
  if (!stored) {
    await hash(password, OPTIONS)
    return false
  }
  return verify(stored, password).catch(() => false)
}
