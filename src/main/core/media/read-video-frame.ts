import { resolve } from 'node:path'
import { ffmpegFilePath } from './ffmpeg-file-path'
import { spawn } from 'node:child_process'
import { classifyVideoInputFailure } from './classify-video-input-failure'
import { DecodeCancelledError } from './decode-cancelled-error'
import { defaultFfmpeg } from './default-ffmpeg'
import { type LocatedFfmpeg } from './locate-ffmpeg'
import { VideoInputError } from './video-input-error'

export interface ReadFrameArgsOptions {
  inputPath: string
  /** Seconds from the start of the file; the first frame at or after it is read. */
  seekSec: number
  /** Size of the returned picture, px (the whole frame scaled to it). */
  width: number
  height: number
}

/**
 * ffmpeg arguments that write one frame of `inputPath`, at or just after `seekSec`, as packed RGBA of
 * exactly `width`×`height` on stdout. `-ss` before `-i` seeks in the demuxer to the keyframe before the
 * time and decodes forward from there (accurate seeking), so a frame deep in a long clip costs about
 * one GOP, not the whole clip.
 */
export function buildReadFrameArgs(options: ReadFrameArgsOptions): string[] {
  if (!Number.isFinite(options.seekSec) || options.seekSec < 0) {
    throw new RangeError(`seekSec must be finite seconds >= 0, got ${options.seekSec}`)
  }
  const width = size('width', options.width)
  const height = size('height', options.height)
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'error',
    '-ss',
    options.seekSec.toFixed(6),
    '-i',
    ffmpegFilePath(resolve(options.inputPath)),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-frames:v',
    '1',
    '-vf',
    `scale=w=${width}:h=${height}:flags=bilinear,format=rgba`,
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    'pipe:1'
  ]
}

export interface ReadVideoFrameOptions extends ReadFrameArgsOptions {
  ffmpeg?: LocatedFfmpeg
  signal?: AbortSignal
}

/**
 * Reads one frame of a video as RGBA (`width`×`height`×4 bytes, top row first). Resolves null when
 * there is no frame at or after `seekSec` (past the end). Throws VideoInputError when ffmpeg cannot
 * read the file, and DecodeCancelledError when `signal` aborts.
 */
export async function readVideoFrame(options: ReadVideoFrameOptions): Promise<Uint8Array | null> {
  const args = buildReadFrameArgs(options)
  if (options.signal?.aborted) throw new DecodeCancelledError(options.inputPath)
  const ffmpeg = options.ffmpeg ?? (await defaultFfmpeg())
  const expected = options.width * options.height * 4
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const out = new Uint8Array(expected)
    let filled = 0
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      const n = Math.min(chunk.length, expected - filled)
      out.set(chunk.subarray(0, n), filled)
      filled += n
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 16_384) stderr += chunk
    })
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort)
      reject(new Error(`Could not start ffmpeg at ${ffmpeg.path}: ${String(error)}`))
    })
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort)
      if (options.signal?.aborted) return reject(new DecodeCancelledError(options.inputPath))
      if (code !== 0) {
        return reject(
          new VideoInputError(
            classifyVideoInputFailure(stderr),
            options.inputPath,
            `ffmpeg said:\n${stderr.trim()}`
          )
        )
      }
      resolve(filled === expected ? out : null)
    })
  })
}

function size(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > 16384) {
    throw new RangeError(`${name} must be an integer in 1..16384, got ${value}`)
  }
  return value
}
