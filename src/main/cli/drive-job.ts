import { basename, extname, join, resolve } from 'node:path'
import { PROJECT_FILE_EXTENSION } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { EncodeQuality } from '../core/export/build-encode-args'
import type { ExportFormat } from '../core/export/export-format'
import { DRIVE_MODES, type DriveMode } from '../core/drive/retarget-driver'
import { parseDecimal } from './parse-options'
import { outputKindOf } from './render-options'

/** Options of `mimesis drive` as commander hands them over: only what was given is set. */
export interface DriveCliOptions {
  out?: string
  outDir?: string
  size?: number
  fps?: number
  mode?: DriveMode
  intensity?: number
  reference?: string
  smooth?: 'on' | 'off'
  audio: boolean
  dense?: boolean
  saveProject?: string
  driverFace?: number
  quality?: EncodeQuality
  threads: number
  json?: boolean
}

export const DEFAULT_DRIVE_SIZE = 512

export interface DriveTarget {
  readonly portrait: string
  readonly out: string
  readonly format: ExportFormat
  /** Project file to write beside the video, or null. */
  readonly project: string | null
}

export interface DriveJob {
  readonly driver: string
  readonly targets: readonly DriveTarget[]
  readonly size: number
  /** null: the driver's own frame rate. */
  readonly fps: number | null
  readonly mode: DriveMode
  readonly intensity: number
  /** 'auto' or seconds into the driver. */
  readonly reference: 'auto' | number
  readonly smoothing: boolean
  readonly audio: boolean
  readonly dense: boolean
  /** Which of the driver's faces to follow, 0 = the largest. */
  readonly driverFace: number
  readonly quality: EncodeQuality
}

/**
 * What `mimesis drive <video> <portrait…>` is asked to do. One portrait writes `--out`; several need
 * `--out-dir`, where each gets `<portrait name>.mp4`. `--save-project` takes one portrait.
 */
export function resolveDriveJob(
  driver: string,
  portraits: readonly string[],
  options: DriveCliOptions
): DriveJob {
  if (portraits.length === 0) throw new MimesisError('usage', 'Give at least one portrait to drive.')
  if ((options.out === undefined) === (options.outDir === undefined)) {
    throw new MimesisError(
      'usage',
      portraits.length > 1
        ? 'Several portraits need --out-dir <folder> (and no --out): each gets <portrait name>.mp4 there.'
        : 'Give --out <file.mp4> (or --out-dir <folder>), not both.'
    )
  }
  if (options.out !== undefined && portraits.length > 1) {
    throw new MimesisError(
      'usage',
      `--out names one file, but ${portraits.length} portraits were given; use --out-dir.`
    )
  }
  const names = portraits.map((p) => basename(p, extname(p)))
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (options.outDir !== undefined && duplicate !== undefined) {
    throw new MimesisError(
      'usage',
      `Two portraits are named ${duplicate}; their outputs in --out-dir would collide.`
    )
  }
  if (options.saveProject !== undefined) {
    if (portraits.length > 1) {
      throw new MimesisError(
        'usage',
        '--save-project writes one project: drive one portrait at a time to save projects.'
      )
    }
    if (extname(options.saveProject).toLowerCase() !== PROJECT_FILE_EXTENSION) {
      throw new MimesisError(
        'usage',
        `--save-project ${options.saveProject}: end the name in ${PROJECT_FILE_EXTENSION}.`
      )
    }
  }
  const targets = portraits.map((portrait, i): DriveTarget => {
    const out = options.out ?? join(options.outDir!, `${names[i]}.mp4`)
    const kind = outputKindOf(out)
    if (kind.kind !== 'video') {
      throw new MimesisError(
        'usage',
        `--out ${out}: driving renders a video; end the name in .mp4, .mov, .webm or .gif.`
      )
    }
    if (resolve(out) === resolve(driver) || portraits.some((p) => resolve(p) === resolve(out))) {
      throw new MimesisError(
        'usage',
        `--out ${out} is one of the inputs: driving would overwrite it. Choose another file name.`
      )
    }
    return { portrait, out, format: kind.format, project: options.saveProject ?? null }
  })
  return {
    driver,
    targets,
    size: options.size ?? DEFAULT_DRIVE_SIZE,
    fps: options.fps ?? null,
    mode: options.mode ?? 'both',
    intensity: options.intensity ?? 1,
    reference: parseReference(options.reference),
    smoothing: (options.smooth ?? 'on') === 'on',
    audio: options.audio,
    dense: options.dense ?? false,
    driverFace: (options.driverFace ?? 1) - 1,
    quality: options.quality ?? 'standard'
  }
}

function parseReference(value: string | undefined): 'auto' | number {
  if (value === undefined || value === 'auto') return 'auto'
  const n = parseDecimal(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new MimesisError(
      'usage',
      `--reference ${value}: give "auto" or a time in seconds from the driver's start, e.g. 1.5.`
    )
  }
  return n
}

export { DRIVE_MODES }
