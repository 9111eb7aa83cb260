import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  MAX_EMBEDDED_AUDIO_BYTES,
  NewerProjectVersionError,
  PROJECT_FORMAT_VERSION,
  ProjectFormatError,
  createProjectFile,
  embeddedAudioSchema,
  formatJsonPath,
  migrateProject,
  projectAudioSchema,
  serializeProject
} from '@shared/project'
import { createDocument, evaluate, seconds, setKey, setSettings, trackIdFor } from '@shared/timeline'

const FIXTURES = resolve(__dirname, '../../fixtures/projects')
const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES, name), 'utf8'))

function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('migrateProject: v2 fixtures (current format)', () => {
  it('loads the current format unchanged (round trip through serializeProject)', () => {
    const text = readFileSync(resolve(FIXTURES, 'v2-embedded-portrait.mimesis'), 'utf8')
    const project = migrateProject(JSON.parse(text))
    expect(PROJECT_FORMAT_VERSION).toBe(2)
    expect(project.version).toBe(2)
    expect(project.audio).toBeNull()
    expect(serializeProject(project)).toBe(text)
  })

  it('validates an embedded audio track: mime, base64, checksum, start within an hour, muted flag', () => {
    const json = fixture('v2-embedded-portrait.mimesis') as Record<string, unknown>
    const audio = {
      kind: 'embedded',
      mime: 'audio/mp4',
      dataBase64: 'AAAAGGZ0eXBNNEEg',
      sha256: 'b'.repeat(64),
      fileName: 'voice.m4a',
      startSec: -1.25,
      muted: false
    }
    expect(migrateProject({ ...json, audio }).audio).toEqual(audio)
    const pathsOf = (bad: Record<string, unknown>): string[] =>
      (
        catchError(() => migrateProject({ ...json, audio: { ...audio, ...bad } })) as ProjectFormatError
      ).issues
        .map((i) => i.path)
        .sort()
    expect(pathsOf({ startSec: 3600.5 })).toEqual(['audio.startSec'])
    expect(pathsOf({ startSec: -3601 })).toEqual(['audio.startSec'])
    expect(pathsOf({ mime: 'audio/mpeg' })).toEqual(['audio.mime'])
    expect(pathsOf({ dataBase64: 'not base64!' })).toEqual(['audio.dataBase64'])
    expect(pathsOf({ sha256: 'B'.repeat(64) })).toEqual(['audio.sha256'])
    expect(pathsOf({ muted: 'no' })).toEqual(['audio.muted'])
    expect(pathsOf({ kind: 'reference' })).toEqual(['audio.kind'])
  })

  it('refuses embedded audio over the size cap by its length alone', () => {
    const json = fixture('v2-embedded-portrait.mimesis') as Record<string, unknown>
    const oversized = 'A'.repeat((Math.ceil(MAX_EMBEDDED_AUDIO_BYTES / 3) + 1) * 4)
    const audio = { ...embeddedAudioOf(oversized), startSec: 0, muted: false }
    const error = catchError(() => migrateProject({ ...json, audio })) as ProjectFormatError
    expect(error.issues.map((i) => i.path)).toEqual(['audio.dataBase64'])
    expect(error.message).toContain('at most 200 MiB of audio')
  })

  it('exports the embedded-audio schema alone, for other files that carry audio', () => {
    const media = embeddedAudioOf('AAAAGGZ0eXBNNEEg')
    expect(embeddedAudioSchema.parse(media)).toEqual(media)
    expect(projectAudioSchema.safeParse(media).success).toBe(false)
  })
})

function embeddedAudioOf(dataBase64: string): Record<string, unknown> {
  return { kind: 'embedded', mime: 'audio/mp4', dataBase64, sha256: 'c'.repeat(64), fileName: 'a.m4a' }
}

describe('migrateProject: v1 fixtures', () => {
  it('migrates v1 to v2 by adding `audio: null` and changing nothing else', () => {
    const json = fixture('v1-embedded-portrait.mimesis') as Record<string, unknown>
    const project = migrateProject(json)
    expect(project.version).toBe(PROJECT_FORMAT_VERSION)
    expect(project.audio).toBeNull()
    expect(project.portrait).toMatchObject({ kind: 'embedded', mime: 'image/png', fileName: 'dot.png' })
    expect(project.document.settings.workArea).toEqual({ in: 0.5, out: 2.5 })
    expect(JSON.parse(serializeProject(project))).toEqual({ ...json, version: 2, audio: null })
    expect(JSON.parse(serializeProject(project))).toEqual(fixture('v2-embedded-portrait.mimesis'))
    expect(evaluate(project.document, seconds(1.5)).camera.yaw).toBeCloseTo(0, 12)
  })

  it('ignores an `audio` field a v1 file cannot have had', () => {
    const json = fixture('v1-embedded-portrait.mimesis') as Record<string, unknown>
    expect(migrateProject({ ...json, audio: { kind: 'something' } }).audio).toBeNull()
  })

  it('sorts keys that a hand-edited file lists out of order', () => {
    const json = fixture('v1-embedded-portrait.mimesis') as {
      document: { tracks: { keys: unknown[] }[] }
    }
    json.document.tracks[0]!.keys.reverse()
    const project = migrateProject(json)
    expect(project.document.tracks[0]!.keys.map((k) => k.id)).toEqual(['k1', 'k2', 'k3'])
  })
})

describe('migrateProject: v0 fixtures', () => {
  it('migrates keys (t -> time, interp names), sorts them, merges keys on one frame, maps camera tracks', () => {
    const project = migrateProject(fixture('v0-reference-portrait.mimesis'))
    const doc = project.document
    expect(doc.settings).toEqual({
      fps: 30,
      durationSec: 4,
      width: 512,
      height: 512,
      workArea: { in: 0, out: 4 }
    })
    expect(doc.tracks.map((t) => t.id)).toEqual([
      'expression:jawOpen',
      'expression:smile',
      'camera:yaw',
      'camera:pitch',
      'camera:roll',
      'camera:zoom',
      'camera:panX',
      'camera:panY'
    ])
    const jaw = doc.tracks[0]!.keys
    expect(jaw.map((k) => [k.time, k.value, k.interpolation])).toEqual([
      [0, 0, 'easeInOut'],
      [1, 0.8, 'hold'],
      [2, 0, 'linear']
    ])
    expect(doc.tracks[1]!.keys[0]).toMatchObject({ interpolation: 'bezier', handles: { out: { dv: 0 } } })
    expect(doc.tracks[1]!.keys[1]!.interpolation).toBe('linear')
    // 1.0 s and 1.01 s are the same frame at 30 fps: the later-listed key won in v0.
    expect(doc.tracks[5]!.keys.map((k) => k.value)).toEqual([1.4])
    const ids = doc.tracks.flatMap((t) => t.keys.map((k) => k.id))
    expect(new Set(ids).size).toBe(ids.length)
    expect(project.portrait).toEqual({
      kind: 'reference',
      path: '../astronaut.png',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileName: 'astronaut.png'
    })
    expect(project.enginePack).toEqual({ id: 'mimesis-builtin', version: '0.1.0' })
    expect(project.createdAt).toBe('2026-03-02T10:00:00.000Z')
    expect(project.modifiedAt).toBe(project.createdAt)
  })

  it('migrates an embedded portrait, the face index and a pack id with @ in its version', () => {
    const project = migrateProject(fixture('v0-embedded-portrait.mimesis'))
    expect(project.portrait).toMatchObject({ kind: 'embedded', mime: 'image/png', fileName: 'dot.png' })
    expect(project.selectedFaceIndex).toBe(1)
    expect(project.enginePack).toEqual({ id: 'custom-pack@2.0.0-beta', version: 'x' })
    expect(project.modifiedAt).toBe('2026-04-02T09:30:00.000Z')
    expect(project.document.tracks.filter((t) => t.kind === 'camera')).toHaveLength(6)
  })

  it('names the v0 path of a problem in a damaged v0 file', () => {
    const json = fixture('v0-reference-portrait.mimesis') as {
      timeline: { tracks: Record<string, { t: unknown }[]> }
    }
    json.timeline.tracks.smile![1]!.t = -1
    const error = catchError(() => migrateProject(json))
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as ProjectFormatError).issues[0]!.path).toBe('timeline.tracks.smile[1].t')
    expect((error as Error).message).toContain('format v0')
  })
})

describe('migrateProject: errors', () => {
  it('rejects a newer format with a typed error telling the user to update', () => {
    const error = catchError(() => migrateProject(fixture('v3-from-newer-app.mimesis')))
    expect(error).toBeInstanceOf(NewerProjectVersionError)
    expect((error as NewerProjectVersionError).fileVersion).toBe(3)
    expect((error as Error).message).toContain('made by a newer Mimesis Studio (format v3); update the app')
  })

  it('names the JSON path of a malformed value', () => {
    const error = catchError(() => migrateProject(fixture('v1-invalid-key-time.mimesis')))
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as ProjectFormatError).issues.map((i) => i.path)).toEqual([
      'document.tracks[2].keys[1].time'
    ])
    expect((error as Error).message).toMatch(/document\.tracks\[2\]\.keys\[1\]\.time: .*number/)
  })

  it.each([
    ['not an object', [], '(root)'],
    ['another format', { format: 'something-else', version: 1 }, 'format'],
    ['no version', { format: 'mimesis-project' }, 'version'],
    ['fractional version', { format: 'mimesis-project', version: 0.5 }, 'version']
  ])('rejects %s, naming %s', (_what, json, path) => {
    const error = catchError(() => migrateProject(json))
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as ProjectFormatError).issues[0]!.path).toBe(path)
  })

  it('reports semantic problems by path: duplicate key ids, two keys at one time, bad track id, work area', () => {
    const json = fixture('v1-embedded-portrait.mimesis') as {
      document: {
        settings: { workArea: { in: number; out: number } }
        tracks: { id: string; keys: { id: string; time: number }[] }[]
      }
    }
    json.document.tracks[2]!.keys[1]!.id = 'k1'
    json.document.tracks[0]!.keys[1]!.time = 0
    json.document.tracks[1]!.id = 'expression:frown'
    json.document.settings.workArea = { in: 2, out: 1 }
    const error = catchError(() => migrateProject(json)) as ProjectFormatError
    expect(error.issues.map((i) => i.path).sort()).toEqual([
      'document.settings.workArea',
      'document.tracks[0].keys[1].time',
      'document.tracks[1].id',
      'document.tracks[2].keys[1].id'
    ])
  })

  it('reports a bad portrait hash and an unknown portrait kind by path', () => {
    const json = fixture('v1-embedded-portrait.mimesis') as { portrait: Record<string, unknown> }
    json.portrait.sha256 = 'xyz'
    expect((catchError(() => migrateProject(json)) as ProjectFormatError).issues[0]!.path).toBe(
      'portrait.sha256'
    )
    json.portrait.kind = 'url'
    expect((catchError(() => migrateProject(json)) as ProjectFormatError).issues[0]!.path).toBe(
      'portrait.kind'
    )
  })
})

describe('createProjectFile / formatJsonPath', () => {
  it('creates a project that validates', () => {
    const project = createProjectFile({
      appVersion: '0.1.0',
      now: new Date('2026-11-21T10:00:00Z'),
      portrait: { kind: 'reference', path: '/p/a.png', sha256: 'a'.repeat(64), fileName: 'a.png' },
      enginePack: { id: 'mimesis-builtin', version: '0.1.0' },
      document: createDocument({ expressionNames: ['smile'] })
    })
    expect(migrateProject(JSON.parse(serializeProject(project)))).toEqual(project)
  })

  it('accepts keys that share a frame after an fps change (times stay distinct)', () => {
    const smile = trackIdFor('expression', 'smile')
    let doc = createDocument({ expressionNames: ['smile'], settings: { fps: 60 } })
    doc = setKey(doc, smile, seconds(1), 0.1).document
    doc = setKey(doc, smile, seconds(1 + 1 / 60), 0.2).document
    doc = setSettings(doc, { fps: 24 })
    const project = createProjectFile({
      appVersion: '0.1.0',
      now: new Date('2026-11-21T10:00:00Z'),
      portrait: { kind: 'reference', path: '/p/a.png', sha256: 'a'.repeat(64), fileName: 'a.png' },
      enginePack: { id: 'mimesis-builtin', version: '0.1.0' },
      document: doc
    })
    expect(migrateProject(JSON.parse(serializeProject(project))).document.tracks[0]!.keys).toHaveLength(2)
  })

  it.each([
    [[], '(root)'],
    [['a', 0, 'b'], 'a[0].b'],
    [['tracks', 'odd name'], 'tracks["odd name"]']
  ] as [PropertyKey[], string][])('%j -> %s', (path, expected) => {
    expect(formatJsonPath(path)).toBe(expected)
  })
})
