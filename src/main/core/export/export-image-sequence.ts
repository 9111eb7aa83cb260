import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import {
  depthFrameName,
  depthSidecarName,
  sequenceDigits,
  sequenceFrameName,
  sequencePattern
} from '@shared/export/image-sequence-names'
import type { PngBitDepth } from '@shared/export/output-formats'
import { checkSequenceFolder, type SequenceFolderPlan } from './check-sequence-folder'
import { encodeGrey16Png, encodeRgbaPng } from './encode-sequence-png'
import { ExportCancelledError } from './export-cancelled-error'
import { ExportFailedError } from './export-failed-error'
import { fsyncDirectory } from './fsync-path'
import { makePartialPath } from './make-partial-path'
import { moveFolderIntoPlace } from './move-folder-into-place'
import { progressReporter, type ExportProgress } from './progress-reporter'
import { removeStalePartials } from './remove-stale-partials'
import { sequenceError } from './sequence-error'
import { depthSidecar, type SequenceDepthRange } from './sequence-depth'
import { STOPPED, StopLatch } from './stop-latch'
import { writeFileSynced } from './write-file-synced'

/** One frame of a sequence, owned by the exporter until its files are written. */
export interface SequenceFrame {
  /** 8-bit RGBA, width*height*4 bytes, top row first: what the colour frame holds. */
  readonly rgba: Uint8Array
  /** The depth pass's levels (`encodeSequenceDepth`), width*height; needed when the export has `depth`. */
  readonly depthLevels?: Uint16Array
}

export interface ExportImageSequenceOptions {
  width: number
  height: number
  /** Written in the depth sidecar; a sequence's files carry no rate. */
  fps: number
  frameCount: number
  /**
   * Renders frame `index`. Its buffers are not reused by the caller: the exporter encodes and writes frame i while
   * frame i + 1 renders, and never holds more than those two.
   */
  renderFrame: (index: number, signal: AbortSignal) => Promise<SequenceFrame>
  /** The sequence's folder: `<parent>/<stem>`, holding `<stem>_00001.png`, … */
  outDir: string
  bitDepth?: PngBitDepth
  /** The depth pass, encoded over this range (`<stem>_depth_00001.png`, …, `<stem>_depth.json`); none when null. */
  depth?: SequenceDepthRange | null
  /** Replace a folder that holds an earlier sequence (the user agreed); else that is an `OutputExistsError`. */
  replace?: boolean
  /** What an `OutputExistsError` tells the user to do (the studio asks; the CLI has --overwrite). */
  overwriteHint?: string
  signal?: AbortSignal
  /** Called at most every `progressIntervalMs` (default 100) with the frames written, and once when done. */
  onProgress?: (progress: ExportProgress) => void
  progressIntervalMs?: number
}

export interface ImageSequenceResult {
  outDir: string
  frameCount: number
  /** PNG frames (colour and depth) and the sidecar. */
  files: number
  bytes: number
  elapsedMs: number
}

/** What a sequence export writes, decided before any frame renders. */
interface SequencePlan extends SequenceFolderPlan {
  readonly bitDepth: PngBitDepth
  readonly depth: SequenceDepthRange | null
}

/** Files and bytes written so far (for the result and a disk-full message). */
interface Tally {
  files: number
  bytes: number
}

/**
 * Renders `frameCount` frames and writes them as numbered PNG files (RGBA, 8 or 16 bit), with the depth pass beside
 * them when asked. Everything is written into a hidden temporary folder beside `outDir`, each file flushed to disk,
 * and the folder is renamed to `outDir` only when complete: a cancelled or failed export leaves nothing under that
 * name (an existing sequence it was to replace stays as it was). A full disk is a `DiskFullError`; a folder that
 * cannot be written an `OutputNotWritableError`; one that already holds files, without `replace`, an
 * `OutputExistsError`.
 */
export async function exportImageSequence(options: ExportImageSequenceOptions): Promise<ImageSequenceResult> {
  const started = performance.now()
  const plan = await planSequence(options)
  const latch = new StopLatch()
  const onAbort = (): void => latch.stop()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const report = progressReporter(options, started)
  const tally: Tally = { files: 0, bytes: 0 }
  try {
    await mkdir(plan.partialDir)
    await writeSequenceFrames(plan, options, latch, report, tally)
    await finishSequence(plan, options, tally)
    report(options.frameCount, true)
    return {
      outDir: plan.outDir,
      frameCount: options.frameCount,
      files: tally.files,
      bytes: tally.bytes,
      elapsedMs: performance.now() - started
    }
  } catch (error) {
    await rm(plan.partialDir, { recursive: true, force: true }).catch(() => undefined)
    throw sequenceError(error, { ...plan, what: 'the image sequence' }, tally.bytes, options.signal)
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
}

/** Checks the size, the folder (and what it holds now) and clears stale temporaries of earlier exports. */
async function planSequence(options: ExportImageSequenceOptions): Promise<SequencePlan> {
  const { width, height, frameCount, outDir } = options
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`the frame size must be whole pixels, got ${width}x${height}`)
  }
  const { existing, bytesAvailable } = await checkSequenceFolder(outDir, {
    replace: options.replace ?? false,
    overwriteHint: options.overwriteHint ?? 'Agree to replace it, or choose another name.'
  })
  await removeStalePartials(outDir)
  if (options.signal?.aborted) throw new ExportCancelledError(outDir)
  return {
    outDir,
    stem: basename(outDir),
    digits: sequenceDigits(frameCount),
    partialDir: makePartialPath(outDir, ''),
    existing,
    bytesAvailable,
    bitDepth: options.bitDepth ?? 8,
    depth: options.depth ?? null
  }
}

/**
 * Renders every frame and writes it; frame i's files are encoded and written while frame i + 1 renders, and frame
 * i + 2 does not start before they are on disk, so memory stays at two frames whatever the sequence's length.
 */
async function writeSequenceFrames(
  plan: SequencePlan,
  options: ExportImageSequenceOptions,
  latch: StopLatch,
  report: (framesDone: number, force: boolean) => void,
  tally: Tally
): Promise<void> {
  let pending: Promise<void> | null = null
  const settle = async (): Promise<void> => {
    const writing = pending
    pending = null
    if (writing) await writing
  }
  const cancelled = (): ExportCancelledError => new ExportCancelledError(plan.outDir)
  try {
    for (let index = 0; index < options.frameCount; index++) {
      if (options.signal?.aborted) throw cancelled()
      const frame = await renderOne(options, index, latch, plan.outDir)
      if (frame === STOPPED) {
        // Stopped by a failed write (its error is the reason) or by the cancel.
        await settle()
        throw cancelled()
      }
      checkFrame(frame, index, options, plan)
      await settle()
      report(index, index === 1)
      const writing = writeFrameFiles(plan, options, index, frame, tally).catch((error: unknown) => {
        latch.stop()
        throw error
      })
      // Awaited by `settle`; this keeps a failure from counting as unhandled while the next frame renders.
      writing.catch(() => undefined)
      pending = writing
    }
    await settle()
  } finally {
    // Never leave a write running into a folder that is about to be removed.
    if (pending) await (pending as Promise<void>).catch(() => undefined)
  }
}

/** Frame `index`, raced against the latch so that a render ignoring its signal cannot hold up a cancel. */
async function renderOne(
  options: ExportImageSequenceOptions,
  index: number,
  latch: StopLatch,
  outDir: string
): Promise<SequenceFrame | typeof STOPPED> {
  const signal = options.signal ?? new AbortController().signal
  try {
    const outcome = await latch.race(options.renderFrame(index, signal))
    if (signal.aborted) throw new ExportCancelledError(outDir)
    return outcome
  } catch (error) {
    if (signal.aborted || error instanceof ExportCancelledError) throw new ExportCancelledError(outDir)
    throw new ExportFailedError(`Rendering frame ${index} failed: ${describe(error)}`, outDir, '', {
      cause: error
    })
  }
}

function checkFrame(
  frame: SequenceFrame,
  index: number,
  options: ExportImageSequenceOptions,
  plan: SequencePlan
): void {
  const pixels = options.width * options.height
  if (frame.rgba.byteLength !== pixels * 4) {
    throw new ExportFailedError(
      `Frame ${index} has ${frame.rgba.byteLength} bytes; ${options.width}x${options.height} RGBA needs ${pixels * 4}.`,
      plan.outDir,
      ''
    )
  }
  if (plan.depth && frame.depthLevels?.length !== pixels) {
    throw new ExportFailedError(`Frame ${index} has no depth pass of ${pixels} levels.`, plan.outDir, '')
  }
}

/** Encodes frame `index` (colour, and depth when asked) and writes its files into the temporary folder. */
async function writeFrameFiles(
  plan: SequencePlan,
  options: ExportImageSequenceOptions,
  index: number,
  frame: SequenceFrame,
  tally: Tally
): Promise<void> {
  const { width, height } = options
  const [colour, depth] = await Promise.all([
    encodeRgbaPng(frame.rgba, width, height, plan.bitDepth),
    plan.depth && frame.depthLevels ? encodeGrey16Png(frame.depthLevels, width, height) : null
  ])
  tally.bytes += await writeFileSynced(
    join(plan.partialDir, sequenceFrameName(plan.stem, index, plan.digits)),
    colour
  )
  tally.files++
  if (depth) {
    tally.bytes += await writeFileSynced(
      join(plan.partialDir, depthFrameName(plan.stem, index, plan.digits)),
      depth
    )
    tally.files++
  }
}

/** Writes the depth sidecar, checks every file is there, and renames the folder into place. */
async function finishSequence(
  plan: SequencePlan,
  options: ExportImageSequenceOptions,
  tally: Tally
): Promise<void> {
  if (plan.depth) {
    const sidecar = depthSidecar(plan.depth, {
      depthPattern: sequencePattern(plan.stem, plan.digits, 'depth'),
      colourPattern: sequencePattern(plan.stem, plan.digits, 'colour'),
      frameCount: options.frameCount,
      fps: options.fps,
      width: options.width,
      height: options.height
    })
    const text = `${JSON.stringify(sidecar, null, 2)}\n`
    tally.bytes += await writeFileSynced(join(plan.partialDir, depthSidecarName(plan.stem)), text)
    tally.files++
  }
  const expected = options.frameCount * (plan.depth ? 2 : 1) + (plan.depth ? 1 : 0)
  const present = (await readdir(plan.partialDir)).length
  if (present !== expected || tally.files !== expected) {
    throw new ExportFailedError(
      `The image sequence ${plan.outDir} is incomplete (${present} of ${expected} files), so it was not saved. Export again.`,
      plan.outDir,
      ''
    )
  }
  await fsyncDirectory(plan.partialDir)
  if (options.signal?.aborted) throw new ExportCancelledError(plan.outDir)
  await moveFolderIntoPlace(plan.partialDir, plan.outDir, plan.existing)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
