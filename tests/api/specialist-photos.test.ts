// Specialists' photos: uploaded as bytes by an admin, served publicly with an ETag and a versioned
// URL, replaced and deleted; refusals (not an image, too big, not an admin) change nothing.
import { describe, expect, it } from 'vitest'
import { adminSuite } from '../helpers/admin-suite.ts'
import { createLocation, createService, createSpecialist, createUser } from '../helpers/fixtures.ts'

const suite = adminSuite()

/** A real 1 × 1 PNG, and a JPEG and WebP header enough to pass the signature check. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])

const put = (id: number, body: Buffer | string, type: string, headers = suite.headers) =>
  suite.app.inject({
    method: 'PUT',
    url: `/api/admin/specialists/${id}/photo`,
    headers: { ...headers, 'content-type': type },
    payload: body,
  })

const get = (url: string, headers: Record<string, string> = {}) =>
  suite.app.inject({ method: 'GET', url, headers })

async function photoUrlOf(id: number) {
  const admin = (await suite.call('GET', `/api/admin/specialists/${id}`)).json()
  const site = (await get('/api/specialists')).json().items.find((s: { id: number }) => s.id === id)
  expect(site.photo_url).toBe(admin.photo_url)
  return admin.photo_url as string | null
}

describe('specialist photos', () => {
  it('uploads, serves with ETag and 304, replaces with a new URL, and deletes', async () => {
    const location = await createLocation(suite.env.db)
    const service = await createService(suite.env.db)
    const sp = await createSpecialist(suite.env.db, location.id, [service.id])
    expect(await photoUrlOf(sp.id)).toBeNull()

    const res = await put(sp.id, PNG, 'image/png')
    expect(res.statusCode).toBe(200)
    const url = res.json().photo_url as string
    expect(url).toMatch(new RegExp(`^/api/specialists/${sp.id}/photo\\?v=[0-9a-f]+$`))
    expect(await photoUrlOf(sp.id)).toBe(url)

    const read = await get(url)
    expect(read.statusCode).toBe(200)
    expect(read.headers['content-type']).toBe('image/png')
    expect(read.rawPayload.equals(PNG)).toBe(true)
    expect(read.headers['cache-control']).toContain('immutable')
    const etag = read.headers.etag as string
    expect(etag).toMatch(/^"[0-9a-f]+"$/)
    const again = await get(`/api/specialists/${sp.id}/photo`, { 'if-none-match': etag })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
    // The bare URL is not versioned: it may be cached only briefly.
    expect((await get(`/api/specialists/${sp.id}/photo`)).headers['cache-control']).not.toContain('immutable')

    const replaced = await put(sp.id, JPEG, 'image/jpeg')
    expect(replaced.statusCode).toBe(200)
    const newUrl = replaced.json().photo_url as string
    expect(newUrl).not.toBe(url)
    expect(await photoUrlOf(sp.id)).toBe(newUrl)
    const newRead = await get(newUrl)
    expect(newRead.headers['content-type']).toBe('image/jpeg')
    expect(newRead.rawPayload.equals(JPEG)).toBe(true)
    expect(newRead.headers.etag).not.toBe(etag)
    expect((await get(`/api/specialists/${sp.id}/photo`, { 'if-none-match': etag })).statusCode).toBe(200)

    const deleted = await suite.call('DELETE', `/api/admin/specialists/${sp.id}/photo`)
    expect(deleted.json()).toEqual({ specialist_id: sp.id, deleted: true })
    expect(await photoUrlOf(sp.id)).toBeNull()
    expect((await get(`/api/specialists/${sp.id}/photo`)).statusCode).toBe(404)
    expect(await suite.count('specialist_photos')).toBe(0)
  })

  it('refuses what is not a photo, a photo too big and a non-admin, and keeps the photo it had', async () => {
    const location = await createLocation(suite.env.db)
    const sp = await createSpecialist(suite.env.db, location.id)
    const url = (await put(sp.id, PNG, 'image/png')).json().photo_url as string

    const text = await put(sp.id, 'hello', 'text/plain')
    expect(text.statusCode).toBe(415)
    expect(text.json()).toMatchObject({
      error: 'unsupported_media_type',
      message: expect.stringContaining('JPEG'),
    })

    // An HTML page sent as a PNG: the signature, not the header, decides.
    const disguised = await put(sp.id, Buffer.from('<html><script>alert(1)</script></html>'), 'image/png')
    expect(disguised.statusCode).toBe(422)
    expect(disguised.json().error).toBe('invalid_image')
    const mislabelled = await put(sp.id, JPEG, 'image/png')
    expect(mislabelled.statusCode).toBe(422)
    expect(mislabelled.json().message).toContain('image/jpeg')

    const big = await put(sp.id, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png')
    expect(big.statusCode).toBe(413)
    expect(big.json()).toMatchObject({ error: 'photo_too_large', message: expect.stringContaining('2 MB') })

    const client = await createUser(suite.env.db, ['client'])
    expect((await put(sp.id, JPEG, 'image/jpeg', client.headers)).statusCode).toBe(403)
    const noDelete = await suite.app.inject({
      method: 'DELETE',
      url: `/api/admin/specialists/${sp.id}/photo`,
      headers: client.headers,
    })
    expect(noDelete.statusCode).toBe(403)
    expect((await put(sp.id, JPEG, 'image/jpeg', {})).statusCode).toBe(401)

    expect(await photoUrlOf(sp.id)).toBe(url)
    const read = await get(url)
    expect(read.rawPayload.equals(PNG)).toBe(true)
    expect((await put(999999, PNG, 'image/png')).statusCode).toBe(404)
  })
})
