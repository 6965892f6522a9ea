// Inviting a specialist: an admin creates one (no password), asks for a one-time code, and the
// specialist sets a password with it and is logged in; a used, replaced or expired code is refused
// in words, and only the code's hash is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { codeHash } from '../../src/data/credentials-repository.ts'
import { createTestEnv, type TestEnv } from '../helpers/harness.ts'
import { createLocation, createUser } from '../helpers/fixtures.ts'

let env: TestEnv
let app: FastifyInstance
let admin: Awaited<ReturnType<typeof createUser>>
let locationId: number
beforeAll(async () => {
  env = await createTestEnv({ CORS_ORIGINS: 'https://salon.example.test' })
  app = await env.app()
  admin = await createUser(env.db, ['admin'])
  locationId = (await createLocation(env.db)).id
}, 60_000)
afterAll(async () => env?.close())

async function newSpecialist(fields: Record<string, string> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/specialists',
    headers: admin.headers,
    payload: { name: 'Olga', location_id: locationId, ...fields },
  })
  expect(res.statusCode).toBe(201)
  return res.json() as { id: number; user_id: number }
}
const invite = (specialistId: number) =>
  app.inject({
    method: 'POST',
    url: `/api/admin/specialists/${specialistId}/invitation`,
    headers: admin.headers,
  })
const accept = (payload: object) => app.inject({ method: 'POST', url: '/api/auth/invitation', payload })

describe('specialist invitations', () => {
  it('lets a specialist an admin created set a password with the code and log in', async () => {
    const s = await newSpecialist({ email: 'olga@example.test' })
    // Before: no password, so no way in.
    const before = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'olga@example.test', password: 'olga-password' },
    })
    expect(before.statusCode).toBe(401)

    const res = await invite(s.id)
    expect(res.statusCode).toBe(201)
    const inv = res.json()
    expect(inv.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    expect(inv.url).toBe(`https://salon.example.test/invite#code=${inv.code}`)
    expect(inv.expires_at).toMatch(/\+03:00$/)
    const days = (Date.parse(inv.expires_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.9)
    expect(days).toBeLessThanOrEqual(7)
    // Only the hash is stored.
    const row = await env.db('invitations').where({ user_id: s.user_id }).first()
    expect(row.code_hash).toBe(codeHash(inv.code))
    expect(JSON.stringify(row)).not.toContain(inv.code.replace(/-/g, ''))

    // Typed by hand: lower case, no dashes.
    const used = await accept({ code: inv.code.replace(/-/g, '').toLowerCase(), password: 'olga-password' })
    expect(used.statusCode).toBe(200)
    expect(used.json().user).toMatchObject({ id: s.user_id, roles: ['specialist'], specialist_id: s.id })
    const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${used.json().token}` } })
    expect(me.json().specialist_id).toBe(s.id)
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'olga@example.test', password: 'olga-password' },
    })
    expect(login.statusCode).toBe(200)

    const again = await accept({ code: inv.code, password: 'another-password' })
    expect(again.statusCode).toBe(410)
    expect(again.json()).toMatchObject({ error: 'invitation_used' })
    expect(again.json().message).toContain('log in')
  })

  it('takes a missing e-mail or phone with the password, and needs one of them', async () => {
    const s = await newSpecialist()
    const code = (await invite(s.id)).json().code as string
    const none = await accept({ code, password: 'nina-password' })
    expect(none.statusCode).toBe(422)
    expect(none.json().error).toBe('contact_required')
    const withPhone = await accept({ code, password: 'nina-password', phone: '+7 916 123-45-67' })
    expect(withPhone.statusCode).toBe(200)
    expect(withPhone.json().user.phone).toBe('+79161234567')
  })

  it('refuses an unknown, a replaced and an expired code in words, and a code for nobody', async () => {
    const unknown = await accept({ code: 'AAAA-BBBB-CCCC-DDDD', password: 'some-password' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toBe('invitation_not_found')

    const s = await newSpecialist({ email: 'vera@example.test' })
    const first = (await invite(s.id)).json().code as string
    const second = (await invite(s.id)).json().code as string
    const replaced = await accept({ code: first, password: 'vera-password' })
    expect(replaced.statusCode).toBe(410)
    expect(replaced.json().error).toBe('invitation_revoked')

    await env
      .db('invitations')
      .where({ code_hash: codeHash(second) })
      .update({
        created_at: env.db.raw(`now() - interval '8 days'`),
        expires_at: env.db.raw(`now() - interval '1 day'`),
      })
    const expired = await accept({ code: second, password: 'vera-password' })
    expect(expired.statusCode).toBe(410)
    expect(expired.json().error).toBe('invitation_expired')
    // Nothing was set by the refusals.
    expect((await env.db('users').where({ id: s.user_id }).first('password_hash')).password_hash).toBeNull()

    expect((await invite(999_999)).statusCode).toBe(404)
    await app.inject({
      method: 'PATCH',
      url: `/api/admin/specialists/${s.id}`,
      headers: admin.headers,
      payload: { active: false },
    })
    const inactive = await invite(s.id)
    expect(inactive.statusCode).toBe(409)
    expect(inactive.json().error).toBe('specialist_inactive')
  })
})
