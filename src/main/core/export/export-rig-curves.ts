import { setImmediate as nextTurn } from 'node:timers/promises'
import { arkitLayout, type RigDirection } from '@shared/export/arkit-mapping'
import type { RigCurveFormat } from '@shared/export/output-formats'
import { rigCurveFrame, rigDirections, type RigCurveFrame } from '@shared/export/rig-curves'
import { formatRigCurvesCsv } from '@shared/export/rig-curves-csv'
import { formatRigCurvesJson } from '@shared/export/rig-curves-json'
import { type AnimationDocument } from '@shared/timeline'
import { type AtomicWriteFs } from '../project/write-file-atomic'
import { writeExportFile } from './atomic-write-error'
import { checkOutputPath } from './check-output-path'
import { ExportCancelledError } from './export-cancelled-error'
import { progressReporter, type ExportProgress } from './progress-reporter'

export interface ExportRigCurvesOptions {
  readonly document: AnimationDocument
  /** Seconds on the document clock of frame 0; frame i is at startSec + i / fps. */
  readonly startSec: number
  readonly fps: number
  readonly frameCount: number
  readonly format: RigCurveFormat
  readonly outPath: string
  /** The pack's directions (name, one-sided), in its order; default the built-in pack's (`rigDirections`). */
  readonly directions?: readonly RigDirection[]
  readonly signal?: AbortSignal
  /** Called at most every `progressIntervalMs` (default 100) with the frames sampled, and once when written. */
  readonly onProgress?: (progress: ExportProgress) => void
  readonly progressIntervalMs?: number
  /** Test seam: the rename of the finished temporary file. */
  readonly fs?: AtomicWriteFs
}

export interface RigCurvesResult {
  readonly outPath: string
  readonly frameCount: number
  readonly bytes: number
  readonly elapsedMs: number
}

/** Frames sampled between two looks at the cancel signal (and a turn of the event loop to let it arrive). */
const FRAMES_PER_SLICE = 250

/**
 * Writes the animation's rig curves (ARKit blendshape weights, head and camera; `rig-curves-csv.ts`,
 * `rig-curves-json.ts`) for `frameCount` frames: each frame through `evaluate(document, time)`, as the preview and
 * the video exporter. The file is written under a temporary name beside `outPath`, fsynced and renamed into place
 * (`writeFileAtomic`), so nothing half-written ever appears under the final name. A full disk is a `DiskFullError`,
 * a folder that cannot be written an `OutputNotWritableError`, a cancel an `ExportCancelledError`.
 */
export async function exportRigCurves(options: ExportRigCurvesOptions): Promise<RigCurvesResult> {
  const started = performance.now()
  const { frameCount, fps, outPath } = options
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  if (!Number.isFinite(fps) || fps <= 0) throw new RangeError(`fps must be above 0, got ${fps}`)
  const { bytesAvailable } = await checkOutputPath(outPath)
  const report = progressReporter(options, started)
  const cancelled = (): boolean => options.signal?.aborted === true
  const layout = arkitLayout(options.directions ?? rigDirections(options.document))
  const frames: RigCurveFrame[] = []
  for (let i = 0; i < frameCount; i++) {
    if (i % FRAMES_PER_SLICE === 0) {
      if (i > 0) await nextTurn()
      if (cancelled()) throw new ExportCancelledError(outPath)
      report(i, false)
    }
    frames.push(rigCurveFrame(options.document, layout, options.startSec + i / fps))
  }
  const curves = { fps, startSec: options.startSec, layout, frames }
  const text = options.format === 'arkit-csv' ? formatRigCurvesCsv(curves) : formatRigCurvesJson(curves)
  if (cancelled()) throw new ExportCancelledError(outPath)
  const data = Buffer.from(text, 'utf8')
  await writeExportFile(outPath, data, 'the rig curves', bytesAvailable, options.fs)
  report(frameCount, true)
  return { outPath, frameCount, bytes: data.byteLength, elapsedMs: performance.now() - started }
}
