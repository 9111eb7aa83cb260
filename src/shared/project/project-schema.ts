// Runtime schema of the current (v2) project format. Older formats are converted to this shape in
// `migrate-project.ts` before validation, so this schema only ever describes the newest version.
import { z } from 'zod'
import { type AnimationDocument, type Keyframe, type Track } from '../timeline/animation-document'
import { type KeyId, type TrackId, keyId, trackIdFor } from '../timeline/ids'
import { INTERPOLATIONS, type Interpolation } from '../timeline/interpolation'
import { MAX_DURATION_SEC, MAX_FPS, MAX_OUTPUT_SIZE } from '../timeline/set-settings'
import { CAMERA_PARAMS, trackDefinition } from '../timeline/track-definitions'
import { type Seconds, seconds } from '../timeline/units'
import {
  AUDIO_START_LIMIT_SEC,
  type EmbeddedAudio,
  MAX_EMBEDDED_AUDIO_BYTES,
  type ProjectAudio,
  type ProjectFile
} from './project-file'
import { PROJECT_FORMAT_NAME, PROJECT_FORMAT_VERSION } from './project-format'
import { validItemsArray } from '../json/valid-items-array'

const secondsSchema = z
  .number()
  .min(0)
  .transform((v): Seconds => seconds(v))

/**
 * Most tracks a document may have: one per expression direction of a pack plus the six camera tracks is a few
 * dozen. Checked before the schema runs (`checkTrackCount`), so a file of 200,000 tracks is refused at once.
 */
export const MAX_DOCUMENT_TRACKS = 1000

/**
 * Most keys a document may hold over all its tracks: a 60-minute performance at 25 fps kept dense on 22 tracks
 * is about 2 million; driving, live takes and generated performances reduce theirs to a few thousand a minute.
 * Checked before the schema runs (`checkTrackCount`), so a file of 20 million keys is refused at once instead
 * of validated for minutes and held in memory.
 */
export const MAX_DOCUMENT_KEYS = 2_000_000

const keyTimeSchema = z
  .number()
  .min(0, { message: `must be from 0 to ${MAX_DURATION_SEC} seconds` })
  .max(MAX_DURATION_SEC, { message: `must be from 0 to ${MAX_DURATION_SEC} seconds` })
  .transform((v): Seconds => seconds(v))

const handleSchema = z.object({ dt: z.number().min(0).max(1), dv: z.number() })

const keyframeSchema = z.object({
  id: z
    .string()
    .min(1)
    .transform((v): KeyId => keyId(v)),
  time: keyTimeSchema,
  value: z.number(),
  interpolation: z.enum(INTERPOLATIONS as [Interpolation, ...Interpolation[]]),
  handles: z.object({ out: handleSchema, in: handleSchema }).optional()
})

const INTERPOLATION_NAMES: ReadonlySet<unknown> = new Set(INTERPOLATIONS)

/**
 * `keyframeSchema`'s output for a plainly valid key without handles (what nearly every key of a driven
 * performance is), checked in a few comparisons; null leaves the key to the schema.
 */
function quickKeyframe(value: unknown): Keyframe | null {
  if (typeof value !== 'object' || value === null || 'handles' in value) return null
  const { id, time, value: keyValue, interpolation } = value as Record<string, unknown>
  if (typeof id !== 'string' || id.length === 0) return null
  if (typeof time !== 'number' || !(time >= 0 && time <= MAX_DURATION_SEC)) return null
  if (typeof keyValue !== 'number' || !Number.isFinite(keyValue)) return null
  if (!INTERPOLATION_NAMES.has(interpolation)) return null
  return {
    id: keyId(id),
    time: seconds(time),
    value: keyValue,
    interpolation: interpolation as Interpolation
  }
}

const trackSchema = z.object({
  id: z.string().transform((v): TrackId => v as TrackId),
  kind: z.enum(['expression', 'camera']),
  name: z.string().min(1),
  keys: validItemsArray(keyframeSchema, {}, quickKeyframe)
})

const settingsSchema = z.object({
  fps: z.number().positive().max(MAX_FPS),
  durationSec: secondsSchema.refine((v) => v > 0 && v <= MAX_DURATION_SEC, {
    message: `must be in (0, ${MAX_DURATION_SEC}] seconds`
  }),
  width: z.int().min(1).max(MAX_OUTPUT_SIZE),
  height: z.int().min(1).max(MAX_OUTPUT_SIZE),
  workArea: z.object({ in: secondsSchema, out: secondsSchema })
})

function sortTrackKeys(track: Track): Track {
  const sorted = track.keys.every((k, i) => i === 0 || track.keys[i - 1]!.time <= k.time)
  return sorted ? track : { ...track, keys: [...track.keys].sort((a, b) => a.time - b.time) }
}

export const animationDocumentSchema = z
  .object({ settings: settingsSchema, tracks: validItemsArray(trackSchema) })
  .superRefine((doc, ctx) => {
    const { durationSec, workArea } = doc.settings
    if (!(workArea.in < workArea.out) || workArea.out > durationSec + 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['settings', 'workArea'],
        message: `must satisfy 0 <= in < out <= durationSec (got in=${workArea.in}, out=${workArea.out})`
      })
    }
    const trackIds = new Set<string>()
    const keyIds = new Set<string>()
    doc.tracks.forEach((track, t) => {
      if (track.id !== trackIdFor(track.kind, track.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', t, 'id'],
          message: `must be '${trackIdFor(track.kind, track.name)}' for a ${track.kind} track named '${track.name}'`
        })
      }
      if (track.kind === 'camera' && !(CAMERA_PARAMS as readonly string[]).includes(track.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', t, 'name'],
          message: `unknown camera parameter '${track.name}' (expected one of ${CAMERA_PARAMS.join(', ')})`
        })
      }
      if (trackIds.has(track.id)) {
        ctx.addIssue({ code: 'custom', path: ['tracks', t, 'id'], message: `duplicate track '${track.id}'` })
      }
      trackIds.add(track.id)
      // Keys may share a FRAME (an fps change keeps key times in seconds), but never a TIME: two
      // values at one instant would make evaluation ambiguous.
      const times = new Map<number, number>()
      const { range, unit } = trackDefinition(track.kind, track.name)
      track.keys.forEach((key: Keyframe, k) => {
        // The same ranges the studio's tracks and the CLI's options keep to: a value outside is refused,
        // never clamped silently (a yaw of 1e6° is a damaged file, not a wish for 35°).
        if (key.value < range.min || key.value > range.max) {
          ctx.addIssue({
            code: 'custom',
            path: ['tracks', t, 'keys', k, 'value'],
            message:
              `${track.kind === 'camera' ? `${track.name} ` : ''}${key.value} is outside the valid range ` +
              `${range.min} to ${range.max} (${unit})`
          })
        }
        // A Bezier handle reaches at most one range-width beyond the range (the curve editor's limit), so
        // its offset from a key inside the range is within two range-widths.
        const reach = 2 * (range.max - range.min)
        for (const side of ['out', 'in'] as const) {
          const dv = key.handles?.[side].dv
          if (dv !== undefined && Math.abs(dv) > reach) {
            ctx.addIssue({
              code: 'custom',
              path: ['tracks', t, 'keys', k, 'handles', side, 'dv'],
              message: `${dv} is outside the valid range ${-reach} to ${reach} (${unit})`
            })
          }
        }
        if (keyIds.has(key.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['tracks', t, 'keys', k, 'id'],
            message: `duplicate key id '${key.id}'`
          })
        }
        keyIds.add(key.id)
        const other = times.get(key.time)
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['tracks', t, 'keys', k, 'time'],
            message: `has the same time (${key.time} s) as tracks[${t}].keys[${other}]`
          })
        }
        times.set(key.time, k)
      })
    })
  })
  .transform((doc): AnimationDocument => ({ settings: doc.settings, tracks: doc.tracks.map(sortTrackKeys) }))

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256 (64 characters)')

const portraitSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('embedded'),
    mime: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    dataBase64: z.base64().min(1),
    sha256: sha256Schema,
    fileName: z.string().min(1)
  }),
  z.object({
    kind: z.literal('reference'),
    path: z.string().min(1),
    sha256: sha256Schema,
    fileName: z.string().min(1)
  })
])

/** Base64 characters that encode MAX_EMBEDDED_AUDIO_BYTES bytes (4 characters per 3 bytes, padded). */
const MAX_AUDIO_BASE64_CHARS = Math.ceil(MAX_EMBEDDED_AUDIO_BYTES / 3) * 4

/**
 * An embedded .m4a (AAC in MP4): the media only, so any Mimesis file that carries audio (a project, a
 * performance) stores it the same way and can reuse this schema.
 */
export const embeddedAudioSchema = z.object({
  kind: z.literal('embedded'),
  mime: z.literal('audio/mp4'),
  // The length is checked before the (slower) base64 pattern, so an oversized file fails fast.
  dataBase64: z
    .string()
    .min(1)
    .max(MAX_AUDIO_BASE64_CHARS, {
      message: `must encode at most ${MAX_EMBEDDED_AUDIO_BYTES / (1024 * 1024)} MiB of audio`
    })
    .pipe(z.base64()),
  sha256: sha256Schema,
  fileName: z.string().min(1)
})

/** The project's audio track: the embedded audio plus where it plays on the document clock. */
export const projectAudioSchema = embeddedAudioSchema.extend({
  startSec: z.number().min(-AUDIO_START_LIMIT_SEC).max(AUDIO_START_LIMIT_SEC),
  muted: z.boolean()
})

export const projectFileSchema = z.object({
  format: z.literal(PROJECT_FORMAT_NAME),
  version: z.literal(PROJECT_FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  modifiedAt: z.iso.datetime({ offset: true }),
  portrait: portraitSchema,
  selectedFaceIndex: z.int().min(0),
  enginePack: z.object({ id: z.string().min(1), version: z.string().min(1) }),
  document: animationDocumentSchema,
  audio: projectAudioSchema.nullable()
})

// Compile-time checks that the schemas produce exactly the types the app uses.
type SchemaOutput = z.output<typeof projectFileSchema>
const _outputIsProjectFile = (value: SchemaOutput): ProjectFile => value
void _outputIsProjectFile
const _outputIsEmbeddedAudio = (value: z.output<typeof embeddedAudioSchema>): EmbeddedAudio => value
void _outputIsEmbeddedAudio
const _outputIsProjectAudio = (value: z.output<typeof projectAudioSchema>): ProjectAudio => value
void _outputIsProjectAudio
