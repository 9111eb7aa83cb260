// The ONE place that knows old project formats. Every older version is converted step by step
// (v0 -> v1 -> ...) into the current shape, which is then validated by `projectFileSchema`.
// To change the format: bump PROJECT_FORMAT_VERSION, add a step to STEPS, add a fixture of the old
// version under test/fixtures/projects/ and a test that loads it.
import { z } from 'zod'
import { type KeyIdFactory, sequentialKeyIds, trackIdFor } from '../timeline/ids'
import { DEFAULT_BEZIER_HANDLES, type Interpolation } from '../timeline/interpolation'
import { CAMERA_PARAMS } from '../timeline/track-definitions'
import { seconds, secondsToFrame } from '../timeline/units'
import { type ProjectFile } from './project-file'
import {
  NewerProjectVersionError,
  ProjectFormatError,
  type ProjectIssue,
  formatJsonPath
} from './project-errors'
import { PROJECT_FORMAT_NAME, PROJECT_FORMAT_VERSION } from './project-format'
import { MAX_DOCUMENT_KEYS, MAX_DOCUMENT_TRACKS, projectFileSchema } from './project-schema'
import { validItemsArray } from '../json/valid-items-array'
import { describeJsonValue } from '../json/describe-json-value'

type JsonObject = Record<string, unknown>

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): ProjectIssue[] {
  return error.issues.map((issue) => ({
    path: formatJsonPath([...prefix, ...issue.path]),
    message: issue.message
  }))
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new ProjectFormatError(issuesOf(result.error), what)
  return result.data
}

/** The value at `keys` inside `json`, or undefined where a step is not an object. */
function valueAt(json: unknown, keys: readonly string[]): unknown {
  let value = json
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as JsonObject)[key]
  }
  return value
}

/**
 * Refuses more than MAX_DOCUMENT_TRACKS tracks (an array, or v0's map of them) or more than MAX_DOCUMENT_KEYS keys
 * over them (each track an object with a `keys` array, or v0's key array) before any schema walks them:
 * validating 200,000 tracks takes seconds, and no project has more than a few dozen. Saving checks the same
 * limits (`what` names the refusal), so a project the studio writes always opens again.
 */
export function checkTrackCount(json: unknown, keys: readonly string[], what?: string): void {
  const tracks = valueAt(json, keys)
  if (typeof tracks !== 'object' || tracks === null) return
  const list: unknown[] = Array.isArray(tracks) ? tracks : Object.values(tracks)
  if (list.length > MAX_DOCUMENT_TRACKS) {
    throw new ProjectFormatError(
      [
        {
          path: formatJsonPath(keys),
          message: `${list.length} tracks, more than the ${MAX_DOCUMENT_TRACKS} a project may have`
        }
      ],
      what
    )
  }
  let keyCount = 0
  for (const track of list) {
    const trackKeys = Array.isArray(track) ? track : valueAt(track, ['keys'])
    if (Array.isArray(trackKeys)) keyCount += trackKeys.length
  }
  if (keyCount > MAX_DOCUMENT_KEYS) {
    throw new ProjectFormatError(
      [
        {
          path: formatJsonPath(keys),
          message:
            `${keyCount} keys, more than the ${MAX_DOCUMENT_KEYS} a project may hold ` +
            '(reduce dense tracks, as driving does, or split the performance)'
        }
      ],
      what
    )
  }
}

// ---------------------------------------------------------------------------------------------
// v0: the pre-release format (app 0.0.x). Tracks were a map from name to a key list, camera
// tracks were named 'camera.<param>', keys had `t` (seconds), `v` and `interp`, and had no ids,
// no Bezier handles and no work area. The portrait was `image`, the face index `face` and the
// engine pack a single 'id@version' string.

const V0_INTERPOLATIONS = {
  linear: 'linear',
  step: 'hold',
  'ease-in': 'easeIn',
  'ease-out': 'easeOut',
  'ease-in-out': 'easeInOut',
  smooth: 'bezier'
} as const satisfies Record<string, Interpolation>

const v0KeySchema = z.object({
  t: z.number().min(0),
  v: z.number(),
  interp: z.enum(Object.keys(V0_INTERPOLATIONS) as [keyof typeof V0_INTERPOLATIONS]).default('linear')
})

const v0Schema = z.object({
  format: z.literal(PROJECT_FORMAT_NAME),
  version: z.literal(0),
  appVersion: z.string().default('0.0.0'),
  created: z.iso.datetime({ offset: true }),
  modified: z.iso.datetime({ offset: true }).optional(),
  image: z.union([
    z.object({ file: z.string().min(1), path: z.string().min(1), sha256: z.string() }),
    z.object({ file: z.string().min(1), mime: z.string(), data: z.string(), sha256: z.string() })
  ]),
  face: z.int().min(0).default(0),
  pack: z.string().regex(/^[^@]+@.+$/, "must be 'id@version'"),
  timeline: z.object({
    fps: z.number().positive(),
    duration: z.number().positive(),
    width: z.int().positive(),
    height: z.int().positive(),
    tracks: z.record(z.string(), validItemsArray(v0KeySchema))
  })
})

function migrateV0(json: unknown, newKeyId: KeyIdFactory): JsonObject {
  checkTrackCount(json, ['timeline', 'tracks'])
  const v0 = parseOrThrow(v0Schema, json, 'This Mimesis Studio project (format v0) is damaged')
  const { fps, duration, width, height } = v0.timeline
  const expressionTracks: JsonObject[] = []
  const cameraTracks = new Map<string, JsonObject>()
  for (const [name, keys] of Object.entries(v0.timeline.tracks)) {
    // v0 allowed unsorted keys and two keys on one frame; the later one in the list won on playback.
    const byFrame = new Map<number, (typeof keys)[number]>()
    for (const key of keys) byFrame.set(secondsToFrame(seconds(key.t), fps), key)
    const migrated = [...byFrame.values()]
      .sort((a, b) => a.t - b.t)
      .map((key) => {
        const interpolation = V0_INTERPOLATIONS[key.interp]
        return {
          id: newKeyId(),
          time: key.t,
          value: key.v,
          interpolation,
          ...(interpolation === 'bezier' ? { handles: DEFAULT_BEZIER_HANDLES } : {})
        }
      })
    const camera = name.startsWith('camera.') ? name.slice('camera.'.length) : undefined
    if (camera !== undefined) {
      cameraTracks.set(camera, {
        id: trackIdFor('camera', camera),
        kind: 'camera',
        name: camera,
        keys: migrated
      })
    } else {
      expressionTracks.push({ id: trackIdFor('expression', name), kind: 'expression', name, keys: migrated })
    }
  }
  // v1 documents always carry all six camera tracks, in a fixed order; unknown v0 camera names
  // are passed through so validation reports them by path instead of silently dropping keys.
  const camera: JsonObject[] = CAMERA_PARAMS.map(
    (param) =>
      cameraTracks.get(param) ?? { id: trackIdFor('camera', param), kind: 'camera', name: param, keys: [] }
  )
  for (const [name, track] of cameraTracks)
    if (!(CAMERA_PARAMS as readonly string[]).includes(name)) camera.push(track)

  const at = v0.pack.lastIndexOf('@')
  const image = v0.image
  return {
    format: PROJECT_FORMAT_NAME,
    version: 1,
    appVersion: v0.appVersion,
    createdAt: v0.created,
    modifiedAt: v0.modified ?? v0.created,
    portrait:
      'path' in image
        ? { kind: 'reference', path: image.path, sha256: image.sha256.toLowerCase(), fileName: image.file }
        : {
            kind: 'embedded',
            mime: image.mime,
            dataBase64: image.data,
            sha256: image.sha256.toLowerCase(),
            fileName: image.file
          },
    selectedFaceIndex: v0.face,
    enginePack: { id: v0.pack.slice(0, at), version: v0.pack.slice(at + 1) },
    document: {
      settings: { fps, durationSec: duration, width, height, workArea: { in: 0, out: duration } },
      tracks: [...expressionTracks, ...camera]
    }
  }
}

// ---------------------------------------------------------------------------------------------
// v1: app 0.1. Same as v2 but without the audio track; v1 files get `audio: null`. Anything else
// in the file is left for the final validation to judge.

function migrateV1(json: unknown): JsonObject {
  return { ...(json as JsonObject), version: 2, audio: null }
}

// ---------------------------------------------------------------------------------------------

/** STEPS[n] converts a file of version n into version n + 1 (still unvalidated JSON). */
const STEPS: Readonly<Record<number, (json: unknown, newKeyId: KeyIdFactory) => JsonObject>> = {
  0: migrateV0,
  1: migrateV1
}

export interface MigrateProjectOptions {
  /** Ids for keys of formats that had none (v0). Default: `k1`, `k2`, ... (unique within the file). */
  readonly newKeyId?: KeyIdFactory
}

/** The format version a parsed JSON value claims, after checking that it is a project at all. */
export function projectVersionOf(json: unknown): number {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ProjectFormatError(
      [{ path: '(root)', message: 'expected a JSON object' }],
      'This is not a Mimesis Studio project'
    )
  }
  const { format, version } = json as JsonObject
  if (format !== PROJECT_FORMAT_NAME) {
    throw new ProjectFormatError(
      [
        {
          path: 'format',
          message: `expected '${PROJECT_FORMAT_NAME}', got ${describeJsonValue(format)}`
        }
      ],
      'This is not a Mimesis Studio project'
    )
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ProjectFormatError([
      {
        path: 'version',
        message: `expected a whole format version number, got ${describeJsonValue(version)}`
      }
    ])
  }
  return version
}

/**
 * Turns any supported project JSON (already parsed) into a validated current-version `ProjectFile`.
 * Throws `NewerProjectVersionError` for files from a newer app and `ProjectFormatError` (whose
 * `issues` name JSON paths, e.g. `document.tracks[2].keys[0].time`) for malformed files.
 */
export function migrateProject(json: unknown, options: MigrateProjectOptions = {}): ProjectFile {
  let version = projectVersionOf(json)
  if (version > PROJECT_FORMAT_VERSION) throw new NewerProjectVersionError(version)
  const newKeyId = options.newKeyId ?? sequentialKeyIds('k')
  let current: unknown = json
  while (version < PROJECT_FORMAT_VERSION) {
    const step = STEPS[version]
    if (!step)
      throw new ProjectFormatError([{ path: 'version', message: `format v${version} is not supported` }])
    current = step(current, newKeyId)
    version += 1
  }
  checkTrackCount(current, ['document', 'tracks'])
  return parseOrThrow(projectFileSchema, current, 'This Mimesis Studio project is damaged')
}
