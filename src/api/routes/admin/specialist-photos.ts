// Specialists' photos: an admin uploads the image bytes themselves (not JSON, not a form) and may
// delete them; anyone may read a photo, as the client site shows it on the specialist step. The
// bytes live in PostgreSQL, so every API process answers the same. The answer's ETag is a digest
// of the bytes, and the `photo_url` of the specialist answers carries it, so a new photo is a new
// URL: the versioned URL may be cached for good, the bare one only briefly.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { AppError, invalid, notFound } from '../../../domain/errors.ts'
import { isPhotoType, MAX_PHOTO_BYTES, PHOTO_TYPES, sniffPhotoType } from '../../../domain/photo.ts'
import { createSpecialistPhotosRepository, photoUrl } from '../../../data/specialist-photos-repository.ts'
import { errors, id, idParams, obj } from '../../schemas/common.ts'
import { ADMIN } from './shared.ts'

const MAX_MB = MAX_PHOTO_BYTES / (1024 * 1024)
const tooLarge = (bytes?: number) =>
  new AppError(
    413,
    'photo_too_large',
    `The photo${bytes ? ` is ${(bytes / (1024 * 1024)).toFixed(1)} MB; it` : ''} must be at most ${MAX_MB} MB: ` +
      'make it smaller (about 800 × 800 pixels is plenty) and upload it again.',
  )
const TYPE_WORDS = 'a JPEG, PNG or WebP image'

const photoOutput = obj({ specialist_id: id, photo_url: Type.String(), content_type: Type.String() }, [
  'specialist_id',
  'photo_url',
  'content_type',
])

const photoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const photos = createSpecialistPhotosRepository(app.deps.db)
  const exists = (specialistId: number) => photos.specialistExists(specialistId)

  // Any body that is not JSON reaches the route as bytes, read here with our own limit so that a
  // large upload is refused with a sentence rather than Fastify's generic 413; the route checks
  // the type. This parser is encapsulated: it concerns only this plugin's routes.
  app.addContentTypeParser('*', (request, payload, done) => {
    const declared = Number(request.headers['content-length'])
    if (declared > MAX_PHOTO_BYTES) return done(tooLarge(declared), undefined)
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    payload.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > MAX_PHOTO_BYTES) {
        failed = true
        done(tooLarge(), undefined)
        return
      }
      chunks.push(chunk)
    })
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks))
    })
    payload.on('error', (err) => {
      if (!failed) done(err, undefined)
    })
  })

  app.put(
    '/api/admin/specialists/:id/photo',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminPutSpecialistPhoto',
        tags: ['admin: specialists'],
        summary: "Uploads (or replaces) the specialist's photo",
        description:
          `The body is the image itself, ${TYPE_WORDS} (Content-Type ${PHOTO_TYPES.join(', ')}), at most ` +
          `${MAX_MB} MB. The bytes must be what the Content-Type says (their signature is checked): another ` +
          'media type answers 415, a larger body 413, bytes of another kind 422 `invalid_image`. The answer ' +
          'gives the new `photo_url`, which the specialist answers carry from now on.',
        params: idParams,
        response: { 200: photoOutput, ...errors(401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => {
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? ''
      if (!isPhotoType(type)) {
        throw new AppError(
          415,
          'unsupported_media_type',
          `A photo must be ${TYPE_WORDS}, sent as its bytes with the matching Content-Type ` +
            `(${PHOTO_TYPES.join(', ')}).`,
        )
      }
      const body = request.body
      if (!Buffer.isBuffer(body) || body.length === 0) throw invalid('The photo is empty.', 'invalid_image')
      const actual = sniffPhotoType(body)
      if (actual !== type) {
        throw invalid(
          actual
            ? `The file is a ${actual.slice(6).toUpperCase()} image but was sent as ${type}; send it with Content-Type ${actual}.`
            : `The file is not ${TYPE_WORDS} (its first bytes say otherwise); choose a photo in one of those formats.`,
          'invalid_image',
        )
      }
      if (!(await exists(request.params.id))) throw notFound(`Specialist ${request.params.id}`)
      const etag = await photos.put(request.params.id, body, type)
      return {
        specialist_id: request.params.id,
        photo_url: photoUrl(request.params.id, etag),
        content_type: type,
      }
    },
  )

  app.delete(
    '/api/admin/specialists/:id/photo',
    {
      config: ADMIN,
      schema: {
        operationId: 'adminDeleteSpecialistPhoto',
        tags: ['admin: specialists'],
        summary: "Removes the specialist's photo (the site shows their initials)",
        params: idParams,
        response: {
          200: obj({ specialist_id: id, deleted: Type.Boolean() }, ['specialist_id', 'deleted']),
          ...errors(401, 403, 404, 422),
        },
      },
    },
    async (request) => {
      if (!(await exists(request.params.id))) throw notFound(`Specialist ${request.params.id}`)
      const deleted = await photos.remove(request.params.id)
      return { specialist_id: request.params.id, deleted }
    },
  )

  app.get(
    '/api/specialists/:id/photo',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSpecialistPhoto',
        tags: ['catalogue'],
        summary: "The specialist's photo (image bytes)",
        description:
          'Answers with ETag; If-None-Match with it answers 304. With `v` equal to the current version (as ' +
          'in `photo_url`) the answer may be cached for a year; otherwise for five minutes. 404: no photo.',
        params: idParams,
        querystring: obj({ v: Type.String({ maxLength: 64 }) }),
        response: { ...errors(404, 422) },
      },
    },
    async (request, typedReply) => {
      // The success answer is bytes, which the JSON response schemas (errors only) do not type.
      const reply = typedReply as unknown as FastifyReply
      const photo = await photos.get(request.params.id)
      if (!photo) throw new AppError(404, 'not_found', `Specialist ${request.params.id} has no photo.`)
      const etag = `"${photo.etag}"`
      const current = request.query.v === photo.etag
      reply
        .header('ETag', etag)
        .header('Cache-Control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      const asked = request.headers['if-none-match']
      if (asked && asked.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
        return reply.code(304).send()
      }
      return reply.type(photo.content_type).send(photo.content)
    },
  )
}

export default photoRoutes
