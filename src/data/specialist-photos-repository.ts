// Specialists' photos (table specialist_photos): the bytes, their type and the digest that serves as
// ETag and as the version in the public URL.
import { createHash } from 'node:crypto'
import type { Knex } from 'knex'
import type { PhotoType } from '../domain/photo.ts'

export interface StoredPhoto {
  content: Buffer
  content_type: PhotoType
  etag: string
}

/** The public address of a photo; the digest in the query makes a new photo a new URL. */
export const photoUrl = (specialistId: number, etag: string) =>
  `/api/specialists/${specialistId}/photo?v=${etag}`

export function createSpecialistPhotosRepository(db: Knex) {
  return {
    /** Whether the specialist exists (a photo of nobody is a 404). */
    async specialistExists(specialistId: number): Promise<boolean> {
      return !!(await db('specialists').where({ id: specialistId }).first('id'))
    },
    /** Stores (or replaces) the photo; returns its digest. */
    async put(specialistId: number, content: Buffer, contentType: PhotoType): Promise<string> {
      const etag = createHash('sha256').update(content).digest('hex').slice(0, 24)
      await db('specialist_photos')
        .insert({ specialist_id: specialistId, content, content_type: contentType, etag })
        .onConflict('specialist_id')
        .merge({ content, content_type: contentType, etag, updated_at: db.fn.now() })
      return etag
    },

    async get(specialistId: number): Promise<StoredPhoto | undefined> {
      return db('specialist_photos')
        .where({ specialist_id: specialistId })
        .first('content', 'content_type', 'etag')
    },

    /** Whether there was a photo to delete. */
    async remove(specialistId: number): Promise<boolean> {
      return (await db('specialist_photos').where({ specialist_id: specialistId }).delete()) > 0
    },

    /** The photo URL of each of the specialists that has one. */
    async urls(specialistIds: number[]): Promise<Map<number, string>> {
      if (specialistIds.length === 0) return new Map()
      const rows: { specialist_id: number; etag: string }[] = await db('specialist_photos')
        .whereIn('specialist_id', specialistIds)
        .select('specialist_id', 'etag')
      return new Map(rows.map((r) => [r.specialist_id, photoUrl(r.specialist_id, r.etag)]))
    },
  }
}

export type SpecialistPhotosRepository = ReturnType<typeof createSpecialistPhotosRepository>

/** The rows with `photo_url` added: the photo's versioned URL, or null. */
export async function withPhotoUrls<T extends { id: number }>(
  photos: SpecialistPhotosRepository,
  rows: T[],
): Promise<(T & { photo_url: string | null })[]> {
  const urls = await photos.urls(rows.map((r) => r.id))
  return rows.map((r) => ({ ...r, photo_url: urls.get(r.id) ?? null }))
}
