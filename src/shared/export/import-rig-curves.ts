// Rig curves back into a performance (the round trip of `rig-curves-csv.ts` / `rig-curves-json.ts`, and curves
// captured on a phone with Live Link Face): the file is read, its ARKit weights mapped back to the pack's directions
// (`arkit-inverse.ts`), its head angles to the camera's, and the dense samples reduced to keys (`reducePerformance`),
// ready to bake with `applyPerformance` as a driven take is.
import { z } from 'zod'
import { reducePerformance, type ReductionTolerance } from '../performance/reduce-performance'
import { type Performance, type PerformanceChannel, type PerformanceSeries } from '../performance/performance'
import { type TrackKind } from '../timeline/ids'
import { ARKIT_BLENDSHAPES } from './arkit-mapping'
import { directionValuesFromArkit } from './arkit-inverse'
import { CurvesFileError, parseLiveLinkCsv, type CurveTable } from './parse-live-link-csv'
import { CAMERA_EXTRA_COLUMNS, LIVE_LINK_DEGREES_PER_UNIT, LIVE_LINK_HEAD_COLUMNS } from './rig-curves-csv'
import { RIG_CURVES_JSON_FORMAT } from './rig-curves-json'

/**
 * Key reduction of imported curves: expression weights to 0.01, head angles to 0.05° (as generated motion), the
 * framing (zoom, pan) to 0.001.
 */
export const CURVES_TOLERANCE: ReductionTolerance = { expression: 0.01, camera: 0.05 }
export const FRAMING_TOLERANCE = 0.001

interface Channels {
  readonly times: Float64Array
  readonly fps: number
  readonly channels: PerformanceChannel[]
}

/** The frame rate of sample `times`: the nearest whole rate to the median step (a phone's steps jitter). */
function rateOf(times: Float64Array): number {
  if (times.length < 2) return 30
  const steps = Array.from(times.subarray(1), (t, i) => t - times[i]!).sort((a, b) => a - b)
  const median = steps[Math.floor(steps.length / 2)]!
  return Math.max(1, Math.round(1 / median))
}

/** The CSV's channels: directions from the ARKit weights and extras, the camera from the head and framing columns. */
function csvChannels(table: CurveTable, name: string): Channels {
  const byLower = new Map([...table.columns].map(([column, values]) => [column.toLowerCase(), values]))
  const shapeColumns = ARKIT_BLENDSHAPES.map((shape) => byLower.get(shape.toLowerCase()) ?? null)
  const extraColumns = [...table.columns].filter(([column]) => /^mimesis\.[^.]+\.(pos|neg)$/.test(column))
  const head = LIVE_LINK_HEAD_COLUMNS.map((c) => byLower.get(c.toLowerCase()) ?? null)
  if (shapeColumns.every((c) => c === null) && extraColumns.length === 0 && head.every((c) => c === null)) {
    throw new CurvesFileError(
      `"${name}" has no curves to import: none of its columns is an ARKit blendshape (EyeBlinkLeft, JawOpen, …), ` +
        'a head angle (HeadYaw, HeadPitch, HeadRoll) or a mimesis.<direction> column.'
    )
  }
  const n = table.times.length
  const expression = new Map<string, Float32Array>()
  const shapes = new Float64Array(ARKIT_BLENDSHAPES.length)
  for (let i = 0; i < n; i++) {
    shapeColumns.forEach((column, s) => (shapes[s] = column ? column[i]! : NaN))
    const extra = new Map(extraColumns.map(([column, values]) => [column, values[i]!]))
    for (const [direction, value] of directionValuesFromArkit({ shapes, extra })) {
      let values = expression.get(direction)
      if (!values) expression.set(direction, (values = new Float32Array(n)))
      values[i] = value
    }
  }
  const channels: PerformanceChannel[] = [...expression].map(([direction, values]) => ({
    kind: 'expression',
    name: direction,
    values
  }))
  // The head's angles (Live Link's degrees / 180) back to the camera orbit that shows them (the inverse of
  // `headRotation`).
  const signs = [-1, 1, -1]
  ;(['yaw', 'pitch', 'roll'] as const).forEach((param, a) => {
    const column = head[a]
    if (column) {
      const values = Float32Array.from(column, (v) => signs[a]! * v * LIVE_LINK_DEGREES_PER_UNIT + 0)
      channels.push({ kind: 'camera', name: param, values })
    }
  })
  CAMERA_EXTRA_COLUMNS.forEach((column) => {
    const values = table.columns.get(column)
    if (values)
      channels.push({ kind: 'camera', name: column.split('.')[2]!, values: Float32Array.from(values) })
  })
  return { times: table.times, fps: rateOf(table.times), channels }
}

const framesSchema = z.array(z.array(z.number()))
const curvesJsonSchema = z.object({
  format: z.literal(RIG_CURVES_JSON_FORMAT),
  version: z.literal(1),
  fps: z.number().positive().max(1000),
  frameCount: z.number().int().positive().max(216_000),
  directions: z.object({ names: z.array(z.string().min(1)), frames: framesSchema }),
  camera: z.object({ names: z.array(z.string().min(1)), frames: framesSchema })
})

/** The JSON's channels: the project's own direction values and camera curves, exact. */
function jsonChannels(text: string, name: string): Channels {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new CurvesFileError(`"${name}" is not valid JSON: ${error instanceof Error ? error.message : ''}`)
  }
  const parsed = curvesJsonSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new CurvesFileError(
      `"${name}" is not a rig-curves JSON written by this studio: at ${issue.path.join('.') || 'the top'}, ` +
        `${issue.message}.`
    )
  }
  const json = parsed.data
  const times = Float64Array.from({ length: json.frameCount }, (_, i) => i / json.fps)
  const channels: PerformanceChannel[] = []
  for (const [part, kind] of [
    ['directions', 'expression'],
    ['camera', 'camera']
  ] as const) {
    const { names, frames } = json[part]
    if (frames.length !== json.frameCount) {
      throw new CurvesFileError(
        `"${name}": ${part}.frames has ${frames.length} rows for ${json.frameCount} frames.`
      )
    }
    frames.forEach((row, r) => {
      if (row.length !== names.length) {
        throw new CurvesFileError(
          `"${name}": ${part}.frames row ${r} has ${row.length} values for ${names.length} names.`
        )
      }
    })
    names.forEach((channel, c) => {
      const values = Float32Array.from(frames, (row) => row[c]!)
      channels.push({ kind: kind as TrackKind, name: channel, values })
    })
  }
  return { times, fps: json.fps, channels }
}

/**
 * Reads rig curves (`name` is the file's, for messages and the performance's source): a rig-curves JSON when the
 * text is a JSON object, else a Live Link Face CSV. Returns the performance on its own clock (0 = the first row),
 * reduced to keys within `CURVES_TOLERANCE` (zoom and pan within `FRAMING_TOLERANCE`). Throws a CurvesFileError
 * (code 'curves-invalid') that names the row and column, or the JSON path, at fault.
 */
export function importRigCurves(text: string, name: string): Performance {
  const read = text.trimStart().startsWith('{')
    ? jsonChannels(text, name)
    : csvChannels(parseLiveLinkCsv(text, name), name)
  const { times, fps } = read
  const series = (channels: PerformanceChannel[]): PerformanceSeries => ({
    sourceName: name,
    fps,
    durationSec: times[times.length - 1]! + 1 / fps,
    referenceTimeSec: 0,
    times,
    channels,
    gaps: []
  })
  const isFraming = (c: PerformanceChannel): boolean =>
    c.kind === 'camera' && (c.name === 'zoom' || c.name === 'panX' || c.name === 'panY')
  const motion = reducePerformance(series(read.channels.filter((c) => !isFraming(c))), {
    tolerance: CURVES_TOLERANCE
  })
  const framing = reducePerformance(series(read.channels.filter(isFraming)), {
    tolerance: { expression: CURVES_TOLERANCE.expression, camera: FRAMING_TOLERANCE }
  })
  return { ...motion, tracks: [...motion.tracks, ...framing.tracks] }
}
