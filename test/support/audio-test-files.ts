import { execFileSync } from 'node:child_process'

/** Sample rate test audio is decoded at, Hz. */
export const TEST_SAMPLE_RATE = 48_000

/** Runs Debian's ffmpeg (on PATH) quietly; used to make test media and to read results back. */
export function ffmpegSync(args: string[]): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30
  })
}

/**
 * The first audio stream of `path` decoded to mono 16-bit samples at 48 kHz, as players hear it (the
 * decoder drops encoder priming and applies edit lists).
 */
export function decodeAudioMono(path: string): Int16Array {
  const pcm = ffmpegSync([
    '-i',
    path,
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    String(TEST_SAMPLE_RATE),
    '-f',
    's16le',
    '-'
  ])
  return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength))
}

/** Seconds of decoded audio. */
export function decodedDurationSec(samples: Int16Array): number {
  return samples.length / TEST_SAMPLE_RATE
}

/**
 * Time of the first sample louder than `threshold` (of 32767), seconds; null for silence throughout.
 * The test tones are at half scale, far above the threshold; silence decodes to (near) zero.
 */
export function toneOnsetSec(samples: Int16Array, threshold = 3000): number | null {
  const index = samples.findIndex((s) => Math.abs(s) > threshold)
  return index < 0 ? null : index / TEST_SAMPLE_RATE
}

export interface ProbedAudioStream {
  codec: string
  sampleRate: number
  channels: number
}

/** ffprobe's view of the first audio stream of `path`; null when there is none. */
export function probeAudioStream(path: string): ProbedAudioStream | null {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'a:0',
    '-show_entries',
    'stream=codec_name,sample_rate,channels',
    '-of',
    'json',
    path
  ]).toString()
  const [stream] = (
    JSON.parse(out) as { streams: { codec_name: string; sample_rate: string; channels: number }[] }
  ).streams
  return stream == null
    ? null
    : { codec: stream.codec_name, sampleRate: Number(stream.sample_rate), channels: stream.channels }
}

/** ffprobe's start time of the first stream of a type, seconds (the container's claim). */
export function streamStartSec(path: string, type: 'v' | 'a'): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    `${type}:0`,
    '-show_entries',
    'stream=start_time',
    '-of',
    'csv=p=0',
    path
  ]).toString()
  return Number.parseFloat(out)
}
