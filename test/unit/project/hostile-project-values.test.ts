// What the project fuzzer found (issue 21): each case was accepted, slow, or gave an unbounded message before.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_KEYS, MAX_DOCUMENT_TRACKS, ProjectFormatError, migrateProject } from '@shared/project'
import { MAX_MESSAGE_CHARS } from '@shared/text/bound-text'

const FIXTURES = resolve(__dirname, '../../fixtures/projects')
type Json = Record<string, never> & Record<string, unknown>
const fixture = (name: string): Json => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8')) as Json

/** The ProjectFormatError `migrateProject(json)` throws, with how long it took. */
function refusal(json: unknown): { error: ProjectFormatError; ms: number } {
  const start = performance.now()
  try {
    migrateProject(json)
  } catch (error) {
    const ms = performance.now() - start
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as Error).message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    return { error: error as ProjectFormatError, ms }
  }
  throw new Error('expected the project to be refused')
}

function v2WithKey(kind: 'expression' | 'camera', name: string, key: Record<string, unknown>): unknown {
  const project = fixture('v2-embedded-portrait.mimesis')
  const document = project.document as { tracks: Record<string, unknown>[] }
  document.tracks = [
    {
      id: `${kind}:${name}`,
      kind,
      name,
      keys: [{ id: 'kx', time: 0, value: 0, interpolation: 'linear', ...key }]
    }
  ]
  return project
}

describe('project values outside their range are refused, naming the field and the range', () => {
  it('an expression value of 1e308', () => {
    const { error } = refusal(v2WithKey('expression', 'smile', { value: 1e308 }))
    expect(error.message).toMatch(/document\.tracks\[0\]\.keys\[0\]\.value: .*-1 to 1/)
  })

  it('a yaw of 1e6 degrees (the CLI refuses the same value)', () => {
    const { error } = refusal(v2WithKey('camera', 'yaw', { value: 1e6 }))
    expect(error.message).toMatch(/document\.tracks\[0\]\.keys\[0\]\.value: yaw .*-35 to 35/)
  })

  it('a v0 camera.zoom of 50 (after migration, still named by its path)', () => {
    const v0 = fixture('v0-reference-portrait.mimesis')
    const timeline = v0.timeline as { tracks: Record<string, unknown> }
    timeline.tracks['camera.zoom'] = [{ t: 0, v: 50 }]
    const { error } = refusal(v0)
    expect(error.message).toMatch(/keys\[0\]\.value: zoom .*0\.5 to 2/)
  })

  it('a Bezier handle offset of 1e308 (the curve editor keeps it within two range-widths)', () => {
    const handles = { out: { dt: 0.3, dv: 1e308 }, in: { dt: 0.3, dv: 0 } }
    const { error } = refusal(v2WithKey('camera', 'pitch', { interpolation: 'bezier', handles }))
    expect(error.message).toMatch(/keys\[0\]\.handles\.out\.dv: .*-100 to 100/)
  })

  it('a key at 1e308 seconds', () => {
    const { error } = refusal(v2WithKey('expression', 'smile', { time: 1e308 }))
    expect(error.message).toMatch(/keys\[0\]\.time: .*3600/)
  })
})

describe('hostile project shapes finish quickly with a bounded message', () => {
  it(`a v0 project with 200,000 tracks is refused in well under 2 s (at most ${MAX_DOCUMENT_TRACKS} tracks)`, () => {
    const v0 = fixture('v0-reference-portrait.mimesis')
    const tracks: Record<string, unknown> = {}
    for (let i = 0; i < 200_000; i++) tracks[`e${i}`] = [{ t: 0, v: 0 }]
    ;(v0.timeline as { tracks: unknown }).tracks = tracks
    const { error, ms } = refusal(v0)
    expect(error.message).toMatch(/timeline\.tracks: 200000 tracks, more than the 1000 a project may have/)
    expect(ms).toBeLessThan(2000)
  })

  it('a v2 project with 200,000 tracks too', () => {
    const project = fixture('v2-embedded-portrait.mimesis')
    ;(project.document as { tracks: unknown }).tracks = new Array(200_000).fill({})
    const { error, ms } = refusal(project)
    expect(error.message).toMatch(/document\.tracks: 200000 tracks/)
    expect(ms).toBeLessThan(2000)
  })

  it(`a project with more than ${MAX_DOCUMENT_KEYS} keys over its tracks is refused before validation`, () => {
    // 21 tracks of 100,000 keys each (v2), and the same in v0's map of key lists
    const key = { id: 'k', time: 0, value: 0, interpolation: 'linear' }
    const project = fixture('v2-embedded-portrait.mimesis')
    ;(project.document as { tracks: unknown }).tracks = Array.from({ length: 21 }, (_, i) => ({
      id: `expression:e${i}`,
      kind: 'expression',
      name: `e${i}`,
      keys: new Array(100_000).fill(key)
    }))
    const v2 = refusal(project)
    expect(v2.error.message).toMatch(
      /document\.tracks: 2100000 keys, more than the 2000000 a project may hold/
    )
    expect(v2.ms).toBeLessThan(2000)
    const v0 = fixture('v0-reference-portrait.mimesis')
    ;(v0.timeline as { tracks: unknown }).tracks = Object.fromEntries(
      Array.from({ length: 21 }, (_, i) => [`e${i}`, new Array(100_000).fill({ t: 0, v: 0 })])
    )
    expect(refusal(v0).error.message).toMatch(/timeline\.tracks: 2100000 keys/)
  })

  it('a format nested 4,000 (and 200,000) deep is described, not stringified', () => {
    for (const depth of [4000, 200_000]) {
      let format: unknown = 'mimesis-project'
      for (let i = 0; i < depth; i++) format = depth === 4000 ? [format] : { a: format }
      const { error } = refusal({ ...fixture('v2-embedded-portrait.mimesis'), format })
      expect(error.message).toMatch(/format: expected 'mimesis-project', got an (array|object)/)
    }
  })

  it('a 20 MB format string or track name gives a message of at most 500 characters', () => {
    refusal({ ...fixture('v2-embedded-portrait.mimesis'), format: 'x'.repeat(20_000_000) })
    const project = fixture('v2-embedded-portrait.mimesis')
    const tracks = (project.document as { tracks: { name: string }[] }).tracks
    tracks[0]!.name = 'n'.repeat(20_000_000)
    const { error } = refusal(project)
    expect(error.message).toMatch(/document\.tracks\[0\]\.id: must be 'expression:nnn/)
  })
})

describe('keys checked by the quick path come out as the schema makes them', () => {
  it('a plain key keeps its four fields and drops any other', () => {
    const project = migrateProject(v2WithKey('expression', 'smile', { value: 0.5, note: 'x' }))
    expect(project.document.tracks[0]!.keys).toEqual([
      { id: 'kx', time: 0, value: 0.5, interpolation: 'linear' }
    ])
    expect(Object.keys(project.document.tracks[0]!.keys[0]!)).toEqual([
      'id',
      'time',
      'value',
      'interpolation'
    ])
  })

  it('what it leaves to the schema is still refused with the schema’s message', () => {
    expect(refusal(v2WithKey('expression', 'smile', { id: '' })).error.message).toMatch(/keys\[0\]\.id/)
    expect(refusal(v2WithKey('expression', 'smile', { interpolation: 'wobble' })).error.message).toMatch(
      /keys\[0\]\.interpolation/
    )
    expect(refusal(v2WithKey('expression', 'smile', { time: -1 })).error.message).toMatch(/keys\[0\]\.time/)
  })
})
