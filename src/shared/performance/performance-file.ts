import { MimesisError } from '../errors/mimesis-error'
// A saved performance (`.mimesis-performance` JSON): motion taken from one driving clip, reusable on
// any portrait. The schema bounds every array, so a hostile or damaged file cannot make the app
// allocate without limit, and checks what `applyPerformance` relies on (finite numbers, sorted keys).
import { z } from 'zod'
import { validItemsArray } from '../json/valid-items-array'
import { MAX_MESSAGE_CHARS, boundText } from '../text/bound-text'
import { formatJsonPath } from '../project/project-errors'
import { trackIdFor } from '../timeline/ids'
import { CAMERA_PARAMS } from '../timeline/track-definitions'
import { type Performance } from './performance'

export const PERFORMANCE_FORMAT_NAME = 'mimesis-performance'
export const PERFORMANCE_FORMAT_VERSION = 1

export const MAX_PERFORMANCE_TRACKS = 64
export const MAX_PERFORMANCE_KEYS_PER_TRACK = 200_000
export const MAX_PERFORMANCE_GAPS = 100_000
/** Longer than the longest document (MAX_DURATION_SEC); a clip can be applied from its middle. */
const MAX_CLIP_SEC = 24 * 3600
const MAX_FPS = 1000
const MAX_NAME_LENGTH = 1024

export interface PerformanceFile {
  readonly format: typeof PERFORMANCE_FORMAT_NAME
  readonly version: typeof PERFORMANCE_FORMAT_VERSION
  /** When the file was written, ISO 8601 with offset. */
  readonly createdAt: string
  readonly performance: Performance
  // The optional `audio` field (the driving clip's sound) is added by the lead; not part of v1 yet.
}

/** The file is not a valid performance file; `path` is the JSON path of the first problem. */
export class PerformanceFileError extends MimesisError {
  readonly path: string
  constructor(path: string, problem: string) {
    // A name or key of the file may be megabytes long: the message keeps 500 characters of it.
    super(
      'PERFORMANCE_FILE_INVALID',
      boundText(`Not a valid Mimesis Studio performance file: ${path}: ${problem}`, MAX_MESSAGE_CHARS)
    )
    this.name = 'PerformanceFileError'
    this.path = path
  }
}

// z.number() refuses NaN and ±Infinity, so every number below is finite.
const clipSecondsSchema = z.number().min(0).max(MAX_CLIP_SEC)

const keySchema = z.object({ time: clipSecondsSchema, value: z.number() })

const trackSchema = z
  .object({
    kind: z.enum(['expression', 'camera']),
    name: z.string().min(1).max(MAX_NAME_LENGTH),
    keys: validItemsArray(keySchema, { max: MAX_PERFORMANCE_KEYS_PER_TRACK })
  })
  .superRefine((track, ctx) => {
    if (track.kind === 'camera' && !(CAMERA_PARAMS as readonly string[]).includes(track.name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['name'],
        message: `unknown camera parameter '${track.name}' (expected one of ${CAMERA_PARAMS.join(', ')})`
      })
    }
    for (let k = 1; k < track.keys.length; k++) {
      if (!(track.keys[k]!.time > track.keys[k - 1]!.time)) {
        ctx.addIssue({
          code: 'custom',
          path: ['keys', k, 'time'],
          message: `must be after the previous key's time (${track.keys[k - 1]!.time} s), got ${track.keys[k]!.time} s`
        })
        return
      }
    }
  })

const gapSchema = z
  .object({ start: clipSecondsSchema, end: clipSecondsSchema })
  .refine((gap) => gap.start < gap.end, { path: ['end'], message: 'must be after start' })

const performanceSchema = z
  .object({
    sourceName: z.string().max(MAX_NAME_LENGTH),
    fps: z.number().positive().max(MAX_FPS),
    durationSec: clipSecondsSchema,
    referenceTimeSec: clipSecondsSchema,
    tracks: z.array(trackSchema).max(MAX_PERFORMANCE_TRACKS),
    gaps: z.array(gapSchema).max(MAX_PERFORMANCE_GAPS)
  })
  .superRefine((perf, ctx) => {
    const seen = new Map<string, number>()
    perf.tracks.forEach((track, t) => {
      const id = trackIdFor(track.kind, track.name)
      const other = seen.get(id)
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tracks', t, 'name'],
          message: `duplicate ${track.kind} track '${track.name}' (also tracks[${other}])`
        })
      }
      seen.set(id, t)
    })
  })

export const performanceFileSchema = z.object({
  format: z.literal(PERFORMANCE_FORMAT_NAME),
  version: z.literal(PERFORMANCE_FORMAT_VERSION),
  createdAt: z.iso.datetime({ offset: true }),
  performance: performanceSchema
})

// Compile-time check that the schema produces the `PerformanceFile` type the app uses.
type SchemaOutput = z.output<typeof performanceFileSchema>
const _outputIsPerformanceFile = (value: SchemaOutput): PerformanceFile => value
void _outputIsPerformanceFile

function validate(value: unknown): PerformanceFile {
  const result = performanceFileSchema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new PerformanceFileError(formatJsonPath(issue.path), issue.message)
}

/**
 * The performance as file text (compact JSON, newline-terminated), stamped with `now`.
 * Checks it against the schema first, so a file that would not load is never written: throws a
 * `PerformanceFileError` naming the first bad path (e.g. a NaN value or unsorted keys).
 */
export function serializePerformanceFile(perf: Performance, now: Date): string {
  const file: PerformanceFile = {
    format: PERFORMANCE_FORMAT_NAME,
    version: PERFORMANCE_FORMAT_VERSION,
    createdAt: now.toISOString(),
    performance: perf
  }
  validate(file)
  return `${JSON.stringify(file)}\n`
}

/**
 * Reads performance file text. Throws a `PerformanceFileError` whose message names the JSON path
 * of the first problem (`(root)` when the text is not JSON), and says so when a newer app wrote it.
 */
export function parsePerformanceFile(text: string): Performance {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new PerformanceFileError(
      '(root)',
      `not JSON (${error instanceof Error ? error.message : String(error)})`
    )
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    'format' in json &&
    json.format === PERFORMANCE_FORMAT_NAME &&
    'version' in json &&
    typeof json.version === 'number' &&
    json.version > PERFORMANCE_FORMAT_VERSION
  ) {
    throw new PerformanceFileError(
      'version',
      `format v${json.version} was written by a newer Mimesis Studio; this version reads up to v${PERFORMANCE_FORMAT_VERSION}. Update the app to open it.`
    )
  }
  return validate(json).performance
}
