import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { buildDecodeArgs, type DecodeSize } from './build-decode-args'
import { classifyVideoInputFailure } from './classify-video-input-failure'
import { DecodeCancelledError } from './decode-cancelled-error'
import { defaultFfmpeg } from './default-ffmpeg'
import { type LocatedFfmpeg } from './locate-ffmpeg'
import { type InputHeader, parseInputHeader } from './parse-input-header'
import { parseShowinfoLine } from './parse-showinfo-line'
import { RgbFrameAssembler } from './rgb-frame-assembler'
import { VideoInputError } from './video-input-error'

export interface DecodedFrame {
  index: number
  /** Presentation time in seconds, as stored in the file (variable frame rate is kept as is). */
  timeSec: number
  /** Packed RGB24, width*height*3 bytes, top row first, upright (rotation metadata applied). */
  rgb: Uint8Array
  width: number
  height: number
}

export interface DecodeProgress {
  framesDone: number
  timeSec: number
  durationSec: number | null
  /** 0..1 by time; null when the duration is unknown. */
  fraction: number | null
}

export interface DecodeVideoFramesOptions {
  width?: number
  height?: number
  /** Downscale so that the longer side is at most this many pixels (never upscales). */
  maxSide?: number
  signal?: AbortSignal
  onProgress?: (progress: DecodeProgress) => void
  /**
   * false (default): every frame's `rgb` is a new buffer the consumer owns.
   * true: `rgb` is only valid until the consumer asks for the next frame, and is then overwritten;
   * use it when each frame is consumed at once (e.g. face analysis) to avoid allocating per frame.
   */
  reuseBuffers?: boolean
  ffmpeg?: LocatedFfmpeg
}

/** Frames decoded ahead of the consumer before ffmpeg's output is paused. */
const MAX_QUEUED_FRAMES = 4
const STDERR_TAIL_LINES = 20

/**
 * Decodes the first video stream of `path` with ffmpeg into RGB frames. Stopping the iteration
 * early (break/return) or aborting `signal` kills ffmpeg.
 */
export async function* decodeVideoFrames(
  path: string,
  options: DecodeVideoFramesOptions = {}
): AsyncGenerator<DecodedFrame, void, undefined> {
  const { signal } = options
  if (signal?.aborted) throw new DecodeCancelledError(path)
  await requireVideoFile(path)
  const ffmpeg = options.ffmpeg ?? (await defaultFfmpeg())
  const args = buildDecodeArgs({
    inputPath: path,
    size: toDecodeSize(options),
    fpsModeFlag: ffmpeg.supportsFpsMode ? '-fps_mode' : '-vsync'
  })

  const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
  const times: Array<number | null> = []
  const tail: string[] = []
  let header = ''
  let headerInfo = null as InputHeader | null
  let frameWidth = 0
  let frameHeight = 0
  const frames = new RgbFrameAssembler()
  const { ready } = frames
  let stdoutEnded = false
  let stderrEnded = false
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  let spawnError: Error | null = null
  let stderrRest = ''
  let waiter: (() => void) | null = null
  const notify = (): void => {
    const wake = waiter
    waiter = null
    wake?.()
  }

  child.stdout.on('data', (chunk: Buffer) => {
    frames.push(chunk)
    if (ready.length >= MAX_QUEUED_FRAMES) child.stdout.pause()
    notify()
  })
  child.stdout.once('end', () => {
    stdoutEnded = true
    notify()
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    const lines = (stderrRest + chunk).split(/\r?\n/)
    stderrRest = lines.pop() ?? ''
    for (const line of lines) {
      const frame = parseShowinfoLine(line)
      if (frame == null) {
        if (headerInfo == null) header += `${line}\n`
        tail.push(line)
        if (tail.length > STDERR_TAIL_LINES) tail.shift()
        continue
      }
      headerInfo ??= parseInputHeader(header)
      times[frame.n] = frame.ptsTime
      if (!frames.sized) {
        frameWidth = frame.width
        frameHeight = frame.height
        frames.setFrameSize(frameWidth, frameHeight)
      }
    }
    notify()
  })
  child.stderr.once('end', () => {
    stderrEnded = true
    notify()
  })
  child.once('error', (error) => {
    spawnError = error
    stdoutEnded = stderrEnded = true
    notify()
  })
  child.once('close', (code, sig) => {
    exit = { code, signal: sig }
    notify()
  })
  const onAbort = (): void => {
    child.kill('SIGKILL')
    notify()
  }
  signal?.addEventListener('abort', onAbort, { once: true })

  let index = 0
  let lent: Uint8Array | null = null
  let lastTime = 0
  try {
    for (;;) {
      if (signal?.aborted) throw new DecodeCancelledError(path)
      if (lent != null) {
        frames.recycle(lent)
        lent = null
      }
      if (ready.length > 0 && times.length > index) {
        const rgb = ready.shift() as Uint8Array
        if (ready.length < MAX_QUEUED_FRAMES && child.stdout.isPaused()) child.stdout.resume()
        const timeSec = times[index] ?? (index === 0 ? 0 : lastTime + 1 / (headerInfo?.fps ?? 25))
        lastTime = timeSec
        if (options.reuseBuffers === true) lent = rgb
        options.onProgress?.(progressOf(index + 1, timeSec, headerInfo?.durationSec ?? null))
        yield { index, timeSec, rgb, width: frameWidth, height: frameHeight }
        index++
        continue
      }
      const finished = exit != null && stdoutEnded && stderrEnded
      if (spawnError != null) {
        throw new Error(`Could not start ffmpeg at ${ffmpeg.path}: ${String(spawnError)}`)
      }
      if (finished) {
        const ended = exit as { code: number | null; signal: NodeJS.Signals | null } | null
        if (ended?.code !== 0) {
          const detail = `ffmpeg said:\n${tail.join('\n')}`
          throw new VideoInputError(classifyVideoInputFailure(tail.join('\n')), path, detail)
        }
        if (ready.length > 0 || frames.partialBytes > 0) {
          throw new VideoInputError(
            'corrupt',
            path,
            `ffmpeg wrote ${ready.length} frames without timestamps.`
          )
        }
        if (index === 0) throw new VideoInputError('not-video', path, 'It has no decodable video frames.')
        return
      }
      await new Promise<void>((resolve) => {
        waiter = resolve
      })
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    if (exit == null && spawnError == null) child.kill('SIGKILL')
  }
}

/** The input must be a file: a folder is "not a video", a missing path "not found". */
async function requireVideoFile(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new VideoInputError('not-video', path, 'It is a folder.')
  } catch (error) {
    if (error instanceof VideoInputError) throw error
    throw new VideoInputError('not-found', path, '')
  }
}

function toDecodeSize(options: DecodeVideoFramesOptions): DecodeSize | undefined {
  if (options.maxSide != null) return { maxSide: options.maxSide }
  if (options.width != null && options.height != null) return { width: options.width, height: options.height }
  if (options.width != null) return { width: options.width }
  if (options.height != null) return { height: options.height }
  return undefined
}

function progressOf(framesDone: number, timeSec: number, durationSec: number | null): DecodeProgress {
  return {
    framesDone,
    timeSec,
    durationSec,
    fraction: durationSec != null && durationSec > 0 ? Math.min(1, timeSec / durationSec) : null
  }
}
