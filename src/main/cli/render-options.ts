import { extname } from 'node:path'
import { InvalidArgumentError } from 'commander'
import {
  CAMERA_TRACK_DEFINITIONS,
  MAX_DURATION_SEC,
  MAX_FPS,
  MAX_OUTPUT_SIZE,
  type CameraParam
} from '@shared/timeline'
import { boundText } from '@shared/text/bound-text'
import { MimesisError } from '@shared/errors/mimesis-error'
import { parseDecimal, quoteArgument } from './parse-options'
import { videoFormatOfName } from '@shared/export/video-formats'
import {
  OUTPUT_FORMATS,
  RIG_CURVE_FORMATS,
  isFaceMesh,
  isRigCurves,
  type FaceMeshFormat,
  type OutputFormat,
  type PngBitDepth,
  type RigCurveFormat
} from '@shared/export/output-formats'
import type { ExportFormat } from '../core/export/export-format'
import type { ExportProgress } from '../core/export/export-video'

/** `smile=0.8,jawOpen=0.3` (repeatable: later flags add to, or override, earlier ones). */
export function parseExpressionList(
  value: string,
  previous: Readonly<Record<string, number>> = {}
): Record<string, number> {
  const out: Record<string, number> = { ...previous }
  const pairs = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (pairs.length === 0)
    throw new InvalidArgumentError('expected name=value pairs such as smile=0.8,jawOpen=0.3')
  for (const pair of pairs) {
    const match = /^([A-Za-z][\w-]*)\s*=\s*(\S+)$/.exec(pair)
    if (!match) {
      throw new InvalidArgumentError(
        `${quoteArgument(pair)} is not name=value; write e.g. smile=0.8,jawOpen=0.3`
      )
    }
    const name = match[1]!
    const raw = match[2]!
    const n = parseDecimal(raw)
    if (!Number.isFinite(n))
      throw new InvalidArgumentError(`${boundText(`${name}=${raw}`, 80)}: the value is not a number`)
    if (n < -1 || n > 1)
      throw new InvalidArgumentError(`${boundText(`${name}=${raw}`, 80)}: expression values go from -1 to 1`)
    out[name] = n
  }
  return out
}

/** Throws a usage error naming every direction that `values` has and the pack does not, with the valid list. */
export function checkDirectionNames(
  values: Readonly<Record<string, number>>,
  known: readonly string[]
): void {
  const unknown = Object.keys(values).filter((name) => !known.includes(name))
  if (unknown.length === 0) return
  const described = unknown.map((name) => {
    const guess = closestName(name, known)
    return guess ? `${quoteArgument(name)} (did you mean ${guess}?)` : quoteArgument(name)
  })
  throw new MimesisError(
    'usage',
    `Unknown expression direction${unknown.length > 1 ? 's' : ''} ${described.join(', ')}.`,
    { detail: `Valid directions: ${known.join(', ')}.` }
  )
}

/** A known name that matches case-insensitively, starts the same way, or is one edit away. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  return (
    known.find((k) => k.toLowerCase() === lower) ??
    known.find((k) => lower.startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(lower)) ??
    known.find((k) => editDistance(k.toLowerCase(), lower) <= 2)
  )
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    row = next
  }
  return row[b.length]!
}

const CAMERA_UNITS: Record<CameraParam, string> = {
  yaw: '°',
  pitch: '°',
  roll: '°',
  zoom: '×',
  panX: ' of the frame width',
  panY: ' of the frame height'
}

/**
 * Parser for one camera option. Values outside the timeline's range (the engine's supported range for
 * yaw, pitch and roll: ±35°, ±25°, ±30°) are refused rather than clamped or rendered degraded, so a
 * command line can never ask for a view the studio cannot show.
 */
export function cameraValueParser(param: CameraParam): (value: string) => number {
  const { min, max } = CAMERA_TRACK_DEFINITIONS[param].range
  return (value) => {
    const n = parseDecimal(value)
    if (value.trim() === '' || !Number.isFinite(n))
      throw new InvalidArgumentError(`expected a number, got ${quoteArgument(value)}`)
    if (n < min || n > max) {
      throw new InvalidArgumentError(
        `${param} ${boundText(value, 80)} is outside the supported range ${min}…${max}${CAMERA_UNITS[param]}`
      )
    }
    return n
  }
}

/** Output size in px (each side of a square still or clip, or the longest side of a project's frame). */
export function parseSize(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isInteger(n) || n < 16 || n > MAX_OUTPUT_SIZE) {
    throw new InvalidArgumentError(
      `expected a whole number of pixels from 16 to ${MAX_OUTPUT_SIZE}, got ${quoteArgument(value)}`
    )
  }
  return n
}

export function parseFps(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isFinite(n) || n <= 0 || n > MAX_FPS) {
    throw new InvalidArgumentError(
      `expected frames per second above 0 and up to ${MAX_FPS}, got ${quoteArgument(value)}`
    )
  }
  return n
}

export function parseSeconds(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isFinite(n) || n <= 0 || n > MAX_DURATION_SEC) {
    throw new InvalidArgumentError(
      `expected seconds above 0 and up to ${MAX_DURATION_SEC}, got ${quoteArgument(value)}`
    )
  }
  return n
}

/** `--face N`: 1 is the largest face, as `mimesis analyze` numbers them. */
export function parseFaceNumber(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(
      `expected a face number from 1 (the largest face), got ${quoteArgument(value)}`
    )
  }
  return n
}

export type OutputKind =
  | { kind: 'still' }
  | { kind: 'video'; format: ExportFormat }
  | { kind: 'sequence'; format: 'png-seq' }
  | { kind: 'curves'; format: RigCurveFormat }
  | { kind: 'mesh'; format: FaceMeshFormat }

/**
 * What `--out` asks for, by its extension: a PNG still, an MP4 (H.264), MOV (ProRes 4444) or WebM (VP9) video, rig
 * curves (.csv: ARKit CSV, .json: JSON) or the animated 3D face (.glb).
 */
export function outputKindOf(path: string): OutputKind {
  const ext = extname(path).toLowerCase()
  if (ext === '.png') {
    if (/%0?\d*d/.test(path)) {
      throw new MimesisError(
        'usage',
        `--out ${boundText(path, 200)}: for a PNG sequence, name its folder and add --format png-seq ` +
          '(e.g. --format png-seq --out renders/shot writes renders/shot/shot_00001.png, …).'
      )
    }
    return { kind: 'still' }
  }
  const format = videoFormatOfName(path)
  if (format) return { kind: 'video', format }
  const curves = RIG_CURVE_FORMATS.find((id) => OUTPUT_FORMATS[id].extension === ext)
  if (curves) return { kind: 'curves', format: curves }
  if (ext === OUTPUT_FORMATS.glb.extension) return { kind: 'mesh', format: 'glb' }
  throw new MimesisError(
    'usage',
    `--out ${boundText(path, 200)}: the file name must end in .png (a still), .mp4, .mov, .webm or .gif (a video), .csv or .json (rig curves) or .glb (the 3D face)${ext ? `, not ${boundText(ext, 20)}` : ''}; ` +
      'for a PNG sequence, add --format png-seq and name its folder.'
  )
}

/**
 * What `--out` and `--format` ask for together: `--format`, when given, decides, and a video's name must then end
 * in that format's extension; `png-seq` takes a folder name (no .png: the frames inside are named after it).
 * Without `--format`, the extension decides (`outputKindOf`).
 */
export function outputKindFor(path: string, format: OutputFormat | undefined): OutputKind {
  if (format === undefined) return outputKindOf(path)
  if (format === 'obj-seq') {
    if (/^\.(obj|mtl|png)$/.test(extname(path.replace(/[\\/]+$/, '')).toLowerCase())) {
      throw new MimesisError(
        'usage',
        `--out ${boundText(path, 200)}: with --format obj-seq, --out names the sequence's folder, e.g. renders/face ` +
          '(which then holds face_00001.obj, …, face.mtl and the textures).'
      )
    }
    return { kind: 'mesh', format }
  }
  if (format === 'png-seq') {
    if (extname(path.replace(/[\\/]+$/, '')).toLowerCase() === '.png') {
      throw new MimesisError(
        'usage',
        `--out ${boundText(path, 200)}: with --format png-seq, --out names the sequence's folder, e.g. renders/shot ` +
          '(which then holds shot_00001.png, …).'
      )
    }
    return { kind: 'sequence', format }
  }
  const { extension } = OUTPUT_FORMATS[format]
  if (extname(path).toLowerCase() !== extension) {
    throw new MimesisError(
      'usage',
      `--out ${boundText(path, 200)}: --format ${format} writes a ${extension} file; end the name in ${extension}.`
    )
  }
  if (isRigCurves(format)) return { kind: 'curves', format }
  return isFaceMesh(format) ? { kind: 'mesh', format } : { kind: 'video', format }
}

/** `--bit-depth`: 8 or 16 bits a sample for a PNG sequence's colour frames. */
export function parseBitDepth(value: string): PngBitDepth {
  if (value.trim() === '8') return 8
  if (value.trim() === '16') return 16
  throw new InvalidArgumentError(`expected 8 or 16, got ${quoteArgument(value)}`)
}

/** `width`×`height` scaled so that the longer side is `side` px, aspect ratio kept. */
export function fitLongestSide(
  width: number,
  height: number,
  side: number
): { width: number; height: number } {
  const scale = side / Math.max(width, height)
  return { width: Math.max(2, Math.round(width * scale)), height: Math.max(2, Math.round(height * scale)) }
}

/** `clip.mp4: frame 48/180 (27%), 12.3 fps, ETA 0:11`. */
export function formatRenderProgress(label: string, progress: ExportProgress): string {
  const percent = Math.floor(progress.fraction * 100)
  const eta = progress.etaMs === null ? '' : `, ETA ${formatDuration(progress.etaMs)}`
  return (
    `${label}: frame ${progress.framesDone}/${progress.frameCount} (${percent}%), ` +
    `${progress.fps.toFixed(1)} fps${eta}`
  )
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
