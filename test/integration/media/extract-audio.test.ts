import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MimesisError } from '@shared/errors/mimesis-error'
import { extractAudio } from '../../../src/main/core/media/extract-audio'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import {
  decodeAudioMono,
  decodedDurationSec,
  ffmpegSync,
  probeAudioStream,
  streamStartSec,
  toneOnsetSec
} from '../../support/audio-test-files'

/** A tone at half scale that starts at `fromSec` of the audio's own clock (silence before). */
const toneFrom = (fromSec: number, durationSec: number, rate = 48_000): string =>
  `aevalsrc=0.5*sin(2*PI*440*t)*gte(t\\,${fromSec}):s=${rate}:d=${durationSec}`

const VIDEO = ['-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=25:duration=3']
const H264 = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p']

function expectMimesisError(error: unknown, code: string): MimesisError {
  expect(error).toBeInstanceOf(MimesisError)
  expect((error as MimesisError).code).toBe(code)
  return error as MimesisError
}

describe('extractAudio with real ffmpeg', () => {
  let root: string
  let clips: string
  let n = 0
  const freshDir = (): string => {
    const dir = join(root, `case-${n++}`)
    mkdirSync(dir)
    return dir
  }

  // Clips shared by the cases; each case writes into a folder of its own.
  const clip = {
    /** H.264 + stereo AAC in MP4; the audio (a tone from its first sample) starts 0.5 s after the video. */
    lateAudio: '',
    /** MJPEG + mono PCM in Matroska; the video starts ~0.5 s after the audio, whose tone starts at 1 s. */
    lateVideo: '',
    noAudio: '',
    /** 5.1 AAC with video. */
    surround: '',
    /** Audio only (an .m4a), tone from 1 s. */
    audioOnly: ''
  }

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mimesis-extract-'))
    clips = join(root, 'clips')
    mkdirSync(clips)
    // A name ffmpeg would take for a protocol, were it not passed as file:/absolute/path.
    clip.lateAudio = join(clips, 'http:late-audio.mp4')
    ffmpegSync([
      ...VIDEO,
      '-itsoffset',
      '0.5',
      '-f',
      'lavfi',
      '-i',
      toneFrom(0, 2.5, 44_100),
      ...H264,
      '-c:a',
      'aac',
      '-ac',
      '2',
      clip.lateAudio
    ])
    clip.lateVideo = join(clips, 'late-video.mkv')
    ffmpegSync([
      '-itsoffset',
      '0.5',
      ...VIDEO,
      '-f',
      'lavfi',
      '-i',
      toneFrom(1, 3.5),
      '-c:v',
      'mjpeg',
      '-c:a',
      'pcm_s16le',
      clip.lateVideo
    ])
    clip.noAudio = join(clips, 'no-audio.mp4')
    ffmpegSync([...VIDEO, ...H264, clip.noAudio])
    clip.surround = join(clips, 'surround.mp4')
    ffmpegSync([
      ...VIDEO,
      '-f',
      'lavfi',
      '-i',
      toneFrom(0, 3),
      ...H264,
      '-c:a',
      'aac',
      '-ac',
      '6',
      clip.surround
    ])
    clip.audioOnly = join(clips, 'voice.m4a')
    ffmpegSync(['-f', 'lavfi', '-i', toneFrom(1, 2), '-c:a', 'aac', clip.audioOnly])
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  describe.each([
    ['the bundled ffmpeg (2018)', { bundledPath: undefined }],
    ["Debian's ffmpeg", { bundledPath: null }]
  ] as const)('with %s', (_name, locate) => {
    let ffmpeg: LocatedFfmpeg
    beforeAll(async () => {
      ffmpeg = await locateFfmpeg(locate)
    })

    it('writes 48 kHz stereo AAC in MP4 whose 0 is the first frame: audio starting 0.5 s late gets 0.5 s of silence', async () => {
      const dir = freshDir()
      const out = join(dir, 'sound.m4a')
      const result = await extractAudio(clip.lateAudio, out, { ffmpeg })
      expect(result).toMatchObject({ path: out, codec: 'aac', sampleRate: 48_000, channels: 2 })
      expect(probeAudioStream(out)).toEqual({ codec: 'aac', sampleRate: 48_000, channels: 2 })
      expect(readFileSync(out).subarray(4, 8).toString('latin1')).toBe('ftyp')
      const samples = decodeAudioMono(out)
      // The tone begins with the audio stream, 0.5 s into the video; AAC frames are 21 ms long.
      expect(Math.abs(toneOnsetSec(samples)! - 0.5)).toBeLessThan(0.01)
      expect(result!.durationSec).toBeGreaterThan(2.99)
      expect(result!.durationSec).toBeLessThan(3.05)
      expect(Math.abs(decodedDurationSec(samples) - result!.durationSec)).toBeLessThan(0.03)
      expect(readdirSync(dir)).toEqual(['sound.m4a'])
    })

    it('cuts audio that starts before the first frame, and keeps mono as mono', async () => {
      const out = join(freshDir(), 'sound.m4a')
      const videoStart = streamStartSec(clip.lateVideo, 'v')
      expect(videoStart).toBeGreaterThan(0.4)
      const result = await extractAudio(clip.lateVideo, out, { ffmpeg })
      expect(result).toMatchObject({ channels: 1, sampleRate: 48_000 })
      // The tone starts 1 s into the audio, which is (1 - videoStart) s after the first frame.
      const onset = toneOnsetSec(decodeAudioMono(out))!
      expect(Math.abs(onset - (1 - videoStart))).toBeLessThan(0.005)
      expect(Math.abs(result!.durationSec - (3.5 - videoStart))).toBeLessThan(0.03)
    })

    it('keeps the time of a file without video, and mixes 5.1 down to stereo', async () => {
      const voice = await extractAudio(clip.audioOnly, join(freshDir(), 'voice.m4a'), { ffmpeg })
      expect(Math.abs(toneOnsetSec(decodeAudioMono(voice!.path))! - 1)).toBeLessThan(0.005)
      const surround = await extractAudio(clip.surround, join(freshDir(), 'surround.m4a'), { ffmpeg })
      expect(surround?.channels).toBe(2)
      expect(probeAudioStream(surround!.path)?.channels).toBe(2)
    })
  })

  describe('errors and cancelling', () => {
    let ffmpeg: LocatedFfmpeg
    beforeAll(async () => {
      ffmpeg = await locateFfmpeg()
    })

    it('returns null and writes nothing for a video without audio', async () => {
      const dir = freshDir()
      expect(await extractAudio(clip.noAudio, join(dir, 'sound.m4a'), { ffmpeg })).toBeNull()
      expect(readdirSync(dir)).toEqual([])
    })

    it('reports a missing input, a folder and an unwritable output folder', async () => {
      const dir = freshDir()
      expectMimesisError(
        await extractAudio(join(dir, 'nope.mp4'), join(dir, 'a.m4a'), { ffmpeg }).catch((e: unknown) => e),
        'input-not-found'
      )
      expectMimesisError(
        await extractAudio(dir, join(dir, 'a.m4a'), { ffmpeg }).catch((e: unknown) => e),
        'input-not-found'
      )
      const error = expectMimesisError(
        await extractAudio(clip.lateAudio, join(dir, 'missing', 'a.m4a'), { ffmpeg }).catch(
          (e: unknown) => e
        ),
        'output-not-writable'
      )
      expect(error.message).toContain('does not exist')
      expectMimesisError(
        await extractAudio(clip.lateAudio, clip.lateAudio, { ffmpeg }).catch((e: unknown) => e),
        'output-not-writable'
      )
      expect(readdirSync(dir)).toEqual([])
    })

    it('reports a truncated file as damaged, whether its index is lost or its data ends early', async () => {
      const dir = freshDir()
      const whole = readFileSync(clip.lateAudio)
      // ffmpeg writes the MP4 index (moov) last by default: half a file has none.
      const noIndex = join(dir, 'no-index.mp4')
      writeFileSync(noIndex, whole.subarray(0, whole.length >> 1))
      const faststart = join(dir, 'faststart.mp4')
      ffmpegSync(['-i', clip.lateAudio, '-c', 'copy', '-movflags', '+faststart', faststart])
      const cut = readFileSync(faststart)
      const endsEarly = join(dir, 'ends-early.mp4')
      writeFileSync(endsEarly, cut.subarray(0, Math.round(cut.length * 0.7)))
      for (const input of [noIndex, endsEarly]) {
        const error = expectMimesisError(
          await extractAudio(input, join(dir, 'sound.m4a'), { ffmpeg }).catch((e: unknown) => e),
          'input-damaged'
        )
        expect(error.message).toMatch(/damaged or incomplete/)
        expect(error.detail).toBeTruthy()
      }
      expect(readdirSync(dir).sort()).toEqual(['ends-early.mp4', 'faststart.mp4', 'no-index.mp4'])
    })

    it('reports a file that is not media at all as an unsupported format', async () => {
      const dir = freshDir()
      const junk = join(dir, 'junk.mp4')
      writeFileSync(junk, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 251)))
      const error = expectMimesisError(
        await extractAudio(junk, join(dir, 'sound.m4a'), { ffmpeg }).catch((e: unknown) => e),
        'unsupported-format'
      )
      expect(error.message).toContain('not a video or audio file')
      expect(readdirSync(dir)).toEqual(['junk.mp4'])
    })

    it('an abort mid-way leaves no file, and an existing output untouched', async () => {
      const dir = freshDir()
      // Four minutes of uncompressed sound: long enough to be aborted while it is being encoded.
      const long = join(dir, 'long.wav')
      ffmpegSync(['-f', 'lavfi', '-i', toneFrom(0, 240), '-c:a', 'pcm_s16le', long])
      const out = join(dir, 'sound.m4a')
      writeFileSync(out, 'OLD')
      const controller = new AbortController()
      const running = extractAudio(long, out, { ffmpeg, signal: controller.signal }).catch((e: unknown) => e)
      // Abort once ffmpeg has created its temporary file.
      const deadline = Date.now() + 20_000
      while (!readdirSync(dir).some((name) => name.includes('mimesis-partial')) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      expect(readdirSync(dir).some((name) => name.includes('mimesis-partial'))).toBe(true)
      controller.abort()
      const error = expectMimesisError(await running, 'cancelled')
      expect(error.message).toMatch(/cancelled; no file was written/)
      expect(readdirSync(dir).sort()).toEqual(['long.wav', 'sound.m4a'])
      expect(readFileSync(out, 'utf8')).toBe('OLD')

      const before = new AbortController()
      before.abort()
      expectMimesisError(
        await extractAudio(long, join(dir, 'other.m4a'), { ffmpeg, signal: before.signal }).catch(
          (e: unknown) => e
        ),
        'cancelled'
      )
      expect(readdirSync(dir).sort()).toEqual(['long.wav', 'sound.m4a'])
    })
  })
})
