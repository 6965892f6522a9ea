// The committed contract (openapi.json and the client's generated types) is what the code produces,
// so a route whose schema changed without `npm run openapi` fails here as well as in CI's check.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CLIENT_TYPES_FILE,
  DOCUMENT_FILE,
  renderContract,
  staleFiles,
  staleMessage,
} from '../../scripts/openapi.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
let expected: Record<string, string>

// Building the app and generating the types takes a few seconds on a busy machine.
beforeAll(async () => {
  expected = await renderContract()
}, 120_000)

describe('the committed OpenAPI document', () => {
  it('and the client types generated from it are what the code produces', async () => {
    const stale = await staleFiles(ROOT, expected)
    expect(stale, stale.length ? staleMessage(stale) : '').toEqual([])
  })

  it('is found stale, in one line, when it differs from the code', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openapi-check-'))
    try {
      await mkdir(path.dirname(path.join(dir, CLIENT_TYPES_FILE)), { recursive: true })
      await writeFile(path.join(dir, CLIENT_TYPES_FILE), expected[CLIENT_TYPES_FILE]!)
      const edited = JSON.parse(expected[DOCUMENT_FILE]!) as { info: { version: string } }
      edited.info.version = '0.0.0-edited'
      await writeFile(path.join(dir, DOCUMENT_FILE), JSON.stringify(edited, null, 2))
      expect(await staleFiles(dir, expected)).toEqual([DOCUMENT_FILE])
      expect(staleMessage([DOCUMENT_FILE])).toBe('openapi.json is stale: run npm run openapi')

      await rm(path.join(dir, CLIENT_TYPES_FILE))
      expect(await staleFiles(dir, expected)).toEqual([DOCUMENT_FILE, CLIENT_TYPES_FILE])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('describes what the client relies on: bearer login, typed refusals and a 202 with its intent', async () => {
    const document = JSON.parse(await readFile(path.join(ROOT, DOCUMENT_FILE), 'utf8'))
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    const book = document.paths['/api/bookings'].post.responses
    expect(Object.keys(book)).toEqual(expect.arrayContaining(['201', '202', '409', '422']))
    // Shared shapes are named components, referred to rather than repeated.
    const schemaOf = (response: { content: Record<string, { schema: { $ref: string } }> }) =>
      document.components.schemas[response.content['application/json']!.schema.$ref.split('/').pop()!]
    expect(schemaOf(book['202']).required).toEqual(['intent_id', 'status_url'])
    expect(schemaOf(book['409']).required).toEqual(['error', 'message'])
    expect(document.paths['/api/intents/{id}'].get.responses['200']).toBeDefined()
  })
})
