// A recording's sound as mono 32-bit float samples, for analysis (speech features). Decoded by ffmpeg
// straight into memory; nothing is written to disk.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { type LocatedFfmpeg } from './locate-ffmpeg'

/** Analysis rate, Hz: speech's loudness and zero crossings need no more. */
export const ANALYSIS_SAMPLE_RATE = 16_000
/** Longest recording analysed, seconds (an hour is 230 MB of samples at 16 kHz). */
export const MAX_ANALYSIS_SEC = 3600
const STDERR_KEEP_CHARS = 16 * 1024

export interface DecodeAudioOptions {
  readonly ffmpeg: LocatedFfmpeg
  readonly sampleRate?: number
  readonly signal?: AbortSignal
}

/** The first MAX_ANALYSIS_SEC seconds of `path`'s first audio stream, mixed to mono, −1..1 floats. */
export function decodeAudioSamples(path: string, options: DecodeAudioOptions): Promise<Float32Array> {
  const input = resolve(path)
  const rate = options.sampleRate ?? ANALYSIS_SAMPLE_RATE
  const args = [
    '-v',
    'error',
    '-nostdin',
    '-i',
    input,
    '-vn',
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    String(rate)
  ]
  args.push('-t', String(MAX_ANALYSIS_SEC), '-f', 'f32le', 'pipe:1')
  return new Promise((resolveSamples, reject) => {
    const child = spawn(options.ffmpeg.path, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      ...(options.signal ? { signal: options.signal } : {})
    })
    const chunks: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEEP_CHARS)
    })
    child.once('error', (error) =>
      reject(
        options.signal?.aborted
          ? new MimesisError('cancelled', 'Cancelled.', { cause: error })
          : new MimesisError(
              'audio-extract-failed',
              `Could not start ffmpeg at ${options.ffmpeg.path}: ${error.message}`
            )
      )
    )
    child.once('close', (code) => {
      if (code !== 0) {
        reject(
          new MimesisError(
            'unsupported-format',
            `ffmpeg could not read the sound of ${input}. Choose a WAV, MP3, AAC/M4A or a video with sound.`,
            { detail: stderr.trim() }
          )
        )
        return
      }
      const bytes = Buffer.concat(chunks)
      const samples = new Float32Array(Math.floor(bytes.length / 4))
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readFloatLE(i * 4)
      resolveSamples(samples)
    })
  })
}
