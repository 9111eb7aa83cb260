import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { access, constants, rename, stat, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { MimesisError } from '../app/mimesis-error'
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
import { parseFfmpegProgress } from './parse-ffmpeg-progress'
import { removeStalePartials } from './remove-stale-partials'
import { fsyncDirectory, fsyncFile } from './fsync-path'
import { WriteErrorScanner } from './ffmpeg-write-errors'
import { STOPPED, StopLatch } from './stop-latch'
import { verifyEncodedFile } from './verify-encoded-file'

export interface ExportProgress {
  framesDone: number
  frameCount: number
  /** 0..1 */
  fraction: number
  elapsedMs: number
  /** null until a rate is known. */
  etaMs: number | null
  /** Frames per second rendered and handed to ffmpeg so far. */
  fps: number
}

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

const STDERR_KEEP_CHARS = 64 * 1024

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
  const { width, height, frameCount, outPath } = options
  const format = options.format ?? 'mp4-h264'
  const info = EXPORT_FORMATS[format]
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  const partialPath = makePartialPath(outPath, info.extension)
  const audio =
    options.audio == null
      ? undefined
      : {
          path: resolve(options.audio.path),
          offsetSec: options.audio.offsetSec,
          // The video's length in seconds, frames at the export's rate: the clock the audio is cut by.
          durationSec: frameCount / frameRateValue(options.fps)
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
  const outer = options.signal
  if (outer?.aborted) throw new ExportCancelledError(outPath)
  const ffmpeg = options.ffmpeg ?? (await defaultFfmpeg())
  if (!ffmpeg.encoders.has(info.encoder)) {
    throw new ExportFailedError(
      `The ffmpeg at ${ffmpeg.path} has no ${info.encoder} encoder for ${format}.`,
      outPath,
      ''
    )
  }
  if (audio != null && !ffmpeg.encoders.has(info.audioEncoder)) {
    throw new ExportFailedError(
      `The ffmpeg at ${ffmpeg.path} has no ${info.audioEncoder} encoder for the sound of ${format}.`,
      outPath,
      ''
    )
  }

  const controller = new AbortController()
  const onOuterAbort = (): void => controller.abort(outer?.reason)
  outer?.addEventListener('abort', onOuterAbort, { once: true })
  const signal = controller.signal
  const frameBytes = width * height * 4
  const started = performance.now()
  let stderr = ''
  const writeErrors = new WriteErrorScanner()
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  let spawnError: Error | null = null

  const child: ChildProcessWithoutNullStreams = spawn(ffmpeg.path, args, { windowsHide: true })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    writeErrors.push(chunk)
    stderr += chunk
    if (stderr.length > STDERR_KEEP_CHARS * 2) stderr = stderr.slice(-STDERR_KEEP_CHARS)
  })
  // EPIPE when ffmpeg dies early: the exit code and stderr explain the failure.
  child.stdin.on('error', () => undefined)
  // ffmpeg gone or the export cancelled. Every wait below races against this latch, never against a
  // promise that lives as long as the export: such a race would keep each frame reachable until the end.
  const stop = new StopLatch()
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      spawnError = error
      stop.stop()
      resolve()
    })
    child.once('close', (code, sig) => {
      exit = { code, signal: sig }
      stop.stop()
      resolve()
    })
  })
  signal.addEventListener('abort', () => stop.stop(), { once: true })

  let lastReport = -Infinity
  const report = (framesDone: number, force: boolean): void => {
    if (options.onProgress == null) return
    const now = performance.now()
    if (!force && now - lastReport < (options.progressIntervalMs ?? 100)) return
    lastReport = now
    const elapsedMs = now - started
    const fps = elapsedMs > 0 ? (framesDone * 1000) / elapsedMs : 0
    options.onProgress({
      framesDone,
      frameCount,
      fraction: framesDone / frameCount,
      elapsedMs,
      etaMs: fps > 0 ? ((frameCount - framesDone) * 1000) / fps : null,
      fps
    })
  }

  const fail = async (error: unknown): Promise<never> => {
    if (exit == null && spawnError == null) child.kill('SIGKILL')
    await exited
    let bytesWritten: number | null = null
    try {
      bytesWritten = (await stat(partialPath)).size
    } catch {
      // ffmpeg may not have created it
    }
    await unlink(partialPath).catch(() => undefined)
    outer?.removeEventListener('abort', onOuterAbort)
    const errnoCode = (error as NodeJS.ErrnoException | null)?.code ?? null
    if (error instanceof ExportCancelledError) throw error
    writeErrors.end()
    if (isDiskFullFailure({ errnoCode, stderr: [...writeErrors.lines, stderr].join('\n') }))
      throw new DiskFullError(outPath, bytesWritten, bytesAvailable)
    throw error
  }

  const tail = (): string => stderrTail(stderr)
  const ffmpegFailure = (): ExportFailedError => {
    if (spawnError != null) {
      return new ExportFailedError(
        `Could not start ffmpeg at ${ffmpeg.path}: ${String(spawnError)}`,
        outPath,
        ''
      )
    }
    const how = exit?.signal != null ? `was killed by ${exit.signal}` : `exited with code ${exit?.code}`
    return new ExportFailedError(`ffmpeg ${how} while exporting ${outPath}.`, outPath, tail())
  }

  try {
    for (let index = 0; index < frameCount; index++) {
      if (signal.aborted) throw new ExportCancelledError(outPath)
      if (exit != null || spawnError != null) throw ffmpegFailure()
      let outcome: { frame: Uint8Array } | 'stopped'
      try {
        // Raced against cancellation so that a renderFrame ignoring its signal cannot hold up a cancel.
        outcome = await stop.race(options.renderFrame(index, signal).then((frame) => ({ frame })))
      } catch (error) {
        if (signal.aborted) throw new ExportCancelledError(outPath)
        throw new ExportFailedError(`Rendering frame ${index} failed: ${describe(error)}`, outPath, '', {
          cause: error
        })
      }
      if (signal.aborted) throw new ExportCancelledError(outPath)
      if (outcome === STOPPED) throw ffmpegFailure()
      const { frame } = outcome
      if (frame.byteLength !== frameBytes) {
        throw new ExportFailedError(
          `Frame ${index} has ${frame.byteLength} bytes; ${width}x${height} RGBA needs ${frameBytes}.`,
          outPath,
          ''
        )
      }
      // Waiting until the frame is handed to the OS is the backpressure, and it lets renderFrame
      // reuse one buffer for every frame; ffmpeg still encodes frame i while frame i+1 renders.
      const written = new Promise<void>((resolve) => child.stdin.write(frame, () => resolve()))
      if ((await stop.race(written)) === STOPPED) {
        if (signal.aborted) throw new ExportCancelledError(outPath)
        throw ffmpegFailure()
      }
      report(index + 1, index === 0)
    }
    child.stdin.end()
    await stop.race(exited)
    if (signal.aborted) throw new ExportCancelledError(outPath)
    if (exit == null || (exit as { code: number | null }).code !== 0) throw ffmpegFailure()
    // ffmpeg exits 0 even when it could not write the end of the file ("Error writing trailer of …:
    // No space left on device"): the file is checked before it may take the final name.
    writeErrors.end()
    const writeError = writeErrors.lines[0]
    if (writeError != null) {
      throw new ExportFailedError(
        `ffmpeg could not finish writing ${outPath}: ${writeError}`,
        outPath,
        tail()
      )
    }
    const encoded = parseFfmpegProgress(stderr).frame
    if (encoded != null && encoded !== frameCount) {
      throw new ExportFailedError(`ffmpeg encoded ${encoded} of ${frameCount} frames.`, outPath, tail())
    }
    await fsyncFile(partialPath)
    const incomplete = await verifyEncodedFile(
      partialPath,
      { frameCount, fps: frameRateValue(options.fps) },
      { ffmpeg, signal }
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
        tail()
      )
    }
    const bytes = (await stat(partialPath)).size
    await rename(partialPath, outPath)
    await fsyncDirectory(dirname(outPath))
    outer?.removeEventListener('abort', onOuterAbort)
    report(frameCount, true)
    return { outPath, frameCount, bytes, elapsedMs: performance.now() - started }
  } catch (error) {
    return fail(error)
  }
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

function stderrTail(stderr: string): string {
  const messages = parseFfmpegProgress(stderr.endsWith('\n') ? stderr : `${stderr}\n`).messages
  return messages.slice(-15).join('\n')
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
