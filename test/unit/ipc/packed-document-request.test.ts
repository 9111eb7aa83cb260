import { describe, expect, it } from 'vitest'
import { packedDocumentRequestSchema } from '@shared/ipc/base-schemas'
import { autosaveRequestSchema, saveProjectRequestSchema } from '@shared/ipc/project-schemas'
import { packDocument } from '@shared/timeline'
import { docWith, JAW, key, SMILE } from '../timeline/doc-builder'

const document = docWith({
  [SMILE]: [
    key('s0', 0, 0.25),
    key('s1', 0.5, 1, 'bezier', { out: { dt: 0.1, dv: 0 }, in: { dt: 0.1, dv: 0 } })
  ],
  [JAW]: [key('j0', 1, 0.5, 'hold')]
})
const TOKEN = 'a-granted-token-0123456789'

/** The first issue's message and path, or null when the request is accepted. */
function problem(value: unknown): { message: string; path: PropertyKey[] } | null {
  const result = packedDocumentRequestSchema.safeParse(value)
  return result.success
    ? null
    : { message: result.error.issues[0]!.message, path: result.error.issues[0]!.path }
}

describe('a document sent packed', () => {
  it('reaches the handler as the document the studio had', () => {
    expect(packedDocumentRequestSchema.parse(packDocument(document))).toEqual(document)
    const saved = saveProjectRequestSchema.parse({
      projectToken: null,
      saveAs: false,
      portraitToken: TOKEN,
      faceIndex: 0,
      document: packDocument(document)
    })
    expect(saved.document).toEqual(document)
    const autosaved = autosaveRequestSchema.parse({
      projectToken: null,
      portraitToken: TOKEN,
      faceIndex: 0,
      document: packDocument(document)
    })
    expect(autosaved.document).toEqual(document)
  })

  it('is refused unpacked, or with columns that are not typed or not of one length', () => {
    expect(problem(document)?.message).toMatch(/packed keys/)
    const packed = packDocument(document)
    const withKeys = (keys: object) => ({
      ...packed,
      tracks: packed.tracks.map((t, i) => (i === 0 ? { ...t, keys: { ...t.keys, ...keys } } : t))
    })
    expect(problem(withKeys({ times: [0, 0.5] }))).not.toBeNull()
    expect(problem(withKeys({ values: new Float64Array(1) }))).not.toBeNull()
    expect(problem(withKeys({ interpolations: new Float64Array(2) }))).not.toBeNull()
    expect(problem(withKeys({ ids: ['s0', 7] }))).not.toBeNull()
    expect(problem(withKeys({ handles: [[5, {}]] }))).not.toBeNull()
  })

  it('is checked like a document once unpacked, each problem at its path', () => {
    const packed = packDocument(document)
    const smile = packed.tracks.findIndex((t) => t.id === SMILE)
    const broken = {
      ...packed,
      tracks: packed.tracks.map((t, i) =>
        i === smile ? { ...t, keys: { ...t.keys, times: Float64Array.of(0, Number.NaN) } } : t
      )
    }
    const found = problem(broken)
    expect(found).not.toBeNull()
    expect(found!.path.slice(0, 4)).toEqual(['tracks', smile, 'keys', 1])
    const unknownCode = {
      ...packed,
      tracks: packed.tracks.map((t, i) =>
        i === smile ? { ...t, keys: { ...t.keys, interpolations: Uint8Array.of(0, 200) } } : t
      )
    }
    expect(problem(unknownCode)?.message).toMatch(/interpolation/)
  })
})
