import { extname, resolve } from 'node:path'
import { PROJECT_FILE_EXTENSION } from '@shared/project'
import { type CameraParam, type CameraParams } from '@shared/timeline'
import { type PresetName } from '@shared/timeline/presets'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { EncodeQuality } from '../core/export/build-encode-args'
import type { OutputFormat, PngBitDepth } from '@shared/export/output-formats'
import { outputKindFor } from './render-options'

/** Options of `mimesis render` as commander hands them over: only what was given is set. */
export interface RenderCliOptions {
  out: string
  /** A still: the depth map's file; a PNG sequence: true (the depth pass goes into the folder). */
  depth?: string | true
  format?: OutputFormat
  bitDepth?: PngBitDepth
  overwrite?: boolean
  expr?: Record<string, number>
  yaw?: number
  pitch?: number
  roll?: number
  zoom?: number
  panX?: number
  panY?: number
  size?: number
  preset?: PresetName
  seconds?: number
  fps?: number
  range?: 'all' | 'work-area'
  face?: number
  quality?: 'draft' | 'standard' | 'high'
  aspect?: OutputAspect
  threads: number
  json?: boolean
}

/**
 * The frame of a still or preset clip: `square` (default) is `--size` px a side, placed on the head with room
 * for the hair when the portrait is not square (`frameOnHead`); `portrait` keeps the portrait's own aspect,
 * `--size` px on its longest side.
 */
export type OutputAspect = 'square' | 'portrait'

export const OUTPUT_ASPECTS: readonly OutputAspect[] = ['square', 'portrait']

export const DEFAULT_SIZE = 512
export const DEFAULT_PRESET_SECONDS = 6
export const DEFAULT_PRESET_FPS = 30

export interface StillJob {
  readonly kind: 'still'
  readonly portrait: string
  readonly out: string
  readonly depthOut: string | null
  readonly expression: Readonly<Record<string, number>>
  readonly camera: Readonly<Partial<CameraParams>>
  /** Each side of the square, or the longest side with `aspect: 'portrait'`. */
  readonly size: number
  readonly aspect: OutputAspect
  /** 0-based, largest face first. */
  readonly faceIndex: number
}

/**
 * How a PNG sequence is written (`--bit-depth`, `--depth`, `--overwrite`); an OBJ sequence takes only `replace`;
 * null for a video, a still and the other outputs.
 */
export interface SequenceJobOptions {
  readonly bitDepth: PngBitDepth
  readonly depth: boolean
  readonly replace: boolean
}

export interface PresetJob {
  readonly kind: 'preset'
  readonly portrait: string
  /** The video file, or the PNG sequence's folder. */
  readonly out: string
  readonly format: OutputFormat
  /** A PNG sequence's options; absent or null for a video. */
  readonly sequence?: SequenceJobOptions | null
  readonly preset: PresetName
  readonly seconds: number
  readonly fps: number
  /** Each side of the square, or the longest side with `aspect: 'portrait'`. */
  readonly size: number
  readonly aspect: OutputAspect
  readonly faceIndex: number
  readonly quality: EncodeQuality
}

export interface ProjectJob {
  readonly kind: 'project'
  readonly project: string
  readonly out: string
  readonly format: OutputFormat
  /** A PNG sequence's options; absent or null for a video. */
  readonly sequence?: SequenceJobOptions | null
  /** Longest side of the output; null = the project's own output size. */
  readonly size: number | null
  /** null = the project's fps. */
  readonly fps: number | null
  readonly range: 'all' | 'work-area'
  /** null = the face chosen in the project. */
  readonly faceIndex: number | null
  readonly quality: EncodeQuality
}

export type RenderJob = StillJob | PresetJob | ProjectJob

const CAMERA_OPTIONS: readonly [CameraParam, string][] = [
  ['yaw', '--yaw'],
  ['pitch', '--pitch'],
  ['roll', '--roll'],
  ['zoom', '--zoom'],
  ['panX', '--pan-x'],
  ['panY', '--pan-y']
]

/**
 * What `mimesis render <input>` is asked to do, from the input's extension and `--format` (or, without it, `--out`'s
 * extension): a project (`.mimesis`) renders to a video or a PNG sequence; a portrait renders a PNG still, or with
 * `--preset` a video or a PNG sequence. Options that make no sense for that kind of job are refused rather than
 * silently ignored.
 */
export function resolveRenderJob(input: string, given: RenderCliOptions): RenderJob {
  // A sequence's folder may be written with a trailing separator; its name is the folder's.
  const folder = given.format === 'png-seq' || given.format === 'obj-seq'
  const options = folder ? { ...given, out: given.out.replace(/(.)[\\/]+$/, '$1') } : given
  if (resolve(input) === resolve(options.out)) {
    throw new MimesisError(
      'usage',
      `--out ${options.out} is the input itself: rendering would overwrite it. Choose another file name.`
    )
  }
  const output = outputKindFor(options.out, options.format)
  if (output.kind === 'curves') {
    refuse(
      'rig curves',
      flagsGiven(options, ['size', 'aspect', 'quality', 'face', 'depth']),
      "the curves hold the face's motion, not pictures"
    )
  }
  const objSequence = output.kind === 'mesh' && output.format === 'obj-seq'
  if (output.kind === 'mesh') {
    refuse(
      'the 3D face',
      flagsGiven(options, [
        'size',
        'aspect',
        'quality',
        'depth',
        ...(objSequence ? (['bitDepth'] as const) : [])
      ]),
      `the ${objSequence ? 'OBJ sequence' : '.glb'} holds the face's mesh and motion, not pictures`
    )
  }
  // An OBJ sequence is a folder like a PNG sequence's: --overwrite applies to it.
  const sequence = sequenceOptions(options, output.kind === 'sequence' || objSequence)
  const camera: Partial<Record<CameraParam, number>> = {}
  const cameraFlags: string[] = []
  for (const [param, flag] of CAMERA_OPTIONS) {
    const value = options[param]
    if (value === undefined) continue
    camera[param] = value
    cameraFlags.push(flag)
  }
  const posed = [...(options.expr ? ['--expr'] : []), ...cameraFlags]
  const quality = options.quality ?? 'standard'

  if (extname(input).toLowerCase() === PROJECT_FILE_EXTENSION) {
    refuse(
      'a project render',
      [...posed, ...flagsGiven(options, ['preset', 'seconds', 'aspect', ...videoOnlyRefuses(sequence)])],
      'the project holds the animation and its frame'
    )
    if (output.kind === 'still') throw videoOnly(options.out, 'A project renders to a video')
    return {
      kind: 'project',
      project: input,
      out: options.out,
      format: output.format,
      sequence,
      size: options.size ?? null,
      fps: options.fps ?? null,
      range: options.range ?? 'all',
      faceIndex: options.face === undefined ? null : options.face - 1,
      quality
    }
  }

  const faceIndex = (options.face ?? 1) - 1
  const size = options.size ?? DEFAULT_SIZE
  const aspect = options.aspect ?? 'square'
  if (options.preset !== undefined) {
    refuse(
      'a preset',
      [...posed, ...flagsGiven(options, ['range', ...videoOnlyRefuses(sequence)])],
      'the preset animates the face and camera itself'
    )
    if (output.kind === 'still') throw videoOnly(options.out, 'A preset renders to a video')
    return {
      kind: 'preset',
      portrait: input,
      out: options.out,
      format: output.format,
      sequence,
      preset: options.preset,
      seconds: options.seconds ?? DEFAULT_PRESET_SECONDS,
      fps: options.fps ?? DEFAULT_PRESET_FPS,
      size,
      aspect,
      faceIndex,
      quality
    }
  }

  refuse(
    'a still',
    flagsGiven(options, ['seconds', 'fps', 'range', 'quality']),
    'they apply to videos and sequences'
  )
  if (output.kind === 'sequence') {
    throw new MimesisError(
      'usage',
      'A PNG sequence renders an animation: add --preset turntable or --preset expressions, or render a project.'
    )
  }
  if (output.kind !== 'still') {
    throw new MimesisError(
      'usage',
      `--out ${options.out}: a portrait without --preset renders one still, which must be a .png. ` +
        'For a video, add --preset turntable or --preset expressions, or render a project.'
    )
  }
  if (options.depth === true) {
    throw new MimesisError('usage', '--depth needs a file name for a still, e.g. --depth depth.png.')
  }
  if (options.depth !== undefined && extname(options.depth).toLowerCase() !== '.png') {
    throw new MimesisError(
      'usage',
      `--depth ${options.depth}: the depth map is written as a PNG; end the name in .png.`
    )
  }
  return {
    kind: 'still',
    portrait: input,
    out: options.out,
    depthOut: options.depth ?? null,
    expression: options.expr ?? {},
    camera,
    size,
    aspect,
    faceIndex
  }
}

const FLAG_NAMES: Readonly<Record<string, string>> = {
  bitDepth: '--bit-depth',
  overwrite: '--overwrite',
  preset: '--preset',
  seconds: '--seconds',
  depth: '--depth',
  range: '--range',
  fps: '--fps',
  quality: '--quality',
  aspect: '--aspect'
}

/**
 * A sequence's options from `--bit-depth`, `--depth` (no file: the pass goes into the folder) and `--overwrite`;
 * null for a video or a still, which refuse the first and the last, and take `--depth` only as a still's file.
 */
function sequenceOptions(options: RenderCliOptions, isSequence: boolean): SequenceJobOptions | null {
  if (!isSequence) {
    refuse(
      'a video or a still',
      flagsGiven(options, ['bitDepth', 'overwrite']),
      'they apply to PNG sequences'
    )
    return null
  }
  refuse('a PNG sequence', flagsGiven(options, ['quality']), 'PNG frames are lossless')
  if (typeof options.depth === 'string') {
    throw new MimesisError(
      'usage',
      `--depth ${options.depth}: a PNG sequence writes its depth pass into its folder; give --depth without a file.`
    )
  }
  return {
    bitDepth: options.bitDepth ?? 8,
    depth: options.depth === true,
    replace: options.overwrite === true
  }
}

/** A video refuses --depth (a still's depth map, or a sequence's pass); a sequence takes it. */
function videoOnlyRefuses(sequence: SequenceJobOptions | null): (keyof RenderCliOptions)[] {
  return sequence ? [] : ['depth']
}

function flagsGiven(options: RenderCliOptions, names: readonly (keyof RenderCliOptions)[]): string[] {
  return names.filter((name) => options[name] !== undefined).map((name) => FLAG_NAMES[name] ?? `--${name}`)
}

function refuse(what: string, flags: readonly string[], why: string): void {
  if (flags.length === 0) return
  throw new MimesisError('usage', `${flags.join(', ')} cannot be used with ${what}: ${why}.`)
}

function videoOnly(out: string, what: string): MimesisError {
  return new MimesisError(
    'usage',
    `--out ${out}: ${what}; end the name in .mp4, .mov, .webm or .gif, or add --format png-seq for a PNG sequence.`
  )
}
