import { access, constants, rename, stat, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { defaultFfmpeg } from '../media/default-ffmpeg'
import { type LocatedFfmpeg } from '../media/locate-ffmpeg'
import { buildEncodeArgs, type EncodeQuality } from './build-encode-args'
import { checkOutputPath } from './check-output-path'
import { DiskFullError } from './disk-full-error'
import { ExportCancelledError } from './export-cancelled-error'
import { ExportFailedError } from './export-failed-error'
import { EXPORT_FORMATS, type ExportFormat } from './export-format'
import { type FrameRate, frameRateValue } from './frame-rate'
import { isDiskFullFailure } from './is-disk-full-failure'
import { makePartialPath } from './make-partial-path'
import { removeStalePartials } from './remove-stale-partials'
import { fsyncDirectory, fsyncFile } from './fsync-path'
import { EncoderProcess } from './ffmpeg-encoder-process'
import { progressReporter, type ExportProgress } from './progress-reporter'
import { STOPPED } from './stop-latch'
import { verifyEncodedFile } from './verify-encoded-file'

export type { ExportProgress } from './progress-reporter'

export interface ExportVideoOptions {
  width: number
  height: number
  fps: FrameRate
  frameCount: number
  /**
   * Returns the frame as tightly packed RGBA, width*height*4 bytes, top row first. The buffer is not
   * kept: it may be reused for the next frame once this frame's promise has been consumed.
   */
  renderFrame: (index: number, signal: AbortSignal) => Promise<Uint8Array>
  outPath: string
  format?: ExportFormat
  quality?: EncodeQuality
  signal?: AbortSignal
  /** Called at most every `progressIntervalMs` (default 100) and once when done. */
  onProgress?: (progress: ExportProgress) => void
  progressIntervalMs?: number
  ffmpeg?: LocatedFfmpeg
  /** A sound track for the video; without it the file has no audio stream. */
  audio?: ExportAudio
}

/** The sound of an export. It is cut (or padded with silence) to the video's length, frameCount / fps. */
export interface ExportAudio {
  /** An audio file ffmpeg reads (the studio's are AAC in .m4a); relative paths are resolved. */
  path: string
  /**
   * Seconds: the time in the audio file that plays at the export's first frame. Negative: the audio
   * starts that many seconds after the first frame, with silence before it.
   */
  offsetSec: number
}

export interface ExportResult {
  outPath: string
  frameCount: number
  bytes: number
  elapsedMs: number
}

/**
 * Renders `frameCount` frames and encodes them with ffmpeg into `outPath`, with `audio` as its sound
 * track when given (placed by seconds, cut to the video's length). The video is written to a
 * hidden temporary file beside `outPath`, fsynced and renamed over `outPath` only when complete, so a
 * failed or cancelled export never leaves a partial file and never damages an existing one.
 * Complete means more than ffmpeg's exit status 0 (which it also gives after failing to write the end
 * of the file): its stderr reported no write error, and the file reads back with the frames sent
 * (`verifyEncodedFile`). A full disk is a `DiskFullError`, any other incomplete file an `ExportFailedError`.
 */
export async function exportVideo(options: ExportVideoOptions): Promise<ExportResult> {
  const { outPath } = options
  const plan = await planEncode(options)
  const outer = options.signal
  const controller = new AbortController()
  const onOuterAbort = (): void => controller.abort(outer?.reason)
  outer?.addEventListener('abort', onOuterAbort, { once: true })
  const signal = controller.signal
  const started = performance.now()
  const encoder = new EncoderProcess(plan.ffmpeg.path, plan.args, signal)
  const report = progressReporter(options, started)
  try {
    await streamFrames(encoder, options, signal, report)
    const bytes = await saveEncodedFile(encoder, plan, options, signal)
    outer?.removeEventListener('abort', onOuterAbort)
    report(options.frameCount, true)
    return { outPath, frameCount: options.frameCount, bytes, elapsedMs: performance.now() - started }
  } catch (error) {
    await encoder.kill()
    let bytesWritten: number | null = null
    try {
      bytesWritten = (await stat(plan.partialPath)).size
    } catch {
      // ffmpeg may not have created it
    }
    await unlink(plan.partialPath).catch(() => undefined)
    outer?.removeEventListener('abort', onOuterAbort)
    const errnoCode = (error as NodeJS.ErrnoException | null)?.code ?? null
    if (error instanceof ExportCancelledError) throw error
    encoder.writeErrors.end()
    if (
      isDiskFullFailure({ errnoCode, stderr: [...encoder.writeErrors.lines, encoder.stderrText].join('\n') })
    )
      throw new DiskFullError(outPath, bytesWritten, plan.bytesAvailable)
    throw error
  }
}

/** What an export writes and how: checked before any frame is rendered. */
interface EncodePlan {
  readonly format: ExportFormat
  readonly partialPath: string
  readonly args: string[]
  /** Free bytes on the output's volume at the start (for the disk-full message), or null. */
  readonly bytesAvailable: number | null
  readonly ffmpeg: LocatedFfmpeg
}

/**
 * The encode's arguments and temporary file, after checking the output folder, the sound file and that
 * ffmpeg has the encoders; stale partial files of earlier exports are removed.
 */
async function planEncode(options: ExportVideoOptions): Promise<EncodePlan> {
  const { width, height, frameCount, outPath } = options
  const format = options.format ?? 'mp4-h264'
  const info = EXPORT_FORMATS[format]
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  const fps = frameRateValue(options.fps)
  if (
    (info.maxSide != null && Math.max(width, height) > info.maxSide) ||
    (info.maxFps != null && fps > info.maxFps)
  ) {
    throw new MimesisError(
      'export-format-limits',
      `A ${info.label} export is at most ${info.maxSide} px a side and ${info.maxFps} fps; this one is ${width}×${height} at ${Number(fps.toFixed(3))} fps. Choose a smaller size or a lower frame rate, or export MP4.`
    )
  }
  const partialPath = makePartialPath(outPath, info.extension)
  // A format without sound (GIF) leaves the project's audio out.
  const audio =
    options.audio == null || info.audioEncoder == null
      ? undefined
      : {
          path: resolve(options.audio.path),
          offsetSec: options.audio.offsetSec,
          // The video's length in seconds, frames at the export's rate: the clock the audio is cut by.
          durationSec: frameCount / fps
        }
  const args = buildEncodeArgs({
    width,
    height,
    fps: options.fps,
    format,
    quality: options.quality,
    outputPath: partialPath,
    audio
  })
  const { bytesAvailable } = await checkOutputPath(outPath)
  if (audio != null) await requireAudioFile(audio.path)
  await removeStalePartials(outPath)
  if (options.signal?.aborted) throw new ExportCancelledError(outPath)
  const ffmpeg = options.ffmpeg ?? (await defaultFfmpeg())
  for (const [encoder, what] of [
    [info.encoder, format],
    ...(audio != null && info.audioEncoder != null
      ? [[info.audioEncoder, `the sound of ${format}`] as const]
      : [])
  ] as const) {
    if (!ffmpeg.encoders.has(encoder))
      throw new ExportFailedError(
        `The ffmpeg at ${ffmpeg.path} has no ${encoder} encoder for ${what}.`,
        outPath,
        ''
      )
  }
  return { format, partialPath, args, bytesAvailable, ffmpeg }
}

/** Renders every frame and hands it to ffmpeg, one at a time; ffmpeg encodes frame i while i + 1 renders. */
async function streamFrames(
  encoder: EncoderProcess,
  options: ExportVideoOptions,
  signal: AbortSignal,
  report: (framesDone: number, force: boolean) => void
): Promise<void> {
  const { width, height, frameCount, outPath } = options
  const frameBytes = width * height * 4
  for (let index = 0; index < frameCount; index++) {
    if (signal.aborted) throw new ExportCancelledError(outPath)
    if (encoder.ended) throw encoder.failure(outPath)
    let outcome: { frame: Uint8Array } | typeof STOPPED
    try {
      // Raced against cancellation so that a renderFrame ignoring its signal cannot hold up a cancel.
      outcome = await encoder.stop.race(options.renderFrame(index, signal).then((frame) => ({ frame })))
    } catch (error) {
      if (signal.aborted) throw new ExportCancelledError(outPath)
      throw new ExportFailedError(`Rendering frame ${index} failed: ${describe(error)}`, outPath, '', {
        cause: error
      })
    }
    if (signal.aborted) throw new ExportCancelledError(outPath)
    if (outcome === STOPPED) throw encoder.failure(outPath)
    const { frame } = outcome
    if (frame.byteLength !== frameBytes) {
      throw new ExportFailedError(
        `Frame ${index} has ${frame.byteLength} bytes; ${width}x${height} RGBA needs ${frameBytes}.`,
        outPath,
        ''
      )
    }
    if ((await encoder.write(frame)) === STOPPED) {
      if (signal.aborted) throw new ExportCancelledError(outPath)
      throw encoder.failure(outPath)
    }
    report(index + 1, index === 0)
  }
}

/**
 * Lets ffmpeg finish, checks the file is complete (exit 0, no write error on stderr, every frame encoded, and
 * the file reads back with them) and renames it to the final name. Returns its size, bytes.
 */
async function saveEncodedFile(
  encoder: EncoderProcess,
  plan: EncodePlan,
  options: ExportVideoOptions,
  signal: AbortSignal
): Promise<number> {
  const { outPath, frameCount } = options
  await encoder.finish()
  if (signal.aborted) throw new ExportCancelledError(outPath)
  if (!encoder.succeeded) throw encoder.failure(outPath)
  // ffmpeg exits 0 even when it could not write the end of the file ("Error writing trailer of …:
  // No space left on device"): the file is checked before it may take the final name.
  encoder.writeErrors.end()
  const writeError = encoder.writeErrors.lines[0]
  if (writeError != null) {
    throw new ExportFailedError(
      `ffmpeg could not finish writing ${outPath}: ${writeError}`,
      outPath,
      encoder.tail()
    )
  }
  const encoded = encoder.framesEncoded
  if (encoded != null && encoded !== frameCount) {
    throw new ExportFailedError(`ffmpeg encoded ${encoded} of ${frameCount} frames.`, outPath, encoder.tail())
  }
  await fsyncFile(plan.partialPath)
  const incomplete = await verifyEncodedFile(
    plan.partialPath,
    { frameCount, fps: frameRateValue(options.fps) },
    { ffmpeg: plan.ffmpeg, signal }
  ).catch((error: unknown) => {
    if (signal.aborted) throw new ExportCancelledError(outPath)
    throw error
  })
  if (signal.aborted) throw new ExportCancelledError(outPath)
  if (incomplete != null) {
    throw new ExportFailedError(
      `The exported video ${outPath} is incomplete (${incomplete}), so it was not saved. Export again; ` +
        'if it fails again, check the disk.',
      outPath,
      encoder.tail()
    )
  }
  const bytes = (await stat(plan.partialPath)).size
  await rename(plan.partialPath, outPath)
  await fsyncDirectory(dirname(outPath))
  return bytes
}

/** The audio must be a readable file before ffmpeg starts, so the message can say what to do. */
async function requireAudioFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info == null || !info.isFile()) {
    throw new MimesisError(
      'audio-not-found',
      `The sound for this export, ${path}, ${info == null ? 'does not exist' : 'is not a file'}. Add the audio again, or export without it.`
    )
  }
  try {
    await access(path, constants.R_OK)
  } catch (error) {
    throw new MimesisError(
      'audio-not-found',
      `No permission to read the sound for this export, ${path}. Check its permissions, or export without it.`,
      { cause: error }
    )
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
